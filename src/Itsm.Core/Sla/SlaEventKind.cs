namespace Itsm.Sla;

/// <summary>The events of an SLA clock's timeline.</summary>
public enum SlaEventKind
{
    /// <summary>The clock starts with a target (always the first event).</summary>
    Started = 0,

    /// <summary>The running clock pauses: business time stops counting.</summary>
    Paused = 1,

    /// <summary>The paused clock resumes.</summary>
    Resumed = 2,

    /// <summary>The clock stops: achieved if the target was not reached, breached otherwise.</summary>
    Stopped = 3,

    /// <summary>The clock is cancelled; nothing may follow.</summary>
    Cancelled = 4,

    /// <summary>The clock starts again from zero with a target (a new clock in the same timeline).</summary>
    Reset = 5,

    /// <summary>The target changes; the elapsed time is kept (for example after a priority change).</summary>
    Retargeted = 6,
}
