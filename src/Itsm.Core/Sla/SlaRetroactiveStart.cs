namespace Itsm.Sla;

/// <summary>
/// Where a new clock of a target starts (ServiceNow's "Retroactive start" and "Set start to"): at the
/// update that attaches it, or back at an instant of the ticket.
/// </summary>
/// <remarks>
/// The instant is read from the ticket's first snapshot (<see cref="TicketSnapshot.OpenedAt"/> or
/// <see cref="TicketSnapshot.CreatedAt"/>, the first snapshot's own instant when the host leaves it
/// unset); an instant after the first snapshot counts as the first snapshot. With
/// <see cref="SlaTarget.RetroactivePauses"/>, the clock also counts as paused wherever the target's
/// pause condition (and resume condition) held on the snapshots since then.
/// <para>A host that builds its own snapshots (<see cref="SlaTracker.Track"/>) gives its own instant by
/// setting <see cref="TicketSnapshot.OpenedAt"/> or <see cref="TicketSnapshot.CreatedAt"/> on the first one.
/// The engine's incidents and service requests set both, live and in their audit-log replay: <c>CreatedAt</c> is the
/// instant of the command that created the ticket (the engine's clock then), and <c>OpenedAt</c> the instant the host
/// gave when opening it (<see cref="Itsm.Incidents.OpenIncident.OpenedAt"/>, <see cref="Itsm.Requests.SubmitServiceRequest.OpenedAt"/>,
/// at or before the command), else the same creation instant. So <see cref="Opened"/> can go back before the ticket
/// was created, as ServiceNow's <c>opened_at</c> can precede <c>sys_created_on</c>; <see cref="Created"/> never does.</para>
/// </remarks>
public enum SlaRetroactiveStart
{
    /// <summary>A new clock starts at the update that attaches it (the default).</summary>
    None = 0,

    /// <summary>A new clock starts when the ticket was opened (ServiceNow's "Set start to: Opened").</summary>
    Opened = 1,

    /// <summary>A new clock starts when the ticket was created (ServiceNow's "Set start to: Created").</summary>
    Created = 2,
}
