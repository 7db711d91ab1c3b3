using System;
using Itsm.BusinessTime;
using NodaTime;
using static Itsm.BusinessTime.Tests.TestCalendars;

namespace Itsm.BusinessTime.Tests;

/// <summary>The fluent definition of calendars: argument checks and whole-definition validation.</summary>
public sealed class BusinessCalendarBuilderTests
{
    private static readonly LocalTime Nine = new(9, 0);
    private static readonly LocalTime Five = new(17, 0);

    [Fact]
    public void CreateBuilder_WithoutZone_ThrowsNamingTheZone()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => BusinessCalendar.CreateBuilder(null!));
        Assert.Equal("zone", ex.ParamName);
    }

    [Fact]
    public void Builder_KeepsTheZone()
    {
        Assert.Same(London, BusinessCalendar.CreateBuilder(London).Zone);
        Assert.Same(London, NineToFive(London).Build().Zone);
    }

    [Fact]
    public void AddWorkingHours_OutsideMondayToSunday_ThrowsNamingTheDay()
    {
        var builder = BusinessCalendar.CreateBuilder(London);
        Assert.Equal("day", Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddWorkingHours(IsoDayOfWeek.None, TimeOfDayRange.WholeDay)).ParamName);
        Assert.Equal("day", Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddWorkingHours((IsoDayOfWeek)8, Nine, Five)).ParamName);
    }

    [Fact]
    public void AddWorkingHours_EndingBeforeItStarts_ThrowsNamingTheEnd()
    {
        var builder = BusinessCalendar.CreateBuilder(London);
        var ex = Assert.Throws<ArgumentException>(() => builder.AddWorkingHours(IsoDayOfWeek.Monday, Five, Nine));
        Assert.Equal("end", ex.ParamName);
        Assert.Equal(
            "The range 17:00-09:00 is empty or reversed: 'end' must be later than 'start'. Use TimeOfDayRange.UntilEndOfDay for a range that ends at 24:00. (Parameter 'end')",
            ex.Message);
        Assert.Equal("end", Assert.Throws<ArgumentException>(() => builder.AddWeekdayHours(Nine, Nine)).ParamName);
    }

    [Fact]
    public void AddHoliday_OutsideTheIsoCalendar_ThrowsNamingTheDate()
    {
        var julian = new LocalDate(2026, 12, 25, CalendarSystem.Julian);
        var builder = BusinessCalendar.CreateBuilder(London);
        var ex = Assert.Throws<ArgumentException>(() => builder.AddHoliday(julian));
        Assert.Equal("date", ex.ParamName);
        Assert.Equal($"The date {julian} must be in the ISO calendar. (Parameter 'date')", ex.Message);
        Assert.Equal("date", Assert.Throws<ArgumentException>(() => builder.AddClosure(julian, TimeOfDayRange.WholeDay)).ParamName);
        Assert.Equal("date", Assert.Throws<ArgumentException>(() => builder.AddHolidays([julian])).ParamName);
    }

    [Fact]
    public void NullArguments_ThrowNamingTheParameter()
    {
        var builder = BusinessCalendar.CreateBuilder(London);
        Assert.Equal("dates", Assert.Throws<ArgumentNullException>(() => builder.AddHolidays(null!)).ParamName);
        Assert.Equal("rule", Assert.Throws<ArgumentNullException>(() => builder.AddRecurringHoliday(null!)).ParamName);
    }

    [Fact]
    public void Build_WithOverlappingHours_ThrowsNamingTheDayAndRanges()
    {
        var builder = BusinessCalendar.CreateBuilder(London)
            .AddWorkingHours(IsoDayOfWeek.Monday, new LocalTime(11, 0), Five)
            .AddWorkingHours(IsoDayOfWeek.Monday, Nine, new LocalTime(12, 0));
        var ex = Assert.Throws<BusinessCalendarDefinitionException>(builder.Build);
        Assert.Equal(["week.Monday: the working intervals 09:00-12:00 and 11:00-17:00 overlap."], ex.Errors);
        Assert.Equal("Invalid business calendar: week.Monday: the working intervals 09:00-12:00 and 11:00-17:00 overlap.", ex.Message);
        Assert.Null(ex.ParamName);
        Assert.Equal("ITSM-BT-CAL-001", ex.Code);
        Assert.Equal("ITSM-BT-CAL-001", BusinessCalendarDefinitionException.ErrorCode);
    }

    [Fact]
    public void Build_WithTouchingHours_IsValid()
    {
        var calendar = BusinessCalendar.CreateBuilder(London)
            .AddWorkingHours(IsoDayOfWeek.Monday, new LocalTime(12, 0), new LocalTime(13, 0))
            .AddWorkingHours(IsoDayOfWeek.Monday, Nine, new LocalTime(12, 0))
            .Build();
        Assert.Equal(Duration.FromHours(4), calendar.WorkingTimePerWeek);
        Assert.Equal(London.Local(2026, 1, 12, 12, 30), calendar.Add(London.Local(2026, 1, 12, 11, 30), Duration.FromHours(1)));
        Assert.Equal([new Interval(London.Local(2026, 1, 12, 9, 0), London.Local(2026, 1, 12, 13, 0))], calendar.GetWorkingIntervals(new LocalDate(2026, 1, 12)));
    }

    [Fact]
    public void Build_WithEmptyHours_ThrowsNamingTheDayAndIndex()
    {
        var builder = BusinessCalendar.CreateBuilder(London)
            .AddWorkingHours(IsoDayOfWeek.Tuesday, TimeOfDayRange.Parse("09:00-17:00"))
            .AddWorkingHours(IsoDayOfWeek.Tuesday, default);
        var ex = Assert.Throws<BusinessCalendarDefinitionException>(builder.Build);
        Assert.Equal(["week.Tuesday[1]: the working interval 00:00-00:00 is empty."], ex.Errors);
    }

    [Fact]
    public void Build_WithoutWorkingTime_ThrowsNoWorkingTimeAtAll()
    {
        var ex = Assert.Throws<BusinessCalendarDefinitionException>(BusinessCalendar.CreateBuilder(London).AddHoliday(new LocalDate(2026, 1, 1)).Build);
        Assert.Equal(["week: the calendar has no working time at all; give at least one day working hours."], ex.Errors);
        Assert.Equal("Invalid business calendar: week: the calendar has no working time at all; give at least one day working hours.", ex.Message);
    }

    [Fact]
    public void Build_WithEmptyClosure_ThrowsNamingTheClosure()
    {
        var builder = NineToFive(London)
            .AddClosure(new LocalDate(2026, 12, 31), TimeOfDayRange.Parse("13:00-24:00"))
            .AddClosure(new LocalDate(2026, 12, 24), default);
        var ex = Assert.Throws<BusinessCalendarDefinitionException>(builder.Build);
        Assert.Equal(["closures[1]: the closure on 2026-12-24 is empty."], ex.Errors);
    }

    [Fact]
    public void Build_WithSeveralProblems_ListsThemAll()
    {
        var builder = BusinessCalendar.CreateBuilder(London)
            .AddWorkingHours(IsoDayOfWeek.Monday, Nine, Five)
            .AddWorkingHours(IsoDayOfWeek.Monday, new LocalTime(16, 0), new LocalTime(18, 0))
            .AddWorkingHours(IsoDayOfWeek.Sunday, default)
            .AddClosure(new LocalDate(2026, 1, 5), default);
        var ex = Assert.Throws<BusinessCalendarDefinitionException>(builder.Build);
        string[] errors =
        [
            "week.Monday: the working intervals 09:00-17:00 and 16:00-18:00 overlap.",
            "week.Sunday[0]: the working interval 00:00-00:00 is empty.",
            "closures[0]: the closure on 2026-01-05 is empty.",
        ];
        Assert.Equal(errors, ex.Errors);
        Assert.Equal("Invalid business calendar (3 problems):" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", errors), ex.Message);
    }

    [Fact]
    public void Build_ReturnsCalendarsThatLaterChangesToTheBuilderDoNotAffect()
    {
        var builder = NineToFive(London);
        var first = builder.Build();
        builder.AddHoliday(new LocalDate(2026, 1, 12))
            .AddClosure(new LocalDate(2026, 1, 13), TimeOfDayRange.WholeDay)
            .AddWorkingHours(IsoDayOfWeek.Saturday, Nine, Five)
            .AddRecurringHoliday(HolidayRule.FixedDate(1, 14));
        var second = builder.Build();
        var from = London.Local(2026, 1, 12, 0, 0);
        var to = London.Local(2026, 1, 19, 0, 0);
        Assert.Equal(Duration.FromHours(40), first.Between(from, to));
        Assert.Equal(Duration.FromHours(24), second.Between(from, to));
        Assert.Empty(first.Holidays);
        Assert.Empty(first.Closures);
        Assert.Empty(first.RecurringHolidays);
        Assert.Empty(first.GetWeeklyHours(IsoDayOfWeek.Saturday));
    }
}
