using System;
using NodaTime;
using static Itsm.BusinessTime.Tests.TestCalendars;

namespace Itsm.BusinessTime.Tests;

/// <summary>
/// The documented examples of whole working days and the previous working instant, on Monday-Friday
/// 09:00-17:00 in London (2026-01-12 is a Monday).
/// </summary>
public sealed class WorkingDaysTests
{
    private static readonly BusinessCalendar Calendar = NineToFive(London)
        .AddHoliday(new LocalDate(2026, 1, 14))
        .Build();

    [Theory]
    [InlineData(12, 10, 1, 13, 10, 0)]   // inside working hours: the same time the next working day
    [InlineData(12, 8, 1, 13, 9, 0)]     // before hours: that day's opening
    [InlineData(12, 18, 1, 13, 17, 0)]   // after hours: that day's close of business
    [InlineData(13, 10, 1, 15, 10, 0)]   // the holiday on Wednesday the 14th is skipped
    [InlineData(16, 10, 1, 19, 10, 0)]   // Friday to Monday
    [InlineData(17, 10, 1, 19, 10, 0)]   // from Saturday: Monday is the first working day after it
    [InlineData(12, 10, -1, 9, 10, 0)]   // back from Monday: Friday
    [InlineData(17, 10, -1, 16, 10, 0)]  // back from Saturday: Friday
    [InlineData(12, 10, 5, 20, 10, 0)]   // a week, less the holiday: Tuesday
    public void AddWorkingDays_KeepsTheTimeOfDayWithinTheTargetDaysWorkingTime(int day, int hour, int days, int expectedDay, int expectedHour, int expectedMinute)
    {
        var start = London.Local(2026, 1, day, hour);
        Assert.Equal(London.Local(2026, 1, expectedDay, expectedHour, expectedMinute), Calendar.AddWorkingDays(start, days));
    }

    [Fact]
    public void AddWorkingDays_OfZero_IsTheStart()
    {
        var saturday = London.Local(2026, 1, 17, 3);
        Assert.Equal(saturday, Calendar.AddWorkingDays(saturday, 0));
    }

    [Fact]
    public void AddWorkingDays_InABreak_GoesToTheEndOfTheBreak()
    {
        var calendar = BusinessCalendar.CreateBuilder(London)
            .AddWeekdayHours(new LocalTime(9, 0), new LocalTime(12, 0))
            .AddWeekdayHours(new LocalTime(13, 0), new LocalTime(17, 0))
            .Build();
        Assert.Equal(London.Local(2026, 1, 13, 13), calendar.AddWorkingDays(London.Local(2026, 1, 12, 12, 30), 1));
    }

    [Fact]
    public void AddWorkingDays_OnTheSpringForwardDay_MovesASkippedTimeToTheEndOfTheGap()
    {
        // New York skipped 02:00-03:00 on Sunday 2026-03-08; every day is 00:00-24:00.
        var calendar = EveryDay(NewYork, TimeOfDayRange.WholeDay).Build();
        Assert.Equal(NewYork.Local(2026, 3, 8, 3), calendar.AddWorkingDays(NewYork.Local(2026, 3, 7, 2, 30), 1));
    }

    [Theory]
    [InlineData(12, 10, 12, 16, 0)]   // the same date
    [InlineData(12, 10, 13, 8, 1)]    // the time of day does not matter
    [InlineData(16, 18, 19, 8, 1)]   // Friday to Monday
    [InlineData(17, 10, 19, 10, 1)]  // Saturday to Monday
    [InlineData(16, 10, 17, 10, 0)]  // Friday to Saturday
    [InlineData(12, 10, 19, 10, 4)]  // a week, less the holiday
    [InlineData(19, 10, 12, 10, -4)] // backwards: negative
    public void WorkingDaysBetween_CountsWorkingDatesAfterTheStartUpToTheEnd(int fromDay, int fromHour, int toDay, int toHour, int expected)
    {
        Assert.Equal(expected, Calendar.WorkingDaysBetween(London.Local(2026, 1, fromDay, fromHour), London.Local(2026, 1, toDay, toHour)));
    }

