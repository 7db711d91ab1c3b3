using NodaTime;

namespace Itsm.Journal;

/// <summary>
/// What a ticket's state keeps of its journal: how many entries of each kind it has and the total time
/// worked. The entries themselves live in the audit log (read them with <c>ReadJournalAsync</c>), so a
/// command on a ticket with ten thousand journal entries costs what it costs on one with none.
/// </summary>
/// <remarks><c>default</c> is the summary of an empty journal: no entries, <see cref="Duration.Zero"/> worked.</remarks>
/// <param name="WorkNotes">The number of work notes.</param>
/// <param name="Comments">The number of comments.</param>
/// <param name="TimeEntries">The number of time-worked entries.</param>
/// <param name="TimeWorked">The sum of the time-worked entries; never more than <see cref="JournalLimits.MaxTimeWorked"/>.</param>
public readonly record struct JournalSummary(long WorkNotes, long Comments, long TimeEntries, Duration TimeWorked)
{
    /// <summary>The number of entries of every kind.</summary>
    public long Entries => WorkNotes + Comments + TimeEntries;
}
