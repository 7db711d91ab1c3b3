using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>An incident on hold now waits for something else (Awaiting Caller to Awaiting Vendor); it stays on hold, so SLA clocks paused on hold stay paused.</summary>
/// <remarks>Audit entry: command <c>ChangeHoldReason</c>; data keys <c>fromOnHoldReason</c>, <c>onHoldReason</c>, <c>comment</c> (a null value is left out).</remarks>
/// <param name="From">The reason before.</param>
/// <param name="Reason">The new reason.</param>
/// <param name="Comment">The comment, if any.</param>
public sealed record IncidentHoldReasonChanged(OnHoldReason From, OnHoldReason Reason, string? Comment) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "ChangeHoldReason";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() =>
        AuditData.Of(("fromOnHoldReason", From.ToString()), ("onHoldReason", Reason.ToString()), ("comment", Comment));

    internal static IncidentHoldReasonChanged? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentHoldReasonChanged(r.Enum<OnHoldReason>("fromOnHoldReason"), r.Enum<OnHoldReason>("onHoldReason"), r.Optional("comment"));
        return r.Ok ? read : null;
    }
}
