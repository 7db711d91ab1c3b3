using System;
using Ardalis.GuardClauses;
using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.Incidents;

/// <summary>
/// How long after its resolution a resolved incident may be reopened: no limit, a wall-clock duration,
/// or business time on a calendar. Immutable.
/// </summary>
public sealed record IncidentReopenWindow
{
    private IncidentReopenWindow(Duration? length, BusinessCalendar? calendar)
    {
        Length = length;
        Calendar = calendar;
    }

    /// <summary>No limit: a resolved incident may be reopened at any time until it closes.</summary>
    public static IncidentReopenWindow None { get; } = new(null, null);

    /// <summary>The length of the window, or <see langword="null"/> for <see cref="None"/>.</summary>
    public Duration? Length { get; }

    /// <summary>The calendar <see cref="Length"/> counts business time on, or <see langword="null"/> when it counts wall-clock time.</summary>
    public BusinessCalendar? Calendar { get; }

    /// <summary>A window of wall-clock time after the resolution (ServiceNow counts its reopen window this way).</summary>
    /// <param name="length">The window; positive.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is not positive.</exception>
    public static IncidentReopenWindow WallClock(Duration length)
    {
        if (length <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The reopen window must be positive.");
        }

        return new IncidentReopenWindow(length, null);
    }

    /// <summary>A window of business time on <paramref name="calendar"/> after the resolution: 16 business hours on a 9-to-5 calendar ends two working days later.</summary>
    /// <param name="length">The business time; positive.</param>
    /// <param name="calendar">The calendar it counts on.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is not positive.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    public static IncidentReopenWindow BusinessTime(Duration length, BusinessCalendar calendar)
    {
        if (length <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The reopen window must be positive.");
        }

        return new IncidentReopenWindow(length, Guard.Against.Null(calendar));
    }

    /// <summary>Whether an incident resolved at <paramref name="resolvedAt"/> may still be reopened at <paramref name="now"/>: the window includes its end instant.</summary>
    /// <param name="resolvedAt">When the incident was resolved.</param>
    /// <param name="now">The current instant.</param>
    /// <returns><see langword="true"/> when the window has not passed.</returns>
    public bool IsOpen(Instant resolvedAt, Instant now)
    {
        if (Length is not Duration length || now <= resolvedAt)
        {
            return true;
        }

        return Calendar is null ? now - resolvedAt <= length : Calendar.Between(resolvedAt, now) <= length;
    }

    /// <summary>The window in words, for refusals and logs.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Length is not Duration length ? "no limit"
        : Calendar is null ? $"{length} wall-clock"
        : $"{length} business time";
}
