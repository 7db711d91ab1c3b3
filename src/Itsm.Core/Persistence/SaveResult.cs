using System.Collections.Generic;

namespace Itsm.Persistence;

/// <summary>The outcome of a save.</summary>
/// <param name="Version">The record's version after the save (for a replay, after the first save).</param>
/// <param name="Replayed">Whether the save was a replay of an idempotency key already stored, so nothing was written.</param>
public readonly record struct SaveResult(long Version, bool Replayed)
{
    private readonly IReadOnlyList<long>? _numbers;

    /// <summary>
    /// The numbers the store allocated to the records this save created (see <see cref="StoredAggregate.Number"/>):
    /// one entry per write of the unit, in write order, 0 for a write that updated its record. Empty when no
    /// write created a record, and for a replay (whose records keep the numbers their first save gave them).
    /// </summary>
    /// <remarks>
    /// A store sets it only when a write created a record, so the result of an update equals
    /// <c>new SaveResult(version, false)</c>. Compare it element by element: a list compares by reference.
    /// </remarks>
    public IReadOnlyList<long> Numbers
    {
        get => _numbers ?? [];
        init => _numbers = value;
    }
}
