using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// The instants of a ticket a clock can start back at, read from its first snapshot: the first
/// snapshot's own instant (where <see cref="PriorityChangePolicy.CancelAndRestartRetroactive"/>
/// restarts), and when the ticket was opened and created (for <see cref="SlaRetroactiveStart"/>),
/// neither later than the first snapshot.
/// </summary>
/// <param name="FirstAt">The first snapshot's instant.</param>
/// <param name="OpenedAt">When the ticket was opened.</param>
/// <param name="CreatedAt">When the ticket was created.</param>
internal readonly record struct SlaTicketStart(Instant FirstAt, Instant OpenedAt, Instant CreatedAt)
{
    internal static SlaTicketStart Of(TicketChange first) => new(
        first.At,
        Earliest(first.Snapshot.OpenedAt, first.At),
        Earliest(first.Snapshot.CreatedAt, first.At));

    /// <summary>Where a new clock of <paramref name="target"/> starts when attached at <paramref name="at"/>.</summary>
    internal Instant StartOf(SlaTarget target, Instant at) => target.RetroactiveStart switch
    {
        SlaRetroactiveStart.Opened => Earliest(OpenedAt, at),
        SlaRetroactiveStart.Created => Earliest(CreatedAt, at),
        _ => at,
    };

    private static Instant Earliest(Instant? given, Instant limit) => given is { } g && g < limit ? g : limit;
}
