using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Problems;

// Where the problem sits in the service model: its service and offering, the configuration items it
// involves, and the supplier investigating it. Each is set by its own command and audited by a shared event.
public sealed partial class Problem
{
    private readonly TicketServiceState _serviceModel = new("ITSM-PRB", "problem");

    /// <summary>The affected service, if known.</summary>
    public ServiceId? Service => _serviceModel.Service;

    /// <summary>The affected service offering, if known (ServiceNow's <c>service_offering</c>).</summary>
    public ServiceOfferingId? Offering => _serviceModel.Offering;

    /// <summary>The configuration items the problem involves, in the order they were added; empty for none.</summary>
    public IReadOnlyList<ConfigurationItemId> ConfigurationItems => _serviceModel.ConfigurationItems;

    /// <summary>The supplier the problem is assigned to (it investigates beside the support group), or <see langword="null"/>.</summary>
    public SupplierId? Supplier => _serviceModel.Supplier;

    /// <summary>
    /// Sets the problem's service and offering (either may be none), in every state that is not terminal.
    /// With a service model, the engine refuses ids it does not hold, and an offering of another service.
    /// </summary>
    /// <param name="actor">Who changes them.</param>
    /// <param name="service">The service, or <see langword="null"/> for none.</param>
    /// <param name="offering">The offering, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">An id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-PRB-SERVICE-001</c>: both are unchanged.</exception>
    public void ChangeService(Actor actor, ServiceId? service, ServiceOfferingId? offering = null)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.ChangeService(service, offering);
        Execute(actor, ProblemCommand.ChangeService, apply, @event, check);
    }

    /// <summary>Adds a configuration item at the end of <see cref="ConfigurationItems"/>, in every state that is not terminal.</summary>
    /// <param name="actor">Who adds it.</param>
    /// <param name="item">The configuration item.</param>
    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-PRB-CI-001</c>: already named; <see cref="FieldLimits.CollectionFullCode"/>: the problem already names <see cref="FieldLimits.Items"/>.</exception>
    public void AddConfigurationItem(Actor actor, ConfigurationItemId item)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.AddConfigurationItem(item);
        Execute(actor, ProblemCommand.AddConfigurationItem, apply, @event, check);
    }

    /// <summary>Removes a configuration item from <see cref="ConfigurationItems"/>, in every state that is not terminal.</summary>
    /// <param name="actor">Who removes it.</param>
    /// <param name="item">The configuration item.</param>
    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-PRB-CI-002</c>: the problem does not name it.</exception>
    public void RemoveConfigurationItem(Actor actor, ConfigurationItemId item)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.RemoveConfigurationItem(item);
        Execute(actor, ProblemCommand.RemoveConfigurationItem, apply, @event, check);
    }

    /// <summary>
    /// Assigns the problem to a supplier, or back from one (<see langword="null"/>), while it is worked
    /// (New, Assess, RootCauseAnalysis, FixInProgress); the support-group assignment and the state do not change.
    /// </summary>
    /// <param name="actor">Who assigns.</param>
    /// <param name="supplier">The supplier, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Resolved, Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-PRB-SUPPLIER-001</c>: the supplier is unchanged.</exception>
    public void AssignToSupplier(Actor actor, SupplierId? supplier)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.AssignToSupplier(supplier);
        Execute(actor, ProblemCommand.AssignToSupplier, apply, @event, check);
    }
}
