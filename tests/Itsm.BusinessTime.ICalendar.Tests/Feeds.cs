namespace Itsm.BusinessTime.ICalendar.Tests;

/// <summary>Feeds in the shapes real holiday calendars publish.</summary>
internal static class Feeds
{
    /// <summary>
    /// A public-holiday feed as holiday services publish them and Zammad or Jira Service Management
    /// import: one all-day, transparent event per holiday and year, folded lines, CRLF.
    /// </summary>
    public const string PublicHolidays =
        "BEGIN:VCALENDAR\r\n" +
        "PRODID:-//Example Holidays//Germany//EN\r\n" +
        "VERSION:2.0\r\n" +
        "CALSCALE:GREGORIAN\r\n" +
        "METHOD:PUBLISH\r\n" +
        "X-WR-CALNAME:Holidays in Germany\r\n" +
        "X-WR-TIMEZONE:UTC\r\n" +
        "BEGIN:VEVENT\r\n" +
        "DTSTART;VALUE=DATE:20260101\r\n" +
        "DTEND;VALUE=DATE:20260102\r\n" +
        "DTSTAMP:20251201T000000Z\r\n" +
        "UID:20260101_de_newyear@holidays.example\r\n" +
        "CLASS:PUBLIC\r\n" +
        "SUMMARY:New Year's Day\r\n" +
        "DESCRIPTION:Public holiday. To hide observances\\, go to the calendar settings\r\n" +
        "  and choose public holidays only.\r\n" +
        "STATUS:CONFIRMED\r\n" +
        "TRANSP:TRANSPARENT\r\n" +
        "END:VEVENT\r\n" +
        "BEGIN:VEVENT\r\n" +
        "DTSTART;VALUE=DATE:20260403\r\n" +
        "DTEND;VALUE=DATE:20260404\r\n" +
        "DTSTAMP:20251201T000000Z\r\n" +
        "UID:20260403_de_goodfriday@holidays.example\r\n" +
        "SUMMARY:Good Friday\r\n" +
        "TRANSP:TRANSPARENT\r\n" +
        "END:VEVENT\r\n" +
        "BEGIN:VEVENT\r\n" +
        "DTSTART;VALUE=DATE:20260406\r\n" +
        "DTEND;VALUE=DATE:20260407\r\n" +
        "DTSTAMP:20251201T000000Z\r\n" +
        "UID:20260406_de_eastermonday@holidays.example\r\n" +
        "SUMMARY:Easter Monday\r\n" +
        "TRANSP:TRANSPARENT\r\n" +
        "END:VEVENT\r\n" +
        "BEGIN:VEVENT\r\n" +
        "DTSTART;VALUE=DATE:20261003\r\n" +
        "DTEND;VALUE=DATE:20261004\r\n" +
        "DTSTAMP:20251201T000000Z\r\n" +
        "UID:20261003_de_unity@holidays.example\r\n" +
        "SUMMARY:Day of German Unity\r\n" +
        "TRANSP:TRANSPARENT\r\n" +
        "END:VEVENT\r\n" +
        "BEGIN:VEVENT\r\n" +
        "DTSTART;VALUE=DATE:20261224\r\n" +
        "DTEND;VALUE=DATE:20261227\r\n" +
        "DTSTAMP:20251201T000000Z\r\n" +
        "UID:20261224_de_christmas@holidays.example\r\n" +
        "SUMMARY:Christmas (office closed)\r\n" +
        "TRANSP:TRANSPARENT\r\n" +
        "END:VEVENT\r\n" +
        "BEGIN:VEVENT\r\n" +
        "DTSTART;VALUE=DATE:20260501\r\n" +
        "DTEND;VALUE=DATE:20260502\r\n" +
        "DTSTAMP:20251201T000000Z\r\n" +
        "UID:20260501_de_labour@holidays.example\r\n" +
        "SUMMARY:Labour Day (moved)\r\n" +
        "STATUS:CANCELLED\r\n" +
        "END:VEVENT\r\n" +
        "END:VCALENDAR\r\n";

    /// <summary>
    /// A support team's own calendar, as exported from a groupware server: yearly holidays by RRULE (one
    /// of them skipped in 2028 by EXDATE), a monthly maintenance window in Berlin time with its
    /// VTIMEZONE, and a company event that runs past midnight.
    /// </summary>
    public const string TeamCalendar =
        "BEGIN:VCALENDAR\r\n" +
        "VERSION:2.0\r\n" +
        "PRODID:-//Example Corp//Service Desk//EN\r\n" +
        "BEGIN:VTIMEZONE\r\n" +
        "TZID:Europe/Berlin\r\n" +
        "BEGIN:DAYLIGHT\r\n" +
        "TZOFFSETFROM:+0100\r\n" +
        "TZOFFSETTO:+0200\r\n" +
        "TZNAME:CEST\r\n" +
        "DTSTART:19700329T020000\r\n" +
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n" +
        "END:DAYLIGHT\r\n" +
        "BEGIN:STANDARD\r\n" +
        "TZOFFSETFROM:+0200\r\n" +
        "TZOFFSETTO:+0100\r\n" +
        "TZNAME:CET\r\n" +
        "DTSTART:19701025T030000\r\n" +
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n" +
        "END:STANDARD\r\n" +
        "END:VTIMEZONE\r\n" +
        "BEGIN:VEVENT\r\n" +
        "UID:christmas@corp.example\r\n" +
        "DTSTAMP:20250101T000000Z\r\n" +
        "DTSTART;VALUE=DATE:20201225\r\n" +
        "DTEND;VALUE=DATE:20201227\r\n" +
        "RRULE:FREQ=YEARLY\r\n" +
        "EXDATE;VALUE=DATE:20281225\r\n" +
        "SUMMARY:Christmas\r\n" +
        "END:VEVENT\r\n" +
        "BEGIN:VEVENT\r\n" +
        "UID:thanksgiving@corp.example\r\n" +
        "DTSTAMP:20250101T000000Z\r\n" +
        "DTSTART;VALUE=DATE:20201126\r\n" +
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH\r\n" +
        "SUMMARY:Thanksgiving\r\n" +
        "END:VEVENT\r\n" +
        "BEGIN:VEVENT\r\n" +
        "UID:maintenance@corp.example\r\n" +
        "DTSTAMP:20250101T000000Z\r\n" +
        "DTSTART;TZID=Europe/Berlin:20260106T140000\r\n" +
        "DTEND;TZID=Europe/Berlin:20260106T160000\r\n" +
        "RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=6\r\n" +
        "SUMMARY:Maintenance window\r\n" +
        "END:VEVENT\r\n" +
        "BEGIN:VEVENT\r\n" +
        "UID:party@corp.example\r\n" +
        "DTSTAMP:20250101T000000Z\r\n" +
        "DTSTART:20261211T150000Z\r\n" +
        "DTEND:20261212T020000Z\r\n" +
        "SUMMARY:Year-end party\r\n" +
        "END:VEVENT\r\n" +
        "END:VCALENDAR\r\n";
}
