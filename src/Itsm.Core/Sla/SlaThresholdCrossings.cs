using System.Collections.Generic;
using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// Every threshold crossing of one SLA clock: the instants its business elapsed time reached each
/// threshold (warnings, the target, escalation steps), past ones and, while it runs, the forecast ones.
/// </summary>
/// <remarks>
/// <para>The fold follows <see cref="SlaClockState"/>: a running segment crosses threshold amount
/// <c>a</c> when the elapsed time goes from below <c>a</c> to at least <c>a</c>, at
/// <c>calendar.Add(segmentStart, a - elapsed)</c>; a retarget that lowers the amounts below the
/// elapsed time crosses them at the retarget instant (as a breach is placed there); a reset or a
/// retarget that raises them above the elapsed time lets them be crossed again later.</para>
/// <para>Crossings before the clock's last event never change when events are appended (events come
/// in time order), so what is due up to an instant is stable: the exactly-once argument rests on it.</para>
/// </remarks>
internal static class SlaThresholdCrossings
{
    internal static void Collect(TrackedClock clock, BusinessCalendar calendar, List<SlaThresholdReached> into)
    {
        var percents = clock.Target.CrossingPercents;
        var agreement = clock.Agreement.Id;
        var metric = clock.Target.Metric;
        var state = SlaClockState.Initial;
        foreach (ref readonly var e in clock.Timeline.Events)
        {
            OnEvent(state, e, calendar, percents, agreement, metric, into);
            state = state.ApplyUnchecked(e, calendar);
        }

        Forecast(state, calendar, percents, agreement, metric, into);
    }

    /// <summary>The crossings <paramref name="e"/> completes when applied to <paramref name="state"/>: those in the segment it ends, and those a lowering retarget crosses at once.</summary>
    internal static void OnEvent(in SlaClockState state, in SlaEvent e, BusinessCalendar calendar, double[] percents, string agreement, SlaMetric metric, List<SlaThresholdReached> into)
    {
        var elapsed = state.Elapsed;
        var target = state.Target;
        if (state.Phase == ClockPhase.Running)
        {
            var lastAt = state.LastEventAt;
            var segment = calendar.Between(lastAt, e.At);
            foreach (var p in percents)
            {
                var amount = SlaClockState.ThresholdAmount(target, p);
                if (elapsed < amount && elapsed + segment >= amount)
                {
                    into.Add(new SlaThresholdReached(agreement, metric, p, SlaThresholdReached.KindOf(p), calendar.Add(lastAt, amount - elapsed)));
                }
            }

            elapsed += segment;
        }

        if (e.Kind == SlaEventKind.Retargeted)
        {
            foreach (var p in percents)
            {
                if (elapsed < SlaClockState.ThresholdAmount(target, p) && elapsed >= SlaClockState.ThresholdAmount(e.Target, p))
                {
                    into.Add(new SlaThresholdReached(agreement, metric, p, SlaThresholdReached.KindOf(p), e.At));
                }
            }
        }
    }

    /// <summary>While the clock runs: the crossings still ahead of its elapsed time, where they fall if it keeps running.</summary>
    internal static void Forecast(in SlaClockState state, BusinessCalendar calendar, double[] percents, string agreement, SlaMetric metric, List<SlaThresholdReached> into)
    {
        if (state.Phase != ClockPhase.Running)
        {
            return;
        }

        foreach (var p in percents)
        {
            var amount = SlaClockState.ThresholdAmount(state.Target, p);
            if (state.Elapsed < amount)
            {
                into.Add(new SlaThresholdReached(agreement, metric, p, SlaThresholdReached.KindOf(p), calendar.Add(state.LastEventAt, amount - state.Elapsed)));
            }
        }
    }

    internal static double[] Percents(IReadOnlyList<double> sorted)
    {
        var percents = new List<double>(sorted.Count + 1);
        bool hasTarget = false;
        foreach (var p in sorted)
        {
            if (p > 0 && double.IsFinite(p))
            {
                percents.Add(p);
                hasTarget |= p == 100.0;
            }
        }

        if (!hasTarget)
        {
            percents.Add(100.0);
        }

        return percents.ToArray();
    }
}
