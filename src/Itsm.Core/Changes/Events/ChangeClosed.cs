using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>The reviewed change was closed with the review's outcome (it feeds the change success rate).</summary>
/// <remarks>Audit entry: command <c>Close</c>; data keys <c>outcome</c>, <c>notes</c> (a null value is left out).</remarks>
/// <param name="Outcome">The review's outcome.</param>
/// <param name="Notes">Review notes, if any.</param>

public sealed record ChangeClosed(ChangeReviewOutcome Outcome, string? Notes) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Close";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("outcome", Outcome.ToString()), ("notes", Notes));

    internal static ChangeClosed? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ChangeClosed(r.Enum<ChangeReviewOutcome>("outcome"), r.Optional("notes"));
        return r.Ok ? read : null;
    }
}
