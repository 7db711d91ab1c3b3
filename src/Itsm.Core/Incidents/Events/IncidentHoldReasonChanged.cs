using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

/// <summary>An incident on hold now waits for something else (Awaiting Caller to Awaiting Vendor); it stays on hold, so SLA clocks paused on hold stay paused.</summary>
/// <remarks>Audit entry: command <c>ChangeHoldReason</c>; data keys <c>fromOnHoldReason</c>, <c>onHoldReason</c>, <c>comment</c>, <c>supplier</c> (a null value is left out). In the SLA snapshot, <see cref="Itsm.Sla.TicketSnapshot.OnHoldReason"/> becomes <see cref="Reason"/>, and the supplier waited for becomes <see cref="Supplier"/> (none when null).</remarks>
/// <param name="From">The reason before.</param>
/// <param name="Reason">The new reason.</param>
/// <param name="Comment">The comment, if any.</param>
public sealed record IncidentHoldReasonChanged(OnHoldReason From, OnHoldReason Reason, string? Comment) : DomainEvent
{
    /// <summary>The supplier the incident now waits for (only with <see cref="OnHoldReason.AwaitingVendor"/>), or null.</summary>
    public SupplierId? Supplier { get; init; }

    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "ChangeHoldReason";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() =>
        AuditData.Of(("fromOnHoldReason", From.ToString()), ("onHoldReason", Reason.ToString()), ("comment", Comment), ("supplier", Supplier?.Value));

    internal static IncidentHoldReasonChanged? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentHoldReasonChanged(r.Enum<OnHoldReason>("fromOnHoldReason"), r.Enum<OnHoldReason>("onHoldReason"), r.Optional("comment")) { Supplier = r.OptionalId("supplier", v => new SupplierId(v)) };
        return r.Ok ? read : null;
    }
}
