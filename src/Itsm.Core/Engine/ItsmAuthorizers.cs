using System;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Engine;

/// <summary>Ready-made <see cref="IItsmAuthorizer"/>s.</summary>
public static class ItsmAuthorizers
{
    /// <summary>Allows every operation, reads and commands alike. For tests, samples and hosts that authorize before calling the engine; never the default.</summary>
    public static IItsmAuthorizer AllowAll { get; } = new DelegateAuthorizer(static (_, _, _) => true);

    /// <summary>An authorizer from a synchronous rule.</summary>
    /// <param name="rule">
    /// Returns whether the actor may run the operation on the resource. It sees every operation, reads
    /// included: switch on the operation's type and answer <see langword="false"/> for the rest, so a rule
    /// written only for commands refuses reads.
    /// </param>
    /// <returns>The authorizer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public static IItsmAuthorizer FromRule(Func<Actor, ItsmOperation, ItsmResource, bool> rule) => new DelegateAuthorizer(Guard.Against.Null(rule));

    private sealed class DelegateAuthorizer(Func<Actor, ItsmOperation, ItsmResource, bool> rule) : IItsmAuthorizer
    {
        public ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmOperation operation, ItsmResource resource, CancellationToken cancellationToken) =>
            ValueTask.FromResult(rule(actor, operation, resource));
    }
}
