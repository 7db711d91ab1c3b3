using System.Collections.Generic;
using Itsm.Services;

namespace Itsm.Common;

/// <summary>
/// A ticket's service and offering were set (either may be none), and what they were before. Shared by
/// incidents, service requests, problems and changes (the audit entry's record type says which).
/// </summary>
/// <remarks>
/// Audit entry: command <c>ChangeService</c>; data keys <c>service</c>, <c>offering</c>, <c>fromService</c>,
/// <c>fromOffering</c>, <c>voidedApprovals</c> (<see cref="VoidedApprovals"/>; a null value is left out). In the ticket's SLA snapshot, <see cref="Itsm.Sla.TicketSnapshot.Service"/>
/// becomes <see cref="Service"/> and <see cref="Itsm.Sla.TicketSnapshot.Offering"/> becomes <see cref="Offering"/>.
/// </remarks>
/// <param name="Service">The service after, or null for none.</param>
/// <param name="Offering">The offering after, or null for none.</param>
/// <param name="FromService">The service before, or null for none.</param>
/// <param name="FromOffering">The offering before, or null for none.</param>
public sealed record TicketServiceChanged(ServiceId? Service, ServiceOfferingId? Offering, ServiceId? FromService, ServiceOfferingId? FromOffering) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "ChangeService";

    internal override string Command => CommandName;

    /// <summary>
    /// The number of approvals the edit voided when it restarted a service request's approval chain (the request
    /// was awaiting approval: docs/approvals.md, "Voided on edit"); <see langword="null"/> when no chain restarted
    /// (any other state, and every incident, problem and change: a change's scope is fixed once authorisation is asked for).
    /// </summary>
    public int? VoidedApprovals { get; init; }

    private string? Voided => VoidedApprovals is { } voided ? AuditData.Number(voided) : null;

    internal override IReadOnlyDictionary<string, string> ToAuditData() =>
        AuditData.Of(("service", Service?.Value), ("offering", Offering?.Value), ("fromService", FromService?.Value), ("fromOffering", FromOffering?.Value), ("voidedApprovals", Voided));

    internal static TicketServiceChanged? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new TicketServiceChanged(
            r.OptionalId("service", v => new ServiceId(v)),
            r.OptionalId("offering", v => new ServiceOfferingId(v)),
            r.OptionalId("fromService", v => new ServiceId(v)),
            r.OptionalId("fromOffering", v => new ServiceOfferingId(v))) { VoidedApprovals = (int?)r.OptionalNumber("voidedApprovals", 0, int.MaxValue) };
        return r.Ok ? read : null;
    }
}
