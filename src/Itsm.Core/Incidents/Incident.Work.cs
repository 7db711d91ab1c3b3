using System;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

// Who works the incident and whether it waits: assignment, the start of work, and holds.
public sealed partial class Incident
{
    /// <summary>
    /// Sets the assignment to exactly a support group and/or a person, in any open state (New, InProgress,
    /// OnHold) and while Resolved; reassigning keeps the state. A new incident also starts work
    /// (moves to <see cref="IncidentState.InProgress"/>) as <see cref="IncidentOptions.WorkStart"/> says:
    /// on any assignment (the default), only when a person is named, or never.
    /// </summary>
    /// <param name="actor">Who assigns.</param>
    /// <param name="group">The support group, or <see langword="null"/> for none (a person without a group, as real desks do).</param>
    /// <param name="assignee">The person, or <see langword="null"/> for the group's queue.</param>
    /// <exception cref="ArgumentException">Both are null or blank, or one is blank.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-ASSIGN-001</c>: the assignment is already exactly that.</exception>
    public void Assign(Actor actor, SupportGroupId? group, string? assignee = null)
    {
        Guard.Against.Null(actor);
        TicketServiceFields.Check(group, nameof(group));
        AssignmentRules.CheckArguments(group?.Value, assignee);
        _assignmentNamesAgent = assignee is not null;
        Execute(actor, IncidentCommand.Assign, _ =>
        {
            AssignmentGroup = group;
            AssignedTo = assignee;
        }, new IncidentAssigned(group, assignee, AssignmentGroup, AssignedTo), () =>
            AssignmentRules.RequireChange("ITSM-INC-ASSIGN-001", "incident", group?.Value, assignee, AssignmentGroup?.Value, AssignedTo));
    }

    /// <summary>Clears the assignment (group and person) in any open state and while Resolved; the state does not change.</summary>
    /// <param name="actor">Who unassigns.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-ASSIGN-002</c>: nothing is assigned.</exception>
    public void Unassign(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, IncidentCommand.Unassign, _ =>
        {
            AssignmentGroup = null;
            AssignedTo = null;
        }, new IncidentUnassigned(AssignmentGroup, AssignedTo), () =>
            AssignmentRules.RequireAssigned("ITSM-INC-ASSIGN-002", "incident", AssignmentGroup?.Value, AssignedTo));
    }

    /// <summary>Starts work on a new incident: it moves to <see cref="IncidentState.InProgress"/> (acknowledged), whatever <see cref="IncidentOptions.WorkStart"/> says.</summary>
    /// <param name="actor">Who starts work.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (only New permits it).</exception>
    public void StartWork(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, IncidentCommand.StartWork, static _ => { }, new IncidentWorkStarted());
    }

    /// <summary>Puts the incident on hold.</summary>
    /// <param name="actor">Who puts it on hold.</param>
    /// <param name="reason">Why.</param>
    /// <param name="comment">A comment; required for <see cref="Incidents.OnHoldReason.AwaitingCaller"/> (what the caller is asked).</param>
    /// <param name="supplier">
    /// The supplier the incident waits for, only with <see cref="Incidents.OnHoldReason.AwaitingVendor"/>: it is
    /// <see cref="OnHoldSupplier"/> and the SLA snapshot's supplier until the hold ends, so the supplier's
    /// underpinning contract runs while the incident waits for it.
    /// </param>
    /// <exception cref="ArgumentException">The supplier is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-HOLD-001</c>: awaiting the caller without a comment; <c>ITSM-INC-HOLD-003</c>: a supplier with another reason.</exception>
    public void PutOnHold(Actor actor, OnHoldReason reason, string? comment = null, SupplierId? supplier = null)
    {
        Guard.Against.Null(actor);
        Guard.Against.OutOfRange((int)reason, nameof(reason), 1, 4);
        FieldCheck.Length(comment, FieldLimits.Text);
        TicketServiceFields.Check(supplier, nameof(supplier));
        Execute(actor, IncidentCommand.PutOnHold, _ =>
        {
            OnHoldReason = reason;
            OnHoldSupplier = supplier;
        }, new IncidentPutOnHold(reason, comment) { Supplier = supplier }, () =>
        {
            CheckHoldSupplier(reason, supplier);
            if (reason == Incidents.OnHoldReason.AwaitingCaller && string.IsNullOrWhiteSpace(comment))
            {
                throw Rule("ITSM-INC-HOLD-001", "Putting an incident on hold awaiting the caller needs a comment saying what the caller is asked for.");
            }
        });
    }

    /// <summary>
    /// Changes why an incident on hold waits (Awaiting Caller to Awaiting Vendor) in one command: it stays
    /// on hold, so SLA clocks paused on hold stay paused and no zero-length resume appears in the audit.
    /// </summary>
    /// <param name="actor">Who changes it.</param>
    /// <param name="reason">The new reason.</param>
    /// <param name="comment">A comment; required for <see cref="Incidents.OnHoldReason.AwaitingCaller"/> (what the caller is asked).</param>
    /// <param name="supplier">The supplier the incident now waits for, only with <see cref="Incidents.OnHoldReason.AwaitingVendor"/> (see <see cref="PutOnHold"/>); <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The supplier is <c>default</c>.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (only OnHold permits it).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-HOLD-002</c>: the incident already waits for that (reason and supplier); <c>ITSM-INC-HOLD-001</c>: awaiting the caller without a comment; <c>ITSM-INC-HOLD-003</c>: a supplier with another reason.</exception>
    public void ChangeHoldReason(Actor actor, OnHoldReason reason, string? comment = null, SupplierId? supplier = null)
    {
        Guard.Against.Null(actor);
        Guard.Against.OutOfRange((int)reason, nameof(reason), 1, 4);
        FieldCheck.Length(comment, FieldLimits.Text);
        TicketServiceFields.Check(supplier, nameof(supplier));
        var from = OnHoldReason.GetValueOrDefault();
        Execute(actor, IncidentCommand.ChangeHoldReason, _ =>
        {
            OnHoldReason = reason;
            OnHoldSupplier = supplier;
        }, new IncidentHoldReasonChanged(from, reason, comment) { Supplier = supplier }, () =>
        {
            CheckHoldSupplier(reason, supplier);
            if (from == reason && supplier == OnHoldSupplier)
            {
                throw Rule("ITSM-INC-HOLD-002", $"The incident is already on hold, {reason}.");
            }

            if (reason == Incidents.OnHoldReason.AwaitingCaller && string.IsNullOrWhiteSpace(comment))
            {
                throw Rule("ITSM-INC-HOLD-001", "Putting an incident on hold awaiting the caller needs a comment saying what the caller is asked for.");
            }
        });
    }

    /// <summary>Resumes work on an incident on hold.</summary>
    /// <param name="actor">Who resumes it.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Resume(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, IncidentCommand.Resume, _ => LeaveHold(), new IncidentResumed());
    }
}
