using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Changes;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;

namespace Itsm.Workflows;

/// <summary>
/// Starts a workflow definition in code for one library lifecycle. The JSON form is <c>WorkflowJson</c>.
/// </summary>
/// <example>
/// <code>
/// var workflow = WorkflowBuilder.ForIncidents("acme-incident")
///     .State("Triage", IncidentState.New)
///     .State("Investigating", IncidentState.InProgress)
///     .State("Awaiting Change", IncidentState.InProgress)
///     .Transition("wait-for-change", "Investigating", "Awaiting Change", WorkflowGuard.AnyRole("agent"))
///     .Transition("change-released", "Awaiting Change", "Investigating")
///     .Build();
/// </code>
/// </example>
public static class WorkflowBuilder
{
    /// <summary>A workflow refining the incident lifecycle (custom states inside New, InProgress, OnHold and Resolved).</summary>
    /// <param name="id">The workflow's id, the same for all its versions.</param>
    /// <param name="version">The version, from 1.</param>
    /// <returns>The builder.</returns>
    public static WorkflowBuilder<IncidentState, IncidentCommand> ForIncidents(string id, int version = 1) =>
        new(WorkflowLifecycles.Incident, id, version);

    /// <summary>A workflow refining the problem lifecycle (custom states inside New, Assess, RootCauseAnalysis, FixInProgress and Resolved).</summary>
    /// <param name="id">The workflow's id, the same for all its versions.</param>
    /// <param name="version">The version, from 1.</param>
    /// <returns>The builder.</returns>
    public static WorkflowBuilder<ProblemState, ProblemCommand> ForProblems(string id, int version = 1) =>
        new(WorkflowLifecycles.Problem, id, version);

    /// <summary>A workflow refining the service request lifecycle (custom states inside Submitted, AwaitingApproval, Fulfilling and Fulfilled).</summary>
    /// <param name="id">The workflow's id, the same for all its versions.</param>
    /// <param name="version">The version, from 1.</param>
    /// <returns>The builder.</returns>
    public static WorkflowBuilder<ServiceRequestState, ServiceRequestCommand> ForServiceRequests(string id, int version = 1) =>
        new(WorkflowLifecycles.ServiceRequest, id, version);

    /// <summary>A workflow refining the lifecycle of one change type (custom states inside its non-final states).</summary>
    /// <param name="type">The change type whose lifecycle it refines.</param>
    /// <param name="id">The workflow's id, the same for all its versions.</param>
    /// <param name="version">The version, from 1.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is undefined.</exception>
    public static WorkflowBuilder<ChangeState, ChangeCommand> ForChanges(ChangeType type, string id, int version = 1) =>
        Enum.IsDefined(type) ? new(WorkflowLifecycles.Change(type), id, version) : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a change type.");
}

