using System.Collections.Generic;
using Itsm.Services;

namespace Itsm.Common;

/// <summary>
/// A configuration item was removed from a ticket's list (the others keep their order). Shared by
/// incidents, service requests, problems and changes (the audit entry's record type says which).
/// </summary>
/// <remarks>
/// Audit entry: command <c>RemoveConfigurationItem</c>; data keys <c>configurationItem</c>, <c>voidedApprovals</c> (<see cref="VoidedApprovals"/>, left out when null). In the ticket's SLA
/// snapshot, <see cref="ConfigurationItem"/> is removed from <see cref="Itsm.Sla.TicketSnapshot.ConfigurationItems"/>.
/// </remarks>
/// <param name="ConfigurationItem">The item removed.</param>
public sealed record TicketConfigurationItemRemoved(ConfigurationItemId ConfigurationItem) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RemoveConfigurationItem";

    internal override string Command => CommandName;

    /// <summary>
    /// The number of approvals the edit voided when it restarted a service request's approval chain (the request
    /// was awaiting approval: docs/approvals.md, "Voided on edit"); <see langword="null"/> when no chain restarted
    /// (any other state, and every incident, problem and change: a change's scope is fixed once authorisation is asked for).
    /// </summary>
    public int? VoidedApprovals { get; init; }

    private string? Voided => VoidedApprovals is { } voided ? AuditData.Number(voided) : null;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("configurationItem", ConfigurationItem.Value), ("voidedApprovals", Voided));

    internal static TicketConfigurationItemRemoved? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new TicketConfigurationItemRemoved(r.RequiredId("configurationItem", v => new ConfigurationItemId(v))) { VoidedApprovals = (int?)r.OptionalNumber("voidedApprovals", 0, int.MaxValue) };
        return r.Ok ? read : null;
    }
}
