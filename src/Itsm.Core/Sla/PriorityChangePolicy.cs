namespace Itsm.Sla;

/// <summary>What an active SLA clock does when the ticket's priority changes.</summary>
public enum PriorityChangePolicy
{
    /// <summary>
    /// The default (Jira Service Management and iTop behaviour): keep the business time elapsed and
    /// apply the new priority's target from the change on (a <see cref="SlaEventKind.Retargeted"/> event).
    /// </summary>
    Retarget = 0,

    /// <summary>
    /// ServiceNow's retroactive start: cancel the clock and start a new one (the next cycle) for the
    /// new priority from the ticket's open time (its first snapshot), so the time already spent
    /// counts against the new target. With <see cref="SlaTarget.RetroactivePauses"/>, the cancelled
    /// clock's pauses are replayed into the new one; without, the new clock counts the paused time
    /// as running time.
    /// </summary>
    CancelAndRestartRetroactive = 1,
}
