using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;

namespace Itsm.Engine;

/// <summary>
/// Decides whether an actor may run a command on a record. The application services ask before
/// every command, after loading the record and before running it; they fail closed: a denial, an
/// exception from the authorizer, or no authorizer at all refuses the command and writes nothing.
/// </summary>
public interface IItsmAuthorizer
{
    /// <summary>Whether <paramref name="actor"/> may run <paramref name="command"/> on <paramref name="resource"/>.</summary>
    /// <param name="actor">Who issues the command.</param>
    /// <param name="command">
    /// The typed command, exactly as it will run: switch on its type (for example
    /// <see cref="Itsm.Incidents.ResolveIncident"/>) to see its arguments, or use
    /// <see cref="ItsmCommand.Name"/> (for example <c>"Resolve"</c>, or <c>"Open"</c> when it creates the record).
    /// </param>
    /// <param name="resource">The record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> to allow the command.</returns>
    ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmCommand command, ItsmResource resource, CancellationToken cancellationToken);
}
