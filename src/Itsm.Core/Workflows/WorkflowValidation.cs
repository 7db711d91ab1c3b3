using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Text;

namespace Itsm.Workflows;

/// <summary>The checks of a workflow definition, each adding every problem it finds.</summary>
internal static class WorkflowValidation
{
    internal static void Header(string id, int version, List<WorkflowProblem> problems)
    {
        if (!IsName(id))
        {
            problems.Add(new(WorkflowProblemCode.InvalidName, "id", $"The workflow id '{QuotedText.Of(id)}' must be 1 to {FieldLimits.Id} characters, not blank, without control characters or surrounding spaces."));
        }

        if (version < 1)
        {
            problems.Add(new(WorkflowProblemCode.InvalidVersion, "version", $"The version {version} must be 1 or more."));
        }
    }

    internal static bool IsName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= FieldLimits.Id && name.Trim().Length == name.Length && !name.Any(char.IsControl)
        && !name.Any(char.IsSurrogate);

    internal static List<WorkflowState<TState, TCommand>> States<TState, TCommand>(
        WorkflowLifecycle<TState, TCommand> lifecycle,
        IReadOnlyList<(string Name, TState Parent, bool IsEntry)> declared,
        IReadOnlyList<(string State, TCommand Command)> blocks,
        List<WorkflowProblem> problems)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var libraryNames = new HashSet<string>(lifecycle.States.Select(s => s.ToString()), StringComparer.OrdinalIgnoreCase);
        var result = new List<WorkflowState<TState, TCommand>>();
        var entries = new Dictionary<TState, int>();
        foreach (var (name, parent, isEntry) in declared)
        {
            var ok = true;
            if (!IsName(name))
            {
                problems.Add(new(WorkflowProblemCode.InvalidName, QuotedText.Of(name), $"The state name '{QuotedText.Of(name)}' must be 1 to {FieldLimits.Id} characters, not blank, without control characters or surrounding spaces."));
                ok = false;
            }
            else if (libraryNames.Contains(name))
            {
                problems.Add(new(WorkflowProblemCode.DuplicateState, name, $"The state '{QuotedText.Of(name)}' is named like a library state of {lifecycle.Name}; custom states need their own names."));
                ok = false;
            }
            else if (!seen.Add(name))
            {
                problems.Add(new(WorkflowProblemCode.DuplicateState, name, $"The state '{QuotedText.Of(name)}' is declared twice (names are compared ignoring case)."));
                ok = false;
            }

            if (!Enum.IsDefined(parent))
            {
                problems.Add(new(WorkflowProblemCode.MissingParent, QuotedText.Of(name), $"The state '{QuotedText.Of(name)}' names parent {QuotedText.Of(parent)}, which is not a state of {lifecycle.Name}."));
                ok = false;
            }
            else if (lifecycle.Finals.Contains(parent))
            {
                problems.Add(new(WorkflowProblemCode.FinalParent, QuotedText.Of(name), $"The state '{QuotedText.Of(name)}' is inside {parent}, a final state of {lifecycle.Name}; final states hold no custom states."));
                ok = false;
            }

            if (ok && isEntry)
            {
                entries[parent] = entries.GetValueOrDefault(parent) + 1;
                if (entries[parent] == 2)
                {
                    problems.Add(new(WorkflowProblemCode.MultipleEntries, parent.ToString(), $"More than one custom state of {parent} is marked as its entry; mark one."));
                }
            }

            if (ok)
            {
                result.Add(new WorkflowState<TState, TCommand>(name, parent, isEntry, []));
            }
        }

        var byName = result.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var blocked = new Dictionary<string, List<TCommand>>(StringComparer.Ordinal);
        foreach (var (state, command) in blocks)
        {
            if (state is null || !byName.TryGetValue(state, out var s))
            {
                problems.Add(new(WorkflowProblemCode.UnknownState, QuotedText.Of(state), $"A block names '{QuotedText.Of(state)}', which is not a custom state of the workflow (only custom states block commands)."));
                continue;
            }

            if (!Enum.IsDefined(command) || !lifecycle.Permits(s.Parent, command) || EqualityComparer<TCommand>.Default.Equals(command, lifecycle.TransitionCommand))
            {
                problems.Add(new(WorkflowProblemCode.BlocksUnpermittedCommand, state, $"The state '{QuotedText.Of(state)}' blocks {QuotedText.Of(command)}, which {s.Parent} never permits."));
                continue;
            }

            var list = blocked.TryGetValue(state, out var l) ? l : blocked[state] = [];
            if (!list.Contains(command))
            {
                list.Add(command);
            }
        }

