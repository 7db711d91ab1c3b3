using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Itsm.Workflows;

namespace Itsm.Testing;

/// <summary>
/// A generated workflow definition kept as plain data, before it is built: its custom states (with their blocked
/// commands) and its named and bound transitions. <see cref="ItsmGenerators.IncidentWorkflowSketches"/>,
/// <see cref="ItsmGenerators.ProblemWorkflowSketches"/>, <see cref="ItsmGenerators.ChangeWorkflowSketches"/> and
/// <see cref="ItsmGenerators.ServiceRequestWorkflowSketches"/> make only valid ones: every custom state sits in a non-final
/// library state the lifecycle reaches, the custom states of one library state are joined by a ring of named
/// transitions (so each is reachable and can leave), blocks leave one state of each ring blocking nothing, and
/// bound transitions follow only where the library command leads. So <see cref="Build"/> never throws, and every
/// sketch <see cref="Shrink"/> yields is valid too, which lets FsCheck shrink a failing workflow to a small one.
/// </summary>
/// <typeparam name="TState">The library's states, for example <see cref="Itsm.Incidents.IncidentState"/>.</typeparam>
/// <typeparam name="TCommand">The library's commands, for example <see cref="Itsm.Incidents.IncidentCommand"/>.</typeparam>
public sealed class WorkflowSketch<TState, TCommand>
    where TState : struct, Enum
    where TCommand : struct, Enum
{
    private readonly Func<string, WorkflowBuilder<TState, TCommand>> _builder;
    private readonly IReadOnlySet<WorkflowTransition<TCommand>> _ring;

    internal WorkflowSketch(
        string lifecycle,
        string id,
        IReadOnlyList<WorkflowState<TState, TCommand>> states,
        IReadOnlyList<WorkflowTransition<TCommand>> transitions,
        IReadOnlySet<WorkflowTransition<TCommand>> ring,
        Func<string, WorkflowBuilder<TState, TCommand>> builder)
    {
        Lifecycle = lifecycle;
        Id = id;
        States = states;
        Transitions = transitions;
        _ring = ring;
        _builder = builder;
    }

    /// <summary>The library lifecycle it refines: <c>Incident</c>, <c>Problem</c>, <c>Change.Normal</c>, <c>Change.Standard</c>, <c>Change.Emergency</c> or <c>ServiceRequest</c>.</summary>
    public string Lifecycle { get; }

    /// <summary>The workflow's id (version 1).</summary>
    public string Id { get; }

    /// <summary>The custom states in declaration order, each with its parent, whether it is marked as the entry, and the commands it blocks.</summary>
    public IReadOnlyList<WorkflowState<TState, TCommand>> States { get; }

    /// <summary>The named transitions (with their guards) and the bound ones, in declaration order.</summary>
    public IReadOnlyList<WorkflowTransition<TCommand>> Transitions { get; }

    /// <summary>Declares the sketch on a <see cref="WorkflowBuilder"/> and builds it.</summary>
    /// <returns>The workflow, version 1.</returns>
    /// <exception cref="WorkflowDefinitionException">Never for a generated sketch; it would be a bug of the generator or of the validation.</exception>
    public Workflow<TState, TCommand> Build()
    {
        var builder = _builder(Id);
        foreach (var s in States)
        {
            builder.State(s.Name, s.Parent, s.IsEntry);
        }

        foreach (var s in States.Where(s => s.Blocks.Count > 0))
        {
            builder.Block(s.Name, [.. s.Blocks]);
        }

        foreach (var t in Transitions)
        {
            _ = t.Command is { } command ? builder.On(command, t.From, t.To) : builder.Transition(t.Name!, t.From, t.To, t.Guard);
        }

        return builder.Build();
    }

    /// <summary>
    /// Smaller valid sketches, each one step simpler: without the custom states of one library state (and every
    /// transition touching them), without one bound transition, without one named transition outside the rings,
    /// with one guard dropped, or with one state's blocks dropped. Give it to FsCheck as the shrinker
    /// (<see cref="ItsmArbitraries.IncidentWorkflowSketches"/> does).
    /// </summary>
    /// <returns>The shrinks, the boldest first.</returns>
    public IEnumerable<WorkflowSketch<TState, TCommand>> Shrink()
    {
        foreach (var parent in States.Select(s => s.Parent).Distinct())
        {
            var gone = States.Where(s => EqualityComparer<TState>.Default.Equals(s.Parent, parent)).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            yield return With(
                States.Where(s => !gone.Contains(s.Name)).ToList(),
                Transitions.Where(t => !gone.Contains(t.From) && !gone.Contains(t.To)).ToList());
        }

        for (int i = 0; i < Transitions.Count; i++)
        {
            if (!_ring.Contains(Transitions[i]))
            {
                yield return With(States, [.. Transitions.Take(i), .. Transitions.Skip(i + 1)]);
            }
        }

        for (int i = 0; i < Transitions.Count; i++)
        {
            if (!Transitions[i].Guard.IsEmpty)
            {
                var plain = Transitions[i] with { Guard = WorkflowGuard.None };
                var ring = _ring.Contains(Transitions[i]) ? new HashSet<WorkflowTransition<TCommand>>(_ring.Where(t => t != Transitions[i])) { plain } : _ring;
                yield return new(Lifecycle, Id, States, [.. Transitions.Take(i), plain, .. Transitions.Skip(i + 1)], ring, _builder);
            }
        }

        for (int i = 0; i < States.Count; i++)
        {
            if (States[i].Blocks.Count > 0)
            {
                yield return With([.. States.Take(i), States[i] with { Blocks = [] }, .. States.Skip(i + 1)], Transitions);
            }
        }
    }

    /// <summary>The sketch as the builder calls that declare it, for FsCheck's counterexamples.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder($"{Id} ({Lifecycle})");
        foreach (var s in States)
        {
            text.Append($"\n  State(\"{s.Name}\", {s.Parent}{(s.IsEntry ? ", isEntry: true" : string.Empty)})");
            if (s.Blocks.Count > 0)
            {
                text.Append($" Block({string.Join(", ", s.Blocks)})");
            }
        }

        foreach (var t in Transitions)
        {
            text.Append(t.Command is { } c
                ? $"\n  On({c}, \"{t.From}\", \"{t.To}\")"
                : $"\n  Transition(\"{t.Name}\", \"{t.From}\", \"{t.To}\"{(t.Guard.IsEmpty ? string.Empty : ", " + t.Guard)})");
        }

        return text.ToString();
    }

    private WorkflowSketch<TState, TCommand> With(IReadOnlyList<WorkflowState<TState, TCommand>> states, IReadOnlyList<WorkflowTransition<TCommand>> transitions) =>
        new(Lifecycle, Id, states, transitions, _ring, _builder);
}
