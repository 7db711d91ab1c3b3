using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// The next instants at which many SLA clocks cross a warning threshold or breach, so a host runs
/// one timer for all of them instead of one per ticket: schedule each clock's
/// <see cref="SlaStatus.NextThresholdInstant"/>, wait until <see cref="NextDue"/>, take the clocks
/// due with <see cref="TakeDue(Instant, ICollection{TKey})"/>, evaluate them, and schedule them again.
/// </summary>
/// <typeparam name="TKey">How the host names a clock (for example a ticket id and an agreement id).</typeparam>
/// <remarks>
/// A binary heap with lazy removal: <see cref="Schedule(TKey, Instant?)"/> and
/// <see cref="TakeDue(Instant, ICollection{TKey})"/> cost O(log n) per clock, <see cref="NextDue"/>
/// O(1) amortised. Not thread-safe: use it from one thread, or lock around it.
/// </remarks>
public sealed class SlaDueList<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, Instant> _due;
    private readonly PriorityQueue<TKey, Instant> _heap;

    /// <summary>Creates an empty due list that compares keys with the default comparer.</summary>
    public SlaDueList()
        : this(0, null)
    {
    }

    /// <summary>Creates an empty due list.</summary>
    /// <param name="comparer">Compares keys; <see langword="null"/> for the default comparer.</param>
    public SlaDueList(IEqualityComparer<TKey>? comparer)
        : this(0, comparer)
    {
    }

    /// <summary>Creates an empty due list with room for <paramref name="capacity"/> clocks.</summary>
    /// <param name="capacity">How many clocks to make room for; the list still grows beyond it.</param>
    /// <param name="comparer">Compares keys; <see langword="null"/> for the default comparer.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public SlaDueList(int capacity, IEqualityComparer<TKey>? comparer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _due = new Dictionary<TKey, Instant>(capacity, comparer);
        _heap = new PriorityQueue<TKey, Instant>(capacity);
    }

    /// <summary>The number of clocks scheduled.</summary>
    public int Count => _due.Count;

    /// <summary>The earliest instant any scheduled clock is due, or <see langword="null"/> when none is scheduled.</summary>
    public Instant? NextDue
    {
        get
        {
            DropStale();
            return _heap.TryPeek(out _, out var due) ? due : null;
        }
    }

    /// <summary>Schedules <paramref name="key"/> at <paramref name="due"/>, replacing any earlier schedule; <see langword="null"/> removes it.</summary>
    /// <param name="key">The clock.</param>
    /// <param name="due">When it is next due, or <see langword="null"/> when it needs no timer (paused, stopped, cancelled).</param>
    public void Schedule(TKey key, Instant? due)
    {
        Guard.Against.Null(key);
        if (due is not Instant at)
        {
            _due.Remove(key);
            return;
        }

        if (_due.TryGetValue(key, out var current) && current == at)
        {
            return;
        }

        _due[key] = at;
        _heap.Enqueue(key, at);
        if (_heap.Count > (2 * _due.Count) + 64)
        {
            Compact();
        }
    }

    /// <summary>Schedules <paramref name="key"/> at its status's <see cref="SlaStatus.NextThresholdInstant"/>.</summary>
    /// <param name="key">The clock.</param>
    /// <param name="status">Its status.</param>
    public void Schedule(TKey key, in SlaStatus status) => Schedule(key, status.NextThresholdInstant);

    /// <summary>Removes <paramref name="key"/>.</summary>
    /// <param name="key">The clock.</param>
    /// <returns><see langword="true"/> when it was scheduled.</returns>
    public bool Remove(TKey key) => _due.Remove(Guard.Against.Null(key));

    /// <summary>When <paramref name="key"/> is due, if it is scheduled.</summary>
    /// <param name="key">The clock.</param>
    /// <param name="due">When it is due.</param>
    /// <returns><see langword="true"/> when it is scheduled.</returns>
    public bool TryGetDue(TKey key, out Instant due) => _due.TryGetValue(Guard.Against.Null(key), out due);

    /// <summary>Removes and collects every clock due at or before <paramref name="now"/>, earliest first.</summary>
    /// <param name="now">The current instant.</param>
    /// <param name="due">Receives the clocks due; nothing else is allocated.</param>
    /// <returns>The number of clocks taken.</returns>
    public int TakeDue(Instant now, ICollection<TKey> due)
    {
        Guard.Against.Null(due);
        int taken = 0;
        while (_heap.TryPeek(out var key, out var at) && at <= now)
        {
            _heap.Dequeue();
            if (_due.TryGetValue(key, out var current) && current == at)
            {
                _due.Remove(key);
                due.Add(key);
                taken++;
            }
        }

        return taken;
    }

    /// <summary>Removes and returns every clock due at or before <paramref name="now"/>, earliest first.</summary>
    /// <param name="now">The current instant.</param>
    /// <returns>The clocks due.</returns>
    public IReadOnlyList<TKey> TakeDue(Instant now)
    {
        var due = new List<TKey>();
        TakeDue(now, due);
        return due;
    }

    private void DropStale()
    {
        while (_heap.TryPeek(out var key, out var at) && !(_due.TryGetValue(key, out var current) && current == at))
        {
            _heap.Dequeue();
        }
    }

    private void Compact()
    {
        _heap.Clear();
        foreach (var (key, at) in _due)
        {
            _heap.Enqueue(key, at);
        }
    }
}
