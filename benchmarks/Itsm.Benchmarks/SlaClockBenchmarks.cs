using System;
using System.Collections.Generic;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// <see cref="SlaClock.Evaluate"/> of one clock with 2, 10 and 20 timeline events on the small London
/// calendar (Monday-Friday 09:00-17:00, ten holidays a year), beside the minute-by-minute walker,
/// which is the baseline. The clock is running and not yet breached at the instant evaluated, so the
/// breach forecast and the next threshold are computed too.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SlaClockBenchmarks
{
    private BusinessCalendar _calendar = null!;
    private MinuteWalkingSlaClock _walker = null!;
    private SlaTarget _definition = null!;
    private SlaTimeline _timeline = null!;
    private Instant _now;

    /// <summary>
    /// Where every timeline starts: Monday 2026-03-23 10:00 in London. Its two weeks cross the
    /// spring-forward of 2026-03-29, Good Friday (2026-04-03) and Easter Monday (2026-04-06).
    /// </summary>
    public static Instant TimelineStart { get; } = new LocalDateTime(2026, 3, 23, 10, 0).InZoneStrictly(BenchmarkCalendars.London).ToInstant();

    /// <summary>
    /// The instant every timeline is evaluated at: Thursday 2026-04-09 11:00 in London, three days
    /// after the last event, in working time.
    /// </summary>
    public static Instant EvaluatedAt { get; } = new LocalDateTime(2026, 4, 9, 11, 0).InZoneStrictly(BenchmarkCalendars.London).ToInstant();

    /// <summary>The target the clock starts with: 80 business hours (ten working days).</summary>
    public static Duration StartTarget { get; } = Duration.FromHours(80);

    /// <summary>The target after the last event, a priority change that keeps the elapsed time: 120 business hours.</summary>
    public static Duration RetargetTarget { get; } = Duration.FromHours(120);

    /// <summary>The number of timeline events: 2 (started, retargeted), 10 and 20 (with 4 and 9 pause/resume pairs between).</summary>
    [Params(2, 10, 20)]
    public int Events { get; set; }

    /// <summary>
    /// A resolution target with the default warning thresholds (50% and 75%), paused while the
    /// ticket awaits the caller. <see cref="SlaClock.Evaluate"/> reads only its thresholds; the
    /// targets come from the timeline.
    /// </summary>
    /// <returns>The definition.</returns>
    public static SlaTarget Definition() => new()
    {
        Metric = SlaMetric.Resolution,
        Durations = new Dictionary<Priority, Duration>
        {
            [Priority.High] = StartTarget,
            [Priority.Moderate] = RetargetTarget,
        },
        Conditions = new SlaConditions
        {
            Start = SlaCondition.StateIn("New", "InProgress", "OnHold"),
            Stop = SlaCondition.StateIn("Resolved", "Closed"),
            Pause = SlaCondition.OnHoldReasonIn("AwaitingCaller"),
        },
    };

    /// <summary>
    /// A timeline of <paramref name="events"/> events spread evenly, on whole minutes, over the two
    /// weeks from <see cref="TimelineStart"/>: <c>Started</c> (80 h), then pause/resume pairs, then
    /// <c>Retargeted</c> (120 h). Event times fall in and out of working hours, on weekends and holidays.
    /// </summary>
    /// <param name="events">An even number, at least 2.</param>
    /// <returns>The timeline; the clock runs after its last event.</returns>
    public static SlaTimeline Timeline(int events)
    {
        if (events < 2 || events % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(events), events, "The benchmark timelines have an even number of events, at least 2.");
        }

        long stepMinutes = Duration.FromDays(14).ToInt64Nanoseconds() / NodaConstants.NanosecondsPerMinute / (events - 1);
        Instant At(int i) => TimelineStart + Duration.FromMinutes(i * stepMinutes);

        var list = new List<SlaEvent>(events) { SlaEvent.Started(At(0), StartTarget) };
        for (int i = 1; i < events - 1; i += 2)
        {
            list.Add(SlaEvent.Paused(At(i)));
            list.Add(SlaEvent.Resumed(At(i + 1)));
        }

        list.Add(SlaEvent.Retargeted(At(events - 1), RetargetTarget));
        return SlaTimeline.Create(list);
    }

    /// <summary>
    /// Builds the calendar, the definition and the timeline, checks that the clock is running and
    /// not breached at the instant evaluated, and that the walker and the clock agree.
    /// </summary>
    /// <exception cref="InvalidOperationException">The inputs are not as described, or the walker and the clock disagree.</exception>
    [GlobalSetup]
    public void Setup()
    {
        _calendar = BenchmarkCalendars.SmallLondon();
        _walker = new MinuteWalkingSlaClock(_calendar);
        _definition = Definition();
        _timeline = Timeline(Events);
        _now = EvaluatedAt;

        var status = SlaClock.Evaluate(_definition, _calendar, _timeline, _now);
        if (status.Stage != SlaStage.InProgress || status.BreachInstant is not Instant breach || breach <= _now
            || status.NextThresholdInstant is null || _timeline.Last is not SlaEvent last || _now - last.At < Duration.FromDays(2))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"With {Events} events the clock should be running, not breached, with a breach forecast and a next threshold, days after the last event; at {_now} it is {status}."));
        }

        // The benchmark's instant, every event's instant, the breach itself and a week after it.
        CheckWalkerAgrees(_now);
        foreach (var e in _timeline)
        {
            CheckWalkerAgrees(e.At);
        }

        CheckWalkerAgrees(breach);
        CheckWalkerAgrees(breach + Duration.FromDays(7));
    }

    /// <summary>The minute walker: the baseline.</summary>
    /// <returns>The business elapsed time and the breach forecast.</returns>
    [Benchmark(Baseline = true)]
    public MinuteWalkStatus MinuteWalker_Evaluate() => _walker.Evaluate(_timeline, _now);

    /// <summary><see cref="SlaClock.Evaluate"/> (target: under 2 µs and 0 B for up to 20 events).</summary>
    /// <returns>The status, with the breach forecast and the next threshold.</returns>
    [Benchmark]
    public SlaStatus SlaClock_Evaluate() => SlaClock.Evaluate(_definition, _calendar, _timeline, _now);

    private void CheckWalkerAgrees(Instant now)
    {
        var clock = SlaClock.Evaluate(_definition, _calendar, _timeline, now);
        var walked = _walker.Evaluate(_timeline, now);
        if (walked.BusinessElapsed != clock.BusinessElapsed || walked.BreachInstant != clock.BreachInstant)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The minute walker disagrees with SlaClock.Evaluate on {Events} events at {now}: elapsed {clock.BusinessElapsed} and breach {clock.BreachInstant} by the clock, {walked.BusinessElapsed} and {walked.BreachInstant} by the walker."));
        }
    }
}
