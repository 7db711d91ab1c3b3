using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// How one ticket type's audit entries become the <see cref="TicketSnapshot"/> history the SLA tracker
/// replays: the creating event gives the first snapshot, each later entry's <see cref="AuditEntry.ToState"/>
/// gives the state, and a rule per typed event changes the other fields. Every event type of the record is
/// either a rule (<see cref="On{TEvent}"/>: it changes a snapshot field) or declared as changing none
/// (<see cref="Keeps{TEvent}"/>); a test checks that every event type is one or the other, and an entry of
/// an event type that is neither fails loudly instead of being read as "nothing changed".
/// </summary>
/// <remarks>
/// Adding an event that changes a snapshot field is one line in the record type's projection:
/// <c>.On&lt;IncidentPriorityChanged&gt;((s, e) =&gt; s with { Priority = e.Priority })</c>. The service-model events
/// every ticket records (<see cref="TicketServiceChanged"/>, <see cref="TicketConfigurationItemAdded"/>,
/// <see cref="TicketConfigurationItemRemoved"/>, <see cref="TicketSupplierAssigned"/>) are folded here for every
/// ticket type by <see cref="TicketServiceView"/>; a hold for a supplier is declared with <see cref="HoldsFor{TEvent}"/>.
/// The journal events every ticket records (work notes, comments, time worked, and entries withheld from a reader)
/// change no snapshot field.
/// The property test that the projection of the audit log equals the record's own <c>ToTicketSnapshot()</c>
/// after every command then checks the rule against the record.
/// </remarks>
internal sealed class TicketSlaProjection
{
    private readonly Dictionary<Type, Func<TicketSnapshot, DomainEvent, TicketSnapshot>> _rules = [];
    private readonly HashSet<Type> _keeps = [];
    private readonly string _recordName;
    private readonly Func<string, bool> _isState;
    private Type? _opening;
    private string _openingCommand = "";
    private Func<DomainEvent, string, Actor, TicketSnapshot>? _open;
    private Func<TicketSnapshot, TicketSnapshot> _afterEach = static s => s;
    private readonly Dictionary<Type, Func<DomainEvent, string?>> _holdsFor = [];
    private string? _holdState;

    // The shared service-model events every ticket type records (TicketServiceView folds them).
    private static readonly HashSet<Type> ServiceEvents =
    [
        typeof(TicketServiceChanged), typeof(TicketConfigurationItemAdded), typeof(TicketConfigurationItemRemoved), typeof(TicketSupplierAssigned),
    ];

    /// <param name="recordType">The record type, as audit entries name it.</param>
    /// <param name="recordName">The record in a message, for example <c>"an incident"</c>.</param>
    /// <param name="isState">Whether a state name is one of the record type's states.</param>
    private TicketSlaProjection(string recordType, string recordName, Func<string, bool> isState)
    {
        RecordType = recordType;
        _recordName = recordName;
        _isState = isState;
    }

    /// <summary>The record type whose audit entries this projection reads.</summary>
    internal string RecordType { get; }

    /// <summary>A projection of <paramref name="recordType"/>, whose states are the names of <typeparamref name="TState"/>.</summary>
    internal static TicketSlaProjection For<TState>(string recordType, string recordName)
        where TState : struct, Enum =>
        new(recordType, recordName, static s => Enum.TryParse<TState>(s, ignoreCase: false, out var state) && Enum.IsDefined(state) && char.IsLetter(s[0]));

    /// <summary>The creating event and the first snapshot it gives (with the entry's state and actor: a request's requester is who submitted it).</summary>
    internal TicketSlaProjection Opens<TEvent>(string commandName, Func<TEvent, string, Actor, TicketSnapshot> open)
        where TEvent : DomainEvent
    {
        _opening = typeof(TEvent);
        _openingCommand = commandName;
        _open = (e, state, actor) => open((TEvent)e, state, actor);
        return this;
    }

