using System.Collections.Generic;
using Itsm.Services;

namespace Itsm.Common;

/// <summary>
/// A ticket was assigned to a supplier (the supplier works it, as ServiceNow's vendor fields say), or
/// back from one (<see cref="Supplier"/> null), and the supplier before. Shared by incidents, service
/// requests, problems and changes (the audit entry's record type says which). The support-group
/// assignment does not change: the group still owns the ticket.
/// </summary>
/// <remarks>
/// Audit entry: command <c>AssignToSupplier</c>; data keys <c>supplier</c>, <c>fromSupplier</c>, <c>voidedApprovals</c> (<see cref="VoidedApprovals"/>; a null value is
/// left out). In the ticket's SLA snapshot, <see cref="Itsm.Sla.TicketSnapshot.Supplier"/> becomes <see cref="Supplier"/>,
/// except while an incident is on hold awaiting another named supplier (<see cref="Itsm.Incidents.IncidentPutOnHold.Supplier"/>),
/// which the snapshot shows until the hold ends.
/// </remarks>
/// <param name="Supplier">The supplier after, or null for none.</param>
/// <param name="FromSupplier">The supplier before, or null for none.</param>
public sealed record TicketSupplierAssigned(SupplierId? Supplier, SupplierId? FromSupplier) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "AssignToSupplier";

    internal override string Command => CommandName;

    /// <summary>
    /// The number of approvals the edit voided when it restarted a service request's approval chain (the request
    /// was awaiting approval: docs/approvals.md, "Voided on edit"); <see langword="null"/> when no chain restarted
    /// (any other state, and every incident, problem and change: a change's scope is fixed once authorisation is asked for).
    /// </summary>
    public int? VoidedApprovals { get; init; }

    private string? Voided => VoidedApprovals is { } voided ? AuditData.Number(voided) : null;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("supplier", Supplier?.Value), ("fromSupplier", FromSupplier?.Value), ("voidedApprovals", Voided));

    internal static TicketSupplierAssigned? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new TicketSupplierAssigned(r.OptionalId("supplier", v => new SupplierId(v)), r.OptionalId("fromSupplier", v => new SupplierId(v))) { VoidedApprovals = (int?)r.OptionalNumber("voidedApprovals", 0, int.MaxValue) };
        return r.Ok && read.Supplier != read.FromSupplier ? read : null;
    }
}
