using System;
using System.Collections.Generic;
using NodaTime;

namespace Itsm.Routing;

public sealed partial class OnCallSchedule
{
    /// <summary>The longest interval <see cref="Segments"/> accepts: 400 days.</summary>
    public static readonly Duration MaximumSegmentsSpan = Duration.FromDays(400);

    /// <summary>
    /// The schedule over an interval: consecutive segments that tile it exactly (the first starts at its start, each
    /// ends where the next starts, the last ends at its end), each with one answer throughout, and no two neighbours
    /// with the same answer. The segment boundaries are the instants the answer changes: handoffs, restriction windows
    /// opening and closing, override starts and ends.
    /// </summary>
    /// <param name="interval">A bounded, non-empty interval of at most <see cref="MaximumSegmentsSpan"/>.</param>
    /// <returns>The segments, in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="interval"/> is unbounded, empty or too long.</exception>
    /// <remarks>
    /// Cost: the handoffs inside the interval are found from the rotation arithmetic (no walk from the rotations' starts);
    /// then O(boundaries × (layers + overrides)).
    /// </remarks>
    public IReadOnlyList<OnCallSegment> Segments(Interval interval)
    {
        if (!interval.HasStart || !interval.HasEnd || interval.Start == interval.End)
        {
            throw new ArgumentException("The schedule needs a bounded, non-empty interval.", nameof(interval));
        }

        if (interval.Duration > MaximumSegmentsSpan)
        {
            throw new ArgumentException($"The interval is longer than {MaximumSegmentsSpan.TotalDays} days.", nameof(interval));
        }

        var boundaries = new SortedSet<Instant> { interval.Start };
        foreach (var layer in _layers)
        {
            AddLayerBoundaries(boundaries, layer, interval);
        }

        foreach (var replacement in _overrides)
        {
            AddIfInside(boundaries, replacement.Interval.Start, interval);
            AddIfInside(boundaries, replacement.Interval.End, interval);
        }

        var segments = new List<OnCallSegment>();
        OnCallAnswer? current = null;
        Instant currentStart = interval.Start;
        foreach (var boundary in boundaries)
        {
            var answer = OnCallAt(boundary);
            if (current is null)
            {
                current = answer;
            }
            else if (!SameAnswer(current, answer))
            {
                segments.Add(Segment(current, currentStart, boundary));
                current = answer;
                currentStart = boundary;
            }
        }

        segments.Add(Segment(current!, currentStart, interval.End));
        return segments;
    }

    private static void AddLayerBoundaries(SortedSet<Instant> boundaries, RotaLayer layer, Interval interval)
    {
        var rotation = layer.Rotation;
        for (long k = Math.Max(0, rotation.IndexAt(interval.Start) + 1); ; k++)
        {
            var handoff = rotation.HandoffInstant(k);
            if (handoff >= interval.End)
            {
                break;
            }

            AddIfInside(boundaries, handoff, interval);
        }

        if (layer.Restrictions.Count == 0)
        {
            return;
        }

        // Local time jumps at a transition, so a window can open or close there without its boundary's wall time occurring.
        foreach (var zoneInterval in rotation.Zone.GetZoneIntervals(interval))
        {
            if (zoneInterval.HasStart)
            {
                AddIfInside(boundaries, zoneInterval.Start, interval);
            }
        }

        var zone = rotation.Zone;
        var lastDate = interval.End.InZone(zone).Date.PlusDays(1);
        for (var date = interval.Start.InZone(zone).Date.PlusDays(-1); date <= lastDate; date = date.PlusDays(1))
        {
            foreach (var restriction in layer.Restrictions)
            {
                if (restriction.Day is null || restriction.Day == date.DayOfWeek)
                {
                    AddLocal(boundaries, zone, date + restriction.From, interval);
                    AddLocal(boundaries, zone, restriction.To == LocalTime.Midnight ? date.PlusDays(1).AtMidnight() : date + restriction.To, interval);
                }
            }
        }
    }

    /// <summary>Every instant a window boundary's wall time occurs at: once, twice in an overlap, or the end of a gap.</summary>
    private static void AddLocal(SortedSet<Instant> boundaries, DateTimeZone zone, LocalDateTime local, Interval interval)
    {
        var mapping = zone.MapLocal(local);
        if (mapping.Count == 0)
        {
            AddIfInside(boundaries, mapping.LateInterval.Start, interval);
            return;
        }

        AddIfInside(boundaries, mapping.First().ToInstant(), interval);
        AddIfInside(boundaries, mapping.Last().ToInstant(), interval);
    }

    private static void AddIfInside(SortedSet<Instant> boundaries, Instant instant, Interval interval)
    {
        if (instant > interval.Start && instant < interval.End)
        {
            boundaries.Add(instant);
        }
    }

    private static bool SameAnswer(OnCallAnswer a, OnCallAnswer b) =>
        string.Equals(a.Person, b.Person, StringComparison.Ordinal)
        && string.Equals(a.Layer, b.Layer, StringComparison.Ordinal)
        && a.HandoffIndex == b.HandoffIndex
        && ReferenceEquals(a.Override, b.Override);

    private static OnCallSegment Segment(OnCallAnswer answer, Instant start, Instant end) =>
        new(new Interval(start, end), answer.Person, answer.Layer, answer.HandoffIndex, answer.Override);
}
