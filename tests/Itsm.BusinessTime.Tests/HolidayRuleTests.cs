using System;
using Itsm.BusinessTime;
using NodaTime;
using static Itsm.BusinessTime.Tests.TestCalendars;

namespace Itsm.BusinessTime.Tests;

/// <summary>Recurring holidays: the dates each kind of rule gives, their observance off the weekend, and argument checks.</summary>
public sealed class HolidayRuleTests
{
    [Theory]
    [InlineData(1818, 3, 22)]
    [InlineData(1943, 4, 25)]
    [InlineData(1961, 4, 2)]
    [InlineData(2000, 4, 23)]
    [InlineData(2008, 3, 23)]
    [InlineData(2011, 4, 24)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)]
    public void EasterRelative_Zero_IsWesternEasterSunday(int year, int month, int day)
    {
        Assert.Equal(new LocalDate(year, month, day), HolidayRule.EasterRelative(0).ActualDateIn(year));
    }

    [Fact]
    public void EasterRelative_Offsets_CountDaysFromEasterSunday()
    {
        Assert.Equal(new LocalDate(2026, 4, 3), HolidayRule.EasterRelative(-2).ActualDateIn(2026));
        Assert.Equal(new LocalDate(2026, 4, 6), HolidayRule.EasterRelative(1).ActualDateIn(2026));
        Assert.Equal(new LocalDate(2026, 5, 14), HolidayRule.EasterRelative(39).ActualDateIn(2026));
        Assert.Equal(new LocalDate(2025, 9, 17), HolidayRule.EasterRelative(-200).ActualDateIn(2026));
    }

    [Theory]
    [InlineData(2024, 28)]
    [InlineData(2025, 27)]
    [InlineData(2026, 26)]
    [InlineData(2030, 28)]
    public void NthWeekdayOfMonth_FourthThursdayOfNovember_IsUsThanksgiving(int year, int day)
    {
        Assert.Equal(new LocalDate(year, 11, day), HolidayRule.NthWeekdayOfMonth(11, IsoDayOfWeek.Thursday, 4).ActualDateIn(year));
    }

    [Fact]
    public void NthWeekdayOfMonth_FirstOccurrence_CanBeTheFirstOfTheMonth()
    {
        // 2026-06-01 is a Monday; the first Sunday of March 2026 is the 1st too.
        Assert.Equal(new LocalDate(2026, 6, 1), HolidayRule.NthWeekdayOfMonth(6, IsoDayOfWeek.Monday, 1).ActualDateIn(2026));
        Assert.Equal(new LocalDate(2026, 3, 1), HolidayRule.NthWeekdayOfMonth(3, IsoDayOfWeek.Sunday, 1).ActualDateIn(2026));
        Assert.Equal(new LocalDate(2026, 3, 8), HolidayRule.NthWeekdayOfMonth(3, IsoDayOfWeek.Sunday, 2).ActualDateIn(2026));
    }

    [Fact]
    public void NthWeekdayOfMonth_FifthOccurrenceAMonthLacks_GivesNothing()
    {
        // February 2016 had five Mondays (1, 8, 15, 22, 29); February 2026 has four.
        var rule = HolidayRule.NthWeekdayOfMonth(2, IsoDayOfWeek.Monday, 5);
        Assert.Equal(new LocalDate(2016, 2, 29), rule.ActualDateIn(2016));
        Assert.Null(rule.ActualDateIn(2026));
    }

    [Theory]
    [InlineData(2024, 27)]
    [InlineData(2025, 26)]
    [InlineData(2026, 25)]
    [InlineData(2027, 31)]
    public void LastWeekdayOfMonth_LastMondayOfMay_IsTheUkSpringBankHoliday(int year, int day)
    {
        Assert.Equal(new LocalDate(year, 5, day), HolidayRule.LastWeekdayOfMonth(5, IsoDayOfWeek.Monday).ActualDateIn(year));
    }

    [Fact]
    public void FixedDate_29February_GivesNothingInNonLeapYears()
    {
        var rule = HolidayRule.FixedDate(2, 29);
        Assert.Equal(new LocalDate(2024, 2, 29), rule.ActualDateIn(2024));
        Assert.Equal(new LocalDate(2000, 2, 29), rule.ActualDateIn(2000));
        Assert.Null(rule.ActualDateIn(2026));
        Assert.Null(rule.ActualDateIn(2100));

        var calendar = NineToFive(London).AddRecurringHoliday(rule).Build();
        Assert.True(calendar.IsHoliday(new LocalDate(2028, 2, 29)));
        Assert.False(calendar.IsHoliday(new LocalDate(2026, 2, 28)));
        Assert.False(calendar.IsHoliday(new LocalDate(2026, 3, 1)));
        Assert.False(calendar.IsHoliday(new LocalDate(2027, 3, 1)));
    }

    [Fact]
    public void InYears_LimitsTheRuleToTheYears()
    {
        var rule = HolidayRule.FixedDate(12, 25).InYears(2000, 2030);
        Assert.Null(rule.ActualDateIn(1999));
        Assert.Equal(new LocalDate(2000, 12, 25), rule.ActualDateIn(2000));
        Assert.Equal(new LocalDate(2030, 12, 25), rule.ActualDateIn(2030));
        Assert.Null(rule.ActualDateIn(2031));
        Assert.Null(HolidayRule.FixedDate(12, 25).InYears(null, 1999).ActualDateIn(2000));
        Assert.Equal(new LocalDate(1, 12, 25), HolidayRule.FixedDate(12, 25).InYears(null, 1999).ActualDateIn(1));
        Assert.Equal(2000, rule.FromYear);
        Assert.Equal(2030, rule.ToYear);

        var calendar = NineToFive(London).AddRecurringHoliday(rule).Build();
        Assert.False(calendar.IsHoliday(new LocalDate(1999, 12, 25)));
        Assert.True(calendar.IsHoliday(new LocalDate(2000, 12, 25)));
        Assert.False(calendar.IsHoliday(new LocalDate(2031, 12, 25)));
    }

    [Fact]
    public void Rules_ApplyOverTheWholeSupportedRange()
    {
        var calendar = NineToFive(London).AddRecurringHoliday(HolidayRule.FixedDate(12, 25)).Build();
        Assert.True(calendar.IsHoliday(new LocalDate(1900, 12, 25)));
        Assert.True(calendar.IsHoliday(new LocalDate(2199, 12, 25)));
        Assert.False(calendar.IsWorking(Utc(2199, 12, 25, 10)));
        Assert.True(calendar.IsWorking(Utc(2199, 12, 24, 10)));
    }

    [Fact]
    public void Rules_AreValuesWithTheirProperties()
    {
        var thanksgiving = HolidayRule.NthWeekdayOfMonth(11, IsoDayOfWeek.Thursday, 4);
        Assert.Equal(HolidayRuleKind.NthWeekdayOfMonth, thanksgiving.Kind);
        Assert.Equal(11, thanksgiving.Month);
        Assert.Equal(0, thanksgiving.Day);
        Assert.Equal(IsoDayOfWeek.Thursday, thanksgiving.Weekday);
        Assert.Equal(4, thanksgiving.Occurrence);
        Assert.Equal(HolidayObservance.Actual, thanksgiving.Observance);
        Assert.Null(thanksgiving.Name);

        var goodFriday = HolidayRule.EasterRelative(-2);
        Assert.Equal(HolidayRuleKind.EasterRelative, goodFriday.Kind);
        Assert.Equal(0, goodFriday.Month);
        Assert.Equal(IsoDayOfWeek.None, goodFriday.Weekday);
        Assert.Equal(-2, goodFriday.EasterOffsetDays);

        var last = HolidayRule.LastWeekdayOfMonth(5, IsoDayOfWeek.Monday);
        Assert.Equal(HolidayRuleKind.LastWeekdayOfMonth, last.Kind);
        Assert.Equal(0, last.Occurrence);

        Assert.Equal(HolidayRule.FixedDate(12, 25), HolidayRule.FixedDate(12, 25));
        Assert.NotEqual(HolidayRule.FixedDate(12, 25), HolidayRule.FixedDate(12, 25).WithName("Christmas Day"));
        Assert.NotEqual(HolidayRule.FixedDate(12, 25), HolidayRule.FixedDate(12, 25).WithObservance(HolidayObservance.NextWeekday));
        Assert.Null(HolidayRule.FixedDate(12, 25).WithName("  ").Name);
    }

    [Fact]
    public void ToString_DescribesTheRule()
    {
        Assert.Equal("Christmas Day: 12-25, next weekday", HolidayRule.FixedDate(12, 25).WithName("Christmas Day").WithObservance(HolidayObservance.NextWeekday).ToString());
    }

    // Observance, through BusinessCalendar.IsHoliday.

    private static BusinessCalendar UkChristmas(params LocalDate[] extraHolidays) => NineToFive(London)
        .AddRecurringHoliday(HolidayRule.FixedDate(12, 25).WithObservance(HolidayObservance.NextWeekday))
        .AddRecurringHoliday(HolidayRule.FixedDate(12, 26).WithObservance(HolidayObservance.NextWeekday))
        .AddHolidays(extraHolidays)
        .Build();

    [Theory]
    [InlineData(2021, new[] { 27, 28 })] // Saturday and Sunday: substitute Monday and Tuesday.
    [InlineData(2022, new[] { 26, 27 })] // Sunday and Monday: Boxing Day keeps Monday, Christmas moves to Tuesday.
    [InlineData(2026, new[] { 25, 28 })] // Friday and Saturday: Boxing Day moves to Monday.
    [InlineData(2027, new[] { 27, 28 })] // Saturday and Sunday again.
    [InlineData(2024, new[] { 25, 26 })] // Wednesday and Thursday: no change.
    public void NextWeekday_UkChristmasAndBoxingDay_AreObservedOnSubstituteDays(int year, int[] observed)
    {
        var calendar = UkChristmas();
        for (int day = 20; day <= 31; day++)
        {
            Assert.True(Array.IndexOf(observed, day) >= 0 == calendar.IsHoliday(new LocalDate(year, 12, day)), $"{year}-12-{day}");
        }
    }

    [Fact]
    public void NextWeekday_SkipsDatesThatAreAlreadyHolidays()
    {
        // Christmas 2021 is a Saturday; Monday 27 is already a given holiday, so it moves to Tuesday 28 and Boxing Day to Wednesday 29.
        var calendar = UkChristmas(new LocalDate(2021, 12, 27));
        Assert.True(calendar.IsHoliday(new LocalDate(2021, 12, 27)));
        Assert.True(calendar.IsHoliday(new LocalDate(2021, 12, 28)));
        Assert.True(calendar.IsHoliday(new LocalDate(2021, 12, 29)));
        Assert.False(calendar.IsHoliday(new LocalDate(2021, 12, 30)));
    }

    [Fact]
    public void NextWeekday_WorkingTimeFollowsTheObservedDays()
    {
        // 2021: Friday 24 at 16:00 plus two hours ends on Wednesday 29 at 10:00.
        var calendar = UkChristmas();
        Assert.Equal(London.Local(2021, 12, 29, 10, 0), calendar.Add(London.Local(2021, 12, 24, 16, 0), Duration.FromHours(2)));
    }

    [Theory]
    [InlineData(2020, 7, 3)] // Saturday: the Friday before.
    [InlineData(2021, 7, 5)] // Sunday: the Monday after.
    [InlineData(2025, 7, 4)] // Friday: no change.
    [InlineData(2026, 7, 3)] // Saturday.
    [InlineData(2027, 7, 5)] // Sunday.
    public void NearestWeekday_UsIndependenceDay_IsObservedOnTheNearestWeekday(int year, int month, int day)
    {
        var calendar = NineToFive(NewYork).AddRecurringHoliday(HolidayRule.FixedDate(7, 4).WithObservance(HolidayObservance.NearestWeekday)).Build();
        var observed = new LocalDate(year, month, day);
        Assert.True(calendar.IsHoliday(observed));
        for (int d = 1; d <= 7; d++)
        {
            var date = new LocalDate(year, 7, d);
            Assert.Equal(date == observed, calendar.IsHoliday(date));
        }
    }

    [Fact]
    public void NearestWeekday_SaturdayNewYear_IsObservedOnTheLastDayOfThePreviousYear()
    {
        // 2022-01-01 is a Saturday.
        var calendar = NineToFive(NewYork).AddRecurringHoliday(HolidayRule.FixedDate(1, 1).WithObservance(HolidayObservance.NearestWeekday)).Build();
        Assert.True(calendar.IsHoliday(new LocalDate(2021, 12, 31)));
        Assert.False(calendar.IsHoliday(new LocalDate(2022, 1, 1)));
        Assert.False(calendar.IsWorking(NewYork.Local(2021, 12, 31, 10, 0)));
    }

    [Fact]
    public void Actual_WeekendHoliday_StaysOnTheWeekend()
    {
        var calendar = NineToFive(London).AddRecurringHoliday(HolidayRule.FixedDate(12, 25)).Build();
        Assert.True(calendar.IsHoliday(new LocalDate(2021, 12, 25)));
        Assert.False(calendar.IsHoliday(new LocalDate(2021, 12, 27)));
    }

    // Argument checks.

    [Theory]
    [InlineData(0, 1, "month")]
    [InlineData(13, 1, "month")]
    [InlineData(1, 0, "day")]
    [InlineData(1, 32, "day")]
    [InlineData(2, 30, "day")]
    [InlineData(4, 31, "day")]
    public void FixedDate_OutOfRange_ThrowsNamingTheParameter(int month, int day, string paramName)
    {
        Assert.Equal(paramName, Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.FixedDate(month, day)).ParamName);
    }

    [Fact]
    public void WeekdayRules_OutOfRange_ThrowNamingTheParameter()
    {
        Assert.Equal("month", Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.NthWeekdayOfMonth(0, IsoDayOfWeek.Monday, 1)).ParamName);
        Assert.Equal("weekday", Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.NthWeekdayOfMonth(1, IsoDayOfWeek.None, 1)).ParamName);
        Assert.Equal("occurrence", Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.NthWeekdayOfMonth(1, IsoDayOfWeek.Monday, 0)).ParamName);
        Assert.Equal("occurrence", Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.NthWeekdayOfMonth(1, IsoDayOfWeek.Monday, 6)).ParamName);
        Assert.Equal("month", Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.LastWeekdayOfMonth(13, IsoDayOfWeek.Monday)).ParamName);
        Assert.Equal("weekday", Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.LastWeekdayOfMonth(5, (IsoDayOfWeek)8)).ParamName);
    }

    [Fact]
    public void EasterRelative_OutOfRange_ThrowsNamingTheOffset()
    {
        Assert.Equal("offsetDays", Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.EasterRelative(201)).ParamName);
        Assert.Equal("offsetDays", Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.EasterRelative(-201)).ParamName);
        Assert.Equal(new LocalDate(2026, 10, 22), HolidayRule.EasterRelative(200).ActualDateIn(2026));
    }

    [Fact]
    public void ActualDateIn_YearOutOfRange_ThrowsNamingTheYear()
    {
        Assert.Equal("year", Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.FixedDate(1, 1).ActualDateIn(0)).ParamName);
        Assert.Equal("year", Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.FixedDate(1, 1).ActualDateIn(10_000)).ParamName);
    }

    [Fact]
    public void InYears_Invalid_ThrowsNamingTheParameter()
    {
        var rule = HolidayRule.FixedDate(1, 1);
        Assert.Equal("fromYear", Assert.Throws<ArgumentOutOfRangeException>(() => rule.InYears(0, null)).ParamName);
        Assert.Equal("toYear", Assert.Throws<ArgumentOutOfRangeException>(() => rule.InYears(null, 10_000)).ParamName);
        var reversed = Assert.Throws<ArgumentException>(() => rule.InYears(2030, 2020));
        Assert.Equal("toYear", reversed.ParamName);
        Assert.Equal("The year range 2030-2020 is reversed: 'toYear' must not be before 'fromYear'. (Parameter 'toYear')", reversed.Message);
    }

    [Fact]
    public void WithObservance_Undefined_ThrowsNamingTheObservance()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.FixedDate(1, 1).WithObservance((HolidayObservance)7));
        Assert.Equal("observance", ex.ParamName);
    }
}
