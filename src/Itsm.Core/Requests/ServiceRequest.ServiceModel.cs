using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Requests;

// Where the request sits in the service model: its service and offering, the configuration items it is
// about, and the supplier fulfilling it. Each is set by its own command and audited by a shared event.
// They are what the approvers decide on: an edit while the request awaits approval voids the decisions
// taken so far and restarts the chain at its first level, as editing a change's plan or window does.
public sealed partial class ServiceRequest
{
    private readonly TicketServiceState _serviceModel = new("ITSM-REQ", "request");

    /// <summary>The service the request is for, if known.</summary>
    public ServiceId? Service => _serviceModel.Service;

    /// <summary>The service offering, if known (ServiceNow's <c>service_offering</c>).</summary>
    public ServiceOfferingId? Offering => _serviceModel.Offering;

    /// <summary>The configuration items the request is about, in the order they were added; empty for none.</summary>
    public IReadOnlyList<ConfigurationItemId> ConfigurationItems => _serviceModel.ConfigurationItems;

    /// <summary>The supplier the request is assigned to (it fulfils beside the support group), or <see langword="null"/>.</summary>
    public SupplierId? Supplier => _serviceModel.Supplier;

    /// <summary>
    /// Sets the request's service and offering (either may be none), in every state that is not terminal.
    /// With a service model, the engine refuses ids it does not hold, and an offering of another service.
    /// While the request awaits approval, the edit voids the chain's approvals and delegations and restarts it at its first level.
    /// </summary>
    /// <remarks>The restarted level is timed from the edit (its due instant too); the event's <see cref="TicketServiceChanged.VoidedApprovals"/> counts the approvals voided (docs/approvals.md, "Voided on edit").</remarks>
    /// <param name="actor">Who changes them.</param>
    /// <param name="service">The service, or <see langword="null"/> for none.</param>
    /// <param name="offering">The offering, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">An id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Rejected, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-SERVICE-001</c>: both are unchanged.</exception>
    public void ChangeService(Actor actor, ServiceId? service, ServiceOfferingId? offering = null)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.ChangeService(service, offering, VoidsApprovals());
        ExecuteScopeEdit(actor, ServiceRequestCommand.ChangeService, apply, @event, check);
    }

    /// <summary>
    /// Adds a configuration item at the end of <see cref="ConfigurationItems"/>, in every state that is not terminal. While the
    /// request awaits approval, the edit voids the chain's approvals and delegations and restarts it at its first level.
    /// </summary>
    /// <remarks>The restarted level is timed from the edit; the event's <see cref="TicketConfigurationItemAdded.VoidedApprovals"/> counts the approvals voided (docs/approvals.md, "Voided on edit").</remarks>
    /// <param name="actor">Who adds it.</param>
    /// <param name="item">The configuration item.</param>
    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Rejected, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-CI-001</c>: already named; <see cref="FieldLimits.CollectionFullCode"/>: the request already names <see cref="FieldLimits.Items"/>.</exception>
    public void AddConfigurationItem(Actor actor, ConfigurationItemId item)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.AddConfigurationItem(item, VoidsApprovals());
        ExecuteScopeEdit(actor, ServiceRequestCommand.AddConfigurationItem, apply, @event, check);
    }

    /// <summary>
    /// Removes a configuration item from <see cref="ConfigurationItems"/>, in every state that is not terminal. While the
    /// request awaits approval, the edit voids the chain's approvals and delegations and restarts it at its first level.
    /// </summary>
    /// <remarks>The restarted level is timed from the edit; the event's <see cref="TicketConfigurationItemRemoved.VoidedApprovals"/> counts the approvals voided (docs/approvals.md, "Voided on edit").</remarks>
    /// <param name="actor">Who removes it.</param>
    /// <param name="item">The configuration item.</param>
    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Rejected, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-CI-002</c>: the request does not name it.</exception>
    public void RemoveConfigurationItem(Actor actor, ConfigurationItemId item)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.RemoveConfigurationItem(item, VoidsApprovals());
        ExecuteScopeEdit(actor, ServiceRequestCommand.RemoveConfigurationItem, apply, @event, check);
    }

    /// <summary>
    /// Assigns the request to a supplier, or back from one (<see langword="null"/>), while it is worked
    /// (Submitted, AwaitingApproval, Fulfilling); the support-group assignment and the state do not change.
    /// The SLA snapshot's supplier follows, so an underpinning contract scoped to the supplier runs while the supplier has it.
    /// While the request awaits approval, the edit voids the chain's approvals and delegations and restarts it at its first level.
    /// </summary>
    /// <remarks>The restarted level is timed from the edit; the event's <see cref="TicketSupplierAssigned.VoidedApprovals"/> counts the approvals voided (docs/approvals.md, "Voided on edit").</remarks>
    /// <param name="actor">Who assigns.</param>
    /// <param name="supplier">The supplier, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Fulfilled, Closed, Rejected, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-SUPPLIER-001</c>: the supplier is unchanged.</exception>
    public void AssignToSupplier(Actor actor, SupplierId? supplier)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.AssignToSupplier(supplier, VoidsApprovals());
        ExecuteScopeEdit(actor, ServiceRequestCommand.AssignToSupplier, apply, @event, check);
    }

    /// <summary>The approvals an edit now would void: the current run's, while the request awaits approval; else null (nothing restarts).</summary>
    private int? VoidsApprovals() => State == ServiceRequestState.AwaitingApproval ? _approvals.Count : null;

    // The state does not change, so whether the chain restarts is known before the command runs.
    private void ExecuteScopeEdit(Actor actor, ServiceRequestCommand command, Action<NodaTime.Instant> apply, DomainEvent @event, Action check)
    {
        bool restarts = State == ServiceRequestState.AwaitingApproval;
        Execute(actor, command, at =>
        {
            apply(at);
            if (restarts)
            {
                RestartApprovals(at);
            }
        }, @event, check);
    }
}
