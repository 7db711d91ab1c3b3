using System;
using System.IO;
using System.Linq;
using System.Text;
using NodaTime;

namespace Itsm.BusinessTime.ICalendar.Tests;

/// <summary><see cref="ICalendarFeed"/> on real-looking feeds: what becomes a holiday, what a closure, and over which dates.</summary>
public sealed class ICalendarFeedTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly DateInterval Year2026 = new(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31));
    private static readonly DateInterval FiveYears = new(new LocalDate(2026, 1, 1), new LocalDate(2030, 12, 31));

    private static LocalDate D(int year, int month, int day) => new(year, month, day);

    private static TimeOfDayRange Hours(string text) => TimeOfDayRange.Parse(text);

    [Fact]
    public void Read_APublicHolidayFeed_GivesItsDatesAndSkipsCancelledEvents()
    {
        var read = ICalendarFeed.Read(Feeds.PublicHolidays, Berlin, Year2026);
        Assert.Equal([D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 10, 3), D(2026, 12, 24), D(2026, 12, 25), D(2026, 12, 26)], read.Holidays);
        Assert.Empty(read.Closures);
    }

    [Fact]
    public void Read_AllDayEvents_AreDatesWhateverTheCalendarsZone()
    {
        // A holiday is a date: New Year's Day is 2026-01-01 in New York too, not 24 hours from midnight UTC.
        var read = ICalendarFeed.Read(Feeds.PublicHolidays, NewYork, new DateInterval(D(2026, 1, 1), D(2026, 1, 31)));
        Assert.Equal([D(2026, 1, 1)], read.Holidays);
    }

    [Fact]
    public void Read_ExpandsYearlyRulesOverTheRangeOnly_WithoutTheExcludedDate()
    {
        var read = ICalendarFeed.Read(Feeds.TeamCalendar, London, FiveYears);
        LocalDate[] expected =
        [
            D(2026, 11, 26), D(2026, 12, 25), D(2026, 12, 26),
            D(2027, 11, 25), D(2027, 12, 25), D(2027, 12, 26),
            D(2028, 11, 23),
            D(2029, 11, 22), D(2029, 12, 25), D(2029, 12, 26),
            D(2030, 11, 28), D(2030, 12, 25), D(2030, 12, 26),
        ];
        Assert.Equal(expected, read.Holidays);
    }

    [Fact]
    public void Read_TimedEvents_AreClosuresInTheCalendarsZone_SplitAtMidnight()
    {
        var read = ICalendarFeed.Read(Feeds.TeamCalendar, London, Year2026);
        Closure[] expected =
        [
            new(D(2026, 1, 6), Hours("13:00-15:00")),
            new(D(2026, 2, 3), Hours("13:00-15:00")),
            new(D(2026, 3, 3), Hours("13:00-15:00")),
            new(D(2026, 4, 7), Hours("13:00-15:00")),
            new(D(2026, 5, 5), Hours("13:00-15:00")),
            new(D(2026, 6, 2), Hours("13:00-15:00")),
            new(D(2026, 12, 11), Hours("15:00-24:00")),
            new(D(2026, 12, 12), Hours("00:00-02:00")),
        ];
        Assert.Equal(expected, read.Closures);
    }

    [Fact]
    public void Read_ClipsEventsToTheRange()
    {
        var read = ICalendarFeed.Read(Feeds.PublicHolidays, Berlin, new DateInterval(D(2026, 12, 25), D(2026, 12, 31)));
        Assert.Equal([D(2026, 12, 25), D(2026, 12, 26)], read.Holidays);
        Assert.Empty(ICalendarFeed.Read(Feeds.PublicHolidays, Berlin, new DateInterval(D(2027, 1, 1), D(2027, 12, 31))).Holidays);
    }

    [Fact]
    public void Read_AFloatingTime_IsTheCalendarsWallClock()
    {
        string feed = Feed("BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260310T120000\r\nDTEND:20260310T133000\r\nEND:VEVENT\r\n");
        Assert.Equal([new Closure(D(2026, 3, 10), Hours("12:00-13:30"))], ICalendarFeed.Read(feed, NewYork, Year2026).Closures);
    }

    [Fact]
    public void Read_AnAllDayEventWithoutEnd_LastsOneDay()
    {
        string feed = Feed("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20260704\r\nEND:VEVENT\r\n");
        Assert.Equal([D(2026, 7, 4)], ICalendarFeed.Read(feed, NewYork, Year2026).Holidays);
    }

    [Fact]
    public void Read_FromAStreamWithAByteOrderMark_ReadsTheSame()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Feeds.PublicHolidays)).ToArray());
        Assert.Equal(ICalendarFeed.Read(Feeds.PublicHolidays, Berlin, Year2026).Holidays, ICalendarFeed.Read(stream, Berlin, Year2026).Holidays);
        Assert.True(stream.CanRead);
    }

    [Fact]
    public void AddHolidaysFromICalendar_BuildsACalendarThatClosesTheFeedsTime()
    {
        var calendar = BusinessCalendar.CreateBuilder(London)
            .AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0))
            .AddHolidaysFromICalendar(Feeds.TeamCalendar, Year2026)
            .Build();
        Assert.True(calendar.IsHoliday(D(2026, 12, 25)));
        Assert.False(calendar.IsWorking(London.AtStrictly(new LocalDateTime(2026, 1, 6, 14, 0)).ToInstant()));
        Assert.Equal(Duration.FromHours(6), calendar.Between(London.AtStartOfDay(D(2026, 1, 6)).ToInstant(), London.AtStartOfDay(D(2026, 1, 7)).ToInstant()));
        Assert.Equal(Duration.FromHours(6), calendar.Between(London.AtStartOfDay(D(2026, 12, 11)).ToInstant(), London.AtStartOfDay(D(2026, 12, 12)).ToInstant()));
    }

    [Fact]
    public void AddHolidaysFromICalendar_FromAStream_AddsTheSameHolidays()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Feeds.PublicHolidays));
        var calendar = BusinessCalendar.CreateBuilder(Berlin)
            .AddWeekdayHours(new LocalTime(8, 0), new LocalTime(16, 0))
            .AddHolidaysFromICalendar(stream, Year2026)
            .Build();
        Assert.Equal([D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 10, 3), D(2026, 12, 24), D(2026, 12, 25), D(2026, 12, 26)], calendar.Holidays);
    }

    internal static string Feed(string events) => "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + events + "END:VCALENDAR\r\n";
}
