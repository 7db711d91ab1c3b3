using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Itsm.BusinessTime.ICalendar.Tests;

/// <summary>
/// A yearly all-day rule with an excluded year, expanded by the feed reader over a random range,
/// against the dates worked out directly: every year of the range from the rule's start on, on the
/// rule's month and day, less the excluded one.
/// </summary>
public sealed class YearlyRulePropertyTests
{
    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property YearlyRule_ExpandsToItsDatesInTheRange()
    {
        var cases =
            from month in Gen.Choose(1, 12)
            from day in Gen.Choose(1, 28)
            from startYear in Gen.Choose(1990, 2040)
            from excluded in Gen.Choose(1990, 2060)
            from firstYear in Gen.Choose(1980, 2050)
            from firstDay in Gen.Choose(0, 364)
            from length in Gen.Choose(0, 365 * 12)
            select (month, day, startYear, excluded, Range: new DateInterval(new LocalDate(firstYear, 1, 1).PlusDays(firstDay), new LocalDate(firstYear, 1, 1).PlusDays(firstDay + length)));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            string feed = ICalendarFeedTests.Feed(string.Create(
                CultureInfo.InvariantCulture,
                $"BEGIN:VEVENT\r\nUID:r\r\nDTSTART;VALUE=DATE:{c.startYear:0000}{c.month:00}{c.day:00}\r\nRRULE:FREQ=YEARLY\r\nEXDATE;VALUE=DATE:{c.excluded:0000}{c.month:00}{c.day:00}\r\nEND:VEVENT\r\n"));
            var expected = Enumerable.Range(c.Range.Start.Year, c.Range.End.Year - c.Range.Start.Year + 1)
                .Where(year => year >= c.startYear && year != c.excluded)
                .Select(year => new LocalDate(year, c.month, c.day))
                .Where(c.Range.Contains)
                .ToArray();
            var read = ICalendarFeed.Read(feed, DateTimeZoneProviders.Tzdb["Pacific/Auckland"], c.Range);
            return read.Holidays.SequenceEqual(expected) && read.Closures.Count == 0;
        });
    }
}
