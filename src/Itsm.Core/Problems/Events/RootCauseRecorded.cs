using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>The problem's root cause was recorded, replacing an earlier one (and the known error's, if there is one).</summary>
/// <remarks>Audit entry: command <c>RecordRootCause</c>; data keys <c>rootCause</c> (a null value is left out).</remarks>
/// <param name="RootCause">The root cause.</param>

public sealed record RootCauseRecorded(string RootCause) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RecordRootCause";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("rootCause", RootCause));

    internal static RootCauseRecorded? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new RootCauseRecorded(r.Required("rootCause"));
        return r.Ok ? read : null;
    }
}
