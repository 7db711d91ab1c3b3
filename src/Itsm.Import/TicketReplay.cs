using System;
using System.Collections.Generic;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Workflows;

namespace Itsm.Import;

/// <summary>
/// Replays one ticket's rows on a new in-memory incident: opens it, then for each row (in order) sets
/// the clock to the row's instant and issues, as the row's actor, the commands that explain how the
/// row differs from the incident (see docs/import.md, "How a row becomes commands"). Under a workflow the
/// incident is opened in it, and a row whose status names a custom state moves it there by a named transition
/// once the library state is right. The first refused command, or a row that cannot be read, refuses the
/// whole ticket, except, under <see cref="ImportClosedEdits.CarryToReopen"/>, the field changes of a Closed ticket,
/// which wait for the next reopen (TicketReplay.ClosedEdits.cs). Not thread-safe: one per worker.
/// </summary>
internal sealed partial class TicketReplay(BoundMapping mapping)
{
    private readonly MappingSpec _spec = mapping.Spec;
    private readonly ReplayClock _clock = new();
    private readonly Dictionary<string, Actor> _actors = new(StringComparer.Ordinal);

    /// <summary>
    /// The incident with its whole history, or the refusal; never both. With the incident: how many rows' edits of the
    /// Closed ticket were dropped for want of a later reopen, and how many were carried to one.
    /// </summary>
    internal (Incident? Incident, ImportRefusal? Refusal, ClosedEditCounts ClosedEdits) Replay(
        TicketRows ticket, TenantId tenant, IncidentId id, IncidentOptions options, Workflow<IncidentState, IncidentCommand>? workflow = null)
    {
        ticket.Sort();
        long row = ticket.Rows[0].Number;
        try
        {
            foreach (var source in ticket.Rows)
            {
                if (source.Error is { } error)
                {
                    row = source.Number;
                    throw new RowException(error.Category, error.Message);
                }
            }

            var incident = Open(ticket, tenant, id, options, workflow);
            var state = new TicketState();
            foreach (var source in ticket.Rows)
            {
                row = source.Number;
                _clock.Now = source.At;
                ApplyRow(incident, source, state);
            }

            // Edits still waiting when the history ends: no reopen followed, so the record never shows them.
            state.DropHeldEdits();
            return (incident, null, new ClosedEditCounts(state.IgnoredEdits, state.CarriedEdits));
        }
        catch (RowException e)
        {
            return (null, new ImportRefusal(ticket.Key, e.Category, row, e.Message), default);
        }
        catch (DomainRuleViolationException e)
        {
            return (null, new ImportRefusal(ticket.Key, e.Code, row, $"Row {row}: {e.Message}"), default);
        }
        catch (InvalidTransitionException e)
        {
            return (null, new ImportRefusal(ticket.Key, $"invalid-transition:{e.State}:{e.Trigger}", row, $"Row {row}: {e.Message}"), default);
        }
        catch (ArgumentException e)
        {
            return (null, new ImportRefusal(ticket.Key, "bad-value", row, $"Row {row}: {e.Message}"), default);
        }
    }

    private Incident Open(TicketRows ticket, TenantId tenant, IncidentId id, IncidentOptions options, Workflow<IncidentState, IncidentCommand>? workflow)
    {
        var first = ticket.Rows[0];
        var openedAt = first.At;
        if (BoundMapping.First(first, mapping.OpenedAt) is { } openedText)
        {
            if (!_spec.Instants.TryParse(openedText, out var parsed))
            {
                throw new RowException("bad-date", $"Row {first.Number}: opened at '{ImportText.Quote(openedText)}' matches none of the mapping's formats ({string.Join(", ", _spec.Formats)}).");
            }

            if (!InstantParser.InRange(parsed))
            {
                throw new RowException("bad-date", InstantParser.OutOfRange(first.Number, "opened at", openedText));
            }

            // An opening edited to after the first update cannot have happened after it: the first update is the latest it can be.
            openedAt = parsed < first.At ? parsed : first.At;
        }

        var openedBy = BoundMapping.First(first, mapping.OpenedBy) ?? BoundMapping.First(first, mapping.Actor)
            ?? throw Missing(first, mapping.OpenedBy.Length > 0 ? mapping.OpenedBy : mapping.Actor);
        var caller = FirstAcross(ticket, mapping.Caller) ?? _spec.DefaultCaller ?? throw Missing(first, mapping.Caller);
        var impact = ImpactOf(first) ?? _spec.DefaultImpact ?? throw Missing(first, [mapping.Impact]);
        var urgency = UrgencyOf(first) ?? _spec.DefaultUrgency ?? throw Missing(first, [mapping.Urgency]);
        _clock.Now = openedAt;
        return Incident.OpenUnderWorkflow(
            tenant, id, ActorOf(openedBy, first), CheckId(caller, first, "caller"), Describe(ticket), impact, urgency, _clock, options,
            FirstAcross(ticket, mapping.Service) is { } service ? new Itsm.Services.ServiceId(CheckId(service, first, "service")) : null,
            offering: null, configurationItems: null, workflow);
    }

