using System;
using System.Collections.Generic;
using System.Linq;
using Stateless;

namespace Itsm.Workflows;

/// <summary>
/// What a workflow is checked against: one library lifecycle (the incident's, a normal change's, ...) as
/// the union of its policy variants, read from the configured Stateless machines: which commands each state
/// permits and where each can lead, its initial and final states, and the command that moves between
/// custom states.
/// </summary>
internal sealed class WorkflowLifecycle<TState, TCommand>
    where TState : struct, Enum
    where TCommand : struct, Enum
{
    private readonly Dictionary<(TState From, TCommand Command), HashSet<TState>> _edges = [];

    private WorkflowLifecycle(string name, string recordType, TState initial, IReadOnlyCollection<TState> finals, TCommand transitionCommand)
    {
        Name = name;
        RecordType = recordType;
        Initial = initial;
        Finals = new HashSet<TState>(finals);
        TransitionCommand = transitionCommand;
        States = Enum.GetValues<TState>();
    }

    /// <summary>The lifecycle's key, for example <c>Incident</c> or <c>Change.Normal</c>.</summary>
    internal string Name { get; }

    internal string RecordType { get; }

    internal TState Initial { get; }

    internal HashSet<TState> Finals { get; }

    /// <summary>The command that moves a record between custom states (<c>TransitionWorkflow</c>).</summary>
    internal TCommand TransitionCommand { get; }

    internal TState[] States { get; }

    /// <summary>Every (state, command) the lifecycle permits in some variant, with the states it can lead to.</summary>
    internal IReadOnlyDictionary<(TState From, TCommand Command), HashSet<TState>> Edges => _edges;

    internal bool Permits(TState state, TCommand command) => _edges.ContainsKey((state, command));

    internal bool Leads(TState from, TCommand command, TState to) => _edges.TryGetValue((from, command), out var targets) && targets.Contains(to);

    internal static WorkflowLifecycle<TState, TCommand> Read(
        string name,
        string recordType,
        TState initial,
        IReadOnlyCollection<TState> finals,
        TCommand transitionCommand,
        IEnumerable<Action<StateMachine<TState, TCommand>>> variants)
    {
        var lifecycle = new WorkflowLifecycle<TState, TCommand>(name, recordType, initial, finals, transitionCommand);
        foreach (var configure in variants)
        {
            var probe = initial;
            var machine = new StateMachine<TState, TCommand>(() => probe, s => probe = s);
            configure(machine);
            foreach (var state in machine.GetInfo().States)
            {
                var from = (TState)state.UnderlyingState;
                foreach (var fixedTransition in state.FixedTransitions)
                {
                    lifecycle.Add(from, (TCommand)fixedTransition.Trigger.UnderlyingTrigger, (TState)fixedTransition.DestinationState.UnderlyingState);
                }

                foreach (var dynamic in state.DynamicTransitions)
                {
                    foreach (var destination in dynamic.PossibleDestinationStates)
                    {
                        lifecycle.Add(from, (TCommand)dynamic.Trigger.UnderlyingTrigger, Enum.Parse<TState>(destination.DestinationState));
                    }
                }
            }
        }

        return lifecycle;
    }

    private void Add(TState from, TCommand command, TState to)
    {
        if (!_edges.TryGetValue((from, command), out var targets))
        {
            _edges[(from, command)] = targets = [];
        }

        targets.Add(to);
    }

    internal IEnumerable<TCommand> CommandsFrom(TState state) =>
        _edges.Keys.Where(k => EqualityComparer<TState>.Default.Equals(k.From, state)).Select(k => k.Command);
}