    /// <summary>An event that changes snapshot fields other than the state: <paramref name="rule"/> gives the snapshot after it.</summary>
    internal TicketSlaProjection On<TEvent>(Func<TicketSnapshot, TEvent, TicketSnapshot> rule)
        where TEvent : DomainEvent
    {
        _rules.Add(typeof(TEvent), (s, e) => rule(s, (TEvent)e));
        return this;
    }

    /// <summary>An event that changes no snapshot field but the state.</summary>
    internal TicketSlaProjection Keeps<TEvent>()
        where TEvent : DomainEvent
    {
        _keeps.Add(typeof(TEvent));
        return this;
    }

    /// <summary>
    /// Events that put the ticket on hold for a supplier (<paramref name="supplier"/> gives which, or null): while the
    /// ticket stays in <paramref name="holdState"/>, the snapshot's supplier is that one rather than the assigned
    /// supplier, which comes back when the hold ends.
    /// </summary>
    internal TicketSlaProjection HoldsFor<TEvent>(string holdState, Func<TEvent, string?> supplier)
        where TEvent : DomainEvent
    {
        _holdState = holdState;
        _holdsFor.Add(typeof(TEvent), e => supplier((TEvent)e));
        return this;
    }

    /// <summary>A rule applied after every entry, once the state is set (a hold reason cleared off hold).</summary>
    internal TicketSlaProjection AfterEach(Func<TicketSnapshot, TicketSnapshot> rule)
    {
        _afterEach = rule;
        return this;
    }

    /// <summary>Whether <paramref name="eventType"/> has a rule, opens the record or is declared to keep the snapshot.</summary>
    internal bool Covers(Type eventType) =>
        eventType == _opening || _rules.ContainsKey(eventType) || _keeps.Contains(eventType) || ServiceEvents.Contains(eventType) || Journal.JournalEvents.Types.Contains(eventType);

    /// <summary>
    /// What the projection carries from entry to entry: the snapshot, the ticket's service-model fields as the
    /// shared events set them (the assigned supplier among them), and the supplier a hold waits for.
    /// </summary>
    private readonly record struct Step(TicketSnapshot Snapshot, TicketServiceView View, string? HeldFor);

    /// <summary>The step after <paramref name="entry"/>, given the one before it (null for the creating entry).</summary>
    /// <exception cref="ArgumentException">The entry's state is not a state of the record type, or the first entry is not the creating event.</exception>
    /// <exception cref="InvalidOperationException">The entry's event type has no rule: a defect of this projection.</exception>
    private Step Next(Step? previous, AuditEntry entry, string paramName)
    {
        if (entry.ToState.Length == 0 || !_isState(entry.ToState))
        {
            throw new ArgumentException($"Version {entry.Version} has no {RecordType} state ('{IdText.Quote(entry.ToState)}').", paramName);
        }

        var e = entry.Event;
        if (previous is not { } before)
        {
            if (e.GetType() != _opening)
            {
                throw new ArgumentException($"Version 1 of {_recordName}'s audit log must be {_openingCommand}, not {Itsm.Text.QuotedText.Of(entry.Command)}.", paramName);
            }

            var opened = _open!(e, entry.ToState, entry.Actor);
            var items = opened.ConfigurationItems.Count == 0 ? TicketServiceFields.NoItemTexts : new System.Collections.ObjectModel.ReadOnlyCollection<string>([.. opened.ConfigurationItems]);
            var view = new TicketServiceView(opened.Service, opened.Offering, items, null);
            // The ticket was created at its creating entry, and opened then unless the entry names an earlier opening.
            var first = opened with { WorkflowState = entry.WorkflowState, OpenedAt = opened.OpenedAt ?? entry.At, CreatedAt = entry.At };
            return Settle(new Step(first, view, null), entry.ToState);
        }

        var next = before;
        if (_rules.TryGetValue(e.GetType(), out var rule))
        {
            next = next with { Snapshot = rule(next.Snapshot, e) };
        }
        else if (ServiceEvents.Contains(e.GetType()))
        {
            next = next with { View = next.View.Apply(e) };
        }
        else if (!_keeps.Contains(e.GetType()) && e is not UnrecognizedEvent && !Journal.JournalEvents.Types.Contains(e.GetType()) && !Workflows.WorkflowEvents.Types.Contains(e.GetType()))
        {
            throw new InvalidOperationException($"The SLA projection of {RecordType} has no rule for {e.GetType().Name}: declare it with On<{e.GetType().Name}> if it changes a snapshot field, else Keeps<{e.GetType().Name}>.");
        }

        if (entry.WorkflowState is { } workflowState)
        {
            next = next with { Snapshot = next.Snapshot with { WorkflowState = workflowState } };
        }

        if (_holdsFor.TryGetValue(e.GetType(), out var heldFor))
        {
            next = next with { HeldFor = heldFor(e) };
        }

        return Settle(next, entry.ToState);
    }

