using System.Collections.Generic;
using System.Linq;
using Itsm.Routing;
using NodaTime;
using NodaTime.TimeZones;

namespace Itsm.Core.Tests.Routing;

/// <summary>
/// The on-call rules the obvious way, as the reference the fast rota is checked against: handoffs by walking the
/// rotation one turn at a time from its first handoff (NodaTime's own resolvers map each local time), restrictions
/// and overrides by scanning.
/// </summary>
internal static class ReferenceRota
{
    // The documented mapping of a handoff's wall time: the earlier of two occurrences; in a gap, the instant the clocks jump.
    private static readonly ZoneLocalMappingResolver HandoffResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>The handoff instants from the first up to the first one after <paramref name="until"/>.</summary>
    internal static List<Instant> Handoffs(Rotation rotation, Instant until)
    {
        var handoffs = new List<Instant>();
        var local = rotation.FirstHandoff;
        while (true)
        {
            var at = rotation.Zone.ResolveLocal(local, HandoffResolver).ToInstant();
            handoffs.Add(at);
            if (at > until)
            {
                return handoffs;
            }

            local = local.Plus(rotation.HandoffEvery);
        }
    }

    /// <summary>The last handoff at or before <paramref name="instant"/>, by scanning the walked handoffs; -1 before the first.</summary>
    internal static long Index(List<Instant> handoffs, Instant instant)
    {
        long index = -1;
        for (int k = 0; k < handoffs.Count && handoffs[k] <= instant; k++)
        {
            index = k;
        }

        return index;
    }

    internal static long Index(Rotation rotation, Instant instant) => Index(Handoffs(rotation, instant), instant);

    /// <summary>Who is on call: the last override containing the instant, else the highest layer covering it that has begun, else nobody.</summary>
    internal static (string? Person, string? Layer) Who(OnCallSchedule schedule, IReadOnlyList<List<Instant>> handoffsByLayer, Instant instant)
    {
        foreach (var replacement in schedule.Overrides.Reverse())
        {
            if (replacement.Interval.Start <= instant && instant < replacement.Interval.End)
            {
                return (replacement.Person, null);
            }
        }

        for (int i = schedule.Layers.Count - 1; i >= 0; i--)
        {
            var layer = schedule.Layers[i];
            var local = instant.InZone(layer.Rotation.Zone).LocalDateTime;
            bool covered = layer.Restrictions.Count == 0 || layer.Restrictions.Any(r =>
                (r.Day is null || r.Day == local.DayOfWeek) && local.TimeOfDay >= r.From && (r.To == LocalTime.Midnight || local.TimeOfDay < r.To));
            long index = covered ? Index(handoffsByLayer[i], instant) : -1;
            if (index >= 0)
            {
                var people = layer.Rotation.Participants;
                return (people[(int)(index % people.Count)], layer.Name);
            }
        }

        return (null, null);
    }
}
