using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>
/// Decides whether an actor may run a command on a record. The application services ask before
/// every command, after loading the record and before running it; they fail closed: a denial, an
/// exception from the authorizer, or no authorizer at all refuses the command and writes nothing.
/// </summary>
public interface IItsmAuthorizer
{
    /// <summary>Whether <paramref name="actor"/> may run <paramref name="action"/> on <paramref name="resource"/>.</summary>
    /// <param name="actor">Who issues the command.</param>
    /// <param name="action">The command's name, for example <c>"Resolve"</c> (or <c>"Open"</c> when it creates the record).</param>
    /// <param name="resource">The record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> to allow the command.</returns>
    ValueTask<bool> IsAuthorizedAsync(Actor actor, string action, ItsmResource resource, CancellationToken cancellationToken);
}
