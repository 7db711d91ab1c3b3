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
            problems.Add(new(WorkflowProblemCode.InvalidName, "id", $"The workflow id '{QuotedText.Of(id)}' must be 1 to {FieldLimits.Id} characters, not blank, without control characters, unpaired surrogates or surrounding spaces."));
        }

        if (version < 1)
        {
            problems.Add(new(WorkflowProblemCode.InvalidVersion, "version", $"The version {version} must be 1 or more."));
        }
    }

    // The key rule every id follows (IdText): control characters and unpaired surrogates are refused, paired
    // surrogates (an emoji, a CJK extension character) are text like any other.
    internal static bool IsName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= FieldLimits.Id && name.Trim().Length == name.Length && IdText.IsValid(name);

    /// <summary>
    /// Checks the declared states and their blocks; the draft it returns holds the states that passed, the names of
    /// those refused and the states marked as entries. A declared state with a <see langword="null"/> parent is one
    /// whose parent the caller refused and reported already (a JSON name that is no library state).
    /// </summary>
    internal static WorkflowDraft<TState, TCommand> States<TState, TCommand>(
        WorkflowLifecycle<TState, TCommand> lifecycle,
        IReadOnlyList<(string Name, TState? Parent, bool IsEntry)> declared,
        IReadOnlyList<(string State, TCommand Command)> blocks,
        List<WorkflowProblem> problems)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var draft = new WorkflowDraft<TState, TCommand>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var libraryNames = new HashSet<string>(lifecycle.States.Select(s => s.ToString()), StringComparer.OrdinalIgnoreCase);
        var result = new List<WorkflowState<TState, TCommand>>();
        var entries = new Dictionary<TState, int>();
        foreach (var (name, declaredParent, isEntry) in declared)
        {
            var ok = declaredParent is not null;
            if (!IsName(name))
            {
                problems.Add(new(WorkflowProblemCode.InvalidName, QuotedText.Of(name), $"The state name '{QuotedText.Of(name)}' must be 1 to {FieldLimits.Id} characters, not blank, without control characters, unpaired surrogates or surrounding spaces."));
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

            var parent = declaredParent.GetValueOrDefault();
            if (declaredParent is null)
            {
                // Reported by the caller, with its JSON path.
            }
            else if (!Enum.IsDefined(parent))
            {
                problems.Add(new(WorkflowProblemCode.MissingParent, QuotedText.Of(name), $"The state '{QuotedText.Of(name)}' names parent {QuotedText.Of(parent)}, which is not a state of {lifecycle.Name}."));
                ok = false;
            }
            else if (lifecycle.Finals.Contains(parent))
            {
                problems.Add(new(WorkflowProblemCode.FinalParent, QuotedText.Of(name), $"The state '{QuotedText.Of(name)}' is inside {parent}, a final state of {lifecycle.Name}; final states hold no custom states."));
                ok = false;
            }

            if (!ok)
            {
                if (name is not null)
                {
                    draft.Refused.Add(name);
                }

                continue;
            }

            if (isEntry)
            {
                entries[parent] = entries.GetValueOrDefault(parent) + 1;
                if (entries[parent] == 2)
                {
                    problems.Add(new(WorkflowProblemCode.MultipleEntries, parent.ToString(), $"More than one custom state of {parent} is marked as its entry; mark one."));
                }
            }

            result.Add(new WorkflowState<TState, TCommand>(name, parent, isEntry, []));
        }

        var byName = result.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var blocked = new Dictionary<string, List<TCommand>>(StringComparer.Ordinal);
        foreach (var (state, command) in blocks)
        {
            if (state is null || !byName.TryGetValue(state, out var s))
            {
                // A block of a refused state goes with it: the state's own problem says what to fix.
                if (state is null || !draft.Refused.Contains(state))
                {
                    problems.Add(new(WorkflowProblemCode.UnknownState, QuotedText.Of(state), $"A block names '{QuotedText.Of(state)}', which is not a custom state of the workflow (only custom states block commands)."));
                }

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

        foreach (var s in result)
        {
            var state = blocked.TryGetValue(s.Name, out var b)
                ? s with { Blocks = b.OrderBy(c => Convert.ToInt32(c, System.Globalization.CultureInfo.InvariantCulture)).ToList().AsReadOnly() }
                : s;
            draft.States.Add(state);
            if (state.IsEntry)
            {
                draft.Entries.Add(state);
            }
        }

        draft.IndexStates(lifecycle);
        return draft;
    }

    /// <summary>
    /// Checks the declared transitions against the draft's states; those that pass join the draft, each refused one
    /// leaves its loose ends there. A transition naming a refused state is not reported again. One marked refused was
    /// reported by the caller already (a JSON command name that is no library command): only its states are checked.
    /// </summary>
    internal static void Transitions<TState, TCommand>(
        WorkflowLifecycle<TState, TCommand> lifecycle,
        WorkflowDraft<TState, TCommand> draft,
        IReadOnlyList<(WorkflowTransition<TCommand> Transition, bool Refused)> declared,
        List<WorkflowProblem> problems)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var parents = draft.Parents;
        var blocked = draft.States.ToDictionary(s => s.Name, s => s.Blocks, StringComparer.Ordinal);
        var named = new HashSet<(string, string)>();
        var bound = new HashSet<(string, TCommand)>();
        foreach (var (t, refused) in declared)
        {
            var label = t.Command is { } c ? $"{c} from '{QuotedText.Of(t.From)}'" : t.Name is null ? $"from '{QuotedText.Of(t.From)}'" : $"'{QuotedText.Of(t.Name)}'";
            var from = parents.ContainsKey(t.From ?? string.Empty) ? t.From : null;
            var to = parents.ContainsKey(t.To ?? string.Empty) ? t.To : null;
            if (from is null && !draft.IsRefused(t.From))
            {
                problems.Add(new(WorkflowProblemCode.UnknownState, QuotedText.Of(t.From), $"The transition {label} leaves '{QuotedText.Of(t.From)}', which is not a state of the workflow."));
            }

            if (to is null && !draft.IsRefused(t.To))
            {
                problems.Add(new(WorkflowProblemCode.UnknownState, QuotedText.Of(t.To), $"The transition {label} enters '{QuotedText.Of(t.To)}', which is not a state of the workflow."));
            }

            var ends = from is not null && to is not null;
            var ok = ends && !refused;
            if (!refused && t.Command is { } command)
            {
                ok &= Bound(lifecycle, parents, blocked, bound, t, command, ends, label, problems);
            }
            else if (!refused)
            {
                ok &= Named<TState, TCommand>(parents, named, t, ends, problems);
                ok &= Guard(t, problems);
            }

            if (ok)
            {
                draft.Transitions.Add(t);
            }
            else
            {
                draft.LooseEnds.Add((from, to));
            }
        }
    }

    private static bool Bound<TState, TCommand>(
        WorkflowLifecycle<TState, TCommand> lifecycle,
        Dictionary<string, TState> parents,
        Dictionary<string, IReadOnlyList<TCommand>> blocked,
        HashSet<(string, TCommand)> bound,
        WorkflowTransition<TCommand> t,
        TCommand command,
        bool ends,
        string label,
        List<WorkflowProblem> problems)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        if (!Enum.IsDefined(command) || EqualityComparer<TCommand>.Default.Equals(command, lifecycle.TransitionCommand))
        {
            problems.Add(new(WorkflowProblemCode.BreaksLibraryRule, label, $"The bound transition {label} names {QuotedText.Of(command)}, which is not a library command it can follow."));
            return false;
        }

        if (!ends)
        {
            return false;
        }

        if (!lifecycle.Leads(parents[t.From], command, parents[t.To]))
        {
            problems.Add(new(WorkflowProblemCode.BreaksLibraryRule, label, $"The bound transition {label} to '{QuotedText.Of(t.To)}' would break a library rule: {command} does not lead from {parents[t.From]} to {parents[t.To]} in {lifecycle.Name}."));
            return false;
        }

        if (!bound.Add((t.From, command)) || (blocked.TryGetValue(t.From, out var b) && b.Contains(command)))
        {
            problems.Add(new(WorkflowProblemCode.ConflictingTransition, label, $"The bound transition {label} is bound twice, or the state blocks {command}."));
            return false;
        }

        return true;
    }

    /// <summary>The checks of a named transition between two states of the workflow, each one made whatever the others found.</summary>
    private static bool Named<TState, TCommand>(Dictionary<string, TState> parents, HashSet<(string, string)> named, WorkflowTransition<TCommand> t, bool ends, List<WorkflowProblem> problems)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var ok = true;
        if (!IsName(t.Name))
        {
            problems.Add(new(WorkflowProblemCode.InvalidName, QuotedText.Of(t.Name), $"The transition name '{QuotedText.Of(t.Name)}' must be 1 to {FieldLimits.Id} characters, not blank, without control characters, unpaired surrogates or surrounding spaces."));
            ok = false;
        }
        else if (ends && !named.Add((t.From, t.Name!)))
        {
            problems.Add(new(WorkflowProblemCode.ConflictingTransition, t.Name!, $"Two transitions named '{QuotedText.Of(t.Name)}' leave '{QuotedText.Of(t.From)}'."));
            ok = false;
        }

        var name = QuotedText.Of(t.Name);
        var subject = IsName(t.Name) ? t.Name! : name;
        if (!ends)
        {
            return false;
        }

        if (string.Equals(t.From, t.To, StringComparison.Ordinal))
        {
            problems.Add(new(WorkflowProblemCode.SelfTransition, subject, $"The transition '{name}' leads from '{QuotedText.Of(t.From)}' to itself."));
            ok = false;
        }
        else if (!EqualityComparer<TState>.Default.Equals(parents[t.From], parents[t.To]))
        {
            problems.Add(new(WorkflowProblemCode.BreaksLibraryRule, subject, $"The transition '{name}' would break a library rule: it leaves {parents[t.From]} for {parents[t.To]}, which only the library's commands do (bind one with On)."));
            ok = false;
        }

        return ok;
    }

    /// <summary>
    /// Checks the previous version and the mapping of the states this version removes. A comparison with an id or a
    /// version <see cref="Header"/> refused, or with a previous version that was refused (<paramref name="previousGiven"/>
    /// without one), is left out, and so is a mapping into, or a removal of, a state this version declares but refused.
    /// </summary>
    internal static void Migration<TState, TCommand>(
        WorkflowLifecycle<TState, TCommand> lifecycle,
        string id,
        int version,
        WorkflowDraft<TState, TCommand> draft,
        Workflow<TState, TCommand>? previous,
        bool previousGiven,
        IReadOnlyDictionary<string, string> migration,
        List<WorkflowProblem> problems)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        if (previous is null)
        {
            if (migration.Count > 0 && !previousGiven)
            {
                problems.Add(new(WorkflowProblemCode.InvalidMigration, "migration", "A mapping is given but no previous version (Replaces)."));
            }

            return;
        }

        if ((IsName(id) && !string.Equals(previous.Id, id, StringComparison.Ordinal)) || (version >= 1 && previous.Version >= version) || !ReferenceEquals(previous.Library, lifecycle))
        {
            problems.Add(new(WorkflowProblemCode.InvalidMigration, "migration", $"Version {version} of '{QuotedText.Of(id)}' ({lifecycle.Name}) cannot replace {previous}: it must be an older version of the same workflow and lifecycle."));
            return;
        }

        var parents = draft.Parents;
        foreach (var (from, to) in migration)
        {
            if (previous.IndexOf(from) is not { } i)
            {
                problems.Add(new(WorkflowProblemCode.InvalidMigration, QuotedText.Of(from), $"The mapping names '{QuotedText.Of(from)}', which is not a state of {previous}."));
            }
            else if (!parents.TryGetValue(to, out var parent))
            {
                if (!draft.IsRefused(to))
                {
                    problems.Add(new(WorkflowProblemCode.UnknownState, QuotedText.Of(to), $"The mapping of '{QuotedText.Of(from)}' enters '{QuotedText.Of(to)}', which is not a state of version {version}."));
                }
            }
            else if (!EqualityComparer<TState>.Default.Equals(parent, previous.Table.Parents[i]))
            {
                problems.Add(new(WorkflowProblemCode.InvalidMigration, from, $"The mapping of '{QuotedText.Of(from)}' (in {previous.Table.Parents[i]}) enters '{QuotedText.Of(to)}' (in {parent}): a migration keeps the library state."));
            }
        }

        foreach (var removed in previous.States)
        {
            if (!parents.ContainsKey(removed.Name) && !draft.IsRefused(removed.Name) && !migration.ContainsKey(removed.Name))
            {
                problems.Add(new(WorkflowProblemCode.UnmappedRemovedState, removed.Name, $"Version {version} removes '{QuotedText.Of(removed.Name)}' (in {removed.Parent}) without mapping it: say where its records go with Maps."));
            }
        }
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
}