/// <summary>
/// Builds a <see cref="Workflow{TState, TCommand}"/>: declare custom states, named and bound transitions,
/// blocked commands, and for a new version the one it replaces with the mapping of removed states; then
/// <see cref="Build"/> validates the whole definition and lists every problem at once.
/// </summary>
/// <typeparam name="TState">The library's states.</typeparam>
/// <typeparam name="TCommand">The library's commands.</typeparam>
public sealed class WorkflowBuilder<TState, TCommand>
    where TState : struct, Enum
    where TCommand : struct, Enum
{
    private readonly WorkflowLifecycle<TState, TCommand> _lifecycle;
    private readonly string _id;
    private readonly int _version;
    private readonly List<(string Name, TState? Parent, bool IsEntry)> _states = [];
    private readonly List<(string State, TCommand Command)> _blocks = [];
    private readonly List<(WorkflowTransition<TCommand> Transition, bool Refused)> _transitions = [];
    private readonly Dictionary<string, string> _migration = new(StringComparer.Ordinal);
    private readonly List<WorkflowProblem> _early = [];
    private Workflow<TState, TCommand>? _previous;
    private bool _previousGiven;

    internal WorkflowBuilder(WorkflowLifecycle<TState, TCommand> lifecycle, string id, int version)
    {
        _lifecycle = lifecycle;
        _id = id;
        _version = version;
    }

    /// <summary>Declares a custom state inside library state <paramref name="parent"/>.</summary>
    /// <param name="name">The state's name: unique in the workflow ignoring case, unlike any library state's name, at most <see cref="Itsm.Common.FieldLimits.Id"/> characters.</param>
    /// <param name="parent">The library state it refines (not a final one).</param>
    /// <param name="isEntry">Whether records entering <paramref name="parent"/> land here (default: the first state declared in the parent).</param>
    /// <returns>This builder.</returns>
    public WorkflowBuilder<TState, TCommand> State(string name, TState parent, bool isEntry = false)
    {
        _states.Add((name, parent, isEntry));
        return this;
    }

    /// <summary>Makes custom state <paramref name="state"/> refuse library <paramref name="commands"/> its parent permits.</summary>
    /// <param name="state">The custom state.</param>
    /// <param name="commands">The commands it refuses.</param>
    /// <returns>This builder.</returns>
    public WorkflowBuilder<TState, TCommand> Block(string state, params TCommand[] commands)
    {
        foreach (var command in commands ?? [])
        {
            _blocks.Add((state, command));
        }

        return this;
    }

    /// <summary>Declares a named transition between two states of the same library state, taken with <c>TransitionWorkflow</c>.</summary>
    /// <param name="name">The transition's name, unique among those leaving <paramref name="from"/>.</param>
    /// <param name="from">The state it leaves.</param>
    /// <param name="to">The state it enters (same library state).</param>
    /// <param name="guard">What it requires; <see langword="null"/> for nothing.</param>
    /// <returns>This builder.</returns>
    public WorkflowBuilder<TState, TCommand> Transition(string name, string from, string to, WorkflowGuard? guard = null)
    {
        _transitions.Add((new WorkflowTransition<TCommand>(name ?? string.Empty, null, from, to, guard ?? WorkflowGuard.None), false));
        return this;
    }

    /// <summary>Binds library <paramref name="command"/> from <paramref name="from"/> to <paramref name="to"/>, instead of the entry state of where the command leads.</summary>
    /// <param name="command">The library command.</param>
    /// <param name="from">The state the command is given in.</param>
    /// <param name="to">The state it leads to; its library state must be one the command can lead to.</param>
    /// <returns>This builder.</returns>
    public WorkflowBuilder<TState, TCommand> On(TCommand command, string from, string to)
    {
        _transitions.Add((new WorkflowTransition<TCommand>(null, command, from, to, WorkflowGuard.None), false));
        return this;
    }

    /// <summary>Declares a state whose parent the caller refused and reported (a JSON parent name that is no library state): only its name is checked.</summary>
    internal WorkflowBuilder<TState, TCommand> StateOfRefusedParent(string name, bool isEntry)
    {
        _states.Add((name, null, isEntry));
        return this;
    }

    /// <summary>Declares a transition the caller refused and reported (a JSON command name that is no library command): only the states it names are checked.</summary>
    internal WorkflowBuilder<TState, TCommand> RefusedTransition(string from, string to)
    {
        _transitions.Add((new WorkflowTransition<TCommand>(null, null, from, to, WorkflowGuard.None), true));
        return this;
    }

    /// <summary>Makes this version replace <paramref name="previous"/>: records running it migrate to this one, each of its removed states by <see cref="Maps"/>.</summary>
    /// <param name="previous">The version replaced (same id, an older version, same lifecycle).</param>
    /// <returns>This builder.</returns>
    public WorkflowBuilder<TState, TCommand> Replaces(Workflow<TState, TCommand> previous)
    {
        _previous = previous;
        _previousGiven = true;
        if (previous is null)
        {
            _early.Add(new(WorkflowProblemCode.InvalidMigration, "migration", "The previous version is null."));
        }

        return this;
    }

    /// <summary>Maps records of the previous version in <paramref name="removedState"/> to <paramref name="state"/> of this version (same library state).</summary>
    /// <param name="removedState">A state of the previous version.</param>
    /// <param name="state">A state of this version.</param>
    /// <returns>This builder.</returns>
    public WorkflowBuilder<TState, TCommand> Maps(string removedState, string state)
    {
        if (removedState is null || state is null || !_migration.TryAdd(removedState, state))
        {
            _early.Add(new(WorkflowProblemCode.InvalidMigration, "migration", $"The mapping of '{Itsm.Text.QuotedText.Of(removedState)}' is null or given twice."));
        }

        return this;
    }

    /// <summary>Validates the definition and builds the workflow.</summary>
    /// <remarks>
    /// Every check runs in one pass: the reachability checks (<see cref="WorkflowProblemCode.Unreachable"/>,
    /// <see cref="WorkflowProblemCode.DeadEnd"/>) run over the part of the definition the other checks accept, so a
    /// definition with mistakes of both kinds reports them together. What only follows from a refused element (a
    /// transition naming a refused state, a state reachable only through a refused transition) is not reported
    /// again; each problem is listed once (docs/workflows.md).
    /// </remarks>
    /// <returns>The workflow.</returns>
    /// <exception cref="WorkflowDefinitionException">The definition has problems: every one is listed.</exception>
    public Workflow<TState, TCommand> Build()
    {
        // One pass: the graph checks run over whatever passed the structural ones (WorkflowReachability says how).
        var problems = new List<WorkflowProblem>(_early);
        var draft = WorkflowValidation.States(_lifecycle, _states, _blocks, problems);
        WorkflowValidation.Header(_id, _version, problems);
        WorkflowValidation.Transitions(_lifecycle, draft, _transitions, problems);
        WorkflowValidation.Migration(_lifecycle, _id, _version, draft, _previous, _previousGiven, _migration, problems);
        WorkflowReachability.Check(_lifecycle, draft, problems);
        if (problems.Count == 0)
        {
            return new Workflow<TState, TCommand>(_id, _version, _lifecycle, draft.States, draft.Transitions, _previous, new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new Dictionary<string, string>(_migration, StringComparer.Ordinal)));
        }

        // Two declarations can make the same mistake (three transitions named alike); each problem is listed once.
        throw new WorkflowDefinitionException(problems.Distinct().ToList());
    }
}
