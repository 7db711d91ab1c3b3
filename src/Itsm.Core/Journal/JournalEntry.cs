using Itsm.Common;
using NodaTime;

namespace Itsm.Journal;

/// <summary>
/// One entry of a ticket's journal as <c>ReadJournalAsync</c> returns it: read from the audit entry that
/// recorded it, so its <see cref="Version"/> places it among the ticket's other changes.
/// </summary>
/// <param name="Version">The ticket's version the entry was recorded at.</param>
/// <param name="At">When it was added.</param>
/// <param name="Actor">Who added it.</param>
/// <param name="Kind">A work note, a comment, or time worked.</param>
/// <param name="Text">The note or comment; for time worked, the entry's note, or null when it has none.</param>
/// <param name="TimeWorked">For <see cref="JournalEntryKind.TimeWorked"/>, the time logged; otherwise null.</param>
public sealed record JournalEntry(long Version, Instant At, Actor Actor, JournalEntryKind Kind, string? Text, Duration? TimeWorked)
{
    /// <summary>Whether the entry is internal (a work note or time worked): only readers allowed <c>ReadWorkNotes</c> see it.</summary>
    public bool IsInternal => Kind != JournalEntryKind.Comment;

    /// <summary>The journal entry <paramref name="entry"/> records, or null when it records something else (or an entry withheld).</summary>
    internal static JournalEntry? From(AuditEntry entry) => JournalEvents.Read(entry.Command, entry.Data) switch
    {
        WorkNoteAdded e => new JournalEntry(entry.Version, entry.At, entry.Actor, JournalEntryKind.WorkNote, e.Text, null),
        CommentAdded e => new JournalEntry(entry.Version, entry.At, entry.Actor, JournalEntryKind.Comment, e.Text, null),
        TimeWorkedLogged e => new JournalEntry(entry.Version, entry.At, entry.Actor, JournalEntryKind.TimeWorked, e.Note, e.Duration),
        _ => null,
    };
}
