using Itsm.Common;
using Itsm.Incidents;

namespace Itsm.Import;

/// <summary>How many rows of one ticket changed its fields while it was Closed: dropped (no reopen followed) and carried to a reopen.</summary>
/// <param name="Ignored">Rows whose edits never reached the record.</param>
/// <param name="Carried">Rows whose edits were applied right after a later reopen.</param>
internal readonly record struct ClosedEditCounts(int Ignored, int Carried);

/// <summary>
/// The fields a row's commands set besides the state, as one value: what a Closed ticket's rows would change if the
/// lifecycle let them.
/// </summary>
internal readonly record struct ClosedFields(string? Group, string? Assignee, Impact Impact, Urgency Urgency, string? Problem, string? Change)
{
    internal static ClosedFields Of(Incident incident) =>
        new(incident.AssignmentGroup?.Value, incident.AssignedTo, incident.Impact, incident.Urgency, incident.RelatedProblem, incident.CausedByChange);
}

/// <summary>
/// Edits of a Closed or Canceled ticket under <see cref="ImportClosedEdits.CarryToReopen"/> (docs/import.md, "Edits of
/// closed tickets"): the lifecycle refuses assignment, priority and link commands on a Closed or Canceled incident, so a
/// row that changes those fields is held; the next reopen applies it right after itself, at its instant and by its actor,
/// and a history that ends without one (always, for a Canceled ticket) drops it and counts it.
/// </summary>
internal sealed partial class TicketReplay
{
    /// <summary>
    /// Under <see cref="ImportClosedEdits.CarryToReopen"/>, on a Closed or Canceled incident: holds what the row changes
    /// (over what is already held) and returns true, so that none of its field commands runs now. False when the mapping
    /// refuses such edits, the incident is neither Closed nor Canceled, or the row changes nothing (its commands then run
    /// as always: none). A Canceled incident never reopens, so what it holds is dropped and counted at the end.
    /// </summary>
    private bool HoldClosedEdits(Incident incident, SourceRow row, StateRule rule, TicketState ticket)
    {
        if (_spec.ClosedEdits != ImportClosedEdits.CarryToReopen || incident.State is not (IncidentState.Closed or IncidentState.Canceled))
        {
            return false;
        }

        var record = ClosedFields.Of(incident);
        var before = ticket.Held ?? record;
        var after = FieldsAfter(before, row, rule);
        if (after == record)
        {
            // Nothing differs from the record (or the row puts back what the held rows changed): no command, as always.
            ticket.DropHeldEdits();
            return false;
        }

        if (after != before)
        {
            ticket.HeldRows++;
        }

        ticket.Held = after;
        if (LevelOf(row) is var (level, label))
        {
            (ticket.Level, ticket.LevelLabel) = (level, label);
        }

        return true;
    }

    /// <summary>The fields once the row's changes apply over <paramref name="current"/>, with the rules of the commands (a link is never cleared).</summary>
    private ClosedFields FieldsAfter(ClosedFields current, SourceRow row, StateRule rule)
    {
        var group = mapping.AssignmentGroup.Length > 0 ? BoundMapping.First(row, mapping.AssignmentGroup) : current.Group;
        var assignee = rule.Assignee switch
        {
            AssigneeSource.Clear => null,
            AssigneeSource.Keep => current.Assignee,
            _ => mapping.Assignee.Length > 0 ? BoundMapping.First(row, mapping.Assignee) : current.Assignee,
        };
        if (group is not null && group != current.Group)
        {
            CheckId(group, row, "group");
        }

        if (assignee is not null && assignee != current.Assignee)
        {
            CheckId(assignee, row, "assignee");
        }

        return new ClosedFields(
            group,
            assignee,
            ImpactOf(row) ?? current.Impact,
            UrgencyOf(row) ?? current.Urgency,
            BoundMapping.First(row, mapping.Problem) ?? current.Problem,
            BoundMapping.First(row, mapping.CausedByChange) ?? current.Change);
    }

    /// <summary>Right after a reopen from Closed: the held edits, as the commands that explain them, at the reopen's instant and by its actor.</summary>
    private static void ApplyHeldEdits(Incident incident, Actor actor, TicketState ticket)
    {
        if (ticket.Held is not { } held)
        {
            return;
        }

        ticket.CarriedEdits += ticket.HeldRows;
        ticket.HeldRows = 0;
        ticket.Held = null;
        if (held.Group != incident.AssignmentGroup?.Value || held.Assignee != incident.AssignedTo)
        {
            if (held.Group is null && held.Assignee is null)
            {
                incident.Unassign(actor);
            }
            else
            {
                incident.Assign(actor, held.Group is null ? null : new Itsm.Services.SupportGroupId(held.Group), held.Assignee);
            }
        }

        if (held.Impact != incident.Impact || held.Urgency != incident.Urgency)
        {
            incident.ChangeImpactOrUrgency(actor, held.Impact, held.Urgency);
        }

        if (held.Problem is { } problem && problem != incident.RelatedProblem)
        {
            incident.LinkProblem(actor, problem);
        }

        if (held.Change is { } change && change != incident.CausedByChange)
        {
            incident.LinkCausedByChange(actor, change);
        }
    }
}
