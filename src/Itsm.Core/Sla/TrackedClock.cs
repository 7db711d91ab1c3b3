using System;
using System.Collections.Generic;
using Itsm.BusinessTime;
using Itsm.Common;
using NodaTime;
using Itsm.Text;

namespace Itsm.Sla;

/// <summary>
/// One SLA clock of a ticket, as <see cref="SlaTracker"/> derives it: the agreement and target it
/// belongs to, which cycle of that target it is, and its timeline.
/// </summary>
/// <param name="Agreement">The agreement.</param>
/// <param name="Target">The agreement's target the clock measures.</param>
/// <param name="Cycle">0 for the target's first clock on the ticket, 1 for the next (after a stop and a new start, or a retroactive restart), and so on.</param>
/// <param name="Priority">The ticket's priority as the clock last saw it (a change to a priority with the same target writes no event but is recorded here).</param>
/// <param name="Timeline">The clock's events.</param>
public sealed record TrackedClock(Agreement Agreement, SlaTarget Target, int Cycle, Priority Priority, SlaTimeline Timeline)
{
    /// <summary>
    /// The clock's id on its ticket, <c>agreement/metric/cycle</c> (for example <c>"gold/Resolution/1"</c>):
    /// stable across replays of the same history, and different for every clock, so a report counts a
    /// clock restarted by a reset (under <see cref="SlaProfile.ServiceNow"/> and
    /// <see cref="SlaProfile.JiraServiceManagement"/>) or a new cycle as its own record, as ServiceNow
    /// counts task SLAs and Jira Service Management counts cycles.
    /// </summary>
    public string Id => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Agreement.Id}/{Target.Metric.Name}/{Cycle}");

    /// <summary>
    /// The id of the calendar the clock counts on: the one the tracker's <see cref="SlaCalendarResolver"/>
    /// chose when the clock attached, else its target's <see cref="SlaTarget.CalendarId"/>;
    /// <see langword="null"/> for round-the-clock time (<see cref="BusinessCalendar.TwentyFourSeven"/>).
    /// </summary>
    public string? CalendarId { get; init; } = Target.CalendarId;

    /// <summary>The clock's status at <paramref name="now"/> on <paramref name="calendar"/> (the calendar named by <see cref="CalendarId"/>).</summary>
    /// <param name="calendar">The calendar business time counts on.</param>
    /// <param name="now">The instant to evaluate at; not before the clock started.</param>
    /// <returns>The status.</returns>
    public SlaStatus Evaluate(BusinessCalendar calendar, Instant now) => SlaClock.Evaluate(Target, calendar, Timeline, now);

    /// <summary>
    /// The clock's status at <paramref name="now"/>, on the calendar it counts on
    /// (<see cref="CalendarId"/>: the resolver's choice or the target's own) looked up in
    /// <paramref name="calendars"/>, or <see cref="BusinessCalendar.TwentyFourSeven"/> when there is none.
    /// </summary>
    /// <param name="calendars">The host's calendars by id.</param>
    /// <param name="now">The instant to evaluate at; not before the clock started.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendars"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The clock's calendar id is not in <paramref name="calendars"/>.</exception>
    public SlaStatus Evaluate(IReadOnlyDictionary<string, BusinessCalendar> calendars, Instant now)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        var calendar = CalendarId is null
            ? BusinessCalendar.TwentyFourSeven
            : SlaLedger.CalendarOf(Agreement, Target, string.Equals(CalendarId, Target.CalendarId, StringComparison.Ordinal) ? null : CalendarId, calendars);
        return SlaClock.Evaluate(Target, calendar, Timeline, now);
    }
}
