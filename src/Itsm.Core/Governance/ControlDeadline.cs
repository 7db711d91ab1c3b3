using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.Governance;

/// <summary>When a review control's days run out (docs/governance.md, "Counting days").</summary>
internal static class ControlDeadline
{
    /// <summary>
    /// The first instant too late for a review of something done <paramref name="at"/>: the start of the local
    /// date after the last date allowed. The last date allowed is <paramref name="days"/> dates after the date of
    /// <paramref name="at"/>, counting every date or only the calendar's working days (the date itself never counts).
    /// </summary>
    internal static Instant Due(Instant at, int days, DayCount count, BusinessCalendar? calendar)
    {
        var zone = calendar?.Zone ?? DateTimeZone.Utc;
        var last = count == DayCount.Business
            ? calendar!.AddWorkingDays(at, days).InZone(zone).Date
            : at.InZone(zone).Date.PlusDays(days);
        return zone.AtStartOfDay(last.PlusDays(1)).ToInstant();
    }
}
