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
/// Adding an event that changes a snapshot field (say, a CI list) is one line in the record type's
/// projection: <c>.On&lt;IncidentConfigurationItemsChanged&gt;((s, e) =&gt; s with { ConfigurationItems = e.Items })</c>.
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
    private Func<DomainEvent, string, TicketSnapshot>? _open;
    private Func<TicketSnapshot, TicketSnapshot> _afterEach = static s => s;

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

    /// <summary>The creating event and the first snapshot it gives (with the entry's state).</summary>
    internal TicketSlaProjection Opens<TEvent>(string commandName, Func<TEvent, string, TicketSnapshot> open)
        where TEvent : DomainEvent
    {
        _opening = typeof(TEvent);
        _openingCommand = commandName;
        _open = (e, state) => open((TEvent)e, state);
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

    /// <summary>A rule applied after every entry, once the state is set (a hold reason cleared off hold).</summary>
    internal TicketSlaProjection AfterEach(Func<TicketSnapshot, TicketSnapshot> rule)
    {
        _afterEach = rule;
        return this;
    }

    /// <summary>Whether <paramref name="eventType"/> has a rule, opens the record or is declared to keep the snapshot.</summary>
    internal bool Covers(Type eventType) => eventType == _opening || _rules.ContainsKey(eventType) || _keeps.Contains(eventType);

    /// <summary>The snapshot after <paramref name="entry"/>, given the one before it (null for the creating entry).</summary>
    /// <exception cref="ArgumentException">The entry's state is not a state of the record type, or the first entry is not the creating event.</exception>
    /// <exception cref="InvalidOperationException">The entry's event type has no rule: a defect of this projection.</exception>
    internal TicketSnapshot Next(TicketSnapshot? previous, AuditEntry entry, string paramName)
    {
        if (entry.ToState.Length == 0 || !_isState(entry.ToState))
        {
            throw new ArgumentException($"Version {entry.Version} has no {RecordType} state ('{IdText.Quote(entry.ToState)}').", paramName);
        }

        var e = entry.Event;
        if (previous is null)
        {
            return e.GetType() == _opening
                ? _afterEach(_open!(e, entry.ToState))
                : throw new ArgumentException($"Version 1 of {_recordName}'s audit log must be {_openingCommand}, not {entry.Command}.", paramName);
        }

        var next = previous;
        if (_rules.TryGetValue(e.GetType(), out var rule))
        {
            next = rule(previous, e);
        }
        else if (!_keeps.Contains(e.GetType()) && e is not UnrecognizedEvent)
        {
            throw new InvalidOperationException($"The SLA projection of {RecordType} has no rule for {e.GetType().Name}: declare it with On<{e.GetType().Name}> if it changes a snapshot field, else Keeps<{e.GetType().Name}>.");
        }

        if (!string.Equals(next.State, entry.ToState, StringComparison.Ordinal))
        {
            next = next with { State = entry.ToState };
        }

        return _afterEach(next);
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
        TicketSnapshot? snapshot = null;
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

            snapshot = Next(snapshot, entry, paramName);
            recordId = entry.RecordId;
            version = entry.Version;
            at = entry.At > at ? entry.At : at;
            changes.Add(new TicketChange(at, snapshot));
        }

        return changes;
    }

    /// <summary>Whether two snapshots give every SLA condition the same answer.</summary>
    internal static bool SameValue(TicketSnapshot a, TicketSnapshot b)
    {
        if (a.State != b.State || a.Priority != b.Priority || a.OnHoldReason != b.OnHoldReason || a.Service != b.Service
            || a.Offering != b.Offering || a.AssignmentGroup != b.AssignmentGroup || a.Supplier != b.Supplier
            || a.Attributes.Count != b.Attributes.Count)
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
