using System.IO;
using NodaTime;

namespace Itsm.BusinessTime.ICalendar;

/// <summary>Adds holidays and closures read from iCalendar (RFC 5545) feeds to a <see cref="BusinessCalendarBuilder"/>.</summary>
public static class BusinessCalendarBuilderICalendarExtensions
{
    /// <summary>
    /// Adds the events of an iCalendar feed over <paramref name="range"/> as holidays (all-day events)
    /// and closures (timed events), in the builder's time zone; see <see cref="ICalendarFeed.Read(string, DateTimeZone, DateInterval)"/>.
    /// </summary>
    /// <param name="builder">The calendar builder.</param>
    /// <param name="ics">The feed's text (<c>BEGIN:VCALENDAR</c> ... <c>END:VCALENDAR</c>).</param>
    /// <param name="range">The local dates to read events for; recurrences are expanded over these dates only.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="range"/> is outside 1900-01-01 to 2199-12-31.</exception>
    /// <exception cref="ICalendarFeedException">The feed cannot be read; the exception lists every problem.</exception>
    /// <example>
    /// <code>
    /// var calendar = BusinessCalendar.CreateBuilder(DateTimeZoneProviders.Tzdb["Europe/Berlin"])
    ///     .AddWeekdayHours(new LocalTime(8, 0), new LocalTime(17, 0))
    ///     .AddHolidaysFromICalendar(File.ReadAllText("holidays.ics"), new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2030, 12, 31)))
    ///     .Build();
    /// </code>
    /// </example>
    public static BusinessCalendarBuilder AddHolidaysFromICalendar(this BusinessCalendarBuilder builder, string ics, DateInterval range)
    {
        System.ArgumentNullException.ThrowIfNull(builder);
        return Add(builder, ICalendarFeed.Read(ics, builder.Zone, range));
    }

    /// <summary>
    /// Adds the events of an iCalendar feed read from a stream (UTF-8 unless it starts with another
    /// byte order mark) over <paramref name="range"/>, as <see cref="AddHolidaysFromICalendar(BusinessCalendarBuilder, string, DateInterval)"/> does.
    /// </summary>
    /// <param name="builder">The calendar builder.</param>
    /// <param name="ics">The feed; read to its end (at most <see cref="ICalendarFeed.MaxFeedLength"/> characters), not closed.</param>
    /// <param name="range">The local dates to read events for.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="System.ArgumentNullException">An argument is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="range"/> is outside 1900-01-01 to 2199-12-31.</exception>
    /// <exception cref="ICalendarFeedException">The feed cannot be read; the exception lists every problem.</exception>
    public static BusinessCalendarBuilder AddHolidaysFromICalendar(this BusinessCalendarBuilder builder, Stream ics, DateInterval range)
    {
        System.ArgumentNullException.ThrowIfNull(builder);
        return Add(builder, ICalendarFeed.Read(ics, builder.Zone, range));
    }

    private static BusinessCalendarBuilder Add(BusinessCalendarBuilder builder, ICalendarClosures closures)
    {
        builder.AddHolidays(closures.Holidays);
        foreach (var closure in closures.Closures)
        {
            builder.AddClosure(closure.Date, closure.Hours);
        }

        return builder;
    }
}
