using Ardalis.GuardClauses;
using Itsm.Incidents;

namespace Itsm.Import;

/// <summary>
/// The lifecycle policy a source system ran under, as a mapping's <c>lifecycle</c> states it: who may
/// reopen, until when and whether from Closed, and when work starts. The importer replays a log under
/// it (over the tenant's other incident options); a host that goes on working the imported tickets under
/// the same rules configures its engine with <see cref="ApplyTo"/>.
/// </summary>
/// <param name="Reopen">Who may reopen, the window, and whether closed incidents reopen.</param>
/// <param name="WorkStart">When assigning a new incident starts work.</param>
public sealed record ImportLifecycle(IncidentReopenPolicy Reopen, IncidentWorkStart WorkStart)
{
    /// <summary>The library's defaults: <see cref="IncidentReopenPolicy.Default"/> and <see cref="IncidentWorkStart.OnAssignment"/>.</summary>
    public static ImportLifecycle Default { get; } = new(IncidentReopenPolicy.Default, IncidentWorkStart.OnAssignment);

    /// <summary>The incident options <paramref name="options"/> with this lifecycle policy; the priority matrix, auto-close and the rest are kept.</summary>
    /// <param name="options">The options to start from (the tenant's).</param>
    /// <returns>The options with <see cref="IncidentOptions.Reopen"/> and <see cref="IncidentOptions.WorkStart"/> set to this policy's.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="options"/> is null.</exception>
    public IncidentOptions ApplyTo(IncidentOptions options) => Guard.Against.Null(options) with { Reopen = Reopen, WorkStart = WorkStart };
}
