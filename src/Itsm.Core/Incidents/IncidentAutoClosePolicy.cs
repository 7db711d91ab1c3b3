using System;
using Ardalis.GuardClauses;
using Itsm.BusinessTime;
using Itsm.Common;
using NodaTime;

namespace Itsm.Incidents;

/// <summary>
/// Closes resolved incidents automatically after a number of business days on the incident's
/// calendar. Major incidents are never closed automatically (they need a post-incident review).
/// </summary>
/// <remarks>
/// A business day is a local date of the calendar with working time. An incident resolved on
/// date D is due at the start of the local date after the <see cref="BusinessDays"/>-th business day
/// that follows D: resolved on Monday with 3 business days on a Monday-Friday calendar, it is due at
/// Friday 00:00.
/// </remarks>
public sealed record IncidentAutoClosePolicy
{
    /// <summary>Creates the policy.</summary>
    /// <param name="businessDays">How many business days a resolved incident waits; 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="businessDays"/> is not positive.</exception>
    public IncidentAutoClosePolicy(int businessDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(businessDays);
        BusinessDays = businessDays;
    }

    /// <summary>How many business days a resolved incident waits before it closes.</summary>
    public int BusinessDays { get; }

    /// <summary>When <paramref name="incident"/> is due to close, or <see langword="null"/> when it is not resolved or is major.</summary>
    /// <param name="incident">The incident.</param>
    /// <param name="calendar">The incident's business calendar.</param>
    /// <returns>The instant, or <see langword="null"/>.</returns>
    /// <exception cref="NoWorkingTimeException">The calendar has no business day within ten years.</exception>
    public Instant? DueAt(Incident incident, BusinessCalendar calendar)
    {
        Guard.Against.Null(incident);
        Guard.Against.Null(calendar);
        if (incident.State != IncidentState.Resolved || incident.IsMajor || incident.ResolvedAt is not Instant resolved)
        {
            return null;
        }

        var date = resolved.InZone(calendar.Zone).Date;
        int found = 0;
        for (int day = 1; day <= 3653; day++)
        {
            date = date.PlusDays(1);
            if (calendar.GetWorkingIntervals(date).Count > 0 && ++found == BusinessDays)
            {
                return calendar.Zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
            }
        }

        throw new NoWorkingTimeException($"The calendar has no {BusinessDays} business days within ten years after {resolved}.", resolved);
    }

    /// <summary>
    /// Closes <paramref name="incident"/> as <paramref name="systemActor"/> if it is due at
    /// <paramref name="now"/>. <paramref name="now"/> decides; the audit entry's instant comes from
    /// the incident's clock, as for every command.
    /// </summary>
    /// <param name="incident">The incident.</param>
    /// <param name="calendar">The incident's business calendar.</param>
    /// <param name="systemActor">The actor the close is recorded as.</param>
    /// <param name="now">The current instant.</param>
    /// <returns><see langword="true"/> when the incident was closed.</returns>
    public bool CloseIfDue(Incident incident, BusinessCalendar calendar, Actor systemActor, Instant now)
    {
        Guard.Against.Null(systemActor);
        if (DueAt(incident, calendar) is not Instant due || now < due)
        {
            return false;
        }

        incident.Close(systemActor);
        return true;
    }
}
