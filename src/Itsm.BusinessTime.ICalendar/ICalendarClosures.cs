using System.Collections.Generic;
using NodaTime;

namespace Itsm.BusinessTime.ICalendar;

/// <summary>
/// What an iCalendar feed says is closed over a range of dates, in a calendar's time zone: the
/// whole dates (from all-day events) and the partial closures (from timed events).
/// </summary>
public sealed class ICalendarClosures
{
    internal ICalendarClosures(IReadOnlyList<LocalDate> holidays, IReadOnlyList<Closure> closures)
    {
        Holidays = holidays;
        Closures = closures;
    }

    /// <summary>The whole dates closed, sorted, without duplicates.</summary>
    public IReadOnlyList<LocalDate> Holidays { get; }

    /// <summary>The partial closures (wall-clock hours of a date in the calendar's zone), sorted by date and start.</summary>
    public IReadOnlyList<Closure> Closures { get; }
}
