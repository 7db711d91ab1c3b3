using System.Collections.Generic;
using NodaTime;

namespace Itsm.BusinessTime;

/// <summary>
/// Builds an immutable <see cref="BusinessCalendar"/> fluently. Obtain one from
/// <see cref="BusinessCalendar.CreateBuilder(DateTimeZone)"/>.
/// </summary>
/// <remarks>
/// Each method checks its own arguments; the definition as a whole (overlapping or empty working
/// hours, a week without working time, empty closures or openings, an opening that overlaps a
/// closure of its date) is validated by <see cref="Build"/>, which
/// reports every problem at once. A builder is not thread-safe; the calendars it builds are.
/// </remarks>
/// <example>
/// <code>
/// var calendar = BusinessCalendar.CreateBuilder(DateTimeZoneProviders.Tzdb["Europe/London"])
///     .AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0))
///     .AddHoliday(new LocalDate(2026, 12, 25))
///     .AddRecurringHoliday(HolidayRule.FixedDate(12, 26).WithObservance(HolidayObservance.NextWeekday))
///     .AddClosure(new LocalDate(2026, 12, 24), TimeOfDayRange.UntilEndOfDay(new LocalTime(13, 0)))
///     .Build();
/// </code>
/// </example>
public sealed class BusinessCalendarBuilder
{
    private readonly List<TimeOfDayRange>[] _week = [[], [], [], [], [], [], []];
    private readonly List<LocalDate> _holidays = [];
    private readonly List<HolidayRule> _rules = [];
    private readonly List<Closure> _closures = [];
    private readonly List<Opening> _openings = [];

    internal BusinessCalendarBuilder(DateTimeZone zone)
    {
        Zone = Preconditions.CheckNotNull(zone);
    }

    /// <summary>The time zone whose wall clock the calendar's hours and dates are in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Adds working hours to one day of the week.</summary>
    /// <param name="day">The ISO day of the week.</param>
    /// <param name="hours">The wall-clock working hours; several ranges per day are allowed if they do not overlap.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="day"/> is not Monday to Sunday.</exception>
    public BusinessCalendarBuilder AddWorkingHours(IsoDayOfWeek day, TimeOfDayRange hours)
    {
        Preconditions.CheckInRange((int)day, nameof(day), 1, 7);
        _week[(int)day - 1].Add(hours);
        return this;
    }

    /// <summary>Adds working hours <c>[start, end)</c> to one day of the week.</summary>
    /// <param name="day">The ISO day of the week.</param>
    /// <param name="start">The first working wall-clock time.</param>
    /// <param name="end">The first wall-clock time after work; must be later than <paramref name="start"/>
    /// (use <see cref="AddWorkingHours(IsoDayOfWeek, TimeOfDayRange)"/> with <see cref="TimeOfDayRange.UntilEndOfDay(LocalTime)"/> to work until 24:00).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="end"/> is not later than <paramref name="start"/>, or <paramref name="day"/> is not Monday to Sunday.</exception>
    public BusinessCalendarBuilder AddWorkingHours(IsoDayOfWeek day, LocalTime start, LocalTime end) =>
        AddWorkingHours(day, new TimeOfDayRange(start, end));

    /// <summary>Adds the same working hours <c>[start, end)</c> to Monday through Friday.</summary>
    /// <param name="start">The first working wall-clock time.</param>
    /// <param name="end">The first wall-clock time after work; must be later than <paramref name="start"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="end"/> is not later than <paramref name="start"/>.</exception>
    public BusinessCalendarBuilder AddWeekdayHours(LocalTime start, LocalTime end)
    {
        var hours = new TimeOfDayRange(start, end);
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Friday; day++)
        {
            _week[(int)day - 1].Add(hours);
        }

        return this;
    }

    /// <summary>Adds a holiday: the whole local date is not working time. Adding a date twice is harmless.</summary>
    /// <param name="date">The local date (ISO calendar).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="date"/> is not in the ISO calendar.</exception>
    public BusinessCalendarBuilder AddHoliday(LocalDate date)
    {
        RequireIso(date, nameof(date));
        _holidays.Add(date);
        return this;
    }

    /// <summary>Adds holidays: each whole local date is not working time.</summary>
    /// <param name="dates">The local dates (ISO calendar).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="dates"/> is null.</exception>
    /// <exception cref="System.ArgumentException">A date is not in the ISO calendar.</exception>
    public BusinessCalendarBuilder AddHolidays(IEnumerable<LocalDate> dates)
    {
        Preconditions.CheckNotNull(dates);
        foreach (var date in dates)
        {
            AddHoliday(date);
        }

        return this;
    }

    /// <summary>Adds a holiday that recurs every year (see <see cref="HolidayRule"/>).</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public BusinessCalendarBuilder AddRecurringHoliday(HolidayRule rule)
    {
        _rules.Add(Preconditions.CheckNotNull(rule));
        return this;
    }

    /// <summary>Closes part of one local date (for example Christmas Eve from 13:00).</summary>
    /// <param name="date">The local date (ISO calendar).</param>
    /// <param name="hours">The wall-clock hours that are closed. They may cover non-working time and overlap other closures.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="date"/> is not in the ISO calendar.</exception>
    public BusinessCalendarBuilder AddClosure(LocalDate date, TimeOfDayRange hours)
    {
        RequireIso(date, nameof(date));
        _closures.Add(new Closure(date, hours));
        return this;
    }

    /// <summary>
    /// Opens part of one local date beyond the weekly schedule (for example a Saturday shift from
    /// 10:00 to 14:00), on a working day, a day off or a holiday alike.
    /// </summary>
    /// <param name="date">The local date (ISO calendar).</param>
    /// <param name="hours">The wall-clock hours that are working time on that date. They may overlap the
    /// weekly hours and other openings (their union is working), but not a closure of the same date:
    /// <see cref="Build"/> refuses that as contradictory.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="date"/> is not in the ISO calendar.</exception>
    public BusinessCalendarBuilder AddOpening(LocalDate date, TimeOfDayRange hours)
    {
        RequireIso(date, nameof(date));
        _openings.Add(new Opening(date, hours));
        return this;
    }

    /// <summary>Validates the definition and builds the calendar.</summary>
    /// <returns>An immutable, thread-safe calendar.</returns>
    /// <exception cref="BusinessCalendarDefinitionException">The definition is invalid; the exception lists every problem.</exception>
    /// <remarks>Building precomputes the calendar over <see cref="BusinessCalendar.MinSupportedInstant"/> to
    /// <see cref="BusinessCalendar.MaxSupportedInstant"/>; build a calendar once and share it.</remarks>
    public BusinessCalendar Build() => BusinessCalendar.Create(Zone, _week, _holidays, _rules, _closures, _openings, null);

    private static void RequireIso(LocalDate date, string paramName)
    {
        if (date.Calendar != CalendarSystem.Iso)
        {
            throw new System.ArgumentException($"The date {date} must be in the ISO calendar.", paramName);
        }
    }
}
