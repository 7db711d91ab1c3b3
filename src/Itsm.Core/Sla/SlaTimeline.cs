using System;
using System.Collections;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// The events of one SLA clock, in order: an immutable, validated value that
/// <see cref="SlaClock.Evaluate"/> folds into an <see cref="SlaStatus"/>.
/// </summary>
/// <remarks>
/// <para>A timeline starts with <see cref="SlaEventKind.Started"/>. A running clock may pause, stop,
/// be cancelled, reset or retargeted; a paused clock may resume, stop, be cancelled, reset or
/// retargeted; a stopped clock may only be reset; a cancelled clock takes no further events.
/// Instants never go backwards (equal instants are allowed and keep their order).</para>
/// <para>Because a timeline is data, a host can store it, replay it from its audit log, and
/// evaluate it again after a calendar changes.</para>
/// </remarks>
public sealed class SlaTimeline : IReadOnlyList<SlaEvent>, IEquatable<SlaTimeline>
{
    private readonly SlaEvent[] _events;

    private SlaTimeline(SlaEvent[] events, ClockPhase phase)
    {
        _events = events;
        Phase = phase;
    }

    /// <summary>The timeline of a clock that has not started.</summary>
    public static SlaTimeline Empty { get; } = new([], ClockPhase.NotStarted);

    /// <summary>The number of events.</summary>
    public int Count => _events.Length;

    /// <summary>Whether the clock is running or paused after the last event.</summary>
    public bool IsActive => Phase is ClockPhase.Running or ClockPhase.Paused;

    /// <summary>Whether the clock is paused after the last event.</summary>
    public bool IsPaused => Phase == ClockPhase.Paused;

    /// <summary>The last event, or <see langword="null"/> for <see cref="Empty"/>.</summary>
    public SlaEvent? Last => _events.Length == 0 ? null : _events[^1];

    internal ClockPhase Phase { get; }

    internal ReadOnlySpan<SlaEvent> Events => _events;

    /// <summary>The event at <paramref name="index"/>.</summary>
    /// <param name="index">A position from 0 to <see cref="Count"/> - 1.</param>
    /// <returns>The event.</returns>
    public SlaEvent this[int index] => _events[index];

    /// <summary>Creates a timeline from events in order.</summary>
    /// <param name="events">The events.</param>
    /// <returns>The timeline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is null.</exception>
    /// <exception cref="ArgumentException">An event is out of order, not allowed after the one before it, or has a target that is not positive; the message names its index.</exception>
    public static SlaTimeline Create(IEnumerable<SlaEvent> events)
    {
        Guard.Against.Null(events);
        var list = new List<SlaEvent>(events);
        var phase = ClockPhase.NotStarted;
        for (int i = 0; i < list.Count; i++)
        {
            phase = Validate(phase, i == 0 ? null : list[i - 1], list[i], i, nameof(events));
        }

        return new SlaTimeline(list.ToArray(), phase);
    }

    /// <summary>Returns this timeline with one more event at the end.</summary>
    /// <param name="event">The event; not before the last one.</param>
    /// <returns>A new timeline.</returns>
    /// <exception cref="ArgumentException">The event is out of order, not allowed in the clock's current state, or has a target that is not positive.</exception>
    public SlaTimeline Append(SlaEvent @event)
    {
        var phase = Validate(Phase, Last, @event, _events.Length, nameof(@event));
        var events = new SlaEvent[_events.Length + 1];
        _events.CopyTo(events, 0);
        events[^1] = @event;
        return new SlaTimeline(events, phase);
    }

    /// <summary>A timeline of events already validated in order (the tracker builds them one by one), without copying.</summary>
    internal static SlaTimeline FromValidated(SlaEvent[] events, ClockPhase phase) => new(events, phase);

    /// <summary>Validates <paramref name="e"/> after a clock in <paramref name="phase"/> whose last event is <paramref name="previous"/>; returns the phase after it.</summary>
    internal static ClockPhase Check(ClockPhase phase, SlaEvent? previous, SlaEvent e, int index) => Validate(phase, previous, e, index, "event");

    /// <summary>Whether an event of <paramref name="kind"/> may come next.</summary>
    /// <param name="kind">The kind of event.</param>
    /// <returns><see langword="true"/> when <see cref="Append"/> would accept it (at a valid instant and target).</returns>
    public bool Accepts(SlaEventKind kind) => Next(Phase, kind) is not null;

    /// <inheritdoc />
    public IEnumerator<SlaEvent> GetEnumerator() => ((IEnumerable<SlaEvent>)_events).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Whether both timelines hold the same events in the same order.</summary>
    /// <param name="other">Another timeline.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(SlaTimeline? other) => other is not null && _events.AsSpan().SequenceEqual(other._events);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SlaTimeline);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var e in _events)
        {
            hash.Add(e);
        }

        return hash.ToHashCode();
    }

    /// <summary>The events, one per line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join(Environment.NewLine, _events);

    private static ClockPhase Validate(ClockPhase phase, SlaEvent? previous, SlaEvent e, int index, string paramName)
    {
        if (previous is SlaEvent p && e.At < p.At)
        {
            throw new ArgumentException($"Event {index} ({e}) is before the event it follows ({p}); a timeline's instants never go backwards.", paramName);
        }

        if (e.Kind is SlaEventKind.Started or SlaEventKind.Reset or SlaEventKind.Retargeted && e.Target <= Duration.Zero)
        {
            throw new ArgumentException($"Event {index} ({e}) needs a positive target.", paramName);
        }

        return Next(phase, e.Kind) ?? throw new ArgumentException(
            $"Event {index} ({e}) cannot follow a clock that is {Describe(phase)}.", paramName);
    }

    internal static ClockPhase? Next(ClockPhase phase, SlaEventKind kind) => (phase, kind) switch
    {
        (ClockPhase.NotStarted, SlaEventKind.Started) => ClockPhase.Running,
        (ClockPhase.Running, SlaEventKind.Paused) => ClockPhase.Paused,
        (ClockPhase.Paused, SlaEventKind.Resumed) => ClockPhase.Running,
        (ClockPhase.Running or ClockPhase.Paused, SlaEventKind.Stopped) => ClockPhase.Stopped,
        (ClockPhase.Running or ClockPhase.Paused, SlaEventKind.Cancelled) => ClockPhase.Cancelled,
        (ClockPhase.Running or ClockPhase.Paused or ClockPhase.Stopped, SlaEventKind.Reset) => ClockPhase.Running,
        (ClockPhase.Running or ClockPhase.Paused, SlaEventKind.Retargeted) => phase,
        _ => null,
    };

    internal static string Describe(ClockPhase phase) => phase switch
    {
        ClockPhase.NotStarted => "not started (the first event must be Started)",
        ClockPhase.Running => "running",
        ClockPhase.Paused => "paused",
        ClockPhase.Stopped => "stopped (only Reset may follow)",
        _ => "cancelled (nothing may follow)",
    };
}