        return result.Select(s => blocked.TryGetValue(s.Name, out var b)
            ? s with { Blocks = b.OrderBy(c => Convert.ToInt32(c, System.Globalization.CultureInfo.InvariantCulture)).ToList().AsReadOnly() }
            : s).ToList();
    }

    internal static List<WorkflowTransition<TCommand>> Transitions<TState, TCommand>(
        WorkflowLifecycle<TState, TCommand> lifecycle,
        List<WorkflowState<TState, TCommand>> states,
        IReadOnlyList<WorkflowTransition<TCommand>> declared,
        List<WorkflowProblem> problems)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var parents = ParentsByName(lifecycle, states);
        var blocked = states.ToDictionary(s => s.Name, s => s.Blocks, StringComparer.Ordinal);
        var named = new HashSet<(string, string)>();
        var bound = new HashSet<(string, TCommand)>();
        var result = new List<WorkflowTransition<TCommand>>();
        foreach (var t in declared)
        {
            var label = t.Command is { } c ? $"{c} from '{QuotedText.Of(t.From)}'" : $"'{QuotedText.Of(t.Name)}'";
            var ok = true;
            if (t.From is null || !parents.ContainsKey(t.From))
            {
                problems.Add(new(WorkflowProblemCode.UnknownState, QuotedText.Of(t.From), $"The transition {label} leaves '{QuotedText.Of(t.From)}', which is not a state of the workflow."));
                ok = false;
            }

            if (t.To is null || !parents.ContainsKey(t.To))
            {
                problems.Add(new(WorkflowProblemCode.UnknownState, QuotedText.Of(t.To), $"The transition {label} enters '{QuotedText.Of(t.To)}', which is not a state of the workflow."));
                ok = false;
            }

            if (t.Command is { } command)
            {
                if (!Enum.IsDefined(command) || EqualityComparer<TCommand>.Default.Equals(command, lifecycle.TransitionCommand))
                {
                    problems.Add(new(WorkflowProblemCode.BreaksLibraryRule, label, $"The bound transition {label} names {QuotedText.Of(command)}, which is not a library command it can follow."));
                    ok = false;
                }
                else if (ok && !lifecycle.Leads(parents[t.From!], command, parents[t.To!]))
                {
                    problems.Add(new(WorkflowProblemCode.BreaksLibraryRule, label, $"The bound transition {label} to '{QuotedText.Of(t.To)}' would break a library rule: {command} does not lead from {parents[t.From!]} to {parents[t.To!]} in {lifecycle.Name}."));
                    ok = false;
                }
                else if (ok && (!bound.Add((t.From!, command)) || (blocked.TryGetValue(t.From!, out var b) && b.Contains(command))))
                {
                    problems.Add(new(WorkflowProblemCode.ConflictingTransition, label, $"The bound transition {label} is bound twice, or the state blocks {command}."));
                    ok = false;
                }
            }
            else
            {
                if (!IsName(t.Name))
                {
                    problems.Add(new(WorkflowProblemCode.InvalidName, QuotedText.Of(t.Name), $"The transition name '{QuotedText.Of(t.Name)}' must be 1 to {FieldLimits.Id} characters, not blank, without control characters or surrounding spaces."));
                    ok = false;
                }
                else if (ok && !named.Add((t.From!, t.Name!)))
                {
                    problems.Add(new(WorkflowProblemCode.ConflictingTransition, t.Name!, $"Two transitions named '{QuotedText.Of(t.Name)}' leave '{QuotedText.Of(t.From)}'."));
                    ok = false;
                }

                if (ok && string.Equals(t.From, t.To, StringComparison.Ordinal))
                {
                    problems.Add(new(WorkflowProblemCode.SelfTransition, t.Name!, $"The transition '{QuotedText.Of(t.Name)}' leads from '{QuotedText.Of(t.From)}' to itself."));
                    ok = false;
                }
                else if (ok && !EqualityComparer<TState>.Default.Equals(parents[t.From!], parents[t.To!]))
                {
                    problems.Add(new(WorkflowProblemCode.BreaksLibraryRule, t.Name!, $"The transition '{QuotedText.Of(t.Name)}' would break a library rule: it leaves {parents[t.From!]} for {parents[t.To!]}, which only the library's commands do (bind one with On)."));
                    ok = false;
                }

                ok &= Guard(t, problems);
            }

            if (ok)
            {
                result.Add(t);
            }
        }

        return result;
    }

    internal static void Migration<TState, TCommand>(
        WorkflowLifecycle<TState, TCommand> lifecycle,
        string id,
        int version,
        List<WorkflowState<TState, TCommand>> states,
        Workflow<TState, TCommand>? previous,
        IReadOnlyDictionary<string, string> migration,
        List<WorkflowProblem> problems)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        if (previous is null)
        {
            if (migration.Count > 0)
            {
                problems.Add(new(WorkflowProblemCode.InvalidMigration, "migration", "A mapping is given but no previous version (Replaces)."));
            }

            return;
        }

        if (!string.Equals(previous.Id, id, StringComparison.Ordinal) || previous.Version >= version || !ReferenceEquals(previous.Library, lifecycle))
        {
            problems.Add(new(WorkflowProblemCode.InvalidMigration, "migration", $"Version {version} of '{QuotedText.Of(id)}' ({lifecycle.Name}) cannot replace {previous}: it must be an older version of the same workflow and lifecycle."));
            return;
        }

        var parents = ParentsByName(lifecycle, states);
        foreach (var (from, to) in migration)
        {
            if (previous.IndexOf(from) is not { } i)
            {
                problems.Add(new(WorkflowProblemCode.InvalidMigration, QuotedText.Of(from), $"The mapping names '{QuotedText.Of(from)}', which is not a state of {previous}."));
            }
            else if (!parents.TryGetValue(to, out var parent))
            {
                problems.Add(new(WorkflowProblemCode.UnknownState, QuotedText.Of(to), $"The mapping of '{QuotedText.Of(from)}' enters '{QuotedText.Of(to)}', which is not a state of version {version}."));
            }
            else if (!EqualityComparer<TState>.Default.Equals(parent, previous.Table.Parents[i]))
            {
                problems.Add(new(WorkflowProblemCode.InvalidMigration, from, $"The mapping of '{QuotedText.Of(from)}' (in {previous.Table.Parents[i]}) enters '{QuotedText.Of(to)}' (in {parent}): a migration keeps the library state."));
            }
        }

        foreach (var removed in previous.States)
        {
            if (!parents.ContainsKey(removed.Name) && !migration.ContainsKey(removed.Name))
            {
                problems.Add(new(WorkflowProblemCode.UnmappedRemovedState, removed.Name, $"Version {version} removes '{QuotedText.Of(removed.Name)}' (in {removed.Parent}) without mapping it: say where its records go with Maps."));
            }
        }
    }

    /// <summary>Reachability from the initial state, and a way to a final state from every reachable one.</summary>
    internal static void Graph<TState, TCommand>(Workflow<TState, TCommand> workflow, List<WorkflowProblem> problems)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var table = workflow.Table;
        var lifecycle = workflow.Library;
        var n = table.Names.Length;
        var edges = new List<int>[n];
        for (int s = 0; s < n; s++)
        {
            edges[s] = [];
            foreach (var command in lifecycle.CommandsFrom(table.Parents[s]))
            {
                if (table.Blocks(s, command))
                {
                    continue;
                }

                foreach (var to in lifecycle.Edges[(table.Parents[s], command)])
                {
                    edges[s].Add(table.Next(s, command, to));
                }
            }

            foreach (var t in table.Named[s])
            {
                edges[s].Add(table.Index[t.To]);
            }
        }

        var reached = Search(table.EntryOf(lifecycle.Initial), edges);
        var reverse = new List<int>[n];
        for (int s = 0; s < n; s++)
        {
            reverse[s] = [];
        }

        for (int s = 0; s < n; s++)
        {
            foreach (var to in edges[s])
            {
                reverse[to].Add(s);
            }
        }

        var finishes = new bool[n];
        var stack = new Stack<int>();
        for (int s = 0; s < n; s++)
        {
            if (lifecycle.Finals.Contains(table.Parents[s]))
            {
                finishes[s] = true;
                stack.Push(s);
            }
        }

        while (stack.Count > 0)
        {
            foreach (var from in reverse[stack.Pop()])
            {
                if (!finishes[from])
                {
                    finishes[from] = true;
                    stack.Push(from);
                }
            }
        }

        var libraryReached = LibraryReach(lifecycle);
        for (int s = 0; s < n; s++)
        {
            // A library state its lifecycle never enters (a standard change's Assess) is no state of the workflow's either.
            if (!reached[s] && table.Names[s] == table.Parents[s].ToString() && !libraryReached.Contains(table.Parents[s]))
            {
                continue;
            }

            if (!reached[s])
            {
                problems.Add(new(WorkflowProblemCode.Unreachable, table.Names[s], $"The state '{QuotedText.Of(table.Names[s])}' ({table.Parents[s]}) cannot be reached from the initial state '{QuotedText.Of(table.Names[table.EntryOf(lifecycle.Initial)])}'."));
            }
            else if (!finishes[s])
            {
                problems.Add(new(WorkflowProblemCode.DeadEnd, table.Names[s], $"The state '{QuotedText.Of(table.Names[s])}' ({table.Parents[s]}) is a dead end: no final state of {lifecycle.Name} can be reached from it."));
            }
        }
    }

    private static HashSet<TState> LibraryReach<TState, TCommand>(WorkflowLifecycle<TState, TCommand> lifecycle)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var reached = new HashSet<TState> { lifecycle.Initial };
        var stack = new Stack<TState>(reached);
        while (stack.Count > 0)
        {
            var from = stack.Pop();
            foreach (var command in lifecycle.CommandsFrom(from))
            {
                foreach (var to in lifecycle.Edges[(from, command)])
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

    private static bool[] Search(int start, List<int>[] edges)
    {
        var reached = new bool[edges.Length];
        var stack = new Stack<int>();
        reached[start] = true;
        stack.Push(start);
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

    private static bool Guard<TCommand>(WorkflowTransition<TCommand> t, List<WorkflowProblem> problems)
        where TCommand : struct, Enum
    {
        var guard = t.Guard ?? WorkflowGuard.None;
        var ok = true;
        var name = QuotedText.Of(t.Name);
        if (guard.Roles is null || guard.Roles.Any(r => !IsName(r)) || guard.Roles.Count > FieldLimits.Items)
        {
            problems.Add(new(WorkflowProblemCode.InvalidName, name, $"The guard of '{name}' lists a role that is null, blank, too long or holds control characters (or more than {FieldLimits.Items} roles)."));
            ok = false;
        }

        if (guard.RequiredFields is null || guard.RequiredFields.Any(f => !Enum.IsDefined(f)))
        {
            problems.Add(new(WorkflowProblemCode.InvalidName, name, $"The guard of '{name}' requires a field that is not a workflow field."));
            ok = false;
        }

        if ((guard.Predicate is null) != (guard.PredicateName is null) || (guard.PredicateName is not null && !IsName(guard.PredicateName)))
        {
            problems.Add(new(WorkflowProblemCode.UnknownPredicate, name, $"The guard of '{name}' names predicate '{QuotedText.Of(guard.PredicateName)}' without supplying it, or supplies one without a valid name."));
            ok = false;
        }

        return ok;
    }

    private static Dictionary<string, TState> ParentsByName<TState, TCommand>(WorkflowLifecycle<TState, TCommand> lifecycle, List<WorkflowState<TState, TCommand>> states)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var parents = new Dictionary<string, TState>(StringComparer.Ordinal);
        foreach (var s in states)
        {
            parents.TryAdd(s.Name, s.Parent);
        }

        foreach (var library in lifecycle.States)
        {
            if (!states.Any(s => EqualityComparer<TState>.Default.Equals(s.Parent, library)))
            {
                parents[library.ToString()] = library;
            }
        }

        return parents;
    }
}
