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
    /// <c>new SaveResult(version, false)</c>, and a create's <c>new SaveResult(1, false) { Numbers = [7] }</c>:
    /// results compare their numbers element by element.
    /// </remarks>
    public IReadOnlyList<long> Numbers
    {
        get => _numbers ?? [];
        init => _numbers = value;
    }

    /// <summary>Whether two results have the same version, replay flag and numbers (element by element).</summary>
    /// <param name="other">The other result.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(SaveResult other)
    {
        if (Version != other.Version || Replayed != other.Replayed || Numbers.Count != other.Numbers.Count)
        {
            return false;
        }

        for (var i = 0; i < Numbers.Count; i++)
        {
            if (Numbers[i] != other.Numbers[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hash of the version, the replay flag and the count of numbers.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => System.HashCode.Combine(Version, Replayed, Numbers.Count);
}
