using System;
using System.IO;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Tests.Hardening;
using NodaTime;

namespace Itsm.BusinessTime.ICalendar.Tests.Hardening;

/// <summary>
/// <see cref="ICalendarFeed.Read(string, DateTimeZone, DateInterval)"/> and its stream overload under damaged feeds
/// (truncation, flipped characters and bytes, unpaired surrogates, huge and negative numbers in dates and rules): each
/// reads the feed or refuses it with <see cref="ICalendarFeedException"/> naming <c>ics</c> and a bounded message.
/// </summary>
public sealed class FeedReaderFuzzTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly DateInterval TwoYears = new(new LocalDate(2026, 1, 1), new LocalDate(2027, 12, 31));

    [Property]
    public Property Text_ReadsOrIsRefusedWithICalendarFeedException() =>
        Prop.ForAll(HostileText.Text(Feeds.PublicHolidays, Feeds.TeamCalendar), d =>
            HostileText.ReadsOrRefuses<ICalendarFeedException>(() => ICalendarFeed.Read(d.Text, Berlin, TwoYears), "ics"));

    [Property]
    public Property Bytes_ReadOrAreRefusedWithICalendarFeedException() =>
        Prop.ForAll(HostileText.Text(Feeds.PublicHolidays, Feeds.TeamCalendar), Gen.Choose(0, int.MaxValue).ToArbitrary(), (d, seed) =>
        {
            var bytes = Encoding.UTF8.GetBytes(d.Text);
            if (bytes.Length > 0)
            {
                bytes[seed % bytes.Length] ^= (byte)(1 << (seed % 8));
            }

            return HostileText.ReadsOrRefuses<ICalendarFeedException>(() => ICalendarFeed.Read(new MemoryStream(bytes), Berlin, TwoYears), "ics");
        });

    [Property]
    public Property AnAcceptedFeed_ReadsTheSameTwice() =>
        Prop.ForAll(HostileText.Text(Feeds.PublicHolidays, Feeds.TeamCalendar), d =>
        {
            ICalendarClosures first;
            try
            {
                first = ICalendarFeed.Read(d.Text, Berlin, TwoYears);
            }
            catch (ICalendarFeedException)
            {
                return true;
            }

            var second = ICalendarFeed.Read(d.Text, Berlin, TwoYears);
            return first.Holidays.SequenceEqual(second.Holidays) && first.Closures.SequenceEqual(second.Closures);
        });

    [Theory]
    [InlineData("DTSTART;VALUE=DATE:99999999")]
    [InlineData("DTSTART:20260101T250000Z")]
    [InlineData("DTSTART:-20260101")]
    [InlineData("RRULE:FREQ=DAILY;COUNT=9223372036854775808")]
    [InlineData("RRULE:FREQ=DAILY;COUNT=-1")]
    [InlineData("RRULE:FREQ=YEARLY;INTERVAL=0")]
    [InlineData("RRULE:FREQ=YEARLY;INTERVAL=-1")]
    [InlineData("RRULE:FREQ=YEARLY;INTERVAL=1e400")]
    [InlineData("RRULE:FREQ=DAILY;BYMONTHDAY=2147483648")]
    [InlineData("RRULE:FREQ=MONTHLY;BYDAY=-2147483648MO")]
    [InlineData("RRULE:FREQ=DAILY;UNTIL=99991231")]
    [InlineData("DURATION:P99999999999D")]
    [InlineData("DURATION:-P1D")]
    [InlineData("EXDATE:not-a-date")]
    [InlineData("RDATE;VALUE=PERIOD:20260101T000000Z/P-1D")]
    public void AHostileLineInAnEvent_IsReadOrRefusedWithTheFeedException(string line)
    {
        const string After = "DTEND;VALUE=DATE:20260102\r\n";
        var at = Feeds.PublicHolidays.IndexOf(After, StringComparison.Ordinal) + After.Length;
        var feed = Feeds.PublicHolidays.Insert(at, line + "\r\n");

        Assert.True(HostileText.ReadsOrRefuses<ICalendarFeedException>(() => ICalendarFeed.Read(feed, Berlin, TwoYears), "ics"));
    }
}
