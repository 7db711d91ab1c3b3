using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>The caller responded (an incident awaiting the caller resumes).</summary>
/// <remarks>Audit entry: command <c>RecordCallerResponse</c>; data keys <c>comment</c> (a null value is left out).</remarks>
/// <param name="Comment">The caller's response.</param>

public sealed record CallerResponseRecorded(string Comment) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RecordCallerResponse";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("comment", Comment));

    internal static CallerResponseRecorded? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new CallerResponseRecorded(r.Required("comment"));
        return r.Ok ? read : null;
    }
}
