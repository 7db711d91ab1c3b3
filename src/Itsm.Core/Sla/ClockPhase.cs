namespace Itsm.Sla;

/// <summary>The state of an SLA clock between events.</summary>
internal enum ClockPhase
{
    NotStarted = 0,
    Running = 1,
    Paused = 2,
    Stopped = 3,
    Cancelled = 4,
}
