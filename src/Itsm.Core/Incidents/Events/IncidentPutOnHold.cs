using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

/// <summary>The incident was put on hold.</summary>
/// <remarks>Audit entry: command <c>PutOnHold</c>; data keys <c>onHoldReason</c>, <c>comment</c>, <c>supplier</c> (a null value is left out). In the SLA snapshot, <see cref="Itsm.Sla.TicketSnapshot.OnHoldReason"/> becomes <see cref="Reason"/> and, when <see cref="Supplier"/> is set, <see cref="Itsm.Sla.TicketSnapshot.Supplier"/> becomes it until the hold ends.</remarks>
/// <param name="Reason">Why.</param>
/// <param name="Comment">The comment, if any.</param>

public sealed record IncidentPutOnHold(OnHoldReason Reason, string? Comment) : DomainEvent
{
    /// <summary>The supplier the incident waits for (only with <see cref="OnHoldReason.AwaitingVendor"/>), or null.</summary>
    public SupplierId? Supplier { get; init; }

    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "PutOnHold";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("onHoldReason", Reason.ToString()), ("comment", Comment), ("supplier", Supplier?.Value));

    internal static IncidentPutOnHold? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentPutOnHold(r.Enum<OnHoldReason>("onHoldReason"), r.Optional("comment")) { Supplier = r.OptionalId("supplier", v => new SupplierId(v)) };
        return r.Ok ? read : null;
    }
}
