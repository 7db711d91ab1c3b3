using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Journal;

/// <summary>
/// A work note was added to a ticket's journal: internal text for the people working it. Shared by incidents,
/// service requests, problems and changes (the audit entry's record type says which); the state does not change.
/// </summary>
/// <remarks>
/// Audit entry: command <c>AddWorkNote</c>; data key <c>text</c>. A reader who may not read work notes gets the
/// entry as a <see cref="JournalEntryWithheld"/> instead (docs/journal.md).
/// </remarks>
/// <param name="Text">The note, at most <see cref="FieldLimits.Text"/> characters.</param>
public sealed record WorkNoteAdded(string Text) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "AddWorkNote";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("text", Text));

    internal static WorkNoteAdded? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new WorkNoteAdded(r.Required("text"));
        return r.Ok ? read : null;
    }
}
