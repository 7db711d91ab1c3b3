using System;
using System.Collections.Generic;

namespace Itsm.Workflows;

/// <summary>
/// What the structural checks of a definition leave for the graph checks: the sound part (the states and
/// transitions that passed) and what the refused part still tells (the names of declared states that were
/// refused, the states marked as entries, the loose ends of refused transitions). The graph checks run over
/// the sound part and give every refused element the benefit of the doubt, so a structural problem is
/// reported once and never again as an unreachable state or a dead end (docs/workflows.md).
/// </summary>
internal sealed class WorkflowDraft<TState, TCommand>
    where TState : struct, Enum
    where TCommand : struct, Enum
{
    /// <summary>The states that passed, in declaration order, with their valid blocks.</summary>
    internal List<WorkflowState<TState, TCommand>> States { get; } = [];

    /// <summary>
    /// The names of declared states that were refused (a bad name, a duplicate, a missing or final parent):
    /// a transition, block or mapping naming one is not reported again as naming an unknown state.
    /// </summary>
    internal HashSet<string> Refused { get; } = new(StringComparer.Ordinal);

    /// <summary>The sound states marked as their library state's entry (more than one per library state only with <see cref="WorkflowProblemCode.MultipleEntries"/>).</summary>
    internal List<WorkflowState<TState, TCommand>> Entries { get; } = [];

    /// <summary>The transitions that passed, in declaration order.</summary>
    internal List<WorkflowTransition<TCommand>> Transitions { get; } = [];

    /// <summary>
    /// The ends of each refused transition: a sound state's name, or <see langword="null"/> for an end that names
    /// no sound state (an unknown or a refused one), which the graph checks count as reached and finishing.
    /// </summary>
    internal List<(string? From, string? To)> LooseEnds { get; } = [];

    /// <summary>The library state of every state name of the sound part: custom states, and library states without any.</summary>
    internal Dictionary<string, TState> Parents { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="name"/> names a declared state that was refused and no sound state.</summary>
    internal bool IsRefused(string? name) => name is not null && !Parents.ContainsKey(name) && Refused.Contains(name);

    /// <summary>Fills <see cref="Parents"/> once <see cref="States"/> is final.</summary>
    internal void IndexStates(WorkflowLifecycle<TState, TCommand> lifecycle)
    {
        var refined = new HashSet<TState>();
        foreach (var s in States)
        {
            Parents.TryAdd(s.Name, s.Parent);
            refined.Add(s.Parent);
        }

        foreach (var library in lifecycle.States)
        {
            if (!refined.Contains(library))
            {
                Parents[library.ToString()] = library;
            }
        }
    }
}
