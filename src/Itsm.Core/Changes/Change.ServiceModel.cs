using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Changes;

// Where the change sits in the service model: its service and offering, the configuration items it
// touches, the supplier implementing it, and the group that owns it. Each is set by its own command and
// audited by a shared event. The service, offering, items and supplier are the change's scope: what the
// change authority authorises is what gets implemented, so they are fixed once authorisation is asked for.
public sealed partial class Change
{
    private readonly TicketServiceState _serviceModel = new("ITSM-CHG", "change");

    /// <summary>The service the change touches, if any (ServiceNow's <c>business_service</c>).</summary>
    public ServiceId? Service => _serviceModel.Service;

    /// <summary>The service offering the change touches, if any (ServiceNow's <c>service_offering</c>).</summary>
    public ServiceOfferingId? Offering => _serviceModel.Offering;

    /// <summary>The configuration items the change touches (ServiceNow's affected CIs), in the order they were added; empty for none.</summary>
    /// <remarks>Together with <see cref="Service"/>, at least one: a change touches something.</remarks>
    public IReadOnlyList<ConfigurationItemId> ConfigurationItems => _serviceModel.ConfigurationItems;

    /// <summary>The supplier implementing the change (or part of it), or <see langword="null"/>.</summary>
    public SupplierId? Supplier => _serviceModel.Supplier;

    /// <summary>The support group that owns the change, if any (ServiceNow's <c>assignment_group</c>).</summary>
    public SupportGroupId? AssignmentGroup { get; private set; }

    /// <summary>Whether the scope (service, offering, configuration items, supplier) may still be edited: before authorisation is asked for (New, and Assess for a normal change).</summary>
    public bool IsScopeEditable => State is ChangeState.New or ChangeState.Assess;

    /// <summary>The service as the change calendar and the risk policy read it: none or one.</summary>
    private IReadOnlyList<string> ServiceTexts => Service is { } service ? [service.Value] : [];

    /// <summary>
    /// Sets the change's service and offering (either may be none) before authorisation.
    /// With a service model, the engine refuses ids it does not hold, and an offering of another service.
    /// </summary>
    /// <param name="actor">Who changes them.</param>
    /// <param name="service">The service, or <see langword="null"/> for none.</param>
    /// <param name="offering">The offering, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">An id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException">
    /// <c>ITSM-CHG-SCOPE-001</c>: authorisation was asked for (the change is past New and Assess);
    /// <c>ITSM-CHG-SERVICE-001</c>: both are unchanged; <c>ITSM-CHG-SCOPE-002</c>: the change would touch
    /// nothing (no service and no configuration item); checked in that order.
    /// </exception>
    public void ChangeService(Actor actor, ServiceId? service, ServiceOfferingId? offering = null)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.ChangeService(service, offering);
        ExecuteScopeEdit(actor, ChangeCommand.ChangeService, apply, @event, check, () => RequireTouches(service is not null, ConfigurationItems.Count));
    }

    /// <summary>Adds a configuration item at the end of <see cref="ConfigurationItems"/> before authorisation.</summary>
    /// <param name="actor">Who adds it.</param>
    /// <param name="item">The configuration item.</param>
    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException">
    /// <c>ITSM-CHG-SCOPE-001</c>: authorisation was asked for; <c>ITSM-CHG-CI-001</c>: already named;
    /// <see cref="FieldLimits.CollectionFullCode"/>: the change already names <see cref="FieldLimits.Items"/>.
    /// </exception>
    public void AddConfigurationItem(Actor actor, ConfigurationItemId item)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.AddConfigurationItem(item);
        ExecuteScopeEdit(actor, ChangeCommand.AddConfigurationItem, apply, @event, check, static () => { });
    }

    /// <summary>Removes a configuration item from <see cref="ConfigurationItems"/> before authorisation.</summary>
    /// <param name="actor">Who removes it.</param>
    /// <param name="item">The configuration item.</param>
    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException">
    /// <c>ITSM-CHG-SCOPE-001</c>: authorisation was asked for; <c>ITSM-CHG-CI-002</c>: the change does not
    /// name it; <c>ITSM-CHG-SCOPE-002</c>: it is the last thing the change touches (no service); checked in that order.
    /// </exception>
    public void RemoveConfigurationItem(Actor actor, ConfigurationItemId item)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.RemoveConfigurationItem(item);
        ExecuteScopeEdit(actor, ChangeCommand.RemoveConfigurationItem, apply, @event, check, () => RequireTouches(Service is not null, ConfigurationItems.Count - 1));
    }

    /// <summary>Assigns the change to a supplier that implements it, or back from one (<see langword="null"/>), before authorisation; the assignment group does not change.</summary>
    /// <param name="actor">Who assigns.</param>
    /// <param name="supplier">The supplier, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-CHG-SCOPE-001</c>: authorisation was asked for; <c>ITSM-CHG-SUPPLIER-001</c>: the supplier is unchanged.</exception>
    public void AssignToSupplier(Actor actor, SupplierId? supplier)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = _serviceModel.AssignToSupplier(supplier);
        ExecuteScopeEdit(actor, ChangeCommand.AssignToSupplier, apply, @event, check, static () => { });
    }

    /// <summary>
    /// Sets the support group that owns the change, or clears it (<see langword="null"/>), in every state
    /// that is not terminal: who coordinates the change is not its scope. The state does not change.
    /// </summary>
    /// <param name="actor">Who assigns.</param>
    /// <param name="group">The support group, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or the id is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-CHG-ASSIGN-001</c>: the group is unchanged.</exception>
    public void Assign(Actor actor, SupportGroupId? group)
    {
        Guard.Against.Null(actor);
        TicketServiceFields.Check(group, nameof(group));
        Execute(actor, ChangeCommand.Assign, _ => AssignmentGroup = group, new ChangeAssigned(group, AssignmentGroup), () =>
        {
            if (group == AssignmentGroup)
            {
                throw Rule("ITSM-CHG-ASSIGN-001", $"Change {Id} is already assigned to {(group is { } g ? "group '" + IdText.Quote(g.Value) + "'" : "no group")}.");
            }
        });
    }

    private void ExecuteScopeEdit(Actor actor, ChangeCommand command, Action<NodaTime.Instant> apply, DomainEvent @event, Action check, Action after)
    {
        Execute(actor, command, apply, @event, () =>
        {
            if (!IsScopeEditable)
            {
                throw Rule("ITSM-CHG-SCOPE-001", $"Change {Id} is in {State}: its scope (service, offering, configuration items, supplier) is what was put up for authorisation and no longer changes. Cancel it and raise a new change, or have it rejected back to New.");
            }

            check();
            after();
        });
    }

    private void RequireTouches(bool hasService, int items)
    {
        if (!hasService && items <= 0)
        {
            throw Rule("ITSM-CHG-SCOPE-002", $"Change {Id} must touch at least one service or configuration item.");
        }
    }
}
