using System;
using NodaTime;
using static Itsm.BusinessTime.Tests.TestCalendars;

namespace Itsm.BusinessTime.Tests;

/// <summary>Extra openings: in the builder, in the working hours of their date, and in the JSON format.</summary>
public sealed class OpeningTests
{
    private static readonly LocalDate Saturday = new(2026, 1, 17);
    private static readonly TimeOfDayRange TenToTwo = new(new LocalTime(10, 0), new LocalTime(14, 0));

    [Fact]
    public void AddOpening_OnADayOff_IsWorkingTime()
    {
        var calendar = NineToFive(London).AddOpening(Saturday, TenToTwo).Build();
        Assert.Equal([TenToTwo], calendar.GetWorkingHours(Saturday));
        Assert.True(calendar.IsWorking(London.Local(2026, 1, 17, 10)));
        Assert.False(calendar.IsWorking(London.Local(2026, 1, 17, 14)));
        Assert.Equal(Duration.FromHours(44), calendar.Between(London.Local(2026, 1, 12, 0), London.Local(2026, 1, 19, 0)));
        Assert.Equal(London.Local(2026, 1, 17, 10), calendar.NextWorkingInstant(London.Local(2026, 1, 16, 17)));
        Assert.Equal([new Opening(Saturday, TenToTwo)], calendar.Openings);
    }

    [Fact]
    public void AddOpening_JoinsTheWeeklyHoursAndOtherOpenings()
    {
        var monday = new LocalDate(2026, 1, 12);
        var calendar = NineToFive(London)
            .AddOpening(monday, TimeOfDayRange.Parse("16:00-19:00"))
            .AddOpening(monday, TimeOfDayRange.Parse("19:00-20:00"))
            .AddOpening(monday, TimeOfDayRange.Parse("07:00-08:00"))
            .Build();
        Assert.Equal([TimeOfDayRange.Parse("07:00-08:00"), TimeOfDayRange.Parse("09:00-20:00")], calendar.GetWorkingHours(monday));
    }

    [Fact]
    public void AddOpening_OnAHoliday_OpensThoseHoursOnly()
    {
        var christmas = new LocalDate(2026, 12, 25);
        var calendar = NineToFive(London)
            .AddRecurringHoliday(HolidayRule.FixedDate(12, 25))
            .AddOpening(christmas, TenToTwo)
            .Build();
        Assert.True(calendar.IsHoliday(christmas));
        Assert.Equal([TenToTwo], calendar.GetWorkingHours(christmas));
        Assert.Empty(calendar.GetWorkingHours(christmas.PlusYears(1)));
    }

    [Fact]
    public void AddOpening_BesideAClosureOfTheSameDate_BothApply()
    {
        var monday = new LocalDate(2026, 1, 12);
        var calendar = NineToFive(London)
            .AddClosure(monday, TimeOfDayRange.Parse("09:00-12:00"))
            .AddOpening(monday, TimeOfDayRange.Parse("17:00-19:00"))
            .Build();
        Assert.Equal([TimeOfDayRange.Parse("12:00-19:00")], calendar.GetWorkingHours(monday));
    }

    [Fact]
    public void Build_WithAnOpeningThatOverlapsAClosureOrIsEmpty_ListsEveryProblem()
    {
        var monday = new LocalDate(2026, 1, 12);
        var builder = NineToFive(London)
            .AddClosure(monday, TimeOfDayRange.Parse("12:00-14:00"))
            .AddClosure(Saturday, TimeOfDayRange.Parse("13:00-24:00"))
            .AddOpening(monday, TimeOfDayRange.Parse("13:00-15:00"))
            .AddOpening(Saturday, TenToTwo)
            .AddOpening(Saturday, default);
        var ex = Assert.Throws<BusinessCalendarDefinitionException>(builder.Build);
        Assert.Equal(
            [
                "openings[0]: the opening 13:00-15:00 on 2026-01-12 overlaps closures[0] (12:00-14:00) on the same date; a time cannot be both open and closed.",
                "openings[1]: the opening 10:00-14:00 on 2026-01-17 overlaps closures[1] (13:00-24:00) on the same date; a time cannot be both open and closed.",
                "openings[2]: the opening on 2026-01-17 is empty.",
            ],
            ex.Errors);
        Assert.Equal(BusinessCalendarDefinitionException.ErrorCode, ex.Code);
    }

    [Fact]
    public void AddOpening_RefusesANonIsoDate()
    {
        var julian = new LocalDate(2026, 1, 17, CalendarSystem.Julian);
        var ex = Assert.Throws<ArgumentException>(() => NineToFive(London).AddOpening(julian, TenToTwo));
        Assert.Equal("date", ex.ParamName);
    }

    [Fact]
    public void Json_ReadsAndWritesOpenings()
    {
        const string Json = """
            {
              "zone": "Europe/London",
              "week": { "Monday": ["09:00-17:00"] },
              "openings": [ { "date": "2026-01-17", "from": "10:00", "to": "14:00" } ]
            }
            """;
        var calendar = BusinessCalendar.FromJson(Json);
        Assert.Equal([new Opening(Saturday, TenToTwo)], calendar.Openings);
        string written = calendar.ToJson();
        Assert.Contains("\"openings\": [", written, StringComparison.Ordinal);
        Assert.Equal(calendar.Openings, BusinessCalendar.FromJson(written).Openings);
    }

    [Fact]
    public void Json_WithoutOpenings_WritesNoOpeningsField()
    {
        Assert.DoesNotContain("openings", NineToFive(London).Build().ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_WithBadOpenings_ListsEveryProblem()
    {
        const string Json = """
            {
              "zone": "Europe/London",
              "week": { "Monday": ["09:00-17:00"] },
              "closures": [ { "date": "2026-01-12", "from": "12:00", "to": "13:00" } ],
              "openings": [
                { "date": "2026-01-12", "from": "12:30", "to": "18:00" },
                { "date": "2026-01-17", "from": "10:00" },
                { "date": "2026-01-17", "from": "10:00", "to": "14:00", "note": "x" }
              ]
            }
            """;
        var ex = Assert.Throws<BusinessCalendarDefinitionException>(() => BusinessCalendar.FromJson(Json));
        Assert.Equal(
            [
                "openings[1]: 'to' is missing.",
                "openings[2]: 'note' is not an opening property (expected date, from, to).",
                "openings[0]: the opening 12:30-18:00 on 2026-01-12 overlaps closures[0] (12:00-13:00) on the same date; a time cannot be both open and closed.",
            ],
            ex.Errors);
        Assert.Equal("json", ex.ParamName);
    }
}
