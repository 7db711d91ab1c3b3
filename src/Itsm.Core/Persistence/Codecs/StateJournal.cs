using System.Text.Json;
using Itsm.Journal;
using NodaTime;
using N = Itsm.Persistence.StateNames;

namespace Itsm.Persistence;

/// <summary>
/// How ticket states store their journal summary (docs/record-state.md, docs/journal.md): the object
/// <c>journal</c> with the counts <c>workNotes</c>, <c>comments</c>, <c>timeEntries</c> and the total
/// <c>timeWorkedSeconds</c>. The field is optional, so a state saved before journals existed reads as an
/// empty journal. The entries themselves are in the audit log, never here.
/// </summary>
internal static class StateJournal
{
    private const string Field = "journal";

    internal static void WriteJournal(this Utf8JsonWriter writer, JournalSummary journal)
    {
        writer.WriteStartObject(Field);
        writer.WriteNumber(N.WorkNotes, journal.WorkNotes);
        writer.WriteNumber(N.Comments, journal.Comments);
        writer.WriteNumber(N.TimeEntries, journal.TimeEntries);
        writer.WriteNumber(N.TimeWorkedSeconds, (long)journal.TimeWorked.TotalSeconds);
        writer.WriteEndObject();
    }

    /// <summary>The stored summary; empty when the field is missing.</summary>
    /// <exception cref="JsonException">A count is not a non-negative integer, or the time worked is beyond <see cref="JournalLimits.MaxTimeWorked"/>.</exception>
    internal static JournalSummary Journal(this StateReader reader)
    {
        if (!reader.Has(Field))
        {
            return default;
        }

        var journal = reader.Object(Field);
        long maxSeconds = (long)JournalLimits.MaxTimeWorked.TotalSeconds;
        return new JournalSummary(
            Count(journal, "workNotes", long.MaxValue),
            Count(journal, "comments", long.MaxValue),
            Count(journal, "timeEntries", long.MaxValue),
            Duration.FromSeconds(Count(journal, "timeWorkedSeconds", maxSeconds)));
    }

    private static long Count(StateReader reader, string name, long max)
    {
        // Counts are written as plain digits: read those without a decimal parse (every record load reads four).
        if (reader.TryPlainDigits(name, out long digits) && digits <= max)
        {
            return digits;
        }

        decimal value = reader.Decimal(name);
        return value >= 0 && value <= max && decimal.Truncate(value) == value
            ? (long)value
            : throw reader.Error(name, $"must be a whole number from 0 to {max}");
    }
}
