using System;
using System.Globalization;
using NodaTime;

namespace Itsm.BusinessTime;

/// <summary>
/// A holiday that recurs every year: a fixed date, the nth or last weekday of a month, or a day
/// relative to Western Easter; optionally shifted off the weekend (<see cref="Observance"/>) and
/// limited to a range of years.
/// </summary>
/// <remarks>
/// <para>Create rules with the static factory methods, then refine them with
/// <see cref="WithObservance(HolidayObservance)"/>, <see cref="WithName(string?)"/> and
/// <see cref="InYears(int?, int?)"/>. Rules are immutable values with value equality.</para>
/// <para>A fixed date that does not exist in a year (29 February outside leap years) and a fifth
/// weekday that a month does not have produce no holiday in that year.</para>
/// </remarks>
public sealed record HolidayRule
{
    private HolidayRule(HolidayRuleKind kind, int month, int day, IsoDayOfWeek weekday, int occurrence, int easterOffsetDays)
    {
        Kind = kind;
        Month = month;
        Day = day;
        Weekday = weekday;
        Occurrence = occurrence;
        EasterOffsetDays = easterOffsetDays;
    }

    /// <summary>What kind of rule this is.</summary>
    public HolidayRuleKind Kind { get; }

    /// <summary>The month (1-12) for fixed-date and weekday rules; 0 for Easter-relative rules.</summary>
    public int Month { get; }

    /// <summary>The day of the month (1-31) for fixed-date rules; 0 otherwise.</summary>
    public int Day { get; }

    /// <summary>The weekday for nth/last-weekday rules; <see cref="IsoDayOfWeek.None"/> otherwise.</summary>
    public IsoDayOfWeek Weekday { get; }

    /// <summary>Which occurrence (1-5) of <see cref="Weekday"/> for nth-weekday rules; 0 otherwise.</summary>
    public int Occurrence { get; }

    /// <summary>Days after Easter Sunday (negative: before) for Easter-relative rules; 0 otherwise.</summary>
    public int EasterOffsetDays { get; }

    /// <summary>How the holiday is observed when it falls on a weekend.</summary>
    public HolidayObservance Observance { get; private init; }

    /// <summary>An optional display name, such as "Christmas Day".</summary>
    public string? Name { get; private init; }

    /// <summary>The first year the rule applies, or <see langword="null"/> for no lower bound.</summary>
    public int? FromYear { get; private init; }

    /// <summary>The last year the rule applies, or <see langword="null"/> for no upper bound.</summary>
    public int? ToYear { get; private init; }

    /// <summary>A holiday on the same month and day every year.</summary>
    /// <param name="month">The month, 1-12.</param>
    /// <param name="day">The day of the month, 1 to the longest length of that month (29 for February).</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The month or day is out of range.</exception>
    public static HolidayRule FixedDate(int month, int day)
    {
        Preconditions.CheckInRange(month, nameof(month), 1, 12);
        int maxDay = month == 2 ? 29 : CalendarSystem.Iso.GetDaysInMonth(2001, month);
        Preconditions.CheckInRange(day, nameof(day), 1, maxDay);
        return new HolidayRule(HolidayRuleKind.FixedDate, month, day, IsoDayOfWeek.None, 0, 0);
    }

    /// <summary>A holiday on the nth occurrence of a weekday in a month, such as the first Monday in May.</summary>
    /// <param name="month">The month, 1-12.</param>
    /// <param name="weekday">The weekday.</param>
    /// <param name="occurrence">Which occurrence, 1-5. In a year whose month has no fifth such weekday there is no holiday.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static HolidayRule NthWeekdayOfMonth(int month, IsoDayOfWeek weekday, int occurrence)
    {
        Preconditions.CheckInRange(month, nameof(month), 1, 12);
        Preconditions.CheckInRange((int)weekday, nameof(weekday), 1, 7);
        Preconditions.CheckInRange(occurrence, nameof(occurrence), 1, 5);
        return new HolidayRule(HolidayRuleKind.NthWeekdayOfMonth, month, 0, weekday, occurrence, 0);
    }

    /// <summary>A holiday on the last occurrence of a weekday in a month, such as the last Monday in May.</summary>
    /// <param name="month">The month, 1-12.</param>
    /// <param name="weekday">The weekday.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static HolidayRule LastWeekdayOfMonth(int month, IsoDayOfWeek weekday)
    {
        Preconditions.CheckInRange(month, nameof(month), 1, 12);
        Preconditions.CheckInRange((int)weekday, nameof(weekday), 1, 7);
        return new HolidayRule(HolidayRuleKind.LastWeekdayOfMonth, month, 0, weekday, 0, 0);
    }

    /// <summary>A holiday a number of days from Western (Gregorian) Easter Sunday: -2 is Good Friday, 1 is Easter Monday.</summary>
    /// <param name="offsetDays">Days after Easter Sunday (negative: before), -200 to 200. The date is
    /// relative to the Easter of the year asked for, so a large offset may fall in the year before.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offsetDays"/> is out of range.</exception>
    public static HolidayRule EasterRelative(int offsetDays)
    {
        Preconditions.CheckInRange(offsetDays, nameof(offsetDays), -200, 200);
        return new HolidayRule(HolidayRuleKind.EasterRelative, 0, 0, IsoDayOfWeek.None, 0, offsetDays);
    }

