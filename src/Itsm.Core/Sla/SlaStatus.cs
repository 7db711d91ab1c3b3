using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// The state of an SLA clock at an instant: what <see cref="SlaClock.Evaluate"/> returns. A pure
/// function of (definition, calendar, timeline, instant).
/// </summary>
public readonly record struct SlaStatus
{
    /// <summary>Where the clock stands (see <see cref="SlaStage"/> for the precedence of <see cref="SlaStage.Breached"/>).</summary>
    public SlaStage Stage { get; internal init; }

    /// <summary>Whether the clock is running or paused (not stopped, not cancelled).</summary>
    public bool IsActive { get; internal init; }

    /// <summary>The business-time target in force.</summary>
    public Duration Target { get; internal init; }

    /// <summary>When the current clock started (the last Started or Reset event).</summary>
    public Instant StartedAt { get; internal init; }

    /// <summary>When the clock stopped or was cancelled, or <see langword="null"/> while active.</summary>
    public Instant? EndedAt { get; internal init; }

    /// <summary>Business time counted so far: working time of the calendar while the clock ran.</summary>
    public Duration BusinessElapsed { get; internal init; }

    /// <summary>The target less <see cref="BusinessElapsed"/>; negative once breached (how far overdue).</summary>
    public Duration BusinessRemaining { get; internal init; }

    /// <summary>
    /// Wall-clock time from <see cref="StartedAt"/> to the instant evaluated (or to <see cref="EndedAt"/>),
    /// paused time included: <see cref="ActualElapsed"/> plus <see cref="PausedDuration"/>.
    /// </summary>
    public Duration WallClockElapsed { get; internal init; }

    /// <summary>
    /// Wall-clock time the clock ran: <see cref="WallClockElapsed"/> less <see cref="PausedDuration"/>
    /// (ServiceNow's "Actual elapsed time", counted 24x7 whatever the calendar).
    /// </summary>
    public Duration ActualElapsed { get; internal init; }

    /// <summary>
    /// The stage in the words of the target's <see cref="SlaProfile"/> (see <see cref="SlaDisplayStage"/>):
    /// under <see cref="SlaProfile.Itsm"/> it mirrors <see cref="Stage"/>; under
    /// <see cref="SlaProfile.ServiceNow"/> it is In progress, Paused, Completed or Cancelled, and
    /// <see cref="HasEverBreached"/> says "has breached"; under <see cref="SlaProfile.JiraServiceManagement"/>
    /// a running clock outside its calendar's working hours is
    /// <see cref="SlaDisplayStage.PausedOutsideCalendarHours"/>.
    /// </summary>
    public SlaDisplayStage DisplayStage { get; internal init; }

    /// <summary>Wall-clock time spent paused.</summary>
    public Duration PausedDuration { get; internal init; }

    /// <summary><see cref="BusinessElapsed"/> as a percentage of <see cref="Target"/> (may exceed 100).</summary>
    public double ElapsedPercent { get; internal init; }

    /// <summary>
    /// When the business elapsed time reaches the target: in the past once breached, a forecast
    /// while the clock runs and has not breached, and <see langword="null"/> when it has not
    /// breached and is not running (paused, achieved or cancelled).
    /// </summary>
    public Instant? BreachInstant { get; internal init; }

    /// <summary>Whether the clock has breached at any time, even if a later retarget raised its target above the elapsed time.</summary>
    public bool HasEverBreached { get; internal init; }

    /// <summary>
    /// The next instant, strictly after the instant evaluated, at which the running clock crosses a
    /// warning threshold or its target: when the host should look again. <see langword="null"/> when
    /// the clock is not running or every threshold has been crossed.
    /// </summary>
    public Instant? NextThresholdInstant { get; internal init; }
}
