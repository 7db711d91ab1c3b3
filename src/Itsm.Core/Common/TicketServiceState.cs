using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Itsm.Services;

namespace Itsm.Common;

/// <summary>
/// The service-model fields one ticket holds (service, offering, configuration items, assigned
/// supplier) and the rules of the commands that change them, shared by incidents, service requests,
/// problems and changes. Each command gives its aggregate what <c>Execute</c> takes: the change to apply,
/// the event to record, and the rule check, so every record type behaves alike and only the codes differ.
/// </summary>
internal sealed class TicketServiceState
{
    private readonly string _codePrefix;
    private readonly string _record;
    private ReadOnlyCollection<ConfigurationItemId> _items = TicketServiceFields.NoItems;

    /// <param name="codePrefix">The record type's code prefix, for example <c>ITSM-INC</c>.</param>
    /// <param name="record">The record type as messages name it, for example <c>incident</c>.</param>
    internal TicketServiceState(string codePrefix, string record)
    {
        _codePrefix = codePrefix;
        _record = record;
    }

    internal ServiceId? Service { get; private set; }

    internal ServiceOfferingId? Offering { get; private set; }

    internal ReadOnlyCollection<ConfigurationItemId> ConfigurationItems => _items;

    /// <summary>The items as the snapshot holds them, rebuilt only when they change.</summary>
    internal ReadOnlyCollection<string> ConfigurationItemTexts { get; private set; } = TicketServiceFields.NoItemTexts;

    internal SupplierId? Supplier { get; private set; }

    /// <summary>Sets the fields a create command or a stored state gives (checked: see <see cref="TicketServiceFields.Items"/>).</summary>
    /// <summary>Whether <paramref name="field"/> is set on the ticket, for workflow guards: the service-model fields from here, the group and assignee the ticket holds.</summary>
    internal bool? HasWorkflowField(Itsm.Workflows.WorkflowField field, SupportGroupId? assignmentGroup, string? assignee) => field switch
    {
        Itsm.Workflows.WorkflowField.Service => Service is not null,
        Itsm.Workflows.WorkflowField.Offering => Offering is not null,
        Itsm.Workflows.WorkflowField.ConfigurationItem => ConfigurationItems.Count > 0,
        Itsm.Workflows.WorkflowField.Supplier => Supplier is not null,
        Itsm.Workflows.WorkflowField.AssignmentGroup => assignmentGroup is not null,
        Itsm.Workflows.WorkflowField.Assignee => assignee is not null,
        _ => null,
    };

    internal void Set(ServiceId? service, ServiceOfferingId? offering, IReadOnlyList<ConfigurationItemId>? configurationItems, SupplierId? supplier = null)
    {
        TicketServiceFields.Check(service, nameof(service));
        TicketServiceFields.Check(offering, nameof(offering));
        TicketServiceFields.Check(supplier, nameof(supplier));
        SetItems(TicketServiceFields.Items(configurationItems, nameof(configurationItems)));
        Service = service;
        Offering = offering;
        Supplier = supplier;
    }

    /// <remarks>Each command takes <c>voidedApprovals</c>, the count its event records when the edit restarts an approval chain (a service request awaiting approval), else null.</remarks>
    /// <exception cref="ArgumentException">An id is <c>default</c>.</exception>
    internal (Action<NodaTime.Instant> Apply, DomainEvent Event, Action Check) ChangeService(ServiceId? service, ServiceOfferingId? offering, int? voidedApprovals = null)
    {
        TicketServiceFields.Check(service, nameof(service));
        TicketServiceFields.Check(offering, nameof(offering));
        return (_ =>
        {
            Service = service;
            Offering = offering;
        }, new TicketServiceChanged(service, offering, Service, Offering) { VoidedApprovals = voidedApprovals }, () =>
            TicketServiceFields.RequireServiceChange(_codePrefix + "-SERVICE-001", _record, service, offering, Service, Offering));
    }

    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    internal (Action<NodaTime.Instant> Apply, DomainEvent Event, Action Check) AddConfigurationItem(ConfigurationItemId item, int? voidedApprovals = null)
    {
        TicketServiceFields.Check(item, "item");
        return (_ => SetItems(TicketServiceFields.With(_items, item)), new TicketConfigurationItemAdded(item) { VoidedApprovals = voidedApprovals }, () =>
            TicketServiceFields.RequireAddable(_items, item, _codePrefix + "-CI-001", _record));
    }

    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    internal (Action<NodaTime.Instant> Apply, DomainEvent Event, Action Check) RemoveConfigurationItem(ConfigurationItemId item, int? voidedApprovals = null)
    {
        TicketServiceFields.Check(item, "item");
        return (_ => SetItems(TicketServiceFields.Without(_items, item)), new TicketConfigurationItemRemoved(item) { VoidedApprovals = voidedApprovals }, () =>
            TicketServiceFields.RequireNamed(_items, item, _codePrefix + "-CI-002", _record));
    }

    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    internal (Action<NodaTime.Instant> Apply, DomainEvent Event, Action Check) AssignToSupplier(SupplierId? supplier, int? voidedApprovals = null)
    {
        TicketServiceFields.Check(supplier, "supplier");
        return (_ => Supplier = supplier, new TicketSupplierAssigned(supplier, Supplier) { VoidedApprovals = voidedApprovals }, () =>
            TicketServiceFields.RequireSupplierChange(_codePrefix + "-SUPPLIER-001", _record, supplier, Supplier));
    }

    private void SetItems(ReadOnlyCollection<ConfigurationItemId> items)
    {
        _items = items;
        ConfigurationItemTexts = TicketServiceFields.Texts(items);
    }
}
