using System;
using Ardalis.GuardClauses;
using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// Evaluates SLA clocks: a pure fold of a timeline on a business calendar.
/// </summary>
public static class SlaClock
{
    /// <summary>
    /// The status at <paramref name="now"/> of the clock whose events are <paramref name="timeline"/>,
    /// counting business time on <paramref name="calendar"/>, with the warning thresholds of
    /// <paramref name="definition"/>. Events after <paramref name="now"/> are ignored, so the same
    /// timeline can be evaluated at any instant, and again after the calendar changes.
    /// </summary>
    /// <param name="definition">The target definition (its warning thresholds and profile are used; the target duration comes from the timeline's events).</param>
    /// <param name="calendar">The calendar business time counts on (<see cref="BusinessCalendar.TwentyFourSeven"/> for 24x7).</param>
    /// <param name="timeline">The clock's events.</param>
    /// <param name="now">The instant to evaluate at; not before the first event.</param>
    /// <returns>The status, a value; nothing is allocated.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is before the timeline's first event, or the timeline is empty.</exception>
    public static SlaStatus Evaluate(SlaTarget definition, BusinessCalendar calendar, SlaTimeline timeline, Instant now)
    {
        Guard.Against.Null(definition);
        Guard.Against.Null(calendar);
        Guard.Against.Null(timeline);
        var events = timeline.Events;
        if (events.Length == 0 || now < events[0].At)
        {
            throw new ArgumentOutOfRangeException(nameof(now), now, events.Length == 0
                ? "The timeline is empty: the clock has not started."
                : $"The instant is before the clock started ({events[0].At}).");
        }

        var state = SlaClockState.Initial;
        foreach (ref readonly var e in events)
        {
            if (e.At > now)
            {
                break;
            }

            state = state.ApplyUnchecked(e, calendar);
        }

        return state.Status(now, calendar, definition.SortedThresholds, definition.Profile);
    }
}
