using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Itsm.Text;
using static Itsm.Workflows.WorkflowJsonElements;

namespace Itsm.Workflows;

/// <summary>
/// Reads the versions of a workflow document for one lifecycle (docs/workflow-json.md) into
/// <see cref="WorkflowBuilder{TState, TCommand}"/>s, so the definition rules live in the builder alone;
/// collects every problem with its JSON path instead of stopping at the first.
/// </summary>
internal sealed class WorkflowJsonReader<TState, TCommand>
    where TState : struct, Enum
    where TCommand : struct, Enum
{
    private static readonly Dictionary<string, TState> StateNames = Names<TState>();
    private static readonly Dictionary<string, TCommand> CommandNames = Names<TCommand>();
    private static readonly Dictionary<string, WorkflowField> FieldNames = Names<WorkflowField>();

    private readonly WorkflowLifecycle<TState, TCommand> _lifecycle;
    private readonly IReadOnlyDictionary<string, Func<WorkflowGuardContext, bool>> _predicates;
    private readonly List<WorkflowProblem> _problems;

    internal WorkflowJsonReader(WorkflowLifecycle<TState, TCommand> lifecycle, IReadOnlyDictionary<string, Func<WorkflowGuardContext, bool>> predicates, List<WorkflowProblem> problems)
    {
        _lifecycle = lifecycle;
        _predicates = predicates;
        _problems = problems;
    }

    /// <summary>The newest version with its chain, or <see langword="null"/> when a problem was found.</summary>
    internal Workflow<TState, TCommand>? ReadVersions(JsonElement versions, string id)
    {
        Workflow<TState, TCommand>? previous = null;
        var broken = false;
        int i = 0;
        foreach (var element in versions.EnumerateArray())
        {
            // After a version that failed, the next ones are still checked on their own, without their migration
            // (it would be checked against a version that does not exist).
            var current = ReadVersion(element, $"versions[{i}]", id, i == 0, broken ? null : previous);
            broken |= current is null;
            previous = current;
            i++;
        }

        return broken ? null : previous;
    }

    private Workflow<TState, TCommand>? ReadVersion(JsonElement element, string path, string id, bool first, Workflow<TState, TCommand>? previous)
    {
        if (!Object(element, path, ["version", "states", "transitions", "migration"], _problems))
        {
            return null;
        }

        int before = _problems.Count;
        int version = 1;
        if (!element.TryGetProperty("version", out var number))
        {
            _problems.Add(Shape(At(path, "version"), "is required."));
        }
        else if (number.ValueKind != JsonValueKind.Number || !number.TryGetInt32(out version))
        {
            _problems.Add(Shape(At(path, "version"), "must be a whole number."));
        }

        var builder = new WorkflowBuilder<TState, TCommand>(_lifecycle, id, version);
        foreach (var (item, at) in List(element, "states", path, _problems) ?? [])
        {
            ReadState(item, at, builder);
        }

        foreach (var (item, at) in List(element, "transitions", path, _problems) ?? [])
        {
            ReadTransition(item, at, builder);
        }

        var migration = ReadMigration(element, At(path, "migration"), first);
        if (_problems.Skip(before).Any(p => p.Code == WorkflowProblemCode.InvalidJson))
        {
            // Without the right shape the definition is not what its author wrote: its rules would report noise.
            return null;
        }

        if (previous is not null)
        {
            builder.Replaces(previous);
            foreach (var (from, to) in migration)
            {
                builder.Maps(from, to);
            }
        }
        else if (!first)
        {
            // Checked for its own problems only: without the version before it, it is no workflow to return.
            Build(builder, path);
            return null;
        }

        // The definition problems this reader found (a name that is no library state, command or field) come with the builder's.
        var workflow = Build(builder, path);
        return _problems.Count > before ? null : workflow;
    }

    private Workflow<TState, TCommand>? Build(WorkflowBuilder<TState, TCommand> builder, string path)
    {
        try
        {
            return builder.Build();
        }
        catch (WorkflowDefinitionException ex)
        {
            _problems.AddRange(ex.Problems.Select(p => p with { Message = $"{path}: {p.Message}" }));
            return null;
        }
    }

    private void ReadState(JsonElement element, string path, WorkflowBuilder<TState, TCommand> builder)
    {
        if (!Object(element, path, ["name", "parent", "entry", "blocks"], _problems))
        {
            return;
        }

        var name = RequiredString(element, "name", path, _problems);
        var parentName = RequiredString(element, "parent", path, _problems);
        TState? parent = parentName is { } text ? Parent(text, At(path, "parent")) : null;
        var isEntry = false;
        if (element.TryGetProperty("entry", out var entry))
        {
            if (entry.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                isEntry = entry.GetBoolean();
            }
            else
            {
                _problems.Add(Shape(At(path, "entry"), "must be true or false."));
            }
        }

        var blocks = Strings(element, "blocks", path, _problems, (command, at) => Command(command, at, WorkflowProblemCode.BlocksUnpermittedCommand));
        if (name is not null && parent is { } known)
        {
            builder.State(name, known, isEntry).Block(name, [.. blocks]);
        }
        else if (name is not null && parentName is not null)
        {
            // The parent is reported above; the builder still checks the name and keeps the state out of the graph checks' way.
            builder.StateOfRefusedParent(name, isEntry);
        }
    }

    private void ReadTransition(JsonElement element, string path, WorkflowBuilder<TState, TCommand> builder)
    {
        if (!Object(element, path, ["name", "on", "from", "to", "guard"], _problems))
        {
            return;
        }

        var from = RequiredString(element, "from", path, _problems);
        var to = RequiredString(element, "to", path, _problems);
        var named = element.TryGetProperty("name", out var nameElement);
        var bound = element.TryGetProperty("on", out var onElement);
        if (named == bound)
        {
            _problems.Add(Shape(path, named
                ? "gives both name and on: a transition is named (taken with TransitionWorkflow) or bound to a library command, not both."
                : "needs a name (a named transition) or on (a library command it binds)."));
            return;
        }

        if (bound)
        {
            TCommand? command = String(onElement, At(path, "on"), _problems) is { } text ? Command(text, At(path, "on"), WorkflowProblemCode.BreaksLibraryRule) : null;
            if (element.TryGetProperty("guard", out _))
            {
                _problems.Add(Shape(At(path, "guard"), "a bound transition has no guard: the library command's own rules apply."));
            }

            // A command name that is no library command is reported above; the builder still checks the states the transition names.
            if (from is not null && to is not null && command is { } known)
            {
                builder.On(known, from, to);
            }
            else if (from is not null && to is not null)
            {
                builder.RefusedTransition(from, to);
            }

            return;
        }

        var name = String(nameElement, At(path, "name"), _problems);

        // ReadGuard reports a field or predicate it does not know and leaves it out, so the transition's other rules are checked too.
        var guard = element.TryGetProperty("guard", out var guardElement) ? ReadGuard(guardElement, At(path, "guard")) : WorkflowGuard.None;
        if (name is not null && from is not null && to is not null)
        {
            builder.Transition(name, from, to, guard);
        }
    }

    private WorkflowGuard ReadGuard(JsonElement element, string path)
    {
        if (!Object(element, path, ["roles", "requires", "when"], _problems))
        {
            return WorkflowGuard.None;
        }

        var roles = new List<string>();
        foreach (var (item, at) in List(element, "roles", path, _problems) ?? [])
        {
            if (String(item, at, _problems) is { } role)
            {
                roles.Add(role);
            }
        }

        var fields = Strings(element, "requires", path, _problems, Field);
        string? predicateName = null;
        Func<WorkflowGuardContext, bool>? predicate = null;
        if (element.TryGetProperty("when", out var when) && String(when, At(path, "when"), _problems) is { } name)
        {
            if (_predicates.TryGetValue(name, out predicate) && predicate is not null)
            {
                predicateName = name;
            }
            else
            {
                _problems.Add(Problem(WorkflowProblemCode.UnknownPredicate, At(path, "when"), $"'{QuotedText.Of(name)}' is not one of the predicates passed to the reader."));
            }
        }

        return new WorkflowGuard { Roles = roles.AsReadOnly(), RequiredFields = fields.AsReadOnly(), PredicateName = predicateName, Predicate = predicate };
    }

    private List<(string From, string To)> ReadMigration(JsonElement element, string path, bool first)
    {
        var migration = new List<(string, string)>();
        if (!element.TryGetProperty("migration", out var value))
        {
            return migration;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            _problems.Add(Shape(path, "must be an object mapping each removed state to a state of this version."));
            return migration;
        }

        if (first)
        {
            _problems.Add(Problem(WorkflowProblemCode.InvalidMigration, path, "the first version replaces none, so it maps no states."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            string removed;
            try
            {
                removed = property.Name;
            }
            catch (InvalidOperationException)
            {
                _problems.Add(Shape(path, "a state name is not valid text (an unpaired surrogate)."));
                continue;
            }

            var at = At(path, QuotedText.Of(removed));
            if (!seen.Add(removed))
            {
                _problems.Add(Shape(at, "is given twice."));
            }
            else if (String(property.Value, at, _problems) is { } to)
            {
                migration.Add((removed, to));
            }
        }

        return migration;
    }

    private TState? Parent(string name, string path) =>
        Lookup(StateNames, name, path, WorkflowProblemCode.MissingParent, $"a state of {_lifecycle.Name} (expected {string.Join(", ", StateNames.Keys)})");

    private TCommand? Command(string name, string path, WorkflowProblemCode code) =>
        Lookup(CommandNames, name, path, code, $"a command of {_lifecycle.Name} (see {typeof(TCommand).Name})");

    private WorkflowField? Field(string name, string path) =>
        Lookup(FieldNames, name, path, WorkflowProblemCode.InvalidName, $"a workflow field (expected {string.Join(", ", FieldNames.Keys)})");

    /// <summary>The value named <paramref name="name"/>; otherwise reports that it is not <paramref name="expected"/>.</summary>
    private T? Lookup<T>(Dictionary<string, T> names, string name, string path, WorkflowProblemCode code, string expected)
        where T : struct
    {
        if (names.TryGetValue(name, out var value))
        {
            return value;
        }

        _problems.Add(Problem(code, path, $"'{QuotedText.Of(name)}' is not {expected}."));
        return null;
    }

    private static Dictionary<string, T> Names<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => v.ToString(), StringComparer.Ordinal);
}
