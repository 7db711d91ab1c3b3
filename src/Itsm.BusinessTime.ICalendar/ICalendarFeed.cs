using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using Itsm.Text;
using NodaTime;

namespace Itsm.BusinessTime.ICalendar;

/// <summary>
/// Reads holidays and closures from an iCalendar (RFC 5545) feed: the format Jira Service
/// Management and Zammad import holiday calendars in, and that public holiday services publish.
/// </summary>
/// <remarks>
/// <para><b>What becomes what.</b> Every <c>VEVENT</c> that is not <c>STATUS:CANCELLED</c> closes its
/// time. An all-day event (<c>DTSTART;VALUE=DATE</c>) closes whole local dates of the calendar's
/// zone, from its start date up to its end date (exclusive, as RFC 5545 says; one day when it has
/// no end), whatever the feed's zone: a holiday is a date, not 24 hours. A timed event closes its
/// instants, as wall-clock ranges of the calendar's zone split at midnight; a floating time (no
/// zone, no <c>Z</c>) is read in the calendar's zone. Events of zero length close nothing.</para>
/// <para><b>Recurrences</b> (<c>RRULE</c>, <c>RDATE</c>, <c>EXDATE</c>, overridden instances) are expanded
/// by Ical.Net over the range of dates the caller gives, never further: a feed with a
/// yearly rule and no end yields the occurrences in that range. Only the parts of events that fall
/// on the range's dates are returned.</para>
/// <para><b>Bounds.</b> At most <see cref="MaxFeedLength"/> characters are read and at most
/// <see cref="MaxOccurrences"/> occurrences expanded; a rule that matches nothing for many steps
/// (such as February 30th) is stopped by Ical.Net's evaluation limit. A feed past a bound fails
/// with <see cref="ICalendarFeedException"/> rather than using memory or time without end.</para>
/// </remarks>
public static class ICalendarFeed
{
    /// <summary>The most characters of a feed that are read: 16 MiB (public holiday feeds are a few KB).</summary>
    public const int MaxFeedLength = 16 * 1024 * 1024;

    /// <summary>The most event occurrences expanded from one feed over the range: 10,000 (a year of hourly closures fits; a holiday feed has a few dozen a year), so a rule repeating every second or minute is refused in a fraction of a second instead of expanding for seconds.</summary>
    public const int MaxOccurrences = 10_000;

    // Steps of a recurrence rule that produce no occurrence before Ical.Net gives up on it.
    private const int MaxUnmatchedIncrements = 1000;

    private static readonly LocalDate FirstDate = new(1900, 1, 1);
    private static readonly LocalDate LastDate = new(2199, 12, 31);

