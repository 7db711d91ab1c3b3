using System;
using System.Linq;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Text;

namespace Itsm.BusinessTime.Tests;

/// <summary>A bad calendar definition's message stays short however large the bad value or however many the problems (docs/limits.md).</summary>
public sealed class CalendarMessageLimitTests
{
    private static string WithZone(string zone) =>
        $$"""{ "zone": {{JsonSerializer.Serialize(zone)}}, "week": { "Monday": ["09:00-17:00"] } }""";

    [Fact]
    public void A_10_MB_zone_id_makes_a_short_message_that_says_how_long_it_was()
    {
        var ex = Assert.Throws<BusinessCalendarDefinitionException>(() => BusinessCalendar.FromJson(WithZone(new string('z', 10 * 1024 * 1024))));

        Assert.Equal(
            "Invalid business calendar: zone: '" + new string('z', 64) + "… (10485760 characters)' is not a known time zone id (expected an IANA id such as \"Europe/London\"). (Parameter 'json')",
            ex.Message);
    }

    [Fact]
    public void Thousands_of_bad_holidays_list_twenty_problems_then_the_count()
    {
        string holidays = string.Join(", ", Enumerable.Range(0, 3000).Select(i => "\"not a date\""));
        string json = $$"""{ "zone": "Europe/London", "week": { "Monday": ["09:00-17:00"] }, "holidays": [ {{holidays}} ] }""";

        var ex = Assert.Throws<BusinessCalendarDefinitionException>(() => BusinessCalendar.FromJson(json));

        Assert.Equal(3000, ex.Errors.Count);
        Assert.Equal(20, ex.Message.Split('\n').Count(line => line.StartsWith("- holidays", StringComparison.Ordinal)));
        Assert.Contains("- and 2980 more.", ex.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 100)]
    public Property A_bad_time_range_message_is_bounded_whatever_its_length() =>
        Prop.ForAll(Gen.Choose(0, 100_000).SelectMany(n => Gen.Elements('9', '\n', '\u0001', 'ß').Select(c => new string(c, n))).ToArbitrary(), bad =>
        {
            string json = $$"""{ "zone": "Europe/London", "week": { "Monday": [{{JsonSerializer.Serialize(bad)}}] } }""";
            var ex = Assert.Throws<BusinessCalendarDefinitionException>(() => BusinessCalendar.FromJson(json));

            // A range is quoted at most twice (the text and its "from" part), each at most QuotedText.MaxLength.
            return ex.Message.Length <= (2 * QuotedText.MaxLength) + 200;
        });
}
