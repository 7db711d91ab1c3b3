using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// <c>Add</c> and <c>Between</c> on the small London calendar (Monday-Friday 09:00-17:00, ten
/// holidays a year) for one day, one month and one year of working time: the engine beside the
/// day-by-day walker, which is the baseline of each category.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class BusinessCalendarBenchmarks
{
    private BusinessCalendar _calendar = null!;
    private DayWalkingCalendar _walker = null!;
    private Instant _start;
    private Instant _end;
    private Duration _span;

    /// <summary>The working time added or measured, in hours: 8 (a day), 168 (a month), 2,000 (a year).</summary>
    [Params(8, 168, 2000)]
    public int SpanHours { get; set; }

    /// <summary>Builds the calendar, fixes the inputs and checks that the walker and the engine agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _calendar = BenchmarkCalendars.SmallLondon();
        _walker = new DayWalkingCalendar(_calendar);
        _start = BenchmarkCalendars.Start;
        _span = Duration.FromHours(SpanHours);
        _end = _calendar.Add(_start, _span);
        BenchmarkCalendars.CheckWalkerAgrees("small London", _calendar, BenchmarkCalendars.CheckedStarts);
    }

    /// <summary>The day walker's <c>Add</c>: the baseline.</summary>
    /// <returns>The end of the work.</returns>
    [BenchmarkCategory("Add")]
    [Benchmark(Baseline = true)]
    public Instant DayWalker_Add() => _walker.Add(_start, _span);

    /// <summary>The engine's <c>Add</c>.</summary>
    /// <returns>The end of the work.</returns>
    [BenchmarkCategory("Add")]
    [Benchmark]
    public Instant Engine_Add() => _calendar.Add(_start, _span);

    /// <summary>The day walker's <c>Between</c>: the baseline.</summary>
    /// <returns>The working time.</returns>
    [BenchmarkCategory("Between")]
    [Benchmark(Baseline = true)]
    public Duration DayWalker_Between() => _walker.Between(_start, _end);

    /// <summary>The engine's <c>Between</c>.</summary>
    /// <returns>The working time.</returns>
    [BenchmarkCategory("Between")]
    [Benchmark]
    public Duration Engine_Between() => _calendar.Between(_start, _end);
}
