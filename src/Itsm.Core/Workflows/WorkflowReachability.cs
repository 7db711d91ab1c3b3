using System;
using System.Collections.Generic;
using Itsm.Text;

namespace Itsm.Workflows;

/// <summary>
/// The graph checks of a definition: every state reachable from the initial state, and a way to a final state
/// from every reachable one. They run over the sound part of the definition (<see cref="WorkflowDraft{TState, TCommand}"/>)
/// whatever the structural checks found, giving the refused part the benefit of the doubt: a refused transition
/// still counts as an edge, an end of it that names no sound state is a stand-in state that is reached and
/// finishes, and every state marked as an entry counts as one. So a state is reported unreachable (or a dead end)
/// only when fixing the structural problems as their author meant them would leave it so.
/// </summary>
internal static class WorkflowReachability
{
    internal static void Check<TState, TCommand>(WorkflowLifecycle<TState, TCommand> lifecycle, WorkflowDraft<TState, TCommand> draft, List<WorkflowProblem> problems)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var table = new WorkflowTable<TState, TCommand>(lifecycle, draft.States, draft.Transitions);
        var n = table.Names.Length;
        var entries = Entries(table, draft);

        // Node n stands for every end of a refused transition that names no sound state.
        var stand = n;
        var edges = new List<int>[n + 1];
        for (int s = 0; s <= n; s++)
        {
            edges[s] = [];
        }

        for (int s = 0; s < n; s++)
        {
            foreach (var command in lifecycle.CommandsFrom(table.Parents[s]))
            {
                if (table.Blocks(s, command))
                {
                    continue;
                }

                foreach (var to in lifecycle.Edges[(table.Parents[s], command)])
                {
                    var bound = table.Bound(s, command);
                    if (bound >= 0 && EqualityComparer<TState>.Default.Equals(table.Parents[bound], to))
                    {
                        edges[s].Add(bound);
                    }
                    else if (EqualityComparer<TState>.Default.Equals(table.Parents[s], to))
                    {
                        edges[s].Add(s);
                    }
                    else
                    {
                        edges[s].AddRange(entries[to]);
                    }
                }
            }

            foreach (var t in table.Named[s])
            {
                edges[s].Add(table.Index[t.To]);
            }
        }

        foreach (var (from, to) in draft.LooseEnds)
        {
            edges[from is null ? stand : table.Index[from]].Add(to is null ? stand : table.Index[to]);
        }

        var reached = Search([.. entries[lifecycle.Initial], stand], edges);
        var reverse = new List<int>[n + 1];
        for (int s = 0; s <= n; s++)
        {
            reverse[s] = [];
        }

        for (int s = 0; s <= n; s++)
        {
            foreach (var to in edges[s])
            {
                reverse[to].Add(s);
            }
        }

        var finals = new List<int> { stand };
        for (int s = 0; s < n; s++)
        {
            if (lifecycle.Finals.Contains(table.Parents[s]))
            {
                finals.Add(s);
            }
        }

        var finishes = Search(finals, reverse);
        var libraryReached = LibraryReached(lifecycle);
        var initial = table.Names[table.EntryOf(lifecycle.Initial)];
        for (int s = 0; s < n; s++)
        {
            // A library state its own lifecycle never enters (a standard change's Assess) is left out unless the workflow refines it.
            if (!reached[s])
            {
                if (libraryReached.Contains(table.Parents[s]) || table.Names[s] != table.Parents[s].ToString())
                {
                    problems.Add(new(WorkflowProblemCode.Unreachable, table.Names[s], $"The state '{QuotedText.Of(table.Names[s])}' ({table.Parents[s]}) cannot be reached from the initial state '{QuotedText.Of(initial)}'."));
                }
            }
            else if (!finishes[s])
            {
                problems.Add(new(WorkflowProblemCode.DeadEnd, table.Names[s], $"The state '{QuotedText.Of(table.Names[s])}' ({table.Parents[s]}) is a dead end: no final state of {lifecycle.Name} can be reached from it."));
            }
        }
    }

    /// <summary>Where a record entering each library state by a library command can land: its entry, and every other state marked as one.</summary>
    private static Dictionary<TState, List<int>> Entries<TState, TCommand>(WorkflowTable<TState, TCommand> table, WorkflowDraft<TState, TCommand> draft)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var entries = new Dictionary<TState, List<int>>();
        for (int s = 0; s < table.Names.Length; s++)
        {
            var parent = table.Parents[s];
            if (!entries.ContainsKey(parent))
            {
                entries[parent] = [table.EntryOf(parent)];
            }
        }

        foreach (var marked in draft.Entries)
        {
            var i = table.Index[marked.Name];
            if (!entries[marked.Parent].Contains(i))
            {
                entries[marked.Parent].Add(i);
            }
        }

        return entries;
    }

    private static HashSet<TState> LibraryReached<TState, TCommand>(WorkflowLifecycle<TState, TCommand> lifecycle)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var reached = new HashSet<TState> { lifecycle.Initial };
        var stack = new Stack<TState>(reached);
        while (stack.Count > 0)
        {
            var from = stack.Pop();
            foreach (var (key, targets) in lifecycle.Edges)
            {
                if (!EqualityComparer<TState>.Default.Equals(key.From, from))
                {
                    continue;
                }

                foreach (var to in targets)
                {
                    if (reached.Add(to))
                    {
                        stack.Push(to);
                    }
                }
            }
        }

        return reached;
    }

    private static bool[] Search(List<int> starts, List<int>[] edges)
    {
        var reached = new bool[edges.Length];
        var stack = new Stack<int>();
        foreach (var start in starts)
        {
            if (!reached[start])
            {
                reached[start] = true;
                stack.Push(start);
            }
        }

        while (stack.Count > 0)
        {
            foreach (var to in edges[stack.Pop()])
            {
                if (!reached[to])
                {
                    reached[to] = true;
                    stack.Push(to);
                }
            }
        }

        return reached;
    }
}
