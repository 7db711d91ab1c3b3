using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Requests;

/// <summary>A service request was submitted in state Submitted for an item of the service catalog.</summary>
/// <remarks>Audit entry: command <c>Submit</c>; data keys <c>item</c>, <c>priority</c>, <c>service</c>, <c>offering</c>, <c>configurationItems</c> (a JSON array of ids; a null value or an empty list is left out), <c>variables</c> (the answers as a JSON object of kind-tagged values, docs/catalog.md; left out when there are none), <c>openedAt</c> (the host-given opened instant as an ISO instant, left out when none was given). The SLA snapshot starts with these service, offering and configuration items, and with <see cref="Itsm.Sla.TicketSnapshot.OpenedAt"/> from <see cref="OpenedAt"/> (the entry's own instant when none).</remarks>
/// <param name="ItemId">The catalog item's id.</param>
/// <param name="Priority">The priority (4 Low unless given).</param>

public sealed record ServiceRequestSubmitted(string ItemId, Priority Priority) : DomainEvent
{
    /// <summary>The service the request is for, if given.</summary>
    public ServiceId? Service { get; init; }

    /// <summary>The service offering, if given.</summary>
    public ServiceOfferingId? Offering { get; init; }

    /// <summary>The configuration items named at submission, in order; empty for none.</summary>
    public IReadOnlyList<ConfigurationItemId> ConfigurationItems { get; init; } = TicketServiceFields.NoItems;

    /// <summary>The answers to the catalog item's variables, completed with defaults; empty for none.</summary>
    public CatalogValues Variables { get; init; } = CatalogValues.Empty;

    /// <summary>
    /// When the request was opened, as the host gave it (<see cref="SubmitServiceRequest.OpenedAt"/>; ServiceNow's <c>opened_at</c>,
    /// for example when the request was phoned in before it was typed in), at or before the audit entry's instant; or
    /// <see langword="null"/> when none was given, and the request was opened when it was submitted.
    /// </summary>
    public NodaTime.Instant? OpenedAt { get; init; }

    /// <inheritdoc/>
    public bool Equals(ServiceRequestSubmitted? other) =>
        other is not null && ItemId == other.ItemId && Priority == other.Priority && Service == other.Service && Offering == other.Offering
        && System.Linq.Enumerable.SequenceEqual(ConfigurationItems, other.ConfigurationItems) && Variables.Equals(other.Variables)
        && OpenedAt == other.OpenedAt;

    /// <inheritdoc/>
    public override int GetHashCode() => System.HashCode.Combine(ItemId, Priority, Service, Offering, ConfigurationItems.Count);

    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Submit";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("item", ItemId), ("priority", AuditData.Number(Priority.Value)), ("service", Service?.Value), ("offering", Offering?.Value), ("configurationItems", TicketServiceFields.AuditText(ConfigurationItems)), ("variables", Variables.Count == 0 ? null : CatalogValuesJson.WriteTagged(Variables)), ("openedAt", AuditData.Instant(OpenedAt)));

    internal static ServiceRequestSubmitted? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ServiceRequestSubmitted(r.Required("item"), r.Priority("priority"))
        {
            Service = r.OptionalId("service", v => new ServiceId(v)),
            Offering = r.OptionalId("offering", v => new ServiceOfferingId(v)),
            ConfigurationItems = r.ConfigurationItems("configurationItems"),
            OpenedAt = r.OptionalInstant("openedAt"),
        };
        if (r.Optional("variables") is { } variables)
        {
            try
            {
                read = read with { Variables = CatalogValuesJson.ReadTagged(variables) };
            }
            catch (System.FormatException)
            {
                return null;
            }
        }

        return r.Ok ? read : null;
    }
}
