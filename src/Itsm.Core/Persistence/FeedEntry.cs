using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>
/// One committed audit entry as the event feed hands it out: its position in the tenant's feed and
/// the entry, whose <see cref="Event"/> is the typed event.
/// </summary>
/// <remarks>
/// Positions of a tenant are 1, 2, 3, … with no gaps, in commit order: a reader that has seen
/// position <c>p</c> has seen every entry committed before it. Delivery from the feed is at least
/// once, so a consumer uses <see cref="Position"/> as its dedupe key.
/// </remarks>
public sealed record FeedEntry
{
    /// <summary>Creates a feed entry.</summary>
    /// <param name="position">The entry's position in its tenant's feed; 1 or more.</param>
    /// <param name="entry">The audit entry.</param>
    /// <exception cref="System.ArgumentException"><paramref name="position"/> is below 1 or <paramref name="entry"/> is null.</exception>
    public FeedEntry(long position, AuditEntry entry)
    {
        Guard.Against.NegativeOrZero(position);
        Position = position;
        Entry = Guard.Against.Null(entry);
    }

    /// <summary>The position in the tenant's feed: 1 for the tenant's first committed entry, then one more for each.</summary>
    public long Position { get; }

    /// <summary>The audit entry.</summary>
    public AuditEntry Entry { get; }

    /// <summary>The entry's tenant.</summary>
    public TenantId Tenant => Entry.Tenant;

    /// <summary>The typed event (<see cref="AuditEntry.Event"/>).</summary>
    public DomainEvent Event => Entry.Event;
}
