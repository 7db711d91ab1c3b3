using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace Itsm.Workflows;

/// <summary>
/// A validated workflow over one library lifecycle: the host's custom states inside the library states
/// (<see cref="States"/>), the transitions between them (<see cref="Transitions"/>) and the version it
/// replaces. Immutable and thread-safe; its transition table is built once, when it is built, and shared by
/// every record running it, so a command costs what it costs on the built-in lifecycle.
/// </summary>
/// <typeparam name="TState">The library's states, for example <see cref="Itsm.Incidents.IncidentState"/>.</typeparam>
/// <typeparam name="TCommand">The library's commands, for example <see cref="Itsm.Incidents.IncidentCommand"/>.</typeparam>
/// <remarks>
/// <para>A record under a workflow is always in exactly one of its <see cref="Workflow.StateNames"/>, whose
/// parent is the record's library state. A library command that changes the library state moves the record to
/// the bound transition's target (<see cref="WorkflowTransition{TCommand}.Command"/>) or else to the entry state
/// of the new library state; one that keeps the library state keeps the custom state unless a bound transition
/// moves it. Named transitions move between custom states of one library state, with the record's
/// <c>TransitionWorkflow</c> command.</para>
/// <para>Every audit entry that changes the record's custom state carries the state it enters
/// (<see cref="Itsm.Common.AuditEntry.WorkflowState"/>), so the SLA replay and consumers of the feed read it
/// without the workflow.</para>
/// </remarks>
public sealed class Workflow<TState, TCommand> : Workflow
    where TState : struct, Enum
    where TCommand : struct, Enum
{
    private readonly Dictionary<string, int> _index;

    internal Workflow(
        string id,
        int version,
        WorkflowLifecycle<TState, TCommand> lifecycle,
        IReadOnlyList<WorkflowState<TState, TCommand>> states,
        IReadOnlyList<WorkflowTransition<TCommand>> transitions,
        Workflow<TState, TCommand>? previous,
        IReadOnlyDictionary<string, string> migration)
    {
        Id = id;
        Version = version;
        Library = lifecycle;
        States = states;
        Transitions = transitions;
        Previous = previous;
        Migration = migration;
        Table = new WorkflowTable<TState, TCommand>(lifecycle, states, transitions);
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Table.Names.Length; i++)
        {
            _index[Table.Names[i]] = i;
        }

        StateNames = new ReadOnlyCollection<string>(Table.Names);
    }

    /// <inheritdoc/>
    public override string Id { get; }

    /// <inheritdoc/>
    public override int Version { get; }

    /// <inheritdoc/>
    public override string Lifecycle => Library.Name;

    /// <inheritdoc/>
    public override string RecordType => Library.RecordType;

    /// <summary>The custom states, in declaration order.</summary>
    public IReadOnlyList<WorkflowState<TState, TCommand>> States { get; }

    /// <summary>The named and bound transitions, in declaration order.</summary>
    public IReadOnlyList<WorkflowTransition<TCommand>> Transitions { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateNames { get; }

    /// <summary>The version this one replaces, or <see langword="null"/> for the first.</summary>
    public Workflow<TState, TCommand>? Previous { get; }

    /// <inheritdoc/>
    public override Workflow? PreviousVersion => Previous;

    /// <summary>
    /// Where records of <see cref="Previous"/> in a state this version removes go: removed state name to a state
    /// of this version with the same library state. Empty for a first version.
    /// </summary>
    public IReadOnlyDictionary<string, string> Migration { get; }

    /// <summary>The state a new record starts in: the entry state of the library's initial state.</summary>
    public string InitialState => Table.Names[Table.EntryOf(Library.Initial)];

    internal WorkflowLifecycle<TState, TCommand> Library { get; }

    internal WorkflowTable<TState, TCommand> Table { get; }

    /// <summary>The library state <paramref name="state"/> belongs to.</summary>
    /// <param name="state">A state name of this workflow.</param>
    /// <returns>The library state.</returns>
    /// <exception cref="ArgumentException">The workflow has no such state.</exception>
    public TState ParentOf(string state) =>
        IndexOf(state) is { } i ? Table.Parents[i] : throw new ArgumentException($"The workflow {Id} v{Version} has no state '{Itsm.Text.QuotedText.Of(state)}'.", nameof(state));

    /// <summary>The state a record entering <paramref name="parent"/> by a library command lands in, unless a bound transition says otherwise.</summary>
    /// <param name="parent">A library state.</param>
    /// <returns>The entry state's name (the library state's own name when it has no custom states).</returns>
    public string EntryStateOf(TState parent) => Table.Names[Table.EntryOf(parent)];

    /// <inheritdoc/>
    public override string? ParentNameOf(string state) => IndexOf(state) is { } i ? Table.Parents[i].ToString() : null;

    /// <summary>This workflow's version <paramref name="version"/>: itself or one it replaces, or <see langword="null"/>.</summary>
    /// <param name="version">The version.</param>
    /// <returns>The workflow of that version.</returns>
    public Workflow<TState, TCommand>? VersionOf(int version)
    {
        for (var w = this; w is not null; w = w.Previous)
        {
            if (w.Version == version)
            {
                return w;
            }
        }

        return null;
    }

    /// <summary>The named transitions a record in <paramref name="state"/> can take (guards aside), in declaration order.</summary>
    /// <param name="state">A state name of this workflow.</param>
    /// <returns>The transitions.</returns>
    /// <exception cref="ArgumentException">The workflow has no such state.</exception>
    public IReadOnlyList<WorkflowTransition<TCommand>> NamedTransitionsFrom(string state) =>
        IndexOf(state) is { } i ? Table.Named[i] : throw new ArgumentException($"The workflow {Id} v{Version} has no state '{Itsm.Text.QuotedText.Of(state)}'.", nameof(state));

    /// <inheritdoc/>
    public override string ToMermaid() => WorkflowDiagram.Format(this);

    internal int? IndexOf(string state) => state is not null && _index.TryGetValue(state, out var i) ? i : null;

    /// <summary>Where a record of an older version in <paramref name="state"/> goes in this version: mapped, kept by name, or its library state's entry.</summary>
    internal string MigrateFrom(Workflow<TState, TCommand>? older, string? state, TState parent)
    {
        // Walk the versions between, applying each one's mapping in turn.
        var chain = new Stack<Workflow<TState, TCommand>>();
        for (var w = this; w is not null && (older is null || w.Version > older.Version); w = w.Previous)
        {
            chain.Push(w);
        }

        var current = state;
        foreach (var w in chain)
        {
            if (current is not null && w.Migration.TryGetValue(current, out var mapped))
            {
                current = mapped;
            }

            if (current is null || w.IndexOf(current) is not { } i || !EqualityComparer<TState>.Default.Equals(w.Table.Parents[i], parent))
            {
                current = w.EntryStateOf(parent);
            }
        }

        return current ?? EntryStateOf(parent);
    }
}
