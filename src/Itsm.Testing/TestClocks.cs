using System;
using Ardalis.GuardClauses;
using Itsm.BusinessTime;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Testing;

/// <summary>Creates <see cref="FakeClock"/>s at wall-clock times, and moves them in business time.</summary>
public static class TestClocks
{
    /// <summary>A fake clock at a local date and time in a TZDB zone (it does not advance by itself).</summary>
    /// <param name="year">The year.</param>
    /// <param name="month">The month (1-12).</param>
    /// <param name="day">The day of the month.</param>
    /// <param name="hour">The hour (0-23).</param>
    /// <param name="minute">The minute (0-59).</param>
    /// <param name="zoneId">A TZDB zone id, for example <c>"Europe/London"</c>.</param>
    /// <returns>The clock.</returns>
    /// <remarks>
    /// A local time in a DST gap (skipped) maps to the same wall time shifted forward by the gap, and a
    /// local time in an overlap (repeated) to its earlier occurrence (NodaTime's lenient resolver).
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="zoneId"/> is blank or not a TZDB zone, or the date or time does not exist.</exception>
    public static FakeClock At(int year, int month, int day, int hour, int minute, string zoneId)
    {
        Guard.Against.NullOrWhiteSpace(zoneId);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
            ?? throw new ArgumentException($"'{zoneId}' is not a TZDB time zone id.", nameof(zoneId));
        LocalDateTime local;
        try
        {
            local = new LocalDateTime(year, month, day, hour, minute);
        }
        catch (ArgumentOutOfRangeException error)
        {
            throw new ArgumentException($"{year:D4}-{month:D2}-{day:D2} {hour:D2}:{minute:D2} is not a valid date and time.", error.ParamName, error);
        }

        return new FakeClock(local.InZoneLeniently(zone).ToInstant());
    }

    /// <summary>A fake clock at an instant in UTC.</summary>
    /// <param name="year">The year.</param>
    /// <param name="month">The month (1-12).</param>
    /// <param name="day">The day of the month.</param>
    /// <param name="hour">The hour (0-23).</param>
    /// <param name="minute">The minute (0-59).</param>
    /// <returns>The clock.</returns>
    /// <exception cref="ArgumentException">The date or time does not exist.</exception>
    public static FakeClock AtUtc(int year, int month, int day, int hour, int minute) => At(year, month, day, hour, minute, "UTC");

    /// <summary>Moves the clock forward by <paramref name="workingTime"/> of the calendar's working time: to <c>calendar.Add(now, workingTime)</c>.</summary>
    /// <param name="clock">The clock.</param>
    /// <param name="calendar">The business calendar.</param>
    /// <param name="workingTime">The working time to pass (not negative); zero leaves the clock where it is, as <c>calendar.Add(now, Duration.Zero) == now</c>.</param>
    /// <returns>The clock's new instant.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> or <paramref name="calendar"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="workingTime"/> is negative (the clock never moves backwards).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The clock is outside the calendar's supported range.</exception>
    /// <exception cref="NoWorkingTimeException">The calendar has no working time to add within its search horizon or supported range.</exception>
    public static Instant AdvanceBusinessTime(this FakeClock clock, BusinessCalendar calendar, Duration workingTime)
    {
        Guard.Against.Null(clock);
        Guard.Against.Null(calendar);
        if (workingTime < Duration.Zero)
        {
            throw new ArgumentException($"The working time to advance by must not be negative, but is {workingTime}; a clock never moves backwards.", nameof(workingTime));
        }

        var target = calendar.Add(clock.GetCurrentInstant(), workingTime);
        return clock.AdvanceTo(target);
    }

    /// <summary>Moves the clock forward to <paramref name="instant"/> (staying put when it is already there).</summary>
    /// <param name="clock">The clock.</param>
    /// <param name="instant">The instant: not before the clock's current instant.</param>
    /// <returns>The clock's new instant.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="instant"/> is before the clock's current instant.</exception>
    public static Instant AdvanceTo(this FakeClock clock, Instant instant)
    {
        Guard.Against.Null(clock);
        var now = clock.GetCurrentInstant();
        if (instant < now)
        {
            throw new ArgumentException($"The clock is at {now}; it cannot move backwards to {instant}.", nameof(instant));
        }

        clock.Reset(instant);
        return instant;
    }
}
