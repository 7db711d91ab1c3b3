using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Engine;

/// <summary>
/// Reading a tenant's event feed from a checkpoint: the committed events in commit order, as a consumer
/// reads them. The resource names only the tenant.
/// </summary>
/// <param name="After">The checkpoint: events after this feed position (0 for the start).</param>
/// <param name="Max">The most events one read returns.</param>
public sealed record ReadFeed(long After, int Max) : ItsmOperation
{
    /// <summary>The checkpoint: events after this feed position (0 for the start).</summary>
    /// <exception cref="System.ArgumentException">Set to a negative value.</exception>
    public long After { get; init; } = Guard.Against.Negative(After);

    /// <summary>The most events one read returns.</summary>
    /// <exception cref="System.ArgumentException">Set to zero or less.</exception>
    public int Max { get; init; } = Guard.Against.NegativeOrZero(Max);

    /// <summary><c>"ReadFeed"</c>.</summary>
    public override string Name => "ReadFeed";
}
