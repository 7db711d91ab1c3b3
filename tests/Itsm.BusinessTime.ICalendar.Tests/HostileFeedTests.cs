using System;
using System.IO;
using System.Text;
using NodaTime;
using static Itsm.BusinessTime.ICalendar.Tests.ICalendarFeedTests;

namespace Itsm.BusinessTime.ICalendar.Tests;

/// <summary>Malformed and hostile feeds fail fast with a bounded message naming the problem; nothing hangs or expands without end.</summary>
public sealed class HostileFeedTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly DateInterval Year2026 = new(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31));

    private static ICalendarFeedException Refused(string feed)
    {
        var ex = Assert.Throws<ICalendarFeedException>(() => ICalendarFeed.Read(feed, London, Year2026));
        Assert.Equal(ICalendarFeedException.ErrorCode, ex.Code);
        Assert.True(ex.Message.Length < 2_000, $"The message has {ex.Message.Length} characters.");
        return ex;
    }

    [Fact]
    public void Read_TextThatIsNotICalendar_IsRefused()
    {
        var ex = Refused("<html><body>Not found</body></html>");
        Assert.Equal(["the feed is not iCalendar text: Could not parse line: '<html><body>Not found</body></html>'"], ex.Errors);
        Assert.Equal("ics", ex.ParamName);
    }

    [Fact]
    public void Read_AnEmptyFeed_IsRefused()
    {
        Assert.Equal(["the feed holds no VCALENDAR."], Refused("").Errors);
    }

    [Fact]
    public void Read_AnUnclosedEvent_IsRefused()
    {
        Assert.Equal(
            ["the feed is not iCalendar text: Expected 'END:VEVENT', found 'END:VCALENDAR'"],
            Refused(Feed("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20260101\r\n")).Errors);
    }

    [Fact]
    public void Read_EventsWithBadTimes_AreAllListedByUidAndSummary()
    {
        var ex = Refused(Feed(
            "BEGIN:VEVENT\r\nUID:no-start\r\nSUMMARY:Mystery\r\nEND:VEVENT\r\n" +
            "BEGIN:VEVENT\r\nUID:backwards\r\nSUMMARY:Backwards\r\nDTSTART:20260102T100000Z\r\nDTEND:20260101T100000Z\r\nEND:VEVENT\r\n" +
            "BEGIN:VEVENT\r\nUID:mixed\r\nSUMMARY:Mixed\r\nDTSTART;VALUE=DATE:20260102\r\nDTEND:20260103T100000Z\r\nEND:VEVENT\r\n"));
        Assert.Equal(
            [
                "event 'no-start' ('Mystery'): has no valid DTSTART.",
                "event 'backwards' ('Backwards'): DTEND 2026-01-01T10:00:00Z is before DTSTART 2026-01-02T10:00:00Z.",
                "event 'mixed' ('Mixed'): DTSTART and DTEND must both be dates or both be date-times.",
            ],
            ex.Errors);
    }

    [Fact]
    public void Read_AnUnknownTimeZone_IsRefusedNamingTheEvent()
    {
        var ex = Refused(Feed("BEGIN:VEVENT\r\nUID:tz\r\nSUMMARY:Somewhere\r\nDTSTART;TZID=Mars/Olympus_Mons:20260102T100000\r\nDTEND;TZID=Mars/Olympus_Mons:20260102T110000\r\nEND:VEVENT\r\n"));
        Assert.Single(ex.Errors);
        Assert.StartsWith("event 'tz' ('Somewhere'): its times cannot be read: ", ex.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AFeedLongerThanTheLimit_IsRefusedBeforeParsing()
    {
        string huge = new('x', ICalendarFeed.MaxFeedLength + 1);
        Assert.Equal(["the feed has 16777217 characters, more than the 16777216 read."], Refused(huge).Errors);
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(huge));
        var ex = Assert.Throws<ICalendarFeedException>(() => ICalendarFeed.Read(stream, London, Year2026));
        Assert.Equal(["the feed is longer than the 16777216 characters read."], ex.Errors);
    }

    [Fact]
    public void Read_ARuleThatRecursTooOften_IsRefusedInsteadOfExpandingWithoutEnd()
    {
        var ex = Refused(Feed("BEGIN:VEVENT\r\nUID:s\r\nDTSTART:20260101T000000Z\r\nDTEND:20260101T000001Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\n"));
        Assert.Equal(["the events recur more than 10000 times over 2026-01-01 to 2026-12-31; give a shorter range."], ex.Errors);
    }

    [Fact]
    public void Read_ARuleThatNeverMatches_StopsAtTheEvaluationLimit()
    {
        var ex = Refused(Feed("BEGIN:VEVENT\r\nUID:feb30\r\nDTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\nEND:VEVENT\r\n"));
        Assert.Single(ex.Errors);
        Assert.StartsWith("the events cannot be expanded: ", ex.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AHugeBadLine_GivesABoundedMessage()
    {
        var ex = Refused(new string('<', 1_000_000));
        Assert.StartsWith("the feed is not iCalendar text: Could not parse line: '<<<", ex.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DeeplyNestedComponents_AreRefusedWithoutOverflowingTheStack()
    {
        var nested = new StringBuilder("BEGIN:VCALENDAR\r\n");
        for (int i = 0; i < 50_000; i++)
        {
            nested.Append("BEGIN:VEVENT\r\n");
        }

        Refused(nested.ToString());
    }

    [Fact]
    public void Read_ArgumentsOutsideTheSupportedDates_AreRefused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ICalendarFeed.Read(Feeds.PublicHolidays, London, new DateInterval(new LocalDate(1899, 12, 31), new LocalDate(1900, 1, 1))));
        Assert.Equal("range", ex.ParamName);
        Assert.Throws<ArgumentNullException>(() => ICalendarFeed.Read((string)null!, London, Year2026));
        Assert.Throws<ArgumentNullException>(() => ICalendarFeed.Read(Feeds.PublicHolidays, null!, Year2026));
        Assert.Throws<ArgumentNullException>(() => ((BusinessCalendarBuilder)null!).AddHolidaysFromICalendar(Feeds.PublicHolidays, Year2026));
    }
}
