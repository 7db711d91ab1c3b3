using BenchmarkDotNet.Attributes;
using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// The cost of building a calendar (builder plus <c>Build()</c>, which validates the definition and
/// precomputes 1900-2200). The plain Monday-Friday calendar is the baseline.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class BuildBenchmarks
{
    private static readonly LocalTime Nine = new(9, 0);
    private static readonly LocalTime Five = new(17, 0);
    private LocalDate[] _thousandHolidays = null!;

    /// <summary>Prepares the 1,000 holiday dates outside the timed code.</summary>
    [GlobalSetup]
    public void Setup() => _thousandHolidays = BenchmarkCalendars.ThousandHolidaysOverACentury();

    /// <summary>Monday-Friday 09:00-17:00 in Europe/London, nothing else: the baseline.</summary>
    /// <returns>The calendar.</returns>
    [Benchmark(Baseline = true)]
    public BusinessCalendar Build_MondayToFriday() => BusinessCalendar.CreateBuilder(BenchmarkCalendars.London)
        .AddWeekdayHours(Nine, Five)
        .Build();

    /// <summary>Monday-Friday 09:00-17:00 with 1,000 explicit holidays over 2000-2099 (target: under 1 ms).</summary>
    /// <returns>The calendar.</returns>
    [Benchmark]
    public BusinessCalendar Build_100Years_1000Holidays() => BusinessCalendar.CreateBuilder(BenchmarkCalendars.London)
        .AddWeekdayHours(Nine, Five)
        .AddHolidays(_thousandHolidays)
        .Build();

    /// <summary>The small benchmark calendar: ten recurring holiday rules, expanded over 1900-2200.</summary>
    /// <returns>The calendar.</returns>
    [Benchmark]
    public BusinessCalendar Build_TenRecurringHolidays() => BenchmarkCalendars.SmallLondonBuilder().Build();
}
