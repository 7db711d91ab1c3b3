using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

// Escalation: functional (another group), hierarchical (a manager), and a major incident with the incidents attached to it.
public sealed partial class Incident
{
    /// <summary>Functional escalation: reassigns the incident to another support group (the assignee is cleared).</summary>
    /// <param name="actor">Who escalates.</param>
    /// <param name="toGroup">The group to escalate to; not the current one.</param>
    /// <param name="reason">Why.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-ESCALATE-001</c>: the incident is already with that group.</exception>
    /// <exception cref="ArgumentException">The group is <c>default</c>, or the reason is blank.</exception>
    public void EscalateFunctionally(Actor actor, SupportGroupId toGroup, string reason)
    {
        Guard.Against.Null(actor);
        TicketServiceFields.Check(toGroup, nameof(toGroup));
        FieldCheck.Required(reason, FieldLimits.Text);
        Execute(actor, IncidentCommand.EscalateFunctionally, _ =>
        {
            AssignmentGroup = toGroup;
            AssignedTo = null;
        }, new IncidentEscalatedFunctionally(AssignmentGroup, toGroup, reason), () =>
        {
            if (toGroup == AssignmentGroup)
            {
                throw Rule("ITSM-INC-ESCALATE-001", $"The incident is already assigned to {toGroup}.");
            }
        });
    }

    /// <summary>Hierarchical escalation: records that a manager was notified (the host sends the notification).</summary>
    /// <param name="actor">Who escalates.</param>
    /// <param name="manager">The manager notified.</param>
    /// <param name="reason">Why.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void EscalateHierarchically(Actor actor, string manager, string reason)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(manager, FieldLimits.Id);
        FieldCheck.Required(reason, FieldLimits.Text);
        Execute(actor, IncidentCommand.EscalateHierarchically, _ => EscalationLevel++, new IncidentEscalatedHierarchically(manager, reason, EscalationLevel + 1));
    }

    /// <summary>Promotes the incident to a major incident.</summary>
    /// <param name="actor">Who promotes it.</param>
    /// <param name="reason">Why.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-MAJOR-002</c>: already major; <c>ITSM-INC-MAJOR-003</c>: it is a child of a major incident.</exception>
    public void PromoteToMajor(Actor actor, string reason)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(reason, FieldLimits.Text);
        Execute(actor, IncidentCommand.PromoteToMajor, _ => IsMajor = true, new IncidentPromotedToMajor(reason), () =>
        {
            if (IsMajor)
            {
                throw Rule("ITSM-INC-MAJOR-002", "The incident is already a major incident.");
            }

            if (ParentId is not null)
            {
                throw Rule("ITSM-INC-MAJOR-003", $"The incident is a child of major incident {ParentId}; a child cannot be promoted.");
            }
        });
    }

    /// <summary>Demotes a major incident to an ordinary one.</summary>
    /// <param name="actor">Who demotes it.</param>
    /// <param name="reason">Why.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-MAJOR-004</c>: not a major incident.</exception>
    public void DemoteFromMajor(Actor actor, string reason)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(reason, FieldLimits.Text);
        Execute(actor, IncidentCommand.DemoteFromMajor, _ => IsMajor = false, new IncidentDemotedFromMajor(reason), () =>
        {
            if (!IsMajor)
            {
                throw Rule("ITSM-INC-MAJOR-004", "The incident is not a major incident.");
            }
        });
    }

    /// <summary>Makes this incident a child of a major incident; resolving the parent resolves it too (see <see cref="MajorIncidentResolution"/>).</summary>
    /// <param name="actor">Who attaches it.</param>
    /// <param name="parent">The major incident.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-PARENT-001</c>: the parent is not major, is this incident, belongs to another tenant, or this incident is major; <c>ITSM-INC-PARENT-002</c>: the parent is resolved, closed or canceled.</exception>
    public void AttachToParent(Actor actor, Incident parent)
    {
        Guard.Against.Null(actor);
        Guard.Against.Null(parent);
        Execute(actor, IncidentCommand.AttachToParent, _ => ParentId = parent.Id, new IncidentAttachedToParent(parent.Id), () =>
        {
            if (parent.Tenant != Tenant || parent.Id == Id || !parent.IsMajor || IsMajor)
            {
                throw Rule("ITSM-INC-PARENT-001", "An incident can only be attached to another major incident of the same tenant, and a major incident cannot be a child.");
            }

            if (parent.State is not (IncidentState.New or IncidentState.InProgress or IncidentState.OnHold))
            {
                throw Rule("ITSM-INC-PARENT-002", $"Major incident {parent.Id} is {parent.State}; children can only be attached to an open major incident.");
            }
        });
    }

    /// <summary>Records the post-incident review of a major incident.</summary>
    /// <param name="actor">Who records it.</param>
    /// <param name="summary">The review's summary.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-MAJOR-004</c>: not a major incident.</exception>
    public void RecordPostIncidentReview(Actor actor, string summary)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(summary, FieldLimits.Text);
        Execute(actor, IncidentCommand.RecordPostIncidentReview, _ => HasPostIncidentReview = true, new PostIncidentReviewRecorded(summary), () =>
        {
            if (!IsMajor)
            {
                throw Rule("ITSM-INC-MAJOR-004", "The incident is not a major incident.");
            }
        });
    }
}
