using System;
using System.Collections.Generic;
using Ical.Net.DataTypes;
using NodaTime;

namespace Itsm.BusinessTime.ICalendar;

/// <summary>Turns event occurrences into whole dates and wall-clock closures of one zone, within a range of dates.</summary>
internal sealed class Collector(DateTimeZone zone, DateInterval range, SortedSet<LocalDate> holidays, List<Closure> closures)
{
    internal void Add(Ical.Net.DataTypes.Period period)
    {
        var start = period.StartTime;
        var end = period.EffectiveEndTime;
        if (!start.HasTime)
        {
            // RFC 5545: an all-day event ends before its end date, and lasts one day without one.
            var first = LocalDate.FromDateOnly(start.Date);
            var afterLast = end is null ? first.PlusDays(1) : LocalDate.FromDateOnly(end.Date);
            var last = afterLast > first ? afterLast.PlusDays(-1) : first;
            for (var date = Max(first, range.Start); date <= Min(last, range.End); date = date.PlusDays(1))
            {
                holidays.Add(date);
            }

            return;
        }

        var from = ToInstant(start).InZone(zone).LocalDateTime;
        var to = ToInstant(end ?? start).InZone(zone).LocalDateTime;
        for (var date = Max(from.Date, range.Start); date <= Min(to.Date, range.End) && from < to; date = date.PlusDays(1))
        {
            var open = date == from.Date ? from.TimeOfDay : LocalTime.Midnight;
            if (date < to.Date)
            {
                closures.Add(new Closure(date, TimeOfDayRange.UntilEndOfDay(open)));
            }
            else if (open < to.TimeOfDay)
            {
                closures.Add(new Closure(date, new TimeOfDayRange(open, to.TimeOfDay)));
            }
        }
    }

    // A floating time (no zone, no Z) is the calendar's wall clock.
    private Instant ToInstant(CalDateTime time) => time.IsFloating
        ? LocalDateTime.FromDateTime(time.Value).InZoneLeniently(zone).ToInstant()
        : Instant.FromDateTimeUtc(DateTime.SpecifyKind(time.AsUtc, DateTimeKind.Utc));

    private static LocalDate Max(LocalDate a, LocalDate b) => a > b ? a : b;

    private static LocalDate Min(LocalDate a, LocalDate b) => a < b ? a : b;
}
