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
    /// The library's retroactive restart (<see cref="SlaProfile.Itsm"/> only): cancel the clock and
    /// start a new one (the next cycle) for the new priority from the ticket's open time (its first
    /// snapshot's instant, not <see cref="TicketSnapshot.OpenedAt"/>: for an engine ticket, the creating command),
    /// so the time already spent counts against the new target. With
    /// <see cref="SlaTarget.RetroactivePauses"/>, the cancelled clock's pauses are replayed into the
    /// new one; without, the new clock counts the paused time as running time. Under the other
    /// profiles use <see cref="CancelAndAttach"/> with <see cref="SlaTarget.RetroactiveStart"/>.
    /// </summary>
    CancelAndRestartRetroactive = 1,

    /// <summary>
    /// ServiceNow's one definition per priority: cancel the clock and attach a new one (the next
    /// cycle) for the new priority as any new clock attaches: at the change, or back at the ticket's
    /// opening or creation with <see cref="SlaTarget.RetroactiveStart"/> (and its pauses with
    /// <see cref="SlaTarget.RetroactivePauses"/>). Any profile may use it.
    /// </summary>
    CancelAndAttach = 2,
}
