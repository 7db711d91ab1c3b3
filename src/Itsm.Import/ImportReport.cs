using System.Collections.Generic;

namespace Itsm.Import;

/// <summary>What an import did: how many tickets were accepted, skipped and refused, and why each refused one was.</summary>
/// <param name="Mapping">The mapping's name.</param>
/// <param name="Tickets">The tickets in the file (distinct ticket keys).</param>
/// <param name="Accepted">The tickets whose whole history was accepted and stored by this import.</param>
/// <param name="AlreadyImported">The tickets skipped because they were already stored (by an earlier import of the same tenant and mapping).</param>
/// <param name="EventsRead">The data rows read, each an event of the source.</param>
/// <param name="RowsWithoutKey">Rows skipped because their ticket key was empty (they belong to no ticket).</param>
/// <param name="CommandsApplied">The commands the accepted tickets' histories became (openings included): their audit entries.</param>
/// <param name="RefusalCategories">The refusals grouped by category, the most frequent first, each with an example ticket.</param>
/// <param name="Refusals">Every refused ticket, in file order.</param>
public sealed record ImportReport(
    string Mapping,
    int Tickets,
    int Accepted,
    int AlreadyImported,
    long EventsRead,
    long RowsWithoutKey,
    long CommandsApplied,
    IReadOnlyList<ImportRefusalCategory> RefusalCategories,
    IReadOnlyList<ImportRefusal> Refusals)
{
    /// <summary>The tickets refused: none of their history was stored.</summary>
    public int Refused => Refusals.Count;

    /// <summary>
    /// Under <see cref="ImportClosedEdits.CarryToReopen"/>: the rows of accepted tickets that changed a field of the Closed
    /// or Canceled ticket (assignment group or assignee, impact or urgency, a link) and that no later reopen carried into the record,
    /// so their changes were dropped rather than the ticket refused. 0 when the mapping refuses such edits. A row counts
    /// once, whatever number of fields it changed; a row repeating what an earlier one changed does not count.
    /// </summary>
    public long IgnoredEditsAfterClose { get; init; }

    /// <summary>The accepted tickets with at least one edit counted in <see cref="IgnoredEditsAfterClose"/>.</summary>
    public int TicketsWithIgnoredEditsAfterClose { get; init; }

    /// <summary>The key of the first ticket (in file order) with an edit counted in <see cref="IgnoredEditsAfterClose"/>; <see langword="null"/> when none has one.</summary>
    public string? IgnoredEditsAfterCloseExample { get; init; }

    /// <summary>
    /// Under <see cref="ImportClosedEdits.CarryToReopen"/>: the rows of accepted tickets that changed a field of the Closed
    /// ticket and whose changes were applied right after a later reopen, at its instant and by its actor.
    /// </summary>
    public long EditsAfterCloseCarriedToReopen { get; init; }

    /// <summary>The share of tickets whose whole history is stored (accepted now or before), from 0 to 1; 1 for an empty file.</summary>
    public double AcceptedShare => Tickets == 0 ? 1 : (Accepted + AlreadyImported) / (double)Tickets;
}