    /// <summary>The entry's state, the service-model fields from the view, the supplier (held for, else assigned), then the after-each rule.</summary>
    private Step Settle(Step step, string state)
    {
        var heldFor = _holdState is not null && string.Equals(state, _holdState, StringComparison.Ordinal) ? step.HeldFor : null;
        var view = step.View;
        var snapshot = step.Snapshot with
        {
            State = state,
            Service = view.Service,
            Offering = view.Offering,
            ConfigurationItems = view.ConfigurationItems,
            Supplier = heldFor ?? view.Supplier,
        };
        return new Step(_afterEach(snapshot), view, heldFor);
    }

    /// <summary>
    /// The SLA history of one record from its whole audit log: after every entry, the entry's instant and
    /// the snapshot, one change per entry as the live ledger folds one snapshot per command (a snapshot equal
    /// to the one before is not a no-op for a target whose pause and resume conditions both hold: each step
    /// toggles it). An entry earlier than the one before (the engine's clock set back) counts at the one
    /// before's instant: the tracker needs time order.
    /// </summary>
    internal IReadOnlyList<TicketChange> Replay(IEnumerable<AuditEntry> auditEntries, string paramName)
    {
        Guard.Against.Null(auditEntries, paramName);
        var changes = new List<TicketChange>();
        Step? step = null;
        string? recordId = null;
        long version = 0;
        var at = Instant.MinValue;
        foreach (var entry in auditEntries)
        {
            if (entry is null)
            {
                throw new ArgumentException("An audit entry is null.", paramName);
            }

            if (!string.Equals(entry.RecordType, RecordType, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The entries must be a {RecordType}'s; version {entry.Version} is a {IdText.Quote(entry.RecordType)}'s.", paramName);
            }

            if (recordId is not null && !string.Equals(entry.RecordId, recordId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The entries must be one record's: {IdText.Quote(recordId)} and {IdText.Quote(entry.RecordId)} are mixed.", paramName);
            }

            if (entry.Version != version + 1)
            {
                throw new ArgumentException($"The entries must be the record's whole audit log in order, from version 1; version {entry.Version} follows {version}.", paramName);
            }

            step = Next(step, entry, paramName);
            recordId = entry.RecordId;
            version = entry.Version;
            at = entry.At > at ? entry.At : at;
            changes.Add(new TicketChange(at, step.Value.Snapshot));
        }

        return changes;
    }

    /// <summary>Whether two snapshots give every SLA condition the same answer, and name the same opened and created instants.</summary>
    internal static bool SameValue(TicketSnapshot a, TicketSnapshot b)
    {
        if (a.OpenedAt != b.OpenedAt || a.CreatedAt != b.CreatedAt || a.State != b.State || a.WorkflowState != b.WorkflowState || a.Priority != b.Priority || a.OnHoldReason != b.OnHoldReason || a.Service != b.Service
            || a.Offering != b.Offering || a.AssignmentGroup != b.AssignmentGroup || a.Supplier != b.Supplier || a.Caller != b.Caller
            || a.Attributes.Count != b.Attributes.Count || !System.Linq.Enumerable.SequenceEqual(a.ConfigurationItems, b.ConfigurationItems))
        {
            return false;
        }

        foreach (var attribute in a.Attributes)
        {
            if (!b.Attributes.TryGetValue(attribute.Key, out var value) || !string.Equals(value, attribute.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
