using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.Testing.Models;
using Itsm.Workflows;

namespace Itsm.Testing.Workflows;

/// <summary>
/// The workflow half of a <see cref="LifecycleRunner"/> run: an independent model of the record's custom state
/// under the workflow the engine's catalog gives it, written from the documented semantics over the workflow's
/// public definition (not its compiled table), and the invariants checked against the record after every step.
/// </summary>
internal abstract class WorkflowCheck<TRecord>
    where TRecord : class
{
    /// <summary>The check for a record created by <paramref name="create"/> in <paramref name="tenant"/>, or <see langword="null"/> when its lifecycle runs no workflow.</summary>
    public static WorkflowCheck<TRecord>? For(CreateCommand<TRecord> create, TenantId tenant, ItsmEngineOptions options)
    {
        object? check = create switch
        {
            OpenIncident => Typed<Incident, IncidentId, IncidentState, IncidentCommand>.For(
                options.Workflows.For(tenant, Incident.RecordType), IncidentCommand.TransitionWorkflow, (i, h) => SnapshotProblem(Incident.ReplayTicketHistory(h), i.ToTicketSnapshot(), "incident")),
            OpenProblem => Typed<Problem, ProblemId, ProblemState, ProblemCommand>.For(options.Workflows.For(tenant, Problem.RecordType), ProblemCommand.TransitionWorkflow, null),
            OpenChange open => Typed<Change, ChangeId, ChangeState, ChangeCommand>.For(options.Workflows.For(tenant, Change.RecordType + "." + open.Type), ChangeCommand.TransitionWorkflow, null),
            SubmitServiceRequest => Typed<ServiceRequest, ServiceRequestId, ServiceRequestState, ServiceRequestCommand>.For(
                options.Workflows.For(tenant, ServiceRequest.RecordType), ServiceRequestCommand.TransitionWorkflow, (r, h) => SnapshotProblem(ServiceRequest.ReplayTicketHistory(h), r.ToTicketSnapshot(), "request")),
            _ => null,
        };
        return check as WorkflowCheck<TRecord>;
    }

    /// <summary>The prediction under the workflow: a blocked library command or a named transition judged here, else the library model's.</summary>
    public abstract Prediction<TRecord> Predict(LifecycleModel<TRecord> model, Prediction<TRecord> library, RecordCommand<TRecord> command, Actor actor, TRecord before);

    /// <summary>Moves the expected custom state after an accepted creation or command, and checks the audit entry that recorded it.</summary>
    public abstract string? Accepted(RecordCommand<TRecord>? command, LifecycleModel<TRecord> next, AuditEntry entry);

    /// <summary>The first invariant the record (and, after an accepted command, the engine's live copy) breaks, or <see langword="null"/>.</summary>
    public abstract string? CheckRecord(TRecord reloaded, TRecord? live, LifecycleModel<TRecord> model, IReadOnlyList<AuditEntry> history);

    /// <summary>Whether the SLA projection of the audit log (its last change) equals the record's own snapshot, workflow state included.</summary>
    private static string? SnapshotProblem(IReadOnlyList<Itsm.Sla.TicketChange> changes, Itsm.Sla.TicketSnapshot own, string record)
    {
        var replayed = changes[^1].Snapshot;
        var same = replayed.State == own.State && replayed.WorkflowState == own.WorkflowState && replayed.Priority == own.Priority
            && replayed.OnHoldReason == own.OnHoldReason && replayed.Service == own.Service && replayed.Offering == own.Offering
            && replayed.AssignmentGroup == own.AssignmentGroup && replayed.Supplier == own.Supplier && replayed.Caller == own.Caller
            && replayed.ConfigurationItems.SequenceEqual(own.ConfigurationItems)
            && replayed.Attributes.Count == own.Attributes.Count && replayed.Attributes.All(a => own.Attributes.TryGetValue(a.Key, out var v) && v == a.Value);
        return same ? null : $"the SLA projection of the audit log ({replayed}) differs from the {record}'s ToTicketSnapshot() ({own})";
    }

    private sealed class Typed<TAggregate, TId, TState, TCommand>(
        Workflow<TState, TCommand> workflow, TCommand transitionCommand, Func<TAggregate, IReadOnlyList<AuditEntry>, string?>? snapshotProblem) : WorkflowCheck<TAggregate>
        where TAggregate : Aggregate<TId, TState, TCommand>
        where TId : struct
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        private static readonly TCommand[] AllCommands = Enum.GetValues<TCommand>();

        private string _current = string.Empty;
        private string? _pending;

        public static Typed<TAggregate, TId, TState, TCommand>? For(Workflow? workflow, TCommand transitionCommand, Func<TAggregate, IReadOnlyList<AuditEntry>, string?>? snapshotProblem) =>
            workflow is Workflow<TState, TCommand> typed ? new(typed, transitionCommand, snapshotProblem) : null;

        public override Prediction<TAggregate> Predict(LifecycleModel<TAggregate> model, Prediction<TAggregate> library, RecordCommand<TAggregate> command, Actor actor, TAggregate before)
        {
            _pending = null;
            if (!Enum.TryParse<TCommand>(command.Name, out var kind))
            {
                return library;
            }

            if (Same(kind, transitionCommand))
            {
                var named = workflow.NamedTransitionsFrom(_current);
                if (named.Count == 0)
                {
                    return Prediction<TAggregate>.RefusedByState;
                }

                var name = (object)command switch
                {
                    TransitionIncidentWorkflow t => t.Transition,
                    TransitionProblemWorkflow t => t.Transition,
                    TransitionChangeWorkflow t => t.Transition,
                    TransitionServiceRequestWorkflow t => t.Transition,
                    _ => null,
                };
                var taken = named.FirstOrDefault(t => t.Name == name);
                if (taken is null)
                {
                    return new(PredictedOutcome.RefusedByRule, Workflow.UnknownTransitionCode, null);
                }

                if (!Holds(taken, actor, before))
                {
                    return new(PredictedOutcome.RefusedByRule, Workflow.GuardFailedCode, null);
                }

                _pending = taken.To;
                return new(PredictedOutcome.Accepted, null, model);
            }

            if (library.Outcome != PredictedOutcome.RefusedByState && !library.BeforeRecord && Blocks(_current, kind))
            {
                return Prediction<TAggregate>.RefusedByState;
            }

            if (library.Next is { } next)
            {
                _pending = NextState(_current, kind, Enum.Parse<TState>(next.State));
            }

            return library;
        }

        public override string? Accepted(RecordCommand<TAggregate>? command, LifecycleModel<TAggregate> next, AuditEntry entry)
        {
            if (command is null)
            {
                _current = workflow.EntryStateOf(Enum.Parse<TState>(next.State));
                return entry.WorkflowState == _current ? null : $"the creating audit entry carries workflow state '{entry.WorkflowState}'; expected the entry state '{_current}'";
            }

            var to = _pending ?? _current;
            var expected = to == _current ? null : to;
            _current = to;
            return entry.WorkflowState == expected
                ? null
                : $"the audit entry of {command.Name} carries workflow state '{entry.WorkflowState ?? "(none)"}'; expected {(expected is null ? "none (the custom state did not change)" : "'" + expected + "'")}";
        }

        public override string? CheckRecord(TAggregate reloaded, TAggregate? live, LifecycleModel<TAggregate> model, IReadOnlyList<AuditEntry> history)
        {
            if (!ReferenceEquals(reloaded.Workflow, workflow))
            {
                return $"the record runs {reloaded.Workflow?.ToString() ?? "no workflow"}; the engine's catalog gives {workflow}";
            }

            if (reloaded.WorkflowState != _current)
            {
                return $"the record's workflow state is '{reloaded.WorkflowState}'; the model expects '{_current}'";
            }

            if (workflow.ParentNameOf(_current) != reloaded.State.ToString())
            {
                return $"the workflow state '{_current}' belongs to {workflow.ParentNameOf(_current)}, not to the record's state {reloaded.State}";
            }

            var permitted = AllCommands.Where(c => Same(c, transitionCommand)
                ? workflow.NamedTransitionsFrom(_current).Count > 0
                : ((ILibraryTable<TCommand>)model).Permits(c) && !Blocks(_current, c)).ToList();
            if (!permitted.SequenceEqual(reloaded.PermittedCommands))
            {
                return $"PermittedCommands in '{_current}' are [{string.Join(", ", reloaded.PermittedCommands)}]; the workflow's table gives [{string.Join(", ", permitted)}]";
            }

            string? replayed = null;
            foreach (var entry in history)
            {
                replayed = entry.WorkflowState ?? replayed;
            }

            if (replayed != _current)
            {
                return $"replaying the audit entries' workflow states gives '{replayed}'; the record is in '{_current}'";
            }

            if (live is not null && (live.Version != reloaded.Version || !EqualityComparer<TState>.Default.Equals(live.State, reloaded.State)
                || live.WorkflowState != reloaded.WorkflowState || !ReferenceEquals(live.Workflow, reloaded.Workflow) || !live.PermittedCommands.SequenceEqual(reloaded.PermittedCommands)))
            {
                return $"the reloaded record (v{reloaded.Version} {reloaded.State}/'{reloaded.WorkflowState}') differs from the live one (v{live.Version} {live.State}/'{live.WorkflowState}')";
            }

            return snapshotProblem?.Invoke(reloaded, history);
        }

        private static bool Same(TCommand a, TCommand b) => EqualityComparer<TCommand>.Default.Equals(a, b);

        private bool Blocks(string state, TCommand command) =>
            workflow.States.FirstOrDefault(s => s.Name == state)?.Blocks.Contains(command) ?? false;

        /// <summary>The documented move: a bound transition whose target is in the new library state, else the same custom state if it is still inside it, else the new library state's entry.</summary>
        private string NextState(string state, TCommand command, TState parent)
        {
            var bound = workflow.Transitions.FirstOrDefault(t => t.Command is { } c && Same(c, command) && t.From == state);
            if (bound is not null && EqualityComparer<TState>.Default.Equals(workflow.ParentOf(bound.To), parent))
            {
                return bound.To;
            }

            return EqualityComparer<TState>.Default.Equals(workflow.ParentOf(state), parent) ? state : workflow.EntryStateOf(parent);
        }

        private static bool Holds(WorkflowTransition<TCommand> transition, Actor actor, TAggregate before)
        {
            var guard = transition.Guard;
            if (guard.Roles.Count > 0 && !guard.Roles.Any(actor.HasRole))
            {
                return false;
            }

            if (guard.RequiredFields.Any(f => !HasField(before, f)))
            {
                return false;
            }

            return guard.Predicate is not { } predicate || predicate(new WorkflowGuardContext(before, actor, transition.Name!, transition.From, transition.To));
        }

        private static bool HasField(TAggregate record, WorkflowField field)
        {
            // The fields a guard can require, as each record type names them (a change's assignee is its implementer).
            (object? Service, object? Offering, int Items, object? Supplier, object? Group, object? Assignee) fields = record switch
            {
                Incident i => (i.Service, i.Offering, i.ConfigurationItems.Count, i.Supplier, i.AssignmentGroup, i.AssignedTo),
                Change c => (c.Service, c.Offering, c.ConfigurationItems.Count, c.Supplier, c.AssignmentGroup, c.ImplementerId),
                Problem p => (p.Service, p.Offering, p.ConfigurationItems.Count, p.Supplier, p.AssignmentGroup, p.AssignedTo),
                ServiceRequest r => (r.Service, r.Offering, r.ConfigurationItems.Count, r.Supplier, r.AssignmentGroup, r.AssignedTo),
                _ => default,
            };
            return field switch
            {
                WorkflowField.Service => fields.Service is not null,
                WorkflowField.Offering => fields.Offering is not null,
                WorkflowField.ConfigurationItem => fields.Items > 0,
                WorkflowField.Supplier => fields.Supplier is not null,
                WorkflowField.AssignmentGroup => fields.Group is not null,
                WorkflowField.Assignee => fields.Assignee is not null,
                _ => false,
            };
        }
    }
}
