using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Tests.Hardening;
using Xunit;

namespace Itsm.BusinessTime.Tests.Hardening;

/// <summary>
/// The calendar JSON reader and <see cref="TimeOfDayRange.Parse"/> under damaged input: they read the text or refuse it
/// with their documented exception (<see cref="BusinessCalendarDefinitionException"/> naming <c>json</c>; a
/// <see cref="FormatException"/>) and a bounded message, never another exception; an accepted calendar reads the same
/// twice and survives its writer.
/// </summary>
public sealed class CalendarReaderFuzzTests
{
    /// <summary>The example of docs/business-calendar-json.md.</summary>
    private const string Calendar = """
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
        """;

    [Property]
    public Property Calendar_ReadsOrIsRefusedWithBusinessCalendarDefinitionException() =>
        Prop.ForAll(HostileText.Json(Calendar), d => HostileText.ReadsOrRefuses<BusinessCalendarDefinitionException>(() => BusinessCalendar.FromJson(d.Text), "json"));

    [Property]
    public Property AnAcceptedCalendar_ReadsTheSameTwiceAndSurvivesItsWriter() =>
        Prop.ForAll(HostileText.Json(Calendar), d =>
        {
            string first;
            try
            {
                first = BusinessCalendar.FromJson(d.Text).ToJson();
            }
            catch (BusinessCalendarDefinitionException)
            {
                return true;
            }

            return BusinessCalendar.FromJson(d.Text).ToJson() == first && BusinessCalendar.FromJson(first).ToJson() == first;
        });

    [Property]
    public Property TimeOfDayRange_ParsesOrThrowsAShortFormatException() =>
        Prop.ForAll(HostileText.Text("09:00-17:30", "22:00-24:00", "08:00:30.123456789-12:00"), d =>
        {
            try
            {
                return TimeOfDayRange.Parse(d.Text).ToString() is { Length: > 0 };
            }
            catch (FormatException e)
            {
                return e.Message.Length <= HostileText.MaxMessage;
            }
        });

    [Fact]
    public void AHugeTimeOfDayRange_ThrowsAShortFormatException()
    {
        var e = Assert.Throws<FormatException>(() => TimeOfDayRange.Parse("09:00-" + new string('9', 1 << 20)));

        Assert.InRange(e.Message.Length, 1, 1_000);
    }

    [Fact]
    public void ARawUnpairedSurrogate_IsRefusedAsInvalidJson()
    {
        var e = Assert.Throws<BusinessCalendarDefinitionException>(() => BusinessCalendar.FromJson(Calendar.Replace("New Year's Day", "New Year\uD800", StringComparison.Ordinal)));

        Assert.Equal(("the text is not valid JSON: it holds an unpaired surrogate.", "json"), (Assert.Single(e.Errors), e.ParamName));
    }

    [Theory]
    [InlineData("\"Europe/London\"", "\"Europe/London\\uD800\"", "$.zone: is not valid text (an unpaired surrogate).")]
    [InlineData("\"09:00-17:00\"", "\"\\uDC0009:00-17:00\"", "$.week.Monday[0]: is not valid text (an unpaired surrogate).")]
    [InlineData("\"holidays\"", "\"holi\\uD800days\"", "$ (a property name): is not valid text (an unpaired surrogate).")]
    public void AnUnpairedSurrogate_IsRefusedNamingWhere(string find, string replace, string error)
    {
        var at = Calendar.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0);

        var e = Assert.Throws<BusinessCalendarDefinitionException>(() => BusinessCalendar.FromJson(Calendar[..at] + replace + Calendar[(at + find.Length)..]));

        Assert.Equal((error, "json"), (Assert.Single(e.Errors), e.ParamName));
    }
}
