using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Workflows;

namespace Itsm.Testing.Workflows;

/// <summary>
/// Draws valid workflow definitions over a <see cref="LibraryGraph{TState, TCommand}"/>: valid by construction
/// (see <see cref="WorkflowSketch{TState, TCommand}"/>), never filtered by trying to build them.
/// </summary>
internal static class WorkflowSketches
{
    /// <summary>Roles guards ask for: some the generated actors hold (<see cref="ItsmGenerators.LifecycleActors"/>), one nobody holds.</summary>
    internal static readonly string[] GuardRoles = ["itil", "cab", "approver", "peer", "wf-lead"];

    // Names with spaces, punctuation and non-ASCII letters, as hosts name their statuses.
    private static readonly string[] StateWords = ["Triage", "Awaiting Change", "Peer Review", "Wait - Vendor", "Prüfung", "Queued/2nd line", "Parked"];

    private static readonly string[] TransitionWords = ["start", "wait", "resume", "review", "hand-over", "back", "escalate"];

    public static Gen<WorkflowSketch<TState, TCommand>> Sketches<TState, TCommand>(
        LibraryGraph<TState, TCommand> graph, string lifecycle, Func<string, WorkflowBuilder<TState, TCommand>> builder)
        where TState : struct, Enum
        where TCommand : struct, Enum =>
        from seed in Gen.Choose(0, int.MaxValue)
        from size in Gen.Sized(s => Gen.Constant(s))
        select Draw(graph, lifecycle, builder, seed, Math.Clamp(1 + (size / 25), 1, 4));

    private static WorkflowSketch<TState, TCommand> Draw<TState, TCommand>(
        LibraryGraph<TState, TCommand> graph, string lifecycle, Func<string, WorkflowBuilder<TState, TCommand>> builder, int seed, int maxPerParent)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
#pragma warning disable CA5394 // Test data from FsCheck's seed, not security.
        var random = new Random(seed);
        var states = new List<WorkflowState<TState, TCommand>>();
        var transitions = new List<WorkflowTransition<TCommand>>();
        var ring = new HashSet<WorkflowTransition<TCommand>>();
        var namesByParent = new Dictionary<TState, List<string>>();
        int counter = 0;
        string Named() => TransitionWords[random.Next(TransitionWords.Length)] + "-" + (++counter);

        foreach (var parent in graph.Refinable())
        {
            var count = random.Next(3) == 0 ? 0 : random.Next(1, maxPerParent + 1);
            if (count == 0)
            {
                continue;
            }

            var names = Enumerable.Range(1, count).Select(i => $"{StateWords[random.Next(StateWords.Length)]} {parent} {i}").ToList();
            var entry = random.Next(2) == 0 ? random.Next(count) : -1;
            var keeper = random.Next(count);
            var permitted = graph.CommandsFrom(parent);
            for (int i = 0; i < count; i++)
            {
                // One state of each ring blocks nothing, so every library command still leaves the library state.
                var blocks = i == keeper || permitted.Length == 0
                    ? []
                    : permitted.Where(_ => random.Next(4) == 0).ToList();
                states.Add(new WorkflowState<TState, TCommand>(names[i], parent, i == entry, blocks.AsReadOnly()));
            }

            // The ring starts at the entry state (marked, else the first declared) and visits the others in any order.
            var start = entry >= 0 ? entry : 0;
            var order = new List<string> { names[start] };
            order.AddRange(names.Where((_, i) => i != start).OrderBy(_ => random.Next()));
            for (int i = 0; count > 1 && i < count; i++)
            {
                var t = new WorkflowTransition<TCommand>(Named(), null, order[i], order[(i + 1) % count], Guard(random));
                transitions.Add(t);
                ring.Add(t);
            }

            for (int extra = count > 1 ? random.Next(3) : 0; extra > 0; extra--)
            {
                var from = names[random.Next(count)];
                var to = names[random.Next(count)];
                if (from != to)
                {
                    transitions.Add(new WorkflowTransition<TCommand>(Named(), null, from, to, Guard(random)));
                }
            }

            namesByParent[parent] = names;
        }

        // Bound transitions: only along the library's own edges, from a state that does not block the command, once per (state, command).
        var bound = new HashSet<(string, TCommand)>();
        var edges = graph.Edges.ToList();
        for (int n = random.Next(5); n > 0 && edges.Count > 0; n--)
        {
            var ((fromParent, command), targets) = edges[random.Next(edges.Count)];
            var toParent = targets.ElementAt(random.Next(targets.Count));
            var fromNames = namesByParent.GetValueOrDefault(fromParent) ?? [fromParent.ToString()];
            var toNames = namesByParent.GetValueOrDefault(toParent) ?? [toParent.ToString()];
            var from = fromNames[random.Next(fromNames.Count)];
            var to = toNames[random.Next(toNames.Count)];
            var blocked = states.FirstOrDefault(s => s.Name == from)?.Blocks.Contains(command) ?? false;
            if (!blocked && bound.Add((from, command)))
            {
                transitions.Add(new WorkflowTransition<TCommand>(null, command, from, to, WorkflowGuard.None));
            }
        }

        var order2 = transitions.OrderBy(_ => random.Next()).ToList();
        return new WorkflowSketch<TState, TCommand>(lifecycle, $"generated-{lifecycle.ToLowerInvariant()}-{seed}", states.AsReadOnly(), order2.AsReadOnly(), ring, builder);
    }

    private static WorkflowGuard Guard(Random random) => random.Next(8) switch
    {
        0 or 1 => WorkflowGuard.AnyRole(Roles(random)),
        2 or 3 => WorkflowGuard.Requires(Fields(random)),
        4 => new WorkflowGuard { Roles = Roles(random), RequiredFields = Fields(random) },
        _ => WorkflowGuard.None,
    };

    private static string[] Roles(Random random) => [.. GuardRoles.Where(_ => random.Next(3) == 0).DefaultIfEmpty(GuardRoles[random.Next(GuardRoles.Length)])];

    private static WorkflowField[] Fields(Random random) =>
        [.. Enum.GetValues<WorkflowField>().Where(_ => random.Next(4) == 0).DefaultIfEmpty(Enum.GetValues<WorkflowField>()[random.Next(6)])];
#pragma warning restore CA5394
}
