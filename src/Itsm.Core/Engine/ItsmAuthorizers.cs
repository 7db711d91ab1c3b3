using System;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Persistence;

namespace Itsm.Engine;

/// <summary>Ready-made <see cref="IItsmAuthorizer"/>s.</summary>
public static class ItsmAuthorizers
{
    /// <summary>Allows every command. For tests, samples and hosts that authorize before calling the engine; never the default.</summary>
    public static IItsmAuthorizer AllowAll { get; } = new DelegateAuthorizer(static (_, _, _) => true);

    /// <summary>An authorizer from a synchronous rule.</summary>
    /// <param name="rule">Returns whether the actor may run the command on the resource.</param>
    /// <returns>The authorizer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public static IItsmAuthorizer FromRule(Func<Actor, ItsmCommand, ItsmResource, bool> rule) => new DelegateAuthorizer(Guard.Against.Null(rule));

    private sealed class DelegateAuthorizer(Func<Actor, ItsmCommand, ItsmResource, bool> rule) : IItsmAuthorizer
    {
        public ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmCommand command, ItsmResource resource, CancellationToken cancellationToken) =>
            ValueTask.FromResult(rule(actor, command, resource));
    }
}
