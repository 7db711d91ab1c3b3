namespace Itsm.Sla;

/// <summary>
/// The stage a status displays, in the words of its target's <see cref="SlaProfile"/>
/// (<see cref="SlaStatus.DisplayStage"/>). <see cref="SlaStatus.Stage"/> is the same for every profile.
/// </summary>
public enum SlaDisplayStage
{
    /// <summary>Running.</summary>
    InProgress = 0,

    /// <summary>Paused by the target's pause condition.</summary>
    Paused = 1,

    /// <summary>
    /// Running, but outside its calendar's working hours, so no time counts
    /// (<see cref="SlaProfile.JiraServiceManagement"/> shows such a clock as paused).
    /// </summary>
    PausedOutsideCalendarHours = 2,

    /// <summary>Stopped before the target was reached (<see cref="SlaProfile.Itsm"/>).</summary>
    Achieved = 3,

    /// <summary>The target has been reached, running, paused or stopped (<see cref="SlaProfile.Itsm"/>).</summary>
    Breached = 4,

    /// <summary>
    /// Stopped, breached or not (<see cref="SlaProfile.ServiceNow"/> and
    /// <see cref="SlaProfile.JiraServiceManagement"/>; <see cref="SlaStatus.HasEverBreached"/> says
    /// whether it breached, ServiceNow's "Has breached").
    /// </summary>
    Completed = 5,

    /// <summary>Cancelled: the clock no longer applies and counts for nothing.</summary>
    Cancelled = 6,
}
