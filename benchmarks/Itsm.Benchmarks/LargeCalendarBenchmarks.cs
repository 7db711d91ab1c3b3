using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// The engine's <c>Add</c> and <c>Between</c> on calendars with 10,000 extra holiday days or
/// 10,000 extra closure days (1990-2100), beside the same query on the small calendar, which is
/// the baseline: the Ratio column is the slowdown a large calendar costs (target: at most 1.5).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class LargeCalendarBenchmarks
{
    private BusinessCalendar _small = null!;
    private BusinessCalendar _holidays = null!;
    private BusinessCalendar _closures = null!;
    private Instant _start;
    private Duration _span;
    private Instant _smallEnd;
    private Instant _holidaysEnd;
    private Instant _closuresEnd;

    /// <summary>The working time added or measured, in hours: 8 (a day), 168 (a month), 2,000 (a year).</summary>
    [Params(8, 168, 2000)]
    public int SpanHours { get; set; }

    /// <summary>Builds the three calendars, fixes the inputs and checks the large ones against the day walker.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _small = BenchmarkCalendars.SmallLondon();
        _holidays = BenchmarkCalendars.WithTenThousandHolidays();
        _closures = BenchmarkCalendars.WithTenThousandClosures();
        _start = BenchmarkCalendars.Start;
        _span = Duration.FromHours(SpanHours);
        _smallEnd = _small.Add(_start, _span);
        _holidaysEnd = _holidays.Add(_start, _span);
        _closuresEnd = _closures.Add(_start, _span);
        BenchmarkCalendars.CheckWalkerAgrees("10,000 holidays", _holidays, BenchmarkCalendars.CheckedStarts);
        BenchmarkCalendars.CheckWalkerAgrees("10,000 closures", _closures, BenchmarkCalendars.CheckedStarts);
    }

    /// <summary><c>Add</c> on the small calendar: the baseline.</summary>
    /// <returns>The end of the work.</returns>
    [BenchmarkCategory("Add")]
    [Benchmark(Baseline = true)]
    public Instant Small_Add() => _small.Add(_start, _span);

    /// <summary><c>Add</c> with 10,000 extra holiday days.</summary>
    /// <returns>The end of the work.</returns>
    [BenchmarkCategory("Add")]
    [Benchmark]
    public Instant TenThousandHolidays_Add() => _holidays.Add(_start, _span);

    /// <summary><c>Add</c> with 10,000 extra closure days.</summary>
    /// <returns>The end of the work.</returns>
    [BenchmarkCategory("Add")]
    [Benchmark]
    public Instant TenThousandClosures_Add() => _closures.Add(_start, _span);

    /// <summary><c>Between</c> on the small calendar: the baseline.</summary>
    /// <returns>The working time.</returns>
    [BenchmarkCategory("Between")]
    [Benchmark(Baseline = true)]
    public Duration Small_Between() => _small.Between(_start, _smallEnd);

    /// <summary><c>Between</c> with 10,000 extra holiday days.</summary>
    /// <returns>The working time.</returns>
    [BenchmarkCategory("Between")]
    [Benchmark]
    public Duration TenThousandHolidays_Between() => _holidays.Between(_start, _holidaysEnd);

    /// <summary><c>Between</c> with 10,000 extra closure days.</summary>
    /// <returns>The working time.</returns>
    [BenchmarkCategory("Between")]
    [Benchmark]
    public Duration TenThousandClosures_Between() => _closures.Between(_start, _closuresEnd);
}
