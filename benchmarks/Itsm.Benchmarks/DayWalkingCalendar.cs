using System;
using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// The naive baseline: answers <see cref="BusinessCalendar.Add"/> and <see cref="BusinessCalendar.Between"/>
/// by walking local date after local date, taking each day's working intervals as instants
/// (<see cref="BusinessCalendar.GetWorkingIntervals(LocalDate)"/>) and consuming or summing them.
/// Its cost grows with the number of days spanned, and it allocates for every day it visits.
/// </summary>
/// <remarks>
/// It is what a straightforward implementation looks like, and it agrees with the engine on the
/// benchmark inputs (the benchmarks check that in their setup). It is not the engine's reference
/// in the tests: those compare against a brute-force calculator of their own.
/// </remarks>
public sealed class DayWalkingCalendar
{
    // Gives up like the engine does: a walk that finds no working time for ten years stops.
    private const int HorizonDays = 3653;

    private readonly BusinessCalendar _calendar;

    /// <summary>Creates a walker over the days of <paramref name="calendar"/>.</summary>
    /// <param name="calendar">The calendar whose working intervals are walked.</param>
    public DayWalkingCalendar(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        _calendar = calendar;
    }

    /// <summary>The earliest instant t &gt;= <paramref name="start"/> with <c>Between(start, t) == workingTime</c>.</summary>
    /// <param name="start">Where the work starts.</param>
    /// <param name="workingTime">The working time to add; zero or positive.</param>
    /// <returns>Where the work ends.</returns>
    public Instant Add(Instant start, Duration workingTime)
    {
        if (workingTime < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(workingTime), workingTime, "The day walker only adds forward.");
        }

        if (workingTime == Duration.Zero)
        {
            return start;
        }

        var remaining = workingTime;

        // One day early: in a zone whose clocks go back across midnight, an earlier local date can
        // hold instants after the start. The intervals before the start are skipped below.
        var date = LocalDateOf(start).PlusDays(-1);
        int daysWithoutWork = 0;
        while (true)
        {
            bool worked = false;
            foreach (var interval in _calendar.GetWorkingIntervals(date))
            {
                if (interval.End <= start)
                {
                    continue;
                }

                var from = interval.Start > start ? interval.Start : start;
                var available = interval.End - from;
                if (available >= remaining)
                {
                    return from + remaining;
                }

                remaining -= available;
                worked = true;
            }

            daysWithoutWork = worked ? 0 : daysWithoutWork + 1;
            if (daysWithoutWork > HorizonDays)
            {
                throw new InvalidOperationException($"No working time within {HorizonDays} days after {date}.");
            }

            date = date.PlusDays(1);
        }
    }

    /// <summary>The working time in <c>[start, end)</c>; negative when <paramref name="end"/> is before <paramref name="start"/>.</summary>
    /// <param name="start">The first instant.</param>
    /// <param name="end">The second instant.</param>
    /// <returns>The sum of the overlaps of every day's working intervals with <c>[start, end)</c>.</returns>
    public Duration Between(Instant start, Instant end)
    {
        if (end < start)
        {
            return -Between(end, start);
        }

        var total = Duration.Zero;
        var last = LocalDateOf(end).PlusDays(1);
        for (var date = LocalDateOf(start).PlusDays(-1); date <= last; date = date.PlusDays(1))
        {
            foreach (var interval in _calendar.GetWorkingIntervals(date))
            {
                var from = interval.Start > start ? interval.Start : start;
                var to = interval.End < end ? interval.End : end;
                if (to > from)
                {
                    total += to - from;
                }
            }
        }

        return total;
    }

    private LocalDate LocalDateOf(Instant instant) => instant.InZone(_calendar.Zone).Date;
}
