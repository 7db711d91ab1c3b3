namespace Itsm.Sla;

/// <summary>
/// Chooses the business calendar (and so the time zone) a target's clock counts on for one ticket: by
/// its caller (<see cref="TicketSnapshot.Caller"/>), customer, location or service, read from the snapshot's fields and
/// <see cref="TicketSnapshot.Attributes"/>. ServiceNow calls this the SLA time zone source (the caller's
/// time zone, the SLA definition's, the configuration item's location, the caller's location).
/// </summary>
/// <param name="snapshot">The ticket as it is when the clock attaches.</param>
/// <param name="agreement">The agreement whose target attaches a clock.</param>
/// <param name="target">The target.</param>
/// <returns>
/// The id of a calendar among the host's calendars (<c>ItsmEngineOptions.Calendars</c>), or
/// <see langword="null"/> for the target's own <see cref="SlaTarget.CalendarId"/>.
/// </returns>
/// <remarks>
/// <para><b>When it is asked.</b> Each time a target attaches a clock to a ticket (a new clock, a new
/// cycle, a reattach), with the snapshot that attaches it. The choice is kept with the clock (on the
/// ticket's stored SLA state, and on <see cref="TrackedClock.CalendarId"/> in a replay), so a clock
/// never changes calendar part-way: a later edit of the attribute the resolver reads applies to the
/// target's next clock only. Two cases keep an earlier choice: a retroactive restart after a priority
/// change (<see cref="PriorityChangePolicy.CancelAndRestartRetroactive"/>) keeps the cancelled clock's
/// calendar, and a target whose clocks start back in time with their pauses
/// (<see cref="SlaTarget.RetroactivePauses"/> with a <see cref="SlaTarget.RetroactiveStart"/>) asks once, on
/// the first snapshot it sees, because its clocks are measured from there.</para>
/// <para><b>Purity.</b> It must be a function of its arguments (no clock, no database): a replay of the
/// audit log (<see cref="SlaTracker.Track"/>, <see cref="SlaTracker.Recompute"/>) asks it again and must
/// get the same answers. It is called on the command path, so keep it cheap (a dictionary lookup).</para>
/// <para><b>Unknown ids.</b> An id that is not among the calendars is a host configuration error, never
/// silently replaced by another calendar (that would count a customer's SLA in the wrong time zone): the
/// command that attaches the clock fails with <see cref="System.Collections.Generic.KeyNotFoundException"/>
/// naming the id, the agreement and the target, and nothing is saved; a replay fails the same way when
/// the clock is evaluated.</para>
/// </remarks>
public delegate string? SlaCalendarResolver(TicketSnapshot snapshot, Agreement agreement, SlaTarget target);
