using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Itsm.Workflows;

/// <summary>
/// A workflow compiled to arrays, once: the states (custom, and each library state without custom states),
/// their parents, each library state's entry state, the bound target of every (state, command), the blocked
/// commands and the named transitions. Moving a record after a command is two array reads.
/// </summary>
internal sealed class WorkflowTable<TState, TCommand>
    where TState : struct, Enum
    where TCommand : struct, Enum
{
    private static readonly TCommand[] AllCommands = Enum.GetValues<TCommand>();

    private readonly int _width;
    private readonly int[] _bound;
    private readonly bool[] _blocked;
    private readonly int[] _entry;
    private readonly TCommand _transitionCommand;
    private readonly ConcurrentDictionary<Dictionary<TState, IReadOnlyList<TCommand>>, IReadOnlyList<TCommand>[]> _permitted = new(ReferenceEqualityComparer.Instance);

    internal WorkflowTable(
        WorkflowLifecycle<TState, TCommand> lifecycle,
        IReadOnlyList<WorkflowState<TState, TCommand>> states,
        IReadOnlyList<WorkflowTransition<TCommand>> transitions)
    {
        _transitionCommand = lifecycle.TransitionCommand;
        var names = new List<string>();
        var parents = new List<TState>();
        var maxState = 0;
        foreach (var s in lifecycle.States)
        {
            maxState = Math.Max(maxState, Ordinal(s));
        }

        _entry = new int[maxState + 1];
        Array.Fill(_entry, -1);

        // Library order: each library state's custom states (entry first), or the library state itself.
        foreach (var library in lifecycle.States)
        {
            int first = -1, marked = -1;
            foreach (var s in states)
            {
                if (EqualityComparer<TState>.Default.Equals(s.Parent, library))
                {
                    names.Add(s.Name);
                    parents.Add(library);
                    first = first < 0 ? names.Count - 1 : first;
                    marked = marked < 0 && s.IsEntry ? names.Count - 1 : marked;
                }
            }

            first = marked >= 0 ? marked : first;
            if (first < 0)
            {
                names.Add(library.ToString());
                parents.Add(library);
                first = names.Count - 1;
            }

            _entry[Ordinal(library)] = first;
        }

        Names = [.. names];
        Parents = [.. parents];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Names.Length; i++)
        {
            index[Names[i]] = i;
        }

        var maxCommand = 0;
        foreach (var c in AllCommands)
        {
            maxCommand = Math.Max(maxCommand, CommandOrdinal(c));
        }

        _width = maxCommand + 1;
        _bound = new int[Names.Length * _width];
        Array.Fill(_bound, -1);
        _blocked = new bool[Names.Length * _width];
        foreach (var s in states)
        {
            foreach (var c in s.Blocks)
            {
                _blocked[(index[s.Name] * _width) + CommandOrdinal(c)] = true;
            }
        }

        var named = new List<WorkflowTransition<TCommand>>[Names.Length];
        for (int i = 0; i < named.Length; i++)
        {
            named[i] = [];
        }

        foreach (var t in transitions)
        {
            var from = index[t.From];
            if (t.Command is { } command)
            {
                _bound[(from * _width) + CommandOrdinal(command)] = index[t.To];
            }
            else
            {
                named[from].Add(t);
            }
        }

        Named = Array.ConvertAll(named, list => (IReadOnlyList<WorkflowTransition<TCommand>>)list.AsReadOnly());
        Index = index;
    }

    internal string[] Names { get; }

    internal TState[] Parents { get; }

    internal IReadOnlyList<WorkflowTransition<TCommand>>[] Named { get; }

    internal Dictionary<string, int> Index { get; }

    internal int EntryOf(TState parent) => _entry[Ordinal(parent)];

    internal bool Blocks(int state, TCommand command) => _blocked[(state * _width) + CommandOrdinal(command)];

    /// <summary>The state a record in <paramref name="state"/> is in after <paramref name="command"/> left it in library state <paramref name="parent"/>.</summary>
    internal int Next(int state, TCommand command, TState parent)
    {
        var bound = _bound[(state * _width) + CommandOrdinal(command)];
        if (bound >= 0 && EqualityComparer<TState>.Default.Equals(Parents[bound], parent))
        {
            return bound;
        }

        return EqualityComparer<TState>.Default.Equals(Parents[state], parent) ? state : EntryOf(parent);
    }

    /// <summary>The bound target of (<paramref name="state"/>, <paramref name="command"/>), or -1.</summary>
    internal int Bound(int state, TCommand command) => _bound[(state * _width) + CommandOrdinal(command)];

    /// <summary>
    /// The commands each state permits under one library variant (whose permitted table is <paramref name="library"/>):
    /// the library's minus the state's blocks, with <c>TransitionWorkflow</c> where named transitions leave it. Built
    /// once per variant and shared.
    /// </summary>
    internal IReadOnlyList<TCommand>[] PermittedBy(Dictionary<TState, IReadOnlyList<TCommand>> library) =>
        _permitted.GetOrAdd(library, Build);

    private IReadOnlyList<TCommand>[] Build(Dictionary<TState, IReadOnlyList<TCommand>> library)
    {
        var result = new IReadOnlyList<TCommand>[Names.Length];
        for (int i = 0; i < Names.Length; i++)
        {
            var permitted = library[Parents[i]];
            var list = new List<TCommand>();
            foreach (var c in AllCommands)
            {
                var isTransition = EqualityComparer<TCommand>.Default.Equals(c, _transitionCommand);
                if (isTransition ? Named[i].Count > 0 : Contains(permitted, c) && !Blocks(i, c))
                {
                    list.Add(c);
                }
            }

            result[i] = list.AsReadOnly();
        }

        return result;
    }

    private static bool Contains(IReadOnlyList<TCommand> list, TCommand command)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (EqualityComparer<TCommand>.Default.Equals(list[i], command))
            {
                return true;
            }
        }

        return false;
    }

    private static int Ordinal(TState state) => Unsafe.As<TState, int>(ref state);

    private static int CommandOrdinal(TCommand command) => Unsafe.As<TCommand, int>(ref command);
}
