using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Itsm.Persistence.Contract.Stress;

/// <summary>
/// The lost-update check of one record after racing writers: what the writers say they committed,
/// against the record's final version and its audit versions. The same check runs on the real store and
/// on the blind-write control, so the control proves that the check can see a lost update.
/// </summary>
/// <param name="Initial">The record's version before the writers started (1 after an <c>Open</c>).</param>
/// <param name="Succeeded">The updates the writers reported as committed.</param>
/// <param name="FinalVersion">The record's version afterwards.</param>
/// <param name="AuditCount">The number of its audit rows.</param>
/// <param name="Missing">Versions in 1..(Initial + Succeeded) with no audit row.</param>
/// <param name="Duplicated">Versions with more than one audit row.</param>
/// <param name="Unexpected">Audit versions outside 1..(Initial + Succeeded).</param>
public sealed record HistoryCheck(long Initial, long Succeeded, long FinalVersion, long AuditCount, IReadOnlyList<long> Missing, IReadOnlyList<long> Duplicated, IReadOnlyList<long> Unexpected)
{
    /// <summary>The version the record must have if no update was lost.</summary>
    public long ExpectedVersion => Initial + Succeeded;

    /// <summary>Updates reported as committed that the record's version does not count.</summary>
    public long LostUpdates => ExpectedVersion - FinalVersion;

    /// <summary>No update lost: final version == audit count == initial + succeeded, and every version 1..N present once.</summary>
    public bool IsClean =>
        LostUpdates == 0 && AuditCount == FinalVersion && Missing.Count == 0 && Duplicated.Count == 0 && Unexpected.Count == 0;

    /// <summary>Checks a record's history.</summary>
    /// <param name="initial">The version before the writers started.</param>
    /// <param name="succeeded">The updates the writers reported.</param>
    /// <param name="finalVersion">The record's version afterwards.</param>
    /// <param name="auditVersions">The version of every audit row of the record, in any order.</param>
    /// <returns>The check.</returns>
    public static HistoryCheck Of(long initial, long succeeded, long finalVersion, IEnumerable<long> auditVersions)
    {
        var counts = new Dictionary<long, int>();
        long rows = 0;
        foreach (var version in auditVersions)
        {
            counts[version] = counts.GetValueOrDefault(version) + 1;
            rows++;
        }

        var expected = initial + succeeded;
        var missing = new List<long>();
        for (long v = 1; v <= expected; v++)
        {
            if (!counts.ContainsKey(v))
            {
                missing.Add(v);
            }
        }

        return new HistoryCheck(
            initial,
            succeeded,
            finalVersion,
            rows,
            missing,
            counts.Where(c => c.Value > 1).Select(c => c.Key).Order().ToList(),
            counts.Keys.Where(v => v < 1 || v > expected).Order().ToList());
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"expected version {ExpectedVersion} (initial {Initial} + {Succeeded} updates), final version {FinalVersion}, {AuditCount} audit rows, "
        + $"{LostUpdates} lost, {Missing.Count} versions missing{Sample(Missing)}, {Duplicated.Count} duplicated{Sample(Duplicated)}, {Unexpected.Count} unexpected{Sample(Unexpected)}");

    private static string Sample(IReadOnlyList<long> versions) =>
        versions.Count == 0 ? string.Empty : " (" + string.Join(", ", versions.Take(5)) + (versions.Count > 5 ? ", ..." : string.Empty) + ")";
}
