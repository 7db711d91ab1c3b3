using NodaTime;

namespace Itsm.Journal;

/// <summary>The bounds of journal entries (docs/journal.md, docs/limits.md): text as <see cref="Itsm.Common.FieldLimits.Text"/>, time as below.</summary>
public static class JournalLimits
{
    /// <summary>The longest single time-worked entry: 24 hours. Longer work is logged as several entries (one per day worked, as time sheets do).</summary>
    public static Duration MaxTimeEntry { get; } = Duration.FromHours(24);

    /// <summary>
    /// The most time worked one ticket may total: 100,000 hours (more than eleven years of round-the-clock work).
    /// A bound that no real ticket reaches keeps the summary's sum exact and its text short.
    /// </summary>
    public static Duration MaxTimeWorked { get; } = Duration.FromHours(100_000);

    /// <summary>The stable code of the refusal of a time entry that would take the ticket's total past <see cref="MaxTimeWorked"/>: <c>ITSM-JOURNAL-001</c>.</summary>
    public const string TimeWorkedFullCode = "ITSM-JOURNAL-001";
}
