using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Text;
using Itsm.Workflows;

namespace Itsm.Common;

// The record's place in its workflow: which custom state it is in, under which version, and the two
// commands that move it outside the library lifecycle (a named transition here, a migration in Aggregate.WorkflowMigration.cs).
public abstract partial class Aggregate<TId, TState, TCommand>
{
    private Workflow<TState, TCommand>? _workflow;
    private int _workflowState;
    private IReadOnlyList<TCommand>[]? _workflowPermitted;

    /// <summary>
    /// The workflow (the version of it) the record runs under, or <see langword="null"/> for the library lifecycle
    /// alone. Set when the record is created under an engine whose <c>ItsmEngineOptions.Workflows</c> has one for
    /// its tenant and lifecycle, and changed only by a migration (<c>MigrateWorkflow</c>).
    /// </summary>
    public Workflow<TState, TCommand>? Workflow => _workflow;

    /// <summary>
    /// The custom state the record is in (one of <see cref="Itsm.Workflows.Workflow.StateNames"/>, inside
    /// <see cref="State"/>), or <see langword="null"/> without a workflow. In a library state without custom states it
    /// is that state's own name.
    /// </summary>
    public string? WorkflowState => _workflow?.Table.Names[_workflowState];

    /// <summary>The library lifecycle the record's workflows refine (<c>Incident</c>, <c>Change.Normal</c>, ...).</summary>
    internal virtual string WorkflowLifecycle => _recordType;

    /// <summary>Puts a record being created under <paramref name="workflow"/>, in the entry state of its library state; before its creation is recorded.</summary>
    internal void StartWorkflow(Workflow<TState, TCommand>? workflow)
    {
        if (workflow is null)
        {
            return;
        }

        CheckLifecycle(workflow, nameof(workflow));
        _workflow = workflow;
        _workflowPermitted = null;
        _workflowState = workflow.Table.EntryOf(State);
    }

    /// <summary>Puts a record rebuilt from stored state back in <paramref name="state"/> of <paramref name="workflow"/>.</summary>
    /// <exception cref="ArgumentException">The workflow has no such state, or it is not inside the record's library state.</exception>
    internal void RestoreWorkflow(Workflow<TState, TCommand> workflow, string state)
    {
        CheckLifecycle(workflow, nameof(workflow));
        if (workflow.IndexOf(state) is not { } index || !EqualityComparer<TState>.Default.Equals(workflow.Table.Parents[index], State))
        {
            throw new ArgumentException($"The workflow {workflow} has no state '{QuotedText.Of(state)}' inside {State}.", nameof(state));
        }

        _workflow = workflow;
        _workflowPermitted = null;
        _workflowState = index;
    }

    /// <summary>Whether <paramref name="field"/> is set on the record, for workflow guards; <see langword="null"/> when the record type has no such field.</summary>
    private protected virtual bool? HasWorkflowField(WorkflowField field) => null;

    /// <summary>
    /// Takes the named transition <paramref name="transition"/> out of the current custom state: the state must permit
    /// <paramref name="transitionCommand"/> (a named transition leaves it), the transition must exist, and its guard must hold.
    /// </summary>
    private protected void TransitionWorkflowCore(Actor actor, string transition, TCommand transitionCommand)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(transition, FieldLimits.Id);
        if (!Permits(transitionCommand))
        {
            throw Refuse(transitionCommand);
        }

        var workflow = _workflow!;
        var from = workflow.Table.Names[_workflowState];
        WorkflowTransition<TCommand>? taken = null;
        foreach (var t in workflow.Table.Named[_workflowState])
        {
            if (string.Equals(t.Name, transition, StringComparison.Ordinal))
            {
                taken = t;
                break;
            }
        }

        if (taken is null)
        {
            throw new DomainRuleViolationException(
                Itsm.Workflows.Workflow.UnknownTransitionCode,
                $"The {_recordType} in '{QuotedText.Of(from)}' has no transition '{QuotedText.Of(transition)}'; it has {string.Join(", ", workflow.Table.Named[_workflowState].Select(t => "'" + QuotedText.Of(t.Name) + "'"))}.");
        }

        CheckGuard(actor, taken, from);
        var at = Clock.GetCurrentInstant();
        var fromIndex = _workflowState;
        _workflowState = workflow.Table.Index[taken.To];
        OnCommandApplied(at);
        Record(actor, State, at, new WorkflowTransitioned(taken.Name!, from, taken.To), fromIndex);
    }

    private void CheckGuard(Actor actor, WorkflowTransition<TCommand> transition, string from)
    {
        var guard = transition.Guard;
        var failed = new List<string>();
        if (guard.Roles.Count > 0 && !guard.Roles.Any(actor.HasRole))
        {
            failed.Add("the actor holds none of the roles " + string.Join(", ", guard.Roles.Select(r => QuotedText.Of(r))));
        }

        foreach (var field in guard.RequiredFields)
        {
            switch (HasWorkflowField(field))
            {
                case null:
                    failed.Add($"a {_recordType} has no field {field}");
                    break;
                case false:
                    failed.Add($"{field} is not set");
                    break;
            }
        }

        if (failed.Count == 0 && guard.Predicate is { } predicate && !predicate(new WorkflowGuardContext(this, actor, transition.Name!, from, transition.To)))
        {
            failed.Add($"the condition '{QuotedText.Of(guard.PredicateName)}' does not hold");
        }

        if (failed.Count > 0)
        {
            throw new DomainRuleViolationException(
                Itsm.Workflows.Workflow.GuardFailedCode,
                $"The transition '{QuotedText.Of(transition.Name)}' from '{QuotedText.Of(from)}' to '{QuotedText.Of(transition.To)}' is refused: {string.Join("; ", failed)}.");
        }
    }

    private void CheckLifecycle(Workflow<TState, TCommand> workflow, string paramName)
    {
        Guard.Against.Null(workflow, paramName);
        if (!string.Equals(workflow.Lifecycle, WorkflowLifecycle, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The workflow {workflow} refines {workflow.Lifecycle}; this {_recordType} runs {WorkflowLifecycle}.", paramName);
        }
    }

    private IReadOnlyList<TCommand>[] WorkflowPermitted() => _workflowPermitted ??= _workflow!.Table.PermittedBy(PermittedTable());
}
