using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

// Where the incident sits in the service model: its service and offering, the configuration items it
// affects, and the supplier working it. Each is set by its own command and audited by a shared event.
public sealed partial class Incident
{
    private readonly TicketServiceState _serviceModel = new("ITSM-INC", "incident");

    /// <summary>The affected service, if known (ServiceNow's <c>business_service</c>).</summary>
    public ServiceId? Service => _serviceModel.Service;

    /// <summary>The service offering, if known (ServiceNow's <c>service_offering</c>).</summary>
    public ServiceOfferingId? Offering => _serviceModel.Offering;

    /// <summary>The affected configuration items, in the order they were added; empty for none (ServiceNow's <c>cmdb_ci</c> and affected CIs).</summary>
    public IReadOnlyList<ConfigurationItemId> ConfigurationItems => _serviceModel.ConfigurationItems;

    /// <summary>The supplier the incident is assigned to (it works the incident beside the support group), or <see langword="null"/>.</summary>
    public SupplierId? Supplier => _serviceModel.Supplier;

    /// <summary>
    /// The supplier an incident on hold <see cref="Incidents.OnHoldReason.AwaitingVendor"/> waits for, when
    /// the hold names one; <see langword="null"/> otherwise (cleared when the hold ends).
    /// </summary>
    public SupplierId? OnHoldSupplier { get; private set; }

    /// <summary>
    /// Sets the incident's service and offering (either may be none), in any open state and while Resolved
    /// (a classification corrected before closure, as ServiceNow allows until Closed). With a service model,
    /// the engine refuses ids it does not hold, and an offering of another service.
    /// </summary>
    /// <param name="actor">Who changes them.</param>
    /// <param name="service">The service, or <see langword="null"/> for none.</param>
    /// <param name="offering">The offering, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">An id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-SERVICE-001</c>: both are unchanged.</exception>
    public void ChangeService(Actor actor, ServiceId? service, ServiceOfferingId? offering = null)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.ChangeService(service, offering);
        Execute(actor, IncidentCommand.ChangeService, apply, @event, check);
    }

    /// <summary>Adds an affected configuration item at the end of <see cref="ConfigurationItems"/>, in any open state and while Resolved.</summary>
    /// <param name="actor">Who adds it.</param>
    /// <param name="item">The configuration item.</param>
    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-CI-001</c>: already named; <see cref="FieldLimits.CollectionFullCode"/>: the incident already names <see cref="FieldLimits.Items"/>.</exception>
    public void AddConfigurationItem(Actor actor, ConfigurationItemId item)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.AddConfigurationItem(item);
        Execute(actor, IncidentCommand.AddConfigurationItem, apply, @event, check);
    }

    /// <summary>Removes a configuration item from <see cref="ConfigurationItems"/>, in any open state and while Resolved.</summary>
    /// <param name="actor">Who removes it.</param>
    /// <param name="item">The configuration item.</param>
    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-CI-002</c>: the incident does not name it.</exception>
    public void RemoveConfigurationItem(Actor actor, ConfigurationItemId item)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.RemoveConfigurationItem(item);
        Execute(actor, IncidentCommand.RemoveConfigurationItem, apply, @event, check);
    }

    /// <summary>
    /// Assigns the incident to a supplier, or back from one (<see langword="null"/>), in any open state (New,
    /// InProgress, OnHold); the support-group assignment and the state do not change. The SLA snapshot's
    /// supplier follows, so an underpinning contract scoped to the supplier runs while the supplier has it.
    /// </summary>
    /// <param name="actor">Who assigns.</param>
    /// <param name="supplier">The supplier, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Resolved, Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-SUPPLIER-001</c>: the supplier is unchanged.</exception>
    public void AssignToSupplier(Actor actor, SupplierId? supplier)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.AssignToSupplier(supplier);
        Execute(actor, IncidentCommand.AssignToSupplier, apply, @event, check);
    }

    // A hold names a supplier only when it waits for one.
    private static void CheckHoldSupplier(OnHoldReason reason, SupplierId? supplier)
    {
        if (supplier is not null && reason != Incidents.OnHoldReason.AwaitingVendor)
        {
            throw Rule("ITSM-INC-HOLD-003", $"Only a hold awaiting a vendor names a supplier; {reason} does not.");
        }
    }

    private void LeaveHold()
    {
        OnHoldReason = null;
        OnHoldSupplier = null;
    }
}
