using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

/// <summary>An incident was opened (logged) in state New.</summary>
/// <remarks>Audit entry: command <c>Open</c>; data keys <c>callerId</c>, <c>impact</c>, <c>urgency</c>, <c>priority</c>, <c>service</c>, <c>offering</c>, <c>configurationItems</c> (a JSON array of ids; a null value or an empty list is left out), <c>openedAt</c> (the host-given opened instant as an ISO instant, left out when none was given). The SLA snapshot starts with these service, offering and configuration items, and with <see cref="Itsm.Sla.TicketSnapshot.OpenedAt"/> from <see cref="OpenedAt"/> (the entry's own instant when none).</remarks>
/// <param name="CallerId">The caller's id.</param>
/// <param name="Impact">The impact.</param>
/// <param name="Urgency">The urgency.</param>
/// <param name="Priority">The priority derived from impact and urgency.</param>
/// <param name="Service">The affected service, if known.</param>

public sealed record IncidentOpened(string CallerId, Impact Impact, Urgency Urgency, Priority Priority, ServiceId? Service) : DomainEvent
{
    /// <summary>The service offering, if known.</summary>
    public ServiceOfferingId? Offering { get; init; }

    /// <summary>The configuration items named at opening (affected CIs), in order; empty for none.</summary>
    public IReadOnlyList<ConfigurationItemId> ConfigurationItems { get; init; } = TicketServiceFields.NoItems;

    /// <summary>
    /// When the incident was opened, as the host gave it (<see cref="OpenIncident.OpenedAt"/>; ServiceNow's <c>opened_at</c>,
    /// for example when the call was taken before the ticket was typed in), at or before the audit entry's instant; or
    /// <see langword="null"/> when none was given, and the incident was opened at the entry's instant.
    /// </summary>
    public NodaTime.Instant? OpenedAt { get; init; }

    /// <inheritdoc/>
    public bool Equals(IncidentOpened? other) =>
        other is not null && CallerId == other.CallerId && Impact == other.Impact && Urgency == other.Urgency && Priority == other.Priority
        && Service == other.Service && Offering == other.Offering && System.Linq.Enumerable.SequenceEqual(ConfigurationItems, other.ConfigurationItems)
        && OpenedAt == other.OpenedAt;

    /// <inheritdoc/>
    public override int GetHashCode() => System.HashCode.Combine(CallerId, Impact, Urgency, Priority, Service, Offering, ConfigurationItems.Count);

    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Open";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("callerId", CallerId), ("impact", AuditData.Number((int)Impact)), ("urgency", AuditData.Number((int)Urgency)), ("priority", AuditData.Number(Priority.Value)), ("service", Service?.Value), ("offering", Offering?.Value), ("configurationItems", TicketServiceFields.AuditText(ConfigurationItems)), ("openedAt", AuditData.Instant(OpenedAt)));

    internal static IncidentOpened? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentOpened(r.Required("callerId"), r.NumberEnum<Impact>("impact"), r.NumberEnum<Urgency>("urgency"), r.Priority("priority"), r.OptionalId("service", v => new ServiceId(v)))
        {
            Offering = r.OptionalId("offering", v => new ServiceOfferingId(v)),
            ConfigurationItems = r.ConfigurationItems("configurationItems"),
            OpenedAt = r.OptionalInstant("openedAt"),
        };
        return r.Ok ? read : null;
    }
}