    private void ApplyRow(Incident incident, SourceRow row, TicketState ticket)
    {
        var actor = ActorOf(BoundMapping.First(row, mapping.Actor) ?? throw Missing(row, mapping.Actor), row);
        var rule = RuleOf(row);
        var target = rule.State;
        if (target == IncidentState.New && incident.State != IncidentState.New)
        {
            // Back to a queue: the library has no way back to New, so the ticket stays (or becomes again) active.
            target = IncidentState.InProgress;
        }

        // Reopening first, so that what the row changes besides the state is changed on an open incident.
        if (target is IncidentState.New or IncidentState.InProgress or IncidentState.OnHold
            && incident.State is IncidentState.Resolved or IncidentState.Closed or IncidentState.Canceled)
        {
            bool fromClosed = incident.State == IncidentState.Closed;
            incident.Reopen(actor, $"Reopened in the source: {ticket.LastLabel} to {rule.Label}.");
            if (fromClosed)
            {
                ApplyHeldEdits(incident, actor, ticket);
            }
        }

        if (!HoldClosedEdits(incident, row, rule, ticket))
        {
            Reassign(incident, row, rule, actor, ticket);
            ChangePriority(incident, row, actor);
            if (BoundMapping.First(row, mapping.Problem) is { } problem && problem != incident.RelatedProblem)
            {
                incident.LinkProblem(actor, problem);
            }

            if (BoundMapping.First(row, mapping.CausedByChange) is { } change && change != incident.CausedByChange)
            {
                incident.LinkCausedByChange(actor, change);
            }
        }

        ChangeState(incident, row, rule, target, actor, ticket);
        MoveInWorkflow(incident, row, rule, actor);
        ticket.LastLabel = rule.Label;
    }

    private void Reassign(Incident incident, SourceRow row, StateRule rule, Actor actor, TicketState ticket)
    {
        var group = mapping.AssignmentGroup.Length > 0 ? BoundMapping.First(row, mapping.AssignmentGroup) : incident.AssignmentGroup?.Value;
        var assignee = rule.Assignee switch
        {
            AssigneeSource.Clear => null,
            AssigneeSource.Keep => incident.AssignedTo,
            _ => mapping.Assignee.Length > 0 ? BoundMapping.First(row, mapping.Assignee) : incident.AssignedTo,
        };
        var (previousLevel, previousLabel) = (ticket.Level, ticket.LevelLabel);
        if (LevelOf(row) is var (level, label))
        {
            (ticket.Level, ticket.LevelLabel) = (level, label);
        }

        if (group == incident.AssignmentGroup?.Value && assignee == incident.AssignedTo)
        {
            return;
        }

        if (group is null && assignee is null)
        {
            incident.Unassign(actor);
            return;
        }

        // A move up the support levels to another group is functional escalation (ITIL), not a plain reassignment.
        if (ticket.Level > previousLevel && previousLevel > 0 && group is not null && group != incident.AssignmentGroup?.Value
            && incident.State is IncidentState.New or IncidentState.InProgress or IncidentState.OnHold)
        {
            incident.EscalateFunctionally(actor, new Itsm.Services.SupportGroupId(CheckId(group, row, "group")), $"Support level {previousLabel} to {ticket.LevelLabel} in the source.");
            if (assignee is null)
            {
                return;
            }
        }

        incident.Assign(actor, group is null ? null : new Itsm.Services.SupportGroupId(CheckId(group, row, "group")), assignee is null ? null : CheckId(assignee, row, "assignee"));
    }

