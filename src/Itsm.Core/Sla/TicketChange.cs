using NodaTime;

namespace Itsm.Sla;

/// <summary>One entry of a ticket's history: the ticket as it was from <paramref name="At"/> on.</summary>
/// <param name="At">When the ticket took this shape.</param>
/// <param name="Snapshot">The ticket as the SLA conditions see it.</param>
public readonly record struct TicketChange(Instant At, TicketSnapshot Snapshot);
