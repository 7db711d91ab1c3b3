using System.Collections.Generic;
using Itsm.Services;

namespace Itsm.Common;

/// <summary>
/// A configuration item was added to a ticket's list (at its end). Shared by incidents, service requests,
/// problems and changes (the audit entry's record type says which).
/// </summary>
/// <remarks>
/// Audit entry: command <c>AddConfigurationItem</c>; data key <c>configurationItem</c>. In the ticket's SLA
/// snapshot, <see cref="ConfigurationItem"/> is appended to <see cref="Itsm.Sla.TicketSnapshot.ConfigurationItems"/>.
/// </remarks>
/// <param name="ConfigurationItem">The item added.</param>
public sealed record TicketConfigurationItemAdded(ConfigurationItemId ConfigurationItem) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "AddConfigurationItem";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("configurationItem", ConfigurationItem.Value));

    internal static TicketConfigurationItemAdded? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new TicketConfigurationItemAdded(r.RequiredId("configurationItem", v => new ConfigurationItemId(v)));
        return r.Ok ? read : null;
    }
}