    private void ChangePriority(Incident incident, SourceRow row, Actor actor)
    {
        var impact = ImpactOf(row) ?? incident.Impact;
        var urgency = UrgencyOf(row) ?? incident.Urgency;
        if (impact != incident.Impact || urgency != incident.Urgency)
        {
            incident.ChangeImpactOrUrgency(actor, impact, urgency);
        }
    }

    private void ChangeState(Incident incident, SourceRow row, StateRule rule, IncidentState? target, Actor actor, TicketState ticket)
    {
        var current = incident.State;
        switch (target)
        {
            case IncidentState.InProgress when current == IncidentState.New:
                incident.StartWork(actor);
                break;
            case IncidentState.InProgress or IncidentState.New when current == IncidentState.OnHold:
                incident.Resume(actor);
                break;
            case IncidentState.OnHold when current == IncidentState.OnHold:
                if (incident.OnHoldReason != rule.HoldReason)
                {
                    incident.ChangeHoldReason(actor, rule.HoldReason!.Value, $"On hold in the source: {rule.Label}.");
                }

                break;
            case IncidentState.OnHold:
                incident.PutOnHold(actor, rule.HoldReason!.Value, $"On hold in the source: {rule.Label}.");
                break;
            case IncidentState.Resolved when current != IncidentState.Resolved:
                if (current == IncidentState.Closed)
                {
                    incident.Reopen(actor, $"Reopened in the source: Closed to {rule.Label}.");
                    ApplyHeldEdits(incident, actor, ticket);
                }

                Resolve(incident, row, rule, actor, closing: false);
                break;
            case IncidentState.Closed when current != IncidentState.Closed:
                if (current is IncidentState.New or IncidentState.InProgress or IncidentState.OnHold)
                {
                    // Closed without being resolved first (ServiceNow lets an agent set Closed directly): resolved and closed at one instant.
                    Resolve(incident, row, rule, actor, closing: true);
                }

                incident.Close(actor);
                break;
            case IncidentState.Canceled when current != IncidentState.Canceled:
                incident.Cancel(actor, $"Canceled in the source: {rule.Label}.");
                break;
        }
    }

    /// <summary>
    /// Takes the named transition to the row's custom state, once the library commands have put the incident in its
    /// library state. A state outside it (Awaiting Assignment inside InProgress, on a ticket still New) is not the row's
    /// meaning there: the library's New is that ticket's queue.
    /// </summary>
    private static void MoveInWorkflow(Incident incident, SourceRow row, StateRule rule, Actor actor)
    {
        if (incident.Workflow is not { } workflow || rule.WorkflowState is not { } target || incident.WorkflowState is not { } current
            || string.Equals(current, target, StringComparison.Ordinal) || workflow.ParentOf(target) != incident.State)
        {
            return;
        }

        foreach (var transition in workflow.NamedTransitionsFrom(current))
        {
            if (string.Equals(transition.To, target, StringComparison.Ordinal))
            {
                incident.TransitionWorkflow(actor, transition.Name!);
                return;
            }
        }

        throw new RowException(
            $"no-workflow-transition:{current}:{target}",
            $"Row {row.Number}: the workflow {workflow} has no named transition from '{current}' to '{target}' ({rule.Label}).");
    }

    private void Resolve(Incident incident, SourceRow row, StateRule rule, Actor actor, bool closing)
    {
        var (code, source) = ResolutionOf(row, rule);
        string how = closing ? "Closed in the source without being resolved first" : "Resolved in the source";
        incident.Resolve(actor, code, $"{how} ({rule.Label}){source}.");
    }

    /// <summary>What the replay remembers of a ticket besides the incident itself.</summary>
    private sealed class TicketState
    {
        internal string LastLabel { get; set; } = "New";

        internal int Level { get; set; }

        internal string? LevelLabel { get; set; }

        /// <summary>The fields the Closed ticket's rows set, waiting for a reopen; null when none waits.</summary>
        internal ClosedFields? Held { get; set; }

        /// <summary>The rows whose edits <see cref="Held"/> gathers.</summary>
        internal int HeldRows { get; set; }

        internal int IgnoredEdits { get; set; }

        internal int CarriedEdits { get; set; }

        /// <summary>The held edits will never reach the record (reverted, or no reopen follows): counted as ignored.</summary>
        internal void DropHeldEdits()
        {
            IgnoredEdits += HeldRows;
            HeldRows = 0;
            Held = null;
        }
    }
}