    /// <summary>Reads the holidays and closures of an iCalendar feed over a range of dates, in a calendar's zone.</summary>
    /// <param name="ics">The feed's text (<c>BEGIN:VCALENDAR</c> ... <c>END:VCALENDAR</c>).</param>
    /// <param name="zone">The calendar's time zone: dates and wall-clock hours are in it.</param>
    /// <param name="range">The local dates to read events for (1900-01-01 to 2199-12-31, the dates business calendars support).</param>
    /// <returns>The whole dates and partial closures the feed's events cover within <paramref name="range"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="range"/> is outside 1900-01-01 to 2199-12-31.</exception>
    /// <exception cref="ICalendarFeedException">The feed is not iCalendar text, is longer than <see cref="MaxFeedLength"/>,
    /// expands to more than <see cref="MaxOccurrences"/> occurrences, or has events that cannot be read; every problem is listed.</exception>
    public static ICalendarClosures Read(string ics, DateTimeZone zone, DateInterval range)
    {
        ArgumentNullException.ThrowIfNull(ics);
        CheckArguments(zone, range);
        if (ics.Length > MaxFeedLength)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"the feed has {ics.Length} characters, more than the {MaxFeedLength} read."));
        }

        return ReadText(ics, zone, range);
    }

    /// <summary>Reads the holidays and closures of an iCalendar feed from a stream (UTF-8 unless it starts with another byte order mark).</summary>
    /// <param name="ics">The feed; read to its end (at most <see cref="MaxFeedLength"/> characters), not closed.</param>
    /// <param name="zone">The calendar's time zone: dates and wall-clock hours are in it.</param>
    /// <param name="range">The local dates to read events for (1900-01-01 to 2199-12-31).</param>
    /// <returns>The whole dates and partial closures the feed's events cover within <paramref name="range"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="range"/> is outside 1900-01-01 to 2199-12-31.</exception>
    /// <exception cref="ICalendarFeedException">The feed cannot be read, as for <see cref="Read(string, DateTimeZone, DateInterval)"/>.</exception>
    public static ICalendarClosures Read(Stream ics, DateTimeZone zone, DateInterval range)
    {
        ArgumentNullException.ThrowIfNull(ics);
        CheckArguments(zone, range);
        using var reader = new StreamReader(ics, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        var text = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (text.Length + read > MaxFeedLength)
            {
                throw Fail(string.Create(CultureInfo.InvariantCulture, $"the feed is longer than the {MaxFeedLength} characters read."));
            }

            text.Append(buffer, 0, read);
        }

        return ReadText(text.ToString(), zone, range);
    }

    private static void CheckArguments(DateTimeZone zone, DateInterval range)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(range);
        if (range.Start.Calendar != CalendarSystem.Iso || range.Start < FirstDate || range.End > LastDate)
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, "The range must be ISO dates from 1900-01-01 to 2199-12-31, the dates business calendars support.");
        }
    }

    private static ICalendarClosures ReadText(string ics, DateTimeZone zone, DateInterval range)
    {
        Ical.Net.Calendar? calendar;
        try
        {
            calendar = Ical.Net.Calendar.Load(ics);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw Fail($"the feed is not iCalendar text: {QuotedText.Message(ex.Message)}");
        }

        if (calendar is null)
        {
            throw Fail("the feed holds no VCALENDAR.");
        }

        var errors = new List<string>();
        foreach (var calendarEvent in calendar.Events)
        {
            CheckEvent(calendarEvent, errors);
        }

        if (errors.Count > 0)
        {
            throw new ICalendarFeedException(errors, nameof(ics));
        }

        var holidays = new SortedSet<LocalDate>();
        var closures = new List<Closure>();
        var collector = new Collector(zone, range, holidays, closures);

        // A margin of two days on either side: event times are in the feed's zones, the range in the calendar's.
        var from = new CalDateTime(range.Start.PlusDays(-2).ToDateOnly(), TimeOnly.MinValue, "UTC");
        var to = new CalDateTime(range.End.PlusDays(3).ToDateOnly(), TimeOnly.MinValue, "UTC");
        int count = 0;
        try
        {
            var options = new EvaluationOptions { MaxUnmatchedIncrementsLimit = MaxUnmatchedIncrements };
            foreach (var occurrence in calendar.GetOccurrences<CalendarEvent>(from, options).TakeWhileBefore(to))
            {
                if (++count > MaxOccurrences)
                {
                    throw Fail(string.Create(CultureInfo.InvariantCulture, $"the events recur more than {MaxOccurrences} times over {range.Start:uuuu'-'MM'-'dd} to {range.End:uuuu'-'MM'-'dd}; give a shorter range."));
                }

                if (occurrence.Source is CalendarEvent source && !IsCancelled(source))
                {
                    collector.Add(occurrence.Period);
                }
            }
        }
        catch (Exception ex) when (ex is not ICalendarFeedException and not OutOfMemoryException)
        {
            throw Fail($"the events cannot be expanded: {QuotedText.Message(ex.Message)}");
        }

        return new ICalendarClosures(
            holidays.ToArray(),
            closures.OrderBy(c => c.Date).ThenBy(c => c.Hours.Start).ThenBy(c => c.Hours.Length).Distinct().ToArray());
    }

    // Problems Ical.Net would only meet while expanding, named by event, all at once.
    private static void CheckEvent(CalendarEvent calendarEvent, List<string> errors)
    {
        if (IsCancelled(calendarEvent))
        {
            return;
        }

        string name = Name(calendarEvent);
        var start = calendarEvent.DtStart;
        if (start is null)
        {
            errors.Add($"{name}: has no valid DTSTART.");
            return;
        }

        try
        {
            _ = start.AsUtc;
            if (calendarEvent.DtEnd is CalDateTime end)
            {
                if (end.HasTime != start.HasTime)
                {
                    errors.Add($"{name}: DTSTART and DTEND must both be dates or both be date-times.");
                }
                else if (end.AsUtc < start.AsUtc)
                {
                    errors.Add($"{name}: DTEND {Format(end)} is before DTSTART {Format(start)}.");
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            errors.Add($"{name}: its times cannot be read: {QuotedText.Message(ex.Message)}");
        }
    }

    private static string Format(CalDateTime time)
    {
        string zone = time.IsUtc ? "Z" : time.TzId is null ? string.Empty : " " + QuotedText.Of(time.TzId);
        return time.Value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture) + zone;
    }

    private static bool IsCancelled(CalendarEvent calendarEvent) =>
        string.Equals(calendarEvent.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase);

    private static string Name(CalendarEvent calendarEvent) =>
        $"event '{QuotedText.Of(calendarEvent.Uid)}' ('{QuotedText.Of(calendarEvent.Summary)}')";

    private static ICalendarFeedException Fail(string error) => new([error], "ics");
}
