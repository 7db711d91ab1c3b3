using System;
using System.Linq;
using FsCheck.Xunit;
using Itsm.BusinessTime;
using NodaTime;
using static Itsm.BusinessTime.Tests.TestCalendars;

namespace Itsm.BusinessTime.Tests;

/// <summary>The JSON definition: <see cref="BusinessCalendar.FromJson(string)"/>, <see cref="BusinessCalendar.ToJson"/> and every invalid-definition error.</summary>
[Properties(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 100)]
public sealed class BusinessCalendarJsonTests
{
    private const string IssueExample = """
        {
          "zone": "Europe/London",
          "week": { "Monday": ["09:00-17:00"], "Tuesday": ["08:00-12:00", "13:00-17:30"],
                    "Friday": ["22:00-24:00"], "Saturday": ["00:00-06:00"] },
          "holidays": ["2026-12-25", "2026-12-28"],
          "closures": [ { "date": "2026-12-24", "from": "13:00", "to": "24:00" } ]
        }
        """;

    // What ToJson writes for the issue's example.
    private const string IssueExampleWritten = """
        {
          "zone": "Europe/London",
          "week": {
            "Monday": [
              "09:00-17:00"
            ],
            "Tuesday": [
              "08:00-12:00",
              "13:00-17:30"
            ],
            "Friday": [
              "22:00-24:00"
            ],
            "Saturday": [
              "00:00-06:00"
            ]
          },
          "holidays": [
            "2026-12-25",
            "2026-12-28"
          ],
          "closures": [
            {
              "date": "2026-12-24",
              "from": "13:00",
              "to": "24:00"
            }
          ]
        }
        """;

    private const string WithRulesWritten = """
        {
          "zone": "America/New_York",
          "week": {
            "Monday": [
              "08:30:15-17:00"
            ],
            "Sunday": [
              "00:00-06:00",
              "22:00-24:00"
            ]
          },
          "holidays": [
            "2026-01-02"
          ],
          "closures": [
            {
              "date": "2026-01-02",
              "from": "12:00:00.5",
              "to": "24:00"
            },
            {
              "date": "2026-01-05",
              "from": "00:00",
              "to": "10:00"
            }
          ],
          "recurringHolidays": [
            {
              "name": "Independence Day",
              "month": 7,
              "day": 4,
              "observed": "nearestWeekday"
            },
            {
              "month": 5,
              "weekday": "Monday",
              "occurrence": "last",
              "fromYear": 1971
            },
            {
              "name": "Thanksgiving",
              "month": 11,
              "weekday": "Thursday",
              "occurrence": 4,
              "observed": "nextWeekday",
              "fromYear": 2000,
              "toYear": 2030
            },
            {
              "easterOffset": -2
            }
          ]
        }
        """;

    [Fact]
    public void FromJson_TheIssueExample_Loads()
    {
        var calendar = BusinessCalendar.FromJson(IssueExample);
        Assert.Equal("Europe/London", calendar.Zone.Id);
        Assert.Equal([TimeOfDayRange.Parse("09:00-17:00")], calendar.GetWeeklyHours(IsoDayOfWeek.Monday));
        Assert.Equal([TimeOfDayRange.Parse("08:00-12:00"), TimeOfDayRange.Parse("13:00-17:30")], calendar.GetWeeklyHours(IsoDayOfWeek.Tuesday));
        Assert.Empty(calendar.GetWeeklyHours(IsoDayOfWeek.Wednesday));
        Assert.Empty(calendar.GetWeeklyHours(IsoDayOfWeek.Thursday));
        Assert.Equal([TimeOfDayRange.UntilEndOfDay(new LocalTime(22, 0))], calendar.GetWeeklyHours(IsoDayOfWeek.Friday));
        Assert.Equal([TimeOfDayRange.Parse("00:00-06:00")], calendar.GetWeeklyHours(IsoDayOfWeek.Saturday));
        Assert.Empty(calendar.GetWeeklyHours(IsoDayOfWeek.Sunday));
        Assert.Equal([new LocalDate(2026, 12, 25), new LocalDate(2026, 12, 28)], calendar.Holidays);
        Assert.Equal([new Closure(new LocalDate(2026, 12, 24), TimeOfDayRange.UntilEndOfDay(new LocalTime(13, 0)))], calendar.Closures);
        Assert.Empty(calendar.RecurringHolidays);
        Assert.Equal(Duration.FromMinutes(24 * 60 + 30), calendar.WorkingTimePerWeek);

        // Friday 2026-12-25 is a holiday: its night shift (22:00 to Saturday 06:00) loses the Friday part.
        Assert.True(calendar.IsHoliday(new LocalDate(2026, 12, 25)));
        Assert.Equal(Duration.FromHours(6), calendar.Between(London.Local(2026, 12, 25, 0, 0), London.Local(2026, 12, 27, 0, 0)));
        Assert.Equal(Duration.FromHours(8), calendar.Between(London.Local(2026, 12, 18, 0, 0), London.Local(2026, 12, 20, 0, 0)));
    }

