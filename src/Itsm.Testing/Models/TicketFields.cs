using System.Collections.Immutable;
using Itsm.Services;

namespace Itsm.Testing.Models;

/// <summary>
/// A ticket's service-model fields (service, offering, configuration items, assigned supplier) and the
/// rules every ticket type's ChangeService, AddConfigurationItem, RemoveConfigurationItem and
/// AssignToSupplier share; <c>prefix</c> is the record type's code prefix (<c>ITSM-INC</c>).
/// </summary>
internal readonly record struct TicketFields(ServiceId? Service, ServiceOfferingId? Offering, ImmutableList<ConfigurationItemId> Items, SupplierId? Supplier)
{
    public static TicketFields Opened(ServiceId? service, ServiceOfferingId? offering, System.Collections.Generic.IReadOnlyList<ConfigurationItemId>? items) =>
        new(service, offering, items is null ? [] : [.. items], null);

    public string? ServiceUnchanged(ServiceId? service, ServiceOfferingId? offering, string prefix) =>
        service == Service && offering == Offering ? prefix + "-SERVICE-001" : null;

    public string? NotAddable(ConfigurationItemId item, string prefix) =>
        Items.Contains(item) ? prefix + "-CI-001" : Items.Count >= Itsm.Common.FieldLimits.Items ? Itsm.Common.FieldLimits.CollectionFullCode : null;

    public string? NotNamed(ConfigurationItemId item, string prefix) => Items.Contains(item) ? null : prefix + "-CI-002";

    public string? SupplierUnchanged(SupplierId? supplier, string prefix) => supplier == Supplier ? prefix + "-SUPPLIER-001" : null;
}
