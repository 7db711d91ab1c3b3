using System;
using NodaTime;

namespace Itsm.BusinessTime.Tests;

/// <summary>
/// Bad arguments throw exactly what they threw while this code used Ardalis.GuardClauses 5 (the rest
/// of Itsm still does): the same types, messages and parameter names.
/// </summary>
public sealed class ArgumentErrorTests
{
    [Fact]
    public void A_null_argument_throws_ArgumentNullException_with_the_standard_message()
    {
        var error = Assert.Throws<ArgumentNullException>(() => BusinessCalendar.FromJson(null!));

        Assert.Equal("json", error.ParamName);
        Assert.Equal("Value cannot be null. (Parameter 'json')", error.Message);
        Assert.Equal("zone", Assert.Throws<ArgumentNullException>(() => BusinessCalendar.CreateBuilder(null!)).ParamName);
        Assert.Equal("rule", Assert.Throws<ArgumentNullException>(() => BusinessCalendar.CreateBuilder(DateTimeZone.Utc).AddRecurringHoliday(null!)).ParamName);
    }

    [Fact]
    public void An_argument_out_of_range_throws_ArgumentOutOfRangeException_naming_it()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.FixedDate(13, 1));

        Assert.Equal("month", error.ParamName);
        Assert.Equal("Input month was out of range (Parameter 'month')", error.Message);
        Assert.Null(error.ActualValue);
        Assert.Equal("Input day was out of range (Parameter 'day')", Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.FixedDate(2, 30)).Message);
        Assert.Equal("Input weekday was out of range (Parameter 'weekday')", Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRule.LastWeekdayOfMonth(5, IsoDayOfWeek.None)).Message);
        Assert.Equal("Input day was out of range (Parameter 'day')", Assert.Throws<ArgumentOutOfRangeException>(() => BusinessCalendar.TwentyFourSeven.GetWeeklyHours((IsoDayOfWeek)8)).Message);
    }
}
