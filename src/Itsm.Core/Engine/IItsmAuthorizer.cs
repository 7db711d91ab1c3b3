using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;

namespace Itsm.Engine;

/// <summary>
/// Decides whether an actor may run an operation: a command on a record, or a read or save. The engine
/// asks on every path — commands, loads, queries, history, audit and feed reads, and saves of records
/// the caller commanded itself — and fails closed: a denial, an exception from the authorizer, or no
/// authorizer at all refuses the operation and writes or returns nothing.
/// </summary>
/// <remarks>
/// <para>A rule switches on the operation's type. Write it so that anything it does not name is refused:</para>
/// <code>
/// ItsmAuthorizers.FromRule((actor, operation, resource) => operation switch
/// {
///     ReadRecord or ReadHistory or QueryRecords => actor.HasRole("itil"),
///     OpenIncident => true,
///     ItsmCommand => actor.HasRole("itil"),
///     ReadJournal => actor.HasRole("itil") || (resource.Record is Incident i &amp;&amp; i.CallerId == actor.Id), // a caller: the comments
///     ReadWorkNotes => actor.HasRole("itil"),    // work notes and time worked: agents only
///     _ => false, // ReadAudit, ReadFeed, SaveRecord, and whatever a later version adds
/// });
/// </code>
/// <para>The raw <see cref="Itsm.Persistence.IAggregateStore"/> (<see cref="ItsmEngine.Store"/>) asks
/// no one: it is for hosts that authorize themselves.</para>
/// </remarks>
public interface IItsmAuthorizer
{
    /// <summary>Whether <paramref name="actor"/> may run <paramref name="operation"/> on <paramref name="resource"/>.</summary>
    /// <param name="actor">Who asks.</param>
    /// <param name="operation">
    /// What they ask, as a type. A command (<see cref="ItsmCommand"/>) exactly as it will run: switch on its
    /// type (for example <see cref="Itsm.Incidents.ResolveIncident"/>) to see its arguments. Or one of the
    /// engine's reads and saves: <see cref="ReadRecord"/>, <see cref="QueryRecords"/>, <see cref="ReadHistory"/>,
    /// <see cref="ReadAudit"/>, <see cref="ReadFeed"/>, <see cref="SaveRecord"/>. <see cref="ItsmOperation.Name"/>
    /// names it (for example <c>"Resolve"</c>, <c>"Open"</c>, <c>"Read"</c>).
    /// </param>
    /// <param name="resource">
    /// What it applies to: the tenant always; the record type and id when one record is meant; the loaded
    /// record for commands on a record, reads of one record and saves (see <see cref="ItsmResource"/>).
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> to allow the operation.</returns>
    ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmOperation operation, ItsmResource resource, CancellationToken cancellationToken);
}
