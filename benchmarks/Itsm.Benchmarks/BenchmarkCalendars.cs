using System;
using System.Collections.Generic;
using System.Globalization;
using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>The calendars, instants and spans the benchmarks share. Everything is fixed: nothing reads the clock.</summary>
public static class BenchmarkCalendars
{
    /// <summary>The benchmarks' time zone.</summary>
    public static DateTimeZone London { get; } = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>
    /// Where every timed query starts: Tuesday 2026-03-10 14:30 in London, in working time. The
    /// 168-hour span crosses the spring-forward of 2026-03-29 and Good Friday; the 2,000-hour
    /// span crosses a year of holidays and both 2026 transitions.
    /// </summary>
    public static Instant Start { get; } = new LocalDateTime(2026, 3, 10, 14, 30).InZoneStrictly(London).ToInstant();

    /// <summary>
    /// Further starts the setups check the day walker against the engine on: in and out of working
    /// hours, on weekends, holidays and transition days.
    /// </summary>
    public static IReadOnlyList<Instant> CheckedStarts { get; } =
    [
        Start,
        At(2026, 3, 10, 9, 0),    // start of a working day
        At(2026, 3, 13, 17, 0),   // Friday, end of work
        At(2026, 3, 14, 11, 0),   // Saturday
        At(2026, 3, 29, 1, 30),   // spring-forward day (01:00-02:00 is skipped)
        At(2026, 4, 3, 10, 0),    // Good Friday
        At(2026, 10, 25, 1, 30),  // fall-back day (01:00-02:00 occurs twice)
        At(2026, 12, 23, 16, 59),
        At(2027, 6, 30, 23, 45),
    ];

    /// <summary>The spans of working time, in hours: one day, one month and one year of a Monday-Friday 8-hour week.</summary>
    public static IReadOnlyList<int> SpanHours { get; } = [8, 168, 2000];

