using NodaTime;

namespace Itsm.Sla;

/// <summary>One event of an SLA clock's timeline.</summary>
/// <param name="At">When the event happened.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Target">The business-time target from this event on, for <see cref="SlaEventKind.Started"/>,
/// <see cref="SlaEventKind.Reset"/> and <see cref="SlaEventKind.Retargeted"/>; <see cref="Duration.Zero"/> for the others.</param>
public readonly record struct SlaEvent(Instant At, SlaEventKind Kind, Duration Target = default)
{
    /// <summary>A <see cref="SlaEventKind.Started"/> event.</summary>
    /// <param name="at">When the clock starts.</param>
    /// <param name="target">The business-time target; positive.</param>
    /// <returns>The event.</returns>
    public static SlaEvent Started(Instant at, Duration target) => new(at, SlaEventKind.Started, target);

    /// <summary>A <see cref="SlaEventKind.Paused"/> event.</summary>
    /// <param name="at">When the clock pauses.</param>
    /// <returns>The event.</returns>
    public static SlaEvent Paused(Instant at) => new(at, SlaEventKind.Paused);

    /// <summary>A <see cref="SlaEventKind.Resumed"/> event.</summary>
    /// <param name="at">When the clock resumes.</param>
    /// <returns>The event.</returns>
    public static SlaEvent Resumed(Instant at) => new(at, SlaEventKind.Resumed);

    /// <summary>A <see cref="SlaEventKind.Stopped"/> event.</summary>
    /// <param name="at">When the clock stops.</param>
    /// <returns>The event.</returns>
    public static SlaEvent Stopped(Instant at) => new(at, SlaEventKind.Stopped);

    /// <summary>A <see cref="SlaEventKind.Cancelled"/> event.</summary>
    /// <param name="at">When the clock is cancelled.</param>
    /// <returns>The event.</returns>
    public static SlaEvent Cancelled(Instant at) => new(at, SlaEventKind.Cancelled);

    /// <summary>A <see cref="SlaEventKind.Reset"/> event.</summary>
    /// <param name="at">When the clock restarts from zero.</param>
    /// <param name="target">The business-time target of the new clock; positive.</param>
    /// <returns>The event.</returns>
    public static SlaEvent Reset(Instant at, Duration target) => new(at, SlaEventKind.Reset, target);

    /// <summary>A <see cref="SlaEventKind.Retargeted"/> event.</summary>
    /// <param name="at">When the target changes.</param>
    /// <param name="target">The new business-time target; positive.</param>
    /// <returns>The event.</returns>
    public static SlaEvent Retargeted(Instant at, Duration target) => new(at, SlaEventKind.Retargeted, target);

    /// <summary>The event as text, such as <c>"2026-11-27T16:00:00Z Started 0:04:00:00"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Kind is SlaEventKind.Started or SlaEventKind.Reset or SlaEventKind.Retargeted ? $"{At} {Kind} {Target}" : $"{At} {Kind}";
}
