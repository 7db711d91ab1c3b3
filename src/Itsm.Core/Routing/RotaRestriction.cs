using System;
using NodaTime;

namespace Itsm.Routing;

/// <summary>
/// A window of local time in which an on-call layer has someone (PagerDuty's layer restriction, Opsgenie's
/// time restriction): every day, or one weekday, from <see cref="From"/> to <see cref="To"/> in the layer
/// rotation's time zone. A layer with restrictions has nobody outside all of them, so a lower layer answers.
/// </summary>
/// <remarks>
/// An instant is inside the window iff its local time is on the window's weekday (any, for a daily window),
/// at or after <see cref="From"/> and before <see cref="To"/> (before the end of the day when <see cref="To"/>
/// is midnight). So local times skipped by a DST gap never occur and repeated ones occur twice, as for business
/// calendars. A window across midnight is two windows (22:00 to midnight, and midnight to 06:00 the next weekday).
/// </remarks>
public readonly record struct RotaRestriction
{
    /// <summary>Creates a window.</summary>
    /// <param name="day">The weekday it applies to, or <see langword="null"/> for every day.</param>
    /// <param name="from">The local time it opens.</param>
    /// <param name="to">The local time it closes; <see cref="LocalTime.Midnight"/> for the end of the day.</param>
    /// <exception cref="ArgumentException"><paramref name="day"/> is <see cref="IsoDayOfWeek.None"/> or undefined, or <paramref name="to"/> is not after <paramref name="from"/> (and not midnight).</exception>
    public RotaRestriction(IsoDayOfWeek? day, LocalTime from, LocalTime to)
    {
        if (day is { } d && (d == IsoDayOfWeek.None || !Enum.IsDefined(d)))
        {
            throw new ArgumentException($"{d} is not a weekday.", nameof(day));
        }

        if (to != LocalTime.Midnight && to <= from)
        {
            throw new ArgumentException($"The window closes at {to:HH:mm:ss}, not after it opens at {from:HH:mm:ss}; split a window across midnight in two.", nameof(to));
        }

        Day = day;
        From = from;
        To = to;
    }

    /// <summary>The weekday, or <see langword="null"/> for every day.</summary>
    public IsoDayOfWeek? Day { get; }

    /// <summary>The local time the window opens.</summary>
    public LocalTime From { get; }

    /// <summary>The local time the window closes; midnight for the end of the day.</summary>
    public LocalTime To { get; }

    /// <summary>Whether a local date and time is inside the window.</summary>
    /// <param name="local">The local date and time.</param>
    /// <returns><see langword="true"/> when inside.</returns>
    public bool Contains(LocalDateTime local) =>
        (Day is null || local.DayOfWeek == Day) && local.TimeOfDay >= From && (To == LocalTime.Midnight || local.TimeOfDay < To);
}