    [Fact]
    public void FromJson_TheDocumentedExampleWithRecurringHolidays_Loads()
    {
        var calendar = BusinessCalendar.FromJson("""
            {
              "zone": "Europe/London",
              "week": { "Monday": ["09:00-17:00"], "Tuesday": ["08:00-12:00", "13:00-17:30"],
                        "Friday": ["22:00-24:00"], "Saturday": ["00:00-06:00"] },
              "holidays": ["2026-12-25", "2026-12-28"],
              "closures": [ { "date": "2026-12-24", "from": "13:00", "to": "24:00" } ],
              "recurringHolidays": [
                { "name": "New Year's Day", "month": 1, "day": 1, "observed": "nextWeekday" },
                { "name": "Good Friday", "easterOffset": -2 },
                { "name": "Early May bank holiday", "month": 5, "weekday": "Monday", "occurrence": 1 },
                { "name": "Spring bank holiday", "month": 5, "weekday": "Monday", "occurrence": "last" },
                { "name": "Christmas Day", "month": 12, "day": 25, "observed": "nextWeekday", "fromYear": 2000 }
              ]
            }
            """);
        Assert.Equal(
            [
                HolidayRule.FixedDate(1, 1).WithObservance(HolidayObservance.NextWeekday).WithName("New Year's Day"),
                HolidayRule.EasterRelative(-2).WithName("Good Friday"),
                HolidayRule.NthWeekdayOfMonth(5, IsoDayOfWeek.Monday, 1).WithName("Early May bank holiday"),
                HolidayRule.LastWeekdayOfMonth(5, IsoDayOfWeek.Monday).WithName("Spring bank holiday"),
                HolidayRule.FixedDate(12, 25).WithObservance(HolidayObservance.NextWeekday).WithName("Christmas Day").InYears(2000, null),
            ],
            calendar.RecurringHolidays);
        Assert.True(calendar.IsHoliday(new LocalDate(2026, 4, 3)));  // Good Friday
        Assert.True(calendar.IsHoliday(new LocalDate(2026, 5, 4)));  // first Monday in May
        Assert.True(calendar.IsHoliday(new LocalDate(2026, 5, 25))); // last Monday in May
        Assert.True(calendar.IsHoliday(new LocalDate(2022, 12, 26))); // Christmas 2022 (a Sunday) observed on Monday
        Assert.False(calendar.IsHoliday(new LocalDate(1999, 12, 27))); // the Christmas rule starts in 2000
    }

