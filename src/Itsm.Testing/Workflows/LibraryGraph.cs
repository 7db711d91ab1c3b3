using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Changes;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;

namespace Itsm.Testing.Workflows;

/// <summary>
/// A library lifecycle as a workflow sees it: the union over its policy variants of which command leads from
/// which state to which, read from the public Mermaid diagrams the configured machines draw
/// (<see cref="IncidentLifecycle.ToMermaid(IncidentOptions)"/>, <see cref="ChangeLifecycle.ToMermaid"/>,
/// <see cref="ProblemLifecycle.ToMermaid"/>, <see cref="ServiceRequestLifecycle.ToMermaid"/>), so the
/// generators need nothing internal. A test in Itsm.Core.Tests holds it equal to the library's own table.
/// </summary>
internal sealed class LibraryGraph<TState, TCommand>
    where TState : struct, Enum
    where TCommand : struct, Enum
{
    private readonly Dictionary<(TState From, TCommand Command), HashSet<TState>> _edges = [];

    private LibraryGraph(TState initial, IReadOnlyCollection<TState> finals)
    {
        Initial = initial;
        Finals = new HashSet<TState>(finals);
    }

    public TState Initial { get; }

    public HashSet<TState> Finals { get; }

    /// <summary>Every (state, command) some variant permits, with the states it can lead to.</summary>
    public IReadOnlyDictionary<(TState From, TCommand Command), HashSet<TState>> Edges => _edges;

    /// <summary>The commands some variant permits in <paramref name="state"/>, in command order.</summary>
    public TCommand[] CommandsFrom(TState state) =>
        [.. _edges.Keys.Where(k => EqualityComparer<TState>.Default.Equals(k.From, state)).Select(k => k.Command).OrderBy(c => Convert.ToInt32(c, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The non-final states the lifecycle reaches from its initial state and that reach a final one: where custom states can live.</summary>
    public TState[] Refinable()
    {
        var reached = Closure([Initial], forward: true);
        var finishing = Closure(Finals, forward: false);
        return [.. Enum.GetValues<TState>().Where(s => reached.Contains(s) && finishing.Contains(s) && !Finals.Contains(s))];
    }

    private HashSet<TState> Closure(IEnumerable<TState> start, bool forward)
    {
        var seen = new HashSet<TState>(start);
        var stack = new Stack<TState>(seen);
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            foreach (var ((from, _), targets) in _edges)
            {
                foreach (var to in targets)
                {
                    var (a, b) = forward ? (from, to) : (to, from);
                    if (EqualityComparer<TState>.Default.Equals(a, s) && seen.Add(b))
                    {
                        stack.Push(b);
                    }
                }
            }
        }

        return seen;
    }

    /// <summary>Reads the edges of Stateless' Mermaid format: <c>A --> B : Command</c>, a choice node standing for a guarded fork.</summary>
    internal static LibraryGraph<TState, TCommand> Read(TState initial, IReadOnlyCollection<TState> finals, IEnumerable<string> diagrams)
    {
        var graph = new LibraryGraph<TState, TCommand>(initial, finals);
        foreach (var diagram in diagrams)
        {
            var choices = new Dictionary<string, List<(TState From, TCommand Command)>>(StringComparer.Ordinal);
            var forks = new List<(string Choice, TState To)>();
            foreach (var raw in diagram.Split('\n'))
            {
                var line = raw.Trim();
                var arrow = line.IndexOf(" --> ", StringComparison.Ordinal);
                var colon = line.IndexOf(" : ", StringComparison.Ordinal);
                if (arrow < 0 || colon < arrow)
                {
                    continue;
                }

                var from = line[..arrow];
                var to = line[(arrow + 5)..colon];
                var label = line[(colon + 3)..].Split(' ')[0];
                if (!Enum.TryParse<TCommand>(label, out var command) || label == "TransitionWorkflow")
                {
                    continue;
                }

                if (Enum.TryParse<TState>(from, out var fromState) && Enum.TryParse<TState>(to, out var toState))
                {
                    graph.Add(fromState, command, toState);
                }
                else if (Enum.TryParse(from, out fromState))
                {
                    (choices.TryGetValue(to, out var list) ? list : choices[to] = []).Add((fromState, command));
                }
                else if (Enum.TryParse(to, out toState))
                {
                    forks.Add((from, toState));
                }
            }

            foreach (var (choice, to) in forks)
            {
                foreach (var (from, command) in choices.GetValueOrDefault(choice) ?? [])
                {
                    graph.Add(from, command, to);
                }
            }
        }

        return graph;
    }

    private void Add(TState from, TCommand command, TState to)
    {
        if (!_edges.TryGetValue((from, command), out var targets))
        {
            _edges[(from, command)] = targets = [];
        }

        targets.Add(to);
    }
}

/// <summary>The library graphs of the lifecycles workflows refine, each read once.</summary>
internal static class LibraryGraphs
{
    private static readonly Lazy<LibraryGraph<IncidentState, IncidentCommand>> IncidentGraph = new(() =>
        LibraryGraph<IncidentState, IncidentCommand>.Read(
            IncidentState.New,
            [IncidentState.Closed, IncidentState.Canceled],
            from workStart in Enum.GetValues<IncidentWorkStart>()
            from fromClosed in new[] { false, true }
            select IncidentLifecycle.ToMermaid(new IncidentOptions { WorkStart = workStart, Reopen = IncidentReopenPolicy.Default with { FromClosed = fromClosed } })));

    private static readonly Lazy<LibraryGraph<ChangeState, ChangeCommand>>[] ChangeGraphs =
        Enum.GetValues<ChangeType>().Select(type => new Lazy<LibraryGraph<ChangeState, ChangeCommand>>(() =>
            LibraryGraph<ChangeState, ChangeCommand>.Read(
                ChangeState.New,
                [ChangeState.Closed, ChangeState.Canceled],
                Enum.GetValues<RejectionPolicy>().Select(rejection => ChangeLifecycle.ToMermaid(type, rejection))))).ToArray();

    private static readonly Lazy<LibraryGraph<ProblemState, ProblemCommand>> ProblemGraph = new(() =>
        LibraryGraph<ProblemState, ProblemCommand>.Read(ProblemState.New, [ProblemState.Closed, ProblemState.Canceled], [ProblemLifecycle.ToMermaid()]));

    private static readonly Lazy<LibraryGraph<ServiceRequestState, ServiceRequestCommand>> ServiceRequestGraph = new(() =>
        LibraryGraph<ServiceRequestState, ServiceRequestCommand>.Read(
            ServiceRequestState.Submitted,
            [ServiceRequestState.Closed, ServiceRequestState.Rejected, ServiceRequestState.Canceled],
            [ServiceRequestLifecycle.ToMermaid()]));

    public static LibraryGraph<IncidentState, IncidentCommand> Incident => IncidentGraph.Value;

    public static LibraryGraph<ProblemState, ProblemCommand> Problem => ProblemGraph.Value;

    public static LibraryGraph<ServiceRequestState, ServiceRequestCommand> ServiceRequest => ServiceRequestGraph.Value;

    public static LibraryGraph<ChangeState, ChangeCommand> Change(ChangeType type) => ChangeGraphs[(int)type].Value;
}
