using System.Collections.Generic;
using Itsm.Services;

namespace Itsm.Common;

/// <summary>
/// A configuration item was removed from a ticket's list (the others keep their order). Shared by
/// incidents, service requests, problems and changes (the audit entry's record type says which).
/// </summary>
/// <remarks>
/// Audit entry: command <c>RemoveConfigurationItem</c>; data key <c>configurationItem</c>. In the ticket's SLA
/// snapshot, <see cref="ConfigurationItem"/> is removed from <see cref="Itsm.Sla.TicketSnapshot.ConfigurationItems"/>.
/// </remarks>
/// <param name="ConfigurationItem">The item removed.</param>
public sealed record TicketConfigurationItemRemoved(ConfigurationItemId ConfigurationItem) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RemoveConfigurationItem";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("configurationItem", ConfigurationItem.Value));

    internal static TicketConfigurationItemRemoved? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new TicketConfigurationItemRemoved(r.RequiredId("configurationItem", v => new ConfigurationItemId(v)));
        return r.Ok ? read : null;
    }
}
