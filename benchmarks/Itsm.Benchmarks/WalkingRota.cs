using System.Collections.Generic;
using Itsm.Routing;
using NodaTime;
using NodaTime.TimeZones;

namespace Itsm.Benchmarks;

/// <summary>
/// The naive on-call query, the baseline of <see cref="OnCallBenchmarks"/>: each layer's turn found by walking its
/// rotation one handoff at a time from the first, mapping each handoff's wall time with NodaTime's resolvers.
/// Restrictions and overrides are checked the same way as the schedule does, so the walk is all that differs.
/// </summary>
internal static class WalkingRota
{
    private static readonly ZoneLocalMappingResolver HandoffResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    internal static string? OnCallAt(OnCallSchedule schedule, Instant instant)
    {
        IReadOnlyList<RotaOverride> overrides = schedule.Overrides;
        for (int i = overrides.Count - 1; i >= 0; i--)
        {
            if (overrides[i].Interval.Contains(instant))
            {
                return overrides[i].Person;
            }
        }

        for (int i = schedule.Layers.Count - 1; i >= 0; i--)
        {
            var layer = schedule.Layers[i];
            if (!layer.Covers(instant))
            {
                continue;
            }

            var rotation = layer.Rotation;
            long index = -1;
            var local = rotation.FirstHandoff;
            while (rotation.Zone.ResolveLocal(local, HandoffResolver).ToInstant() <= instant)
            {
                index++;
                local = local.Plus(rotation.HandoffEvery);
            }

            if (index >= 0)
            {
                return rotation.Participants[(int)(index % rotation.Participants.Count)];
            }
        }

        return null;
    }
}
