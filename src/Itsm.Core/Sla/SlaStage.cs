namespace Itsm.Sla;

/// <summary>Where an SLA clock stands at an instant (see <see cref="SlaStatus.Stage"/>).</summary>
/// <remarks>
/// <see cref="Breached"/> takes precedence over <see cref="InProgress"/>, <see cref="Paused"/> and
/// <see cref="Achieved"/>: a clock whose business elapsed time has reached its target is breached,
/// whether it is still running, paused or stopped. <see cref="SlaStatus.IsActive"/> tells a breached
/// clock that still runs from one that has stopped.
/// </remarks>
public enum SlaStage
{
    /// <summary>Running, and the target has not been reached.</summary>
    InProgress = 0,

    /// <summary>Paused (for example on hold), and the target has not been reached.</summary>
    Paused = 1,

    /// <summary>Stopped before the target was reached.</summary>
    Achieved = 2,

    /// <summary>The business elapsed time has reached the target (running, paused or stopped).</summary>
    Breached = 3,

    /// <summary>Cancelled: the clock no longer applies and counts for nothing.</summary>
    Cancelled = 4,
}