    /// <summary>Returns this rule observed as <paramref name="observance"/> says when it falls on a weekend.</summary>
    /// <param name="observance">The observance.</param>
    /// <returns>A new rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="observance"/> is not a defined value.</exception>
    public HolidayRule WithObservance(HolidayObservance observance)
    {
        if (observance is not (HolidayObservance.Actual or HolidayObservance.NearestWeekday or HolidayObservance.NextWeekday))
        {
            throw new ArgumentOutOfRangeException(nameof(observance), observance, "The observance must be Actual, NearestWeekday or NextWeekday.");
        }

        return this with { Observance = observance };
    }

    /// <summary>Returns this rule with a display name.</summary>
    /// <param name="name">The name, or <see langword="null"/> for none.</param>
    /// <returns>A new rule.</returns>
    public HolidayRule WithName(string? name) => this with { Name = string.IsNullOrWhiteSpace(name) ? null : name };

    /// <summary>Returns this rule limited to the years <paramref name="fromYear"/> to <paramref name="toYear"/> (inclusive).</summary>
    /// <param name="fromYear">The first year, or <see langword="null"/> for no lower bound.</param>
    /// <param name="toYear">The last year, or <see langword="null"/> for no upper bound.</param>
    /// <returns>A new rule.</returns>
    /// <exception cref="ArgumentException"><paramref name="toYear"/> is before <paramref name="fromYear"/>, or a year is outside 1-9999.</exception>
    public HolidayRule InYears(int? fromYear, int? toYear)
    {
        if (fromYear is int from)
        {
            Preconditions.CheckInRange(from, nameof(fromYear), 1, 9999);
        }

        if (toYear is int to)
        {
            Preconditions.CheckInRange(to, nameof(toYear), 1, 9999);
        }

        if (fromYear > toYear)
        {
            throw new ArgumentException($"The year range {fromYear}-{toYear} is reversed: 'toYear' must not be before 'fromYear'.", nameof(toYear));
        }

        return this with { FromYear = fromYear, ToYear = toYear };
    }

    /// <summary>
    /// The date the holiday falls on in <paramref name="year"/>, before any weekend shift, or
    /// <see langword="null"/> when the rule gives no holiday that year.
    /// </summary>
    /// <param name="year">An ISO year, 1-9999.</param>
    /// <returns>The date, or <see langword="null"/>.</returns>
    /// <remarks>The observed date also depends on the other holidays of the calendar (see
    /// <see cref="HolidayObservance.NextWeekday"/>), so it is computed by <see cref="BusinessCalendar"/>.</remarks>
    public LocalDate? ActualDateIn(int year)
    {
        Preconditions.CheckInRange(year, nameof(year), 1, 9999);
        if (year < FromYear || year > ToYear)
        {
            return null;
        }

        switch (Kind)
        {
            case HolidayRuleKind.FixedDate:
                return Day <= CalendarSystem.Iso.GetDaysInMonth(year, Month) ? new LocalDate(year, Month, Day) : null;
            case HolidayRuleKind.NthWeekdayOfMonth:
            {
                var first = new LocalDate(year, Month, 1);
                int shift = ((int)Weekday - (int)first.DayOfWeek + 7) % 7;
                int dayOfMonth = 1 + shift + ((Occurrence - 1) * 7);
                return dayOfMonth <= CalendarSystem.Iso.GetDaysInMonth(year, Month) ? new LocalDate(year, Month, dayOfMonth) : null;
            }

            case HolidayRuleKind.LastWeekdayOfMonth:
            {
                var last = new LocalDate(year, Month, CalendarSystem.Iso.GetDaysInMonth(year, Month));
                int back = ((int)last.DayOfWeek - (int)Weekday + 7) % 7;
                return last.PlusDays(-back);
            }

            default:
                return WesternEaster(year).PlusDays(EasterOffsetDays);
        }
    }

    /// <summary>Western (Gregorian) Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    internal static LocalDate WesternEaster(int year)
    {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31;
        int day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(year, month, day);
    }

    /// <summary>A readable description, such as <c>"Christmas Day: 12-25, next weekday"</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        string what = Kind switch
        {
            HolidayRuleKind.FixedDate => string.Create(CultureInfo.InvariantCulture, $"{Month:00}-{Day:00}"),
            HolidayRuleKind.NthWeekdayOfMonth => string.Create(CultureInfo.InvariantCulture, $"weekday {Occurrence} {Weekday} of month {Month}"),
            HolidayRuleKind.LastWeekdayOfMonth => string.Create(CultureInfo.InvariantCulture, $"last {Weekday} of month {Month}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"Easter {EasterOffsetDays:+0;-0;+0} days"),
        };
        string years = FromYear is null && ToYear is null ? string.Empty : $" ({FromYear}-{ToYear})";
        string observed = Observance switch
        {
            HolidayObservance.NearestWeekday => ", nearest weekday",
            HolidayObservance.NextWeekday => ", next weekday",
            _ => string.Empty,
        };
        return (Name is null ? string.Empty : Name + ": ") + what + observed + years;
    }
}
