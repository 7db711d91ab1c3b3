namespace Itsm.ProcessMining;

/// <summary>What an OCEL export wrote.</summary>
/// <param name="Events">The events: one per audit entry exported.</param>
/// <param name="Objects">
/// The objects: one per record the entries belong to, and one per record they link to (a problem an incident
/// was linked to, a change named as a cause, a parent incident), whether or not the log holds that record's
/// own entries.
/// </param>
/// <remarks><c>default</c> is an export of nothing: no events, no objects.</remarks>
public readonly record struct OcelExportSummary(long Events, int Objects);
