using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Sla;

/// <summary>
/// A ticket's SLA clocks were recomputed from its audit log with the agreements and calendars in force
/// (after a calendar or agreement edit): the event of the <c>RecomputeSla</c> command on incidents and
/// service requests. The state and the SLA view of the history do not change; the stored clock states do.
/// </summary>
/// <remarks>Audit entry: command <c>RecomputeSla</c>; data key <c>reason</c>.</remarks>
/// <param name="Reason">Why the clocks were recomputed, for example <c>"calendar uk-office: 2026 holidays corrected"</c>.</param>
public sealed record SlaRecomputed(string Reason) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RecomputeSla";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("reason", Reason));

    internal static SlaRecomputed? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new SlaRecomputed(r.Required("reason"));
        return r.Ok ? read : null;
    }
}
