using System;
using Ardalis.GuardClauses;
using Itsm.BusinessTime;
using Itsm.Common;
using NodaTime;

namespace Itsm.Incidents;

/// <summary>
/// Closes resolved incidents automatically, either a fixed wall-clock time after the resolution
/// (<see cref="After"/>) or after a number of business days on a calendar (<see cref="AfterBusinessDays"/>).
/// Major incidents are never closed automatically (they need a post-incident review).
/// </summary>
/// <remarks>
/// <para>Wall clock is what ServiceNow does: its auto-close job closes incidents resolved more than
/// <c>glide.ui.autoclose.time</c> hours ago (a real instance's log shows "resolved + 120 h"), on the
/// job's next run; Jira Service Management's automation rule "resolved for 5 days → close" is the same.
/// The due instant is exactly the resolution plus the duration; the SLA worker of Itsm.Hosting closes
/// the incident on its first run at or after it.</para>
/// <para>With business days, a business day is a local date of the calendar with working time. An
/// incident resolved on date D is due at the start of the local date after the
/// <see cref="BusinessDays"/>-th business day that follows D: resolved on Monday with 3 business days on
/// a Monday-Friday calendar, it is due at Friday 00:00.</para>
/// </remarks>
public sealed record IncidentAutoClosePolicy
{
    /// <summary>Creates a policy that closes after business days (the same as <see cref="AfterBusinessDays"/>).</summary>
    /// <param name="businessDays">How many business days a resolved incident waits; 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="businessDays"/> is not positive.</exception>
    public IncidentAutoClosePolicy(int businessDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(businessDays);
        BusinessDays = businessDays;
    }

    private IncidentAutoClosePolicy(Duration wallClock)
    {
        WallClock = wallClock;
    }

    /// <summary>How many business days a resolved incident waits before it closes, or 0 when <see cref="WallClock"/> decides.</summary>
    public int BusinessDays { get; }

    /// <summary>How long (wall clock) a resolved incident waits before it closes, or <see langword="null"/> when <see cref="BusinessDays"/> decides.</summary>
    public Duration? WallClock { get; }

    /// <summary>A policy that closes a resolved incident a fixed wall-clock time after its resolution (ServiceNow's <c>glide.ui.autoclose.time</c>).</summary>
    /// <param name="wallClock">How long it waits; positive.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="wallClock"/> is not positive.</exception>
    public static IncidentAutoClosePolicy After(Duration wallClock)
    {
        if (wallClock <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(wallClock), wallClock, "The auto-close delay must be positive.");
        }

        return new IncidentAutoClosePolicy(wallClock);
    }

    /// <summary>A policy that closes a resolved incident after <paramref name="businessDays"/> business days on the calendar it is given.</summary>
    /// <param name="businessDays">How many business days it waits; 1 or more.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="businessDays"/> is not positive.</exception>
    public static IncidentAutoClosePolicy AfterBusinessDays(int businessDays) => new(businessDays);

    /// <summary>When <paramref name="incident"/> is due to close, or <see langword="null"/> when it is not resolved or is major.</summary>
    /// <param name="incident">The incident.</param>
    /// <param name="calendar">The calendar business days count on (ignored by a wall-clock policy).</param>
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

        if (WallClock is Duration wait)
        {
            return resolved + wait;
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
    /// <param name="calendar">The calendar business days count on (ignored by a wall-clock policy).</param>
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
