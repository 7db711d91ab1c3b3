using Itsm.BusinessTime;
using Itsm.Common;
using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// One SLA clock of a ticket, as <see cref="SlaTracker"/> derives it: the agreement and target it
/// belongs to, which cycle of that target it is, and its timeline.
/// </summary>
/// <param name="Agreement">The agreement.</param>
/// <param name="Target">The agreement's target the clock measures.</param>
/// <param name="Cycle">0 for the target's first clock on the ticket, 1 for the next (after a stop and a new start, or a retroactive restart), and so on.</param>
/// <param name="Priority">The ticket's priority when the clock's current target was set.</param>
/// <param name="Timeline">The clock's events.</param>
public sealed record TrackedClock(Agreement Agreement, SlaTarget Target, int Cycle, Priority Priority, SlaTimeline Timeline)
{
    /// <summary>The clock's status at <paramref name="now"/> on <paramref name="calendar"/> (the calendar named by <see cref="SlaTarget.CalendarId"/>).</summary>
    /// <param name="calendar">The calendar business time counts on.</param>
    /// <param name="now">The instant to evaluate at; not before the clock started.</param>
    /// <returns>The status.</returns>
    public SlaStatus Evaluate(BusinessCalendar calendar, Instant now) => SlaClock.Evaluate(Target, calendar, Timeline, now);
}
