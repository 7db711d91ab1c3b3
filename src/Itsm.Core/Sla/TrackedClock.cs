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

    /// <summary>The clock's status at <paramref name="now"/> on <paramref name="calendar"/> (the calendar named by <see cref="SlaTarget.CalendarId"/>).</summary>
    /// <param name="calendar">The calendar business time counts on.</param>
    /// <param name="now">The instant to evaluate at; not before the clock started.</param>
    /// <returns>The status.</returns>
    public SlaStatus Evaluate(BusinessCalendar calendar, Instant now) => SlaClock.Evaluate(Target, calendar, Timeline, now);

    /// <summary>
    /// The clock's status at <paramref name="now"/>, on the calendar its target names
    /// (<see cref="SlaTarget.CalendarId"/>) looked up in <paramref name="calendars"/>, or
    /// <see cref="BusinessCalendar.TwentyFourSeven"/> when the target names none.
    /// </summary>
    /// <param name="calendars">The host's calendars by id.</param>
    /// <param name="now">The instant to evaluate at; not before the clock started.</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendars"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The target's calendar id is not in <paramref name="calendars"/>.</exception>
    public SlaStatus Evaluate(IReadOnlyDictionary<string, BusinessCalendar> calendars, Instant now)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        var calendar = Target.CalendarId is null
            ? BusinessCalendar.TwentyFourSeven
            : calendars.TryGetValue(Target.CalendarId, out var found)
                ? found
                : throw new KeyNotFoundException($"The calendar '{QuotedText.Of(Target.CalendarId)}' of agreement {Agreement.Id}, target {Target.Metric}, is not among the calendars given.");
        return SlaClock.Evaluate(Target, calendar, Timeline, now);
    }
}
