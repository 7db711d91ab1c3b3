using System;
using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Journal;

/// <summary>
/// Reads the journal events every ticket type shares, and withholds the internal ones from readers who may not
/// read work notes (docs/journal.md).
/// </summary>
internal static class JournalEvents
{
    /// <summary>The event types of journal entries; none of them changes an SLA snapshot.</summary>
    internal static readonly IReadOnlySet<Type> Types = new HashSet<Type>
    {
        typeof(WorkNoteAdded), typeof(CommentAdded), typeof(TimeWorkedLogged), typeof(JournalEntryWithheld),
    };

    /// <summary>The journal event of <paramref name="command"/>, or null for a command that is not a journal entry.</summary>
    internal static DomainEvent? Read(string command, IReadOnlyDictionary<string, string> data) => command switch
    {
        WorkNoteAdded.CommandName => IsWithheld(data) ? new JournalEntryWithheld(JournalEntryKind.WorkNote) : WorkNoteAdded.Read(data),
        CommentAdded.CommandName => CommentAdded.Read(data),
        TimeWorkedLogged.CommandName => IsWithheld(data) ? new JournalEntryWithheld(JournalEntryKind.TimeWorked) : TimeWorkedLogged.Read(data),
        _ => null,
    };

    /// <summary>Whether an entry with <paramref name="command"/> is internal: a work note or time worked, whatever its record type.</summary>
    internal static bool IsInternal(string command) =>
        string.Equals(command, WorkNoteAdded.CommandName, StringComparison.Ordinal) || string.Equals(command, TimeWorkedLogged.CommandName, StringComparison.Ordinal);

    /// <summary>
    /// The entries as a reader who may not read work notes gets them: every internal entry of a ticket type keeps
    /// its place, version, instant, actor and states, and loses its data (<see cref="JournalEntryWithheld"/>). The
    /// list itself is returned when it holds no internal entry.
    /// </summary>
    internal static IReadOnlyList<AuditEntry> Withhold(IReadOnlyList<AuditEntry> entries)
    {
        AuditEntry[]? copy = null;
        for (int i = 0; i < entries.Count; i++)
        {
            if (MustWithhold(entries[i]))
            {
                copy ??= [.. entries];
                copy[i] = Withhold(entries[i]);
            }
        }

        return copy ?? entries;
    }

    /// <summary>Whether <paramref name="entry"/> is an internal journal entry of a ticket type with its content still in it.</summary>
    internal static bool MustWithhold(AuditEntry entry) =>
        IsInternal(entry.Command) && IsTicket(entry.RecordType) && !IsWithheld(entry.Data);

    internal static AuditEntry Withhold(AuditEntry entry) => entry with { Data = JournalEntryWithheld.Data };

    /// <summary>The record types that keep a journal: incidents, service requests, problems and changes.</summary>
    internal static bool IsTicket(string recordType) => recordType switch
    {
        Incidents.Incident.RecordType or Requests.ServiceRequest.RecordType or Problems.Problem.RecordType or Changes.Change.RecordType => true,
        _ => false,
    };

    private static bool IsWithheld(IReadOnlyDictionary<string, string> data) => data.ContainsKey(JournalEntryWithheld.WithheldKey);
}