    [Fact]
    public void FromJson_AcceptsCommentsTrailingCommasAndAnyCaseDayNames()
    {
        var calendar = BusinessCalendar.FromJson("""
            {
              // The zone.
              "zone": "UTC",
              "week": { "monday": ["09:00-17:00",], "SUNDAY": ["10:00-11:00"], }, /* no holidays */
            }
            """);
        Assert.Equal([TimeOfDayRange.Parse("09:00-17:00")], calendar.GetWeeklyHours(IsoDayOfWeek.Monday));
        Assert.Equal([TimeOfDayRange.Parse("10:00-11:00")], calendar.GetWeeklyHours(IsoDayOfWeek.Sunday));
        Assert.Contains("\"Sunday\"", calendar.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_WritesTheDocumentedShape()
    {
        Assert.Equal(Normalize(IssueExampleWritten), Normalize(BusinessCalendar.FromJson(IssueExample).ToJson()));
    }

    [Fact]
    public void FromJson_ThenToJson_ReturnsTheSameText()
    {
        Assert.Equal(Normalize(IssueExampleWritten), Normalize(BusinessCalendar.FromJson(IssueExampleWritten).ToJson()));
        Assert.Equal(Normalize(WithRulesWritten), Normalize(BusinessCalendar.FromJson(WithRulesWritten).ToJson()));
    }

    [Fact]
    public void ToJson_ThenFromJson_ReturnsAnEquivalentCalendar()
    {
        var original = BusinessCalendar.CreateBuilder(NewYork)
            .AddWorkingHours(IsoDayOfWeek.Monday, new LocalTime(8, 30, 15), new LocalTime(17, 0))
            .AddWorkingHours(IsoDayOfWeek.Sunday, TimeOfDayRange.UntilEndOfDay(new LocalTime(22, 0)))
            .AddWorkingHours(IsoDayOfWeek.Sunday, TimeOfDayRange.Parse("00:00-06:00"))
            .AddHoliday(new LocalDate(2026, 1, 2))
            .AddHoliday(new LocalDate(2026, 1, 2))
            .AddClosure(new LocalDate(2026, 1, 5), TimeOfDayRange.Parse("00:00-10:00"))
            .AddClosure(new LocalDate(2026, 1, 2), TimeOfDayRange.UntilEndOfDay(new LocalTime(12, 0, 0).PlusMilliseconds(500)))
            .AddRecurringHoliday(HolidayRule.FixedDate(7, 4).WithObservance(HolidayObservance.NearestWeekday).WithName("Independence Day"))
            .AddRecurringHoliday(HolidayRule.LastWeekdayOfMonth(5, IsoDayOfWeek.Monday).InYears(1971, null))
            .AddRecurringHoliday(HolidayRule.NthWeekdayOfMonth(11, IsoDayOfWeek.Thursday, 4).WithObservance(HolidayObservance.NextWeekday).WithName("Thanksgiving").InYears(2000, 2030))
            .AddRecurringHoliday(HolidayRule.EasterRelative(-2))
            .Build();
        string json = original.ToJson();
        Assert.Equal(Normalize(WithRulesWritten), Normalize(json));

        var copy = BusinessCalendar.FromJson(json);
        AssertEquivalent(original, copy);
        Assert.Equal(original.Holidays, copy.Holidays);
        Assert.Equal(original.Closures, copy.Closures);
        Assert.Equal(original.RecurringHolidays, copy.RecurringHolidays);
        for (var date = new LocalDate(2020, 1, 1); date < new LocalDate(2032, 1, 1); date = date.PlusDays(1))
        {
            Assert.Equal(original.IsHoliday(date), copy.IsHoliday(date));
        }
    }

    [Fact]
    public void ToJson_ThenFromJson_RoundTripsFixedOffsetZonesAndTwentyFourSeven()
    {
        var fixedOffset = NineToFive(DateTimeZone.ForOffset(Offset.FromHoursAndMinutes(5, 30))).Build();
        var copy = BusinessCalendar.FromJson(fixedOffset.ToJson());
        Assert.Equal("UTC+05:30", copy.Zone.Id);
        AssertEquivalent(fixedOffset, copy);

        var always = BusinessCalendar.FromJson(BusinessCalendar.TwentyFourSeven.ToJson());
        AssertEquivalent(BusinessCalendar.TwentyFourSeven, always);
        Assert.Equal(Duration.FromDays(7), always.WorkingTimePerWeek);
    }

    [Fact]
    public void ToJson_ThenFromJson_KeepsRuleNamesWithQuotesAndAccents()
    {
        var original = NineToFive(London)
            .AddRecurringHoliday(HolidayRule.FixedDate(1, 1).WithName("New Year's Day"))
            .AddRecurringHoliday(HolidayRule.FixedDate(7, 14).WithName("Fête nationale \"14 juillet\" <&>"))
            .Build();
        var copy = BusinessCalendar.FromJson(original.ToJson());
        Assert.Equal(["New Year's Day", "Fête nationale \"14 juillet\" <&>"], copy.RecurringHolidays.Select(r => r.Name));
        Assert.Equal(original.RecurringHolidays, copy.RecurringHolidays);
    }

    [Property]
    public void ToJson_ThenFromJson_RoundTripsRandomCalendars(SpanCase c)
    {
        var original = c.Calendar.Engine;
        var copy = BusinessCalendar.FromJson(original.ToJson());
        AssertEquivalent(original, copy);
        Assert.Equal(original.Between(c.Start, c.End), copy.Between(c.Start, c.End));
        Assert.Equal(original.Holidays, copy.Holidays);
        Assert.Equal(original.Closures, copy.Closures);
        Assert.Equal(original.Openings, copy.Openings);
    }

    private static void AssertEquivalent(BusinessCalendar expected, BusinessCalendar actual)
    {
        Assert.Equal(expected.Zone.Id, actual.Zone.Id);
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            Assert.Equal(expected.GetWeeklyHours(day), actual.GetWeeklyHours(day));
        }

        Assert.Equal(expected.ToJson(), actual.ToJson());
        var from = Utc(2025, 6, 1, 0);
        var to = Utc(2027, 6, 1, 0);
        Assert.Equal(expected.Between(from, to), actual.Between(from, to));
    }

    private static string Normalize(string json) => json.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    // Invalid definitions.

    [Fact]
    public void FromJson_Null_ThrowsNamingTheParameter()
    {
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => BusinessCalendar.FromJson(null!)).ParamName);
        Assert.Equal("zoneProvider", Assert.Throws<ArgumentNullException>(() => BusinessCalendar.FromJson(IssueExample, null!)).ParamName);
    }

    [Fact]
    public void FromJson_WithAZoneProvider_ResolvesTheZoneWithIt()
    {
        var calendar = BusinessCalendar.FromJson("""{ "zone": "Europe/London", "week": { "Monday": ["09:00-17:00"] } }""", DateTimeZoneProviders.Tzdb);
        Assert.Same(DateTimeZoneProviders.Tzdb["Europe/London"], calendar.Zone);
    }

    [Theory]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["09:00-12:00", "11:00-17:00"] } }""",
        "week.Monday: the working intervals 09:00-12:00 and 11:00-17:00 overlap.")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["09:00-09:00"] } }""",
        "week.Monday[0]: The range '09:00-09:00' is empty: 'to' must be later than 'from'.")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["17:00-09:00"] } }""",
        "week.Monday[0]: The range '17:00-09:00' ends before it starts: 'to' must be later than 'from' (use 24:00 for the end of the day).")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["09:00-17:00"] }, "closures": [ { "date": "2026-12-24", "from": "17:00", "to": "13:00" } ] }""",
        "closures[0]: The range '17:00-13:00' ends before it starts: 'to' must be later than 'from' (use 24:00 for the end of the day).")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["09:00-17:00"] }, "closures": [ { "date": "2026-12-24", "from": "13:00", "to": "13:00" } ] }""",
        "closures[0]: The range '13:00-13:00' is empty: 'to' must be later than 'from'.")]
    [InlineData(
        """{ "zone": "Mars/Olympus", "week": { "Monday": ["09:00-17:00"] } }""",
        "zone: 'Mars/Olympus' is not a known time zone id (expected an IANA id such as \"Europe/London\").")]
    [InlineData(
        """{ "zone": 44, "week": { "Monday": ["09:00-17:00"] } }""",
        "zone: must be a string, an IANA time zone id such as \"Europe/London\".")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Funday": ["09:00-17:00"], "Monday": ["09:00-17:00"] } }""",
        "week: 'Funday' is not a day name (expected Monday, Tuesday, Wednesday, Thursday, Friday, Saturday or Sunday).")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Mon": ["09:00-17:00"], "Tuesday": ["09:00-17:00"] } }""",
        "week: 'Mon' is not a day name (expected Monday, Tuesday, Wednesday, Thursday, Friday, Saturday or Sunday).")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["09:00-17:00"] }, "holidays": ["2026-13-01"] }""",
        "holidays[0]: '2026-13-01' is not a date (expected \"yyyy-MM-dd\", for example \"2026-12-25\").")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["09:00-17:00"] }, "holidays": ["2026-12-25", "25/12/2026"] }""",
        "holidays[1]: '25/12/2026' is not a date (expected \"yyyy-MM-dd\", for example \"2026-12-25\").")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["09:00-17:00"] }, "holidays": [20261225] }""",
        "holidays[0]: must be a date string \"yyyy-MM-dd\".")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["09:00-17:00"] }, "closures": [ { "date": "2026-02-30", "from": "13:00", "to": "24:00" } ] }""",
        "closures[0].date: '2026-02-30' is not a date (expected \"yyyy-MM-dd\", for example \"2026-12-25\").")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["9am-17:00"] } }""",
        "week.Monday[0]: '9am' in '9am-17:00' is not a time of day: expected 'HH:mm' (00:00 to 23:59).")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["09:00-25:00"] } }""",
        "week.Monday[0]: '25:00' in '09:00-25:00' is not a time of day: expected 'HH:mm' (00:00 to 24:00).")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["24:00-24:00"] } }""",
        "week.Monday[0]: '24:00' in '24:00-24:00' is not a time of day: expected 'HH:mm' (00:00 to 23:59).")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["09:00"] } }""",
        "week.Monday[0]: '09:00' is not a time range: expected 'HH:mm-HH:mm'.")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": [900] } }""",
        "week.Monday[0]: must be a string \"HH:mm-HH:mm\".")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["09:00-17:00"] }, "closures": [ { "date": "2026-12-24", "from": "1pm", "to": "24:00" } ] }""",
        "closures[0]: '1pm' in '1pm-24:00' is not a time of day: expected 'HH:mm' (00:00 to 23:59).")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["09:00-17:00"] }, "closures": [ { "date": "2026-12-24", "from": "13:00" } ] }""",
        "closures[0]: 'to' is missing.")]
    [InlineData(
        """{ "zone": "Europe/London", "week": {} }""",
        "week: the calendar has no working time at all; give at least one day working hours.")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": [], "Friday": [] }, "holidays": ["2026-12-25"] }""",
        "week: the calendar has no working time at all; give at least one day working hours.")]
    [InlineData(
        """{ "zone": "Europe/London" }""",
        "week: the weekly working hours are missing.")]
    [InlineData(
        """{ "week": { "Monday": ["09:00-17:00"] } }""",
        "zone: the time zone id is missing (an IANA id such as \"Europe/London\").")]
    [InlineData(
        """{ "zone": "Europe/London", "week": { "Monday": ["09:00-17:00"] }, "holiday": ["2026-12-25"] }""",
        "'holiday' is not a calendar property (expected zone, week, holidays, closures, openings, recurringHolidays).")]
    [InlineData(
        """["Europe/London"]""",
        "the definition must be a JSON object with 'zone' and 'week'.")]
    public void FromJson_InvalidDefinition_ThrowsNamingTheProblem(string json, string error)
    {
        var ex = Assert.Throws<BusinessCalendarDefinitionException>(() => BusinessCalendar.FromJson(json));
        Assert.Equal([error], ex.Errors);
        Assert.Equal("Invalid business calendar: " + error, ex.Message[..ex.Message.IndexOf(" (Parameter 'json')", StringComparison.Ordinal)]);
        Assert.Equal("json", ex.ParamName);
        Assert.Equal("ITSM-BT-CAL-001", ex.Code);
    }

    [Theory]
    [InlineData("""{ "month": 2, "day": 30 }""", "recurringHolidays[0]: month 2 has no day 30.")]
    [InlineData("""{ "month": 13, "day": 1 }""", "recurringHolidays[0].month: must be a whole number from 1 to 12.")]
    [InlineData("""{ "month": 5, "weekday": "Monday" }""", "recurringHolidays[0]: a weekday rule needs 'month', 'weekday' and 'occurrence' (1-5 or \"last\"), and no 'day'.")]
    [InlineData("""{ "month": 5, "weekday": "Mon", "occurrence": 1 }""", "recurringHolidays[0].weekday: 'Mon' is not a day name (expected Monday to Sunday).")]
    [InlineData("""{ "month": 5, "weekday": "Monday", "occurrence": 6 }""", "recurringHolidays[0].occurrence: must be a number from 1 to 5, or \"last\".")]
    [InlineData("""{ "month": 5, "weekday": "Monday", "occurrence": "first" }""", "recurringHolidays[0].occurrence: must be a number from 1 to 5, or \"last\".")]
    [InlineData("""{ "easterOffset": 1, "month": 4 }""", "recurringHolidays[0]: an Easter-relative rule takes only 'easterOffset' (no month, day, weekday or occurrence).")]
    [InlineData("""{ "easterOffset": 201 }""", "recurringHolidays[0].easterOffset: must be a whole number from -200 to 200.")]
    [InlineData("""{ "month": 1, "day": 1, "observed": "monday" }""", "recurringHolidays[0].observed: 'monday' is not an observance (expected actual, nearestWeekday or nextWeekday).")]
    [InlineData("""{ "month": 1, "day": 1, "fromYear": 2030, "toYear": 2020 }""", "recurringHolidays[0]: 'toYear' 2020 is before 'fromYear' 2030.")]
    [InlineData("""{ "month": 1, "day": 1, "date": "2026-01-01" }""", "recurringHolidays[0]: 'date' is not a rule property (expected name, month, day, weekday, occurrence, easterOffset, observed, fromYear, toYear).")]
    [InlineData("""{ "name": "Nothing" }""", "recurringHolidays[0]: a rule needs 'month' and 'day', or 'month', 'weekday' and 'occurrence', or 'easterOffset'.")]
    [InlineData("""12""", "recurringHolidays[0]: must be an object.")]
    public void FromJson_InvalidRecurringHoliday_ThrowsNamingTheProblem(string rule, string error)
    {
        string json = $$"""{ "zone": "Europe/London", "week": { "Monday": ["09:00-17:00"] }, "recurringHolidays": [ {{rule}} ] }""";
        var ex = Assert.Throws<BusinessCalendarDefinitionException>(() => BusinessCalendar.FromJson(json));
        Assert.Equal([error], ex.Errors);
    }

    [Fact]
    public void FromJson_MalformedJson_ThrowsNotValidJson()
    {
        var ex = Assert.Throws<BusinessCalendarDefinitionException>(() => BusinessCalendar.FromJson("""{ "zone": "Europe/London", """));
        Assert.StartsWith("the text is not valid JSON: ", Assert.Single(ex.Errors), StringComparison.Ordinal);
        Assert.Equal("json", ex.ParamName);
    }

    [Fact]
    public void FromJson_WithSeveralProblems_ListsThemAll_AsDocumented()
    {
        var ex = Assert.Throws<BusinessCalendarDefinitionException>(() => BusinessCalendar.FromJson("""
            { "zone": "Mars/Base", "week": { "Monday": ["17:00-09:00"] }, "holidays": ["2026-13-01"] }
            """));
        string expected = string.Join(
            Environment.NewLine,
            "Invalid business calendar (3 problems):",
            "- zone: 'Mars/Base' is not a known time zone id (expected an IANA id such as \"Europe/London\").",
            "- week.Monday[0]: The range '17:00-09:00' ends before it starts: 'to' must be later than 'from' (use 24:00 for the end of the day).",
            "- holidays[0]: '2026-13-01' is not a date (expected \"yyyy-MM-dd\", for example \"2026-12-25\").");
        Assert.Equal(3, ex.Errors.Count);
        Assert.Equal(expected + " (Parameter 'json')", ex.Message);
    }

    [Fact]
    public void FromJson_WithProblemsAndAValidZone_ListsTheDefinitionProblemsToo()
    {
        var ex = Assert.Throws<BusinessCalendarDefinitionException>(() => BusinessCalendar.FromJson("""
            { "zone": "Europe/London", "week": { "Monday": ["09:00-12:00", "11:00-17:00"], "Tuesday": ["9-5"] }, "holidays": ["2026-12-32"] }
            """));
        Assert.Equal(
            [
                "week.Tuesday[0]: '9' in '9-5' is not a time of day: expected 'HH:mm' (00:00 to 23:59).",
                "holidays[0]: '2026-12-32' is not a date (expected \"yyyy-MM-dd\", for example \"2026-12-25\").",
                "week.Monday: the working intervals 09:00-12:00 and 11:00-17:00 overlap.",
            ],
            ex.Errors.ToArray());
    }
}
