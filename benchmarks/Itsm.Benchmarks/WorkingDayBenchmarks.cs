using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// <c>AddWorkingDays</c>, <c>WorkingDaysBetween</c> and <c>PreviousWorkingInstant</c> on the small
/// London calendar, beside the naive way of answering them: walking local date after local date
/// over <see cref="BusinessCalendar.GetWorkingIntervals(LocalDate)"/>, the baseline of each category.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class WorkingDayBenchmarks
{
    private BusinessCalendar _calendar = null!;
    private Instant _start;
    private Instant _end;
    private Instant _afterHoliday;

    /// <summary>The working days added or counted: 1, 20 (a month) and 250 (a year).</summary>
    [Params(1, 20, 250)]
    public int Days { get; set; }

    /// <summary>Builds the calendar, fixes the inputs and checks that the walker and the engine agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _calendar = BenchmarkCalendars.SmallLondon();
        _start = BenchmarkCalendars.Start;
        _end = _calendar.AddWorkingDays(_start, Days);

        // Tuesday after Easter, 08:00: the previous working instant is the Thursday before Good Friday, 17:00.
        _afterHoliday = new LocalDateTime(2026, 4, 7, 8, 0).InZoneStrictly(BenchmarkCalendars.London).ToInstant();
        foreach (var start in BenchmarkCalendars.CheckedStarts)
        {
            foreach (int days in new[] { 1, 20, 250, -1, -20 })
            {
                Check(WalkAddWorkingDays(_calendar, start, days), _calendar.AddWorkingDays(start, days), "AddWorkingDays", start);
                var end = _calendar.AddWorkingDays(start, days);
                Check(WalkWorkingDaysBetween(_calendar, start, end), _calendar.WorkingDaysBetween(start, end), "WorkingDaysBetween", start);
            }

            Check(WalkPreviousWorkingInstant(_calendar, start), _calendar.PreviousWorkingInstant(start), "PreviousWorkingInstant", start);
        }
    }

    /// <summary>The day walker's <c>AddWorkingDays</c>: the baseline.</summary>
    /// <returns>The instant on the target day.</returns>
    [BenchmarkCategory("AddWorkingDays")]
    [Benchmark(Baseline = true)]
    public Instant DayWalker_AddWorkingDays() => WalkAddWorkingDays(_calendar, _start, Days);

    /// <summary>The engine's <c>AddWorkingDays</c>.</summary>
    /// <returns>The instant on the target day.</returns>
    [BenchmarkCategory("AddWorkingDays")]
    [Benchmark]
    public Instant Engine_AddWorkingDays() => _calendar.AddWorkingDays(_start, Days);

    /// <summary>The day walker's <c>WorkingDaysBetween</c>: the baseline.</summary>
    /// <returns>The number of working days.</returns>
    [BenchmarkCategory("WorkingDaysBetween")]
    [Benchmark(Baseline = true)]
    public int DayWalker_WorkingDaysBetween() => WalkWorkingDaysBetween(_calendar, _start, _end);

    /// <summary>The engine's <c>WorkingDaysBetween</c>.</summary>
    /// <returns>The number of working days.</returns>
    [BenchmarkCategory("WorkingDaysBetween")]
    [Benchmark]
    public int Engine_WorkingDaysBetween() => _calendar.WorkingDaysBetween(_start, _end);

    /// <summary>The day walker's <c>PreviousWorkingInstant</c> from after the Easter weekend: the baseline (the same at every <see cref="Days"/>).</summary>
    /// <returns>The end of the last working period.</returns>
    [BenchmarkCategory("PreviousWorkingInstant")]
    [Benchmark(Baseline = true)]
    public Instant DayWalker_PreviousWorkingInstant() => WalkPreviousWorkingInstant(_calendar, _afterHoliday);

    /// <summary>The engine's <c>PreviousWorkingInstant</c> from after the Easter weekend.</summary>
    /// <returns>The end of the last working period.</returns>
    [BenchmarkCategory("PreviousWorkingInstant")]
    [Benchmark]
    public Instant Engine_PreviousWorkingInstant() => _calendar.PreviousWorkingInstant(_afterHoliday);

    // The naive AddWorkingDays: step date by date to the target working day, then place the time of day.
    private static Instant WalkAddWorkingDays(BusinessCalendar calendar, Instant start, int days)
    {
        var local = start.InZone(calendar.Zone).LocalDateTime;
        var date = local.Date;
        for (int left = Math.Abs(days); left > 0;)
        {
            date = date.PlusDays(Math.Sign(days));
            left -= calendar.GetWorkingIntervals(date).Count > 0 ? 1 : 0;
        }

        var intervals = calendar.GetWorkingIntervals(date);
        var mapping = calendar.Zone.MapLocal(date.At(local.TimeOfDay));
        var x = mapping.Count == 0 ? mapping.LateInterval.Start : mapping.First().ToInstant();
        foreach (var interval in intervals)
        {
            if (x < interval.End)
            {
                return x < interval.Start ? interval.Start : x;
            }
        }

        return intervals[^1].End;
    }

    private static int WalkWorkingDaysBetween(BusinessCalendar calendar, Instant start, Instant end)
    {
        var from = start.InZone(calendar.Zone).Date;
        var to = end.InZone(calendar.Zone).Date;
        int sign = to >= from ? 1 : -1;
        if (sign < 0)
        {
            (from, to) = (to, from);
        }

        int count = 0;
        for (var date = from.PlusDays(1); date <= to; date = date.PlusDays(1))
        {
            count += calendar.GetWorkingIntervals(date).Count > 0 ? 1 : 0;
        }

        return sign * count;
    }

    // The naive PreviousWorkingInstant: the last working interval end at or before the instant, date by date backwards.
    private static Instant WalkPreviousWorkingInstant(BusinessCalendar calendar, Instant instant)
    {
        for (var date = instant.InZone(calendar.Zone).Date.PlusDays(1); ; date = date.PlusDays(-1))
        {
            var intervals = calendar.GetWorkingIntervals(date);
            for (int i = intervals.Count - 1; i >= 0; i--)
            {
                if (intervals[i].Start < instant)
                {
                    return intervals[i].End < instant ? intervals[i].End : instant;
                }
            }
        }
    }

    private static void Check<T>(T walker, T engine, string query, Instant start)
    {
        if (!Equals(walker, engine))
        {
            throw new InvalidOperationException($"{query} from {start}: the day walker says {walker}, the engine {engine}.");
        }
    }
}