    [Theory]
    [InlineData(12, 10, 12, 10)]  // working: itself
    [InlineData(12, 17, 12, 17)]  // the end of working time: itself
    [InlineData(12, 18, 12, 17)]  // after hours: where work stopped
    [InlineData(13, 9, 12, 17)]   // the start of working time: nothing before it that day is working
    [InlineData(19, 8, 16, 17)]   // Monday morning: Friday's close
    [InlineData(15, 9, 13, 17)]   // across the holiday
    public void PreviousWorkingInstant_IsWhereWorkingTimeLastRan(int day, int hour, int expectedDay, int expectedHour)
    {
        Assert.Equal(London.Local(2026, 1, expectedDay, expectedHour), Calendar.PreviousWorkingInstant(London.Local(2026, 1, day, hour)));
    }

    [Fact]
    public void IsWorkingDay_FollowsHolidaysOpeningsAndClosures()
    {
        var calendar = NineToFive(London)
            .AddHoliday(new LocalDate(2026, 1, 14))
            .AddOpening(new LocalDate(2026, 1, 17), new TimeOfDayRange(new LocalTime(10, 0), new LocalTime(14, 0)))
            .AddClosure(new LocalDate(2026, 1, 15), TimeOfDayRange.WholeDay)
            .Build();
        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 1, 13)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 1, 14)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 1, 15)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 1, 17)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 1, 18)));
    }

    [Fact]
    public void IsWorkingDay_IsFalseForADateWhoseHoursAllFallInTheGap()
    {
        var calendar = EveryDay(NewYork, new TimeOfDayRange(new LocalTime(2, 0), new LocalTime(2, 30))).Build();
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 3, 8)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 3, 9)));
        Assert.Equal(1, calendar.WorkingDaysBetween(NewYork.Local(2026, 3, 7, 12), NewYork.Local(2026, 3, 9, 12)));
    }

    [Fact]
    public void WorkingDays_AcrossCenturies_CostNoWalkAndStayExact()
    {
        var start = Utc(1900, 1, 2, 12);
        var end = Utc(2199, 12, 30, 12);
        int days = Calendar.WorkingDaysBetween(start, end);
        Assert.Equal(London.AtStrictly(new LocalDateTime(2199, 12, 30, 12, 0)).ToInstant(), Calendar.AddWorkingDays(start, days));
    }

    [Fact]
    public void OutOfRange_IsRefused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.IsWorkingDay(new LocalDate(2200, 1, 2)));
        Assert.Equal("date", ex.ParamName);
        Assert.Throws<NoWorkingTimeException>(() => Calendar.AddWorkingDays(Utc(2199, 12, 30, 12), 5));
        Assert.Throws<NoWorkingTimeException>(() => Calendar.AddWorkingDays(Utc(1900, 1, 2, 12), -5));
        Assert.Throws<NoWorkingTimeException>(() => Calendar.PreviousWorkingInstant(BusinessCalendar.MinSupportedInstant));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.PreviousWorkingInstant(BusinessCalendar.MaxSupportedInstant + Duration.Epsilon));
    }

    [Fact]
    public void AddWorkingDays_PastTenYearsWithoutWorkingTime_Throws()
    {
        var holidays = new LocalDate[3700];
        for (int i = 0; i < holidays.Length; i++)
        {
            holidays[i] = new LocalDate(2030, 1, 1).PlusDays(i);
        }

        var calendar = NineToFive(London).AddHolidays(holidays).Build();
        var ex = Assert.Throws<NoWorkingTimeException>(() => calendar.AddWorkingDays(London.Local(2029, 12, 31, 10), 1));
        Assert.StartsWith("There is no working time from 2029-12-31T17:00:00Z to ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(London.Local(2029, 12, 28, 10), calendar.AddWorkingDays(London.Local(2029, 12, 31, 10), -1));
    }
}
