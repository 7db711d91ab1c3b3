using System.Collections.Generic;
using System.Collections.ObjectModel;
using Itsm.Services;

namespace Itsm.Common;

/// <summary>
/// The service-model fields of a ticket's SLA snapshot (service, offering, configuration items, assigned
/// supplier) as its audit events set them: the one fold of the shared events
/// (<see cref="TicketServiceChanged"/>, <see cref="TicketConfigurationItemAdded"/>,
/// <see cref="TicketConfigurationItemRemoved"/>, <see cref="TicketSupplierAssigned"/>) that every ticket
/// type's replay uses.
/// </summary>
internal readonly record struct TicketServiceView(string? Service, string? Offering, ReadOnlyCollection<string> ConfigurationItems, string? Supplier)
{
    internal static TicketServiceView None { get; } = new(null, null, TicketServiceFields.NoItemTexts, null);

    internal static TicketServiceView Opened(ServiceId? service, ServiceOfferingId? offering, IReadOnlyList<ConfigurationItemId> items) =>
        new(service?.Value, offering?.Value, TicketServiceFields.Texts(items), null);

    /// <summary>The view after <paramref name="domainEvent"/>; unchanged by any other event.</summary>
    internal TicketServiceView Apply(DomainEvent domainEvent) => domainEvent switch
    {
        TicketServiceChanged e => this with { Service = e.Service?.Value, Offering = e.Offering?.Value },
        TicketConfigurationItemAdded e => this with { ConfigurationItems = Added(ConfigurationItems, e.ConfigurationItem.Value) },
        TicketConfigurationItemRemoved e => this with { ConfigurationItems = Removed(ConfigurationItems, e.ConfigurationItem.Value) },
        TicketSupplierAssigned e => this with { Supplier = e.Supplier?.Value },
        _ => this,
    };

    private static ReadOnlyCollection<string> Added(ReadOnlyCollection<string> items, string item)
    {
        var copy = new string[items.Count + 1];
        items.CopyTo(copy, 0);
        copy[^1] = item;
        return new ReadOnlyCollection<string>(copy);
    }

    private static ReadOnlyCollection<string> Removed(ReadOnlyCollection<string> items, string item)
    {
        var copy = new List<string>(items.Count);
        foreach (var candidate in items)
        {
            if (!string.Equals(candidate, item, System.StringComparison.Ordinal))
            {
                copy.Add(candidate);
            }
        }

        return copy.Count == 0 ? TicketServiceFields.NoItemTexts : copy.AsReadOnly();
    }
}
