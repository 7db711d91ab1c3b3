using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Journal;

/// <summary>
/// A comment was added to a ticket's journal: text the caller reads too. Shared by incidents, service requests,
/// problems and changes (the audit entry's record type says which); the state does not change.
/// </summary>
/// <remarks>Audit entry: command <c>AddComment</c>; data key <c>text</c>.</remarks>
/// <param name="Text">The comment, at most <see cref="FieldLimits.Text"/> characters.</param>
public sealed record CommentAdded(string Text) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "AddComment";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("text", Text));

    internal static CommentAdded? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new CommentAdded(r.Required("text"));
        return r.Ok ? read : null;
    }
}