    /// <summary>
    /// Monday-Friday 09:00-17:00 in Europe/London with ten holidays a year: the England and Wales
    /// bank holidays plus Christmas Eve and New Year's Eve, as recurring rules that move weekend
    /// dates to the next free weekday.
    /// </summary>
    /// <returns>A new builder holding that definition, so that variants can add to it.</returns>
    public static BusinessCalendarBuilder SmallLondonBuilder() => BusinessCalendar.CreateBuilder(London)
        .AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0))
        .AddRecurringHoliday(HolidayRule.FixedDate(1, 1).WithName("New Year's Day").WithObservance(HolidayObservance.NextWeekday))
        .AddRecurringHoliday(HolidayRule.EasterRelative(-2).WithName("Good Friday"))
        .AddRecurringHoliday(HolidayRule.EasterRelative(1).WithName("Easter Monday"))
        .AddRecurringHoliday(HolidayRule.NthWeekdayOfMonth(5, IsoDayOfWeek.Monday, 1).WithName("Early May bank holiday"))
        .AddRecurringHoliday(HolidayRule.LastWeekdayOfMonth(5, IsoDayOfWeek.Monday).WithName("Spring bank holiday"))
        .AddRecurringHoliday(HolidayRule.LastWeekdayOfMonth(8, IsoDayOfWeek.Monday).WithName("Summer bank holiday"))
        .AddRecurringHoliday(HolidayRule.FixedDate(12, 24).WithName("Christmas Eve").WithObservance(HolidayObservance.NextWeekday))
        .AddRecurringHoliday(HolidayRule.FixedDate(12, 25).WithName("Christmas Day").WithObservance(HolidayObservance.NextWeekday))
        .AddRecurringHoliday(HolidayRule.FixedDate(12, 26).WithName("Boxing Day").WithObservance(HolidayObservance.NextWeekday))
        .AddRecurringHoliday(HolidayRule.FixedDate(12, 31).WithName("New Year's Eve").WithObservance(HolidayObservance.NextWeekday));

    /// <summary>The small calendar: <see cref="SmallLondonBuilder"/>, built.</summary>
    /// <returns>The calendar.</returns>
    public static BusinessCalendar SmallLondon() => SmallLondonBuilder().Build();

    /// <summary>
    /// 10,000 working weekdays of the small calendar (not already holidays), spread evenly over
    /// 1990-2100. As holidays or as closures each of them breaks the weekly pattern, so each one
    /// is an extra "override day" for the engine to search.
    /// </summary>
    /// <returns>The dates, ascending.</returns>
    public static IReadOnlyList<LocalDate> TenThousandWorkingWeekdays()
    {
        var small = SmallLondon();
        var weekdays = new List<LocalDate>();
        for (var date = new LocalDate(1990, 1, 1); date <= new LocalDate(2100, 12, 31); date = date.PlusDays(1))
        {
            if (date.DayOfWeek < IsoDayOfWeek.Saturday && !small.IsHoliday(date))
            {
                weekdays.Add(date);
            }
        }

        const int Count = 10_000;
        var chosen = new LocalDate[Count];
        for (int i = 0; i < Count; i++)
        {
            chosen[i] = weekdays[(int)((long)i * weekdays.Count / Count)];
        }

        return chosen;
    }

    /// <summary>The small calendar plus 10,000 holiday days (<see cref="TenThousandWorkingWeekdays"/>).</summary>
    /// <returns>The calendar.</returns>
    public static BusinessCalendar WithTenThousandHolidays() => SmallLondonBuilder()
        .AddHolidays(TenThousandWorkingWeekdays())
        .Build();

    /// <summary>The small calendar plus 10,000 days closed from 12:00 to 13:00 (<see cref="TenThousandWorkingWeekdays"/>).</summary>
    /// <returns>The calendar.</returns>
    public static BusinessCalendar WithTenThousandClosures()
    {
        var builder = SmallLondonBuilder();
        var lunch = new TimeOfDayRange(new LocalTime(12, 0), new LocalTime(13, 0));
        foreach (var date in TenThousandWorkingWeekdays())
        {
            builder.AddClosure(date, lunch);
        }

        return builder.Build();
    }

    /// <summary>1,000 holiday dates spread evenly over 2000-2099 (one every 36 or 37 days).</summary>
    /// <returns>The dates, ascending.</returns>
    public static LocalDate[] ThousandHolidaysOverACentury()
    {
        var first = new LocalDate(2000, 1, 1);
        int days = Period.DaysBetween(first, new LocalDate(2100, 1, 1));
        var dates = new LocalDate[1000];
        for (int i = 0; i < dates.Length; i++)
        {
            dates[i] = first.PlusDays(i * days / dates.Length);
        }

        return dates;
    }

    /// <summary>
    /// Throws unless the day walker and the engine give the same answers for <c>Add</c> and
    /// <c>Between</c> from every start in <paramref name="starts"/> over every span in <see cref="SpanHours"/>.
    /// </summary>
    /// <param name="name">The calendar's name, for the message.</param>
    /// <param name="calendar">The engine.</param>
    /// <param name="starts">The starts to check.</param>
    /// <exception cref="InvalidOperationException">The two disagree.</exception>
    public static void CheckWalkerAgrees(string name, BusinessCalendar calendar, IEnumerable<Instant> starts)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(starts);
        var walker = new DayWalkingCalendar(calendar);
        foreach (var start in starts)
        {
            foreach (int hours in SpanHours)
            {
                var span = Duration.FromHours(hours);
                var end = calendar.Add(start, span);
                var walked = walker.Add(start, span);
                if (walked != end)
                {
                    throw Disagree(name, $"Add({start}, {hours} h)", end, walked);
                }

                var between = calendar.Between(start, end);
                var walkedBetween = walker.Between(start, end);
                if (between != span || walkedBetween != span)
                {
                    throw Disagree(name, $"Between({start}, {end})", between, walkedBetween);
                }

                // An end that is not a result of Add: a quarter of the way into the span's wall time.
                var inside = start + ((end - start) / 4);
                if (calendar.Between(inside, start) != walker.Between(inside, start))
                {
                    throw Disagree(name, $"Between({inside}, {start})", calendar.Between(inside, start), walker.Between(inside, start));
                }
            }
        }
    }

    private static InvalidOperationException Disagree(string name, string query, object engine, object walker) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The day walker disagrees with the engine on the {name} calendar: {query} is {engine} by the engine and {walker} by the walker."));

    private static Instant At(int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneLeniently(London).ToInstant();
}
