using Itsm.Common;

namespace Itsm.Routing;

/// <summary>
/// Where a group's round-robin stands: the member who got the last ticket. The host persists it per group
/// (one short string) and passes it back, so round-robin is a pure function of (members, cursor).
/// </summary>
/// <remarks>
/// Keeping the last member's id rather than a position keeps the turn order right when members join or leave:
/// the next turn is the first member after the last one in ordinal order, wrapping round.
/// <c>default</c> (no last member) starts at the first member.
/// </remarks>
public readonly record struct RoundRobinCursor
{
    /// <summary>Creates a cursor after <paramref name="lastAssigned"/>.</summary>
    /// <param name="lastAssigned">The member who got the last ticket, or <see langword="null"/> to start at the first member.</param>
    /// <exception cref="System.ArgumentException"><paramref name="lastAssigned"/> is blank or too long.</exception>
    public RoundRobinCursor(string? lastAssigned)
    {
        LastAssigned = Names.Optional(lastAssigned, nameof(lastAssigned));
    }

    /// <summary>The member who got the last ticket, or <see langword="null"/> before the first.</summary>
    public string? LastAssigned { get; }
}
