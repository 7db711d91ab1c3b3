using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Persistence.Contract.Stress;
using Xunit.Abstractions;

namespace Itsm.Persistence.Sqlite.Tests.Stress;

/// <summary>
/// A worker process commits units of work of three records each (<c>units</c> mode: one, two and one audit
/// entries, acknowledged on stdout only after <c>CommitAsync</c> returns) and is killed (SIGKILL) at random
/// points, <see cref="CrashKills.Count"/> times, restarted each time on the same database. After every kill:
/// the database passes <c>integrity_check</c>, no unit is half-written (each group's records are at
/// versions k, 2k and k with exactly that many audit rows), every acknowledged unit is stored, and the
/// feed's positions are 1..n without a gap, each unit's four entries on consecutive positions.
/// </summary>
[Collection(StressCollection.Name)]
public sealed class UnitCrashTests(ITestOutputHelper output)
{
    private const int Seed = 20261202;
    private const int Groups = 4;

    [Fact]
    public async Task A_worker_killed_at_random_points_leaves_no_half_written_unit_and_every_acknowledged_unit()
    {
        var kills = CrashKills.Count;
        var random = new Random(Seed);
        using var db = new StressDatabase(SqliteSynchronous.Full);
        var acknowledged = new long[Groups];
        long acknowledgedTotal = 0, halfWritten = 0;
        var clock = Stopwatch.StartNew();

        for (var kill = 1; kill <= kills; kill++)
        {
            var target = random.Next(1, 40);
            var delayMicroseconds = random.Next(0, 3000);
            using var worker = Worker.Start(
                "units",
                "--db", db.Path,
                "--tenant", StressDatabase.Tenant.Value,
                "--seed", random.Next().ToString(CultureInfo.InvariantCulture),
                "--groups", Groups.ToString(CultureInfo.InvariantCulture),
                "--max-seconds", "120");

            // Let it acknowledge `target` units, then kill it a random fraction of a commit later.
            await worker.WaitForLinesAsync(target, TimeSpan.FromSeconds(90));
            SpinFor(delayMicroseconds);
            var (_, stderr) = await worker.KillAsync();
            Assert.True(string.IsNullOrEmpty(stderr), $"the worker wrote to stderr: {stderr}");

            var lines = worker.Lines();
            foreach (var line in lines)
            {
                var (group, version) = ParseUnit(line);
                Assert.True(version > acknowledged[group], $"unit {group} acknowledged at {version} after {acknowledged[group]}");
                acknowledged[group] = version;
            }

            acknowledgedTotal += lines.Count;
            halfWritten += Check(db, acknowledged, acknowledgedTotal, kill);
        }

        Assert.Equal(0, halfWritten);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kills} kills, {acknowledgedTotal} units acknowledged, {db.Long("SELECT count(*) FROM audit")} audit rows, half-written units found: {halfWritten}, integrity_check ok after every kill, {clock.Elapsed.TotalSeconds:F1} s"));
        Assert.True(acknowledgedTotal >= kills, $"{acknowledgedTotal} units acknowledged by {kills} workers, each of which acknowledged at least one");
    }

    /// <summary>Checks the database after a kill; returns the number of half-written units found (the assertions fail first).</summary>
    private static long Check(StressDatabase db, long[] acknowledged, long acknowledgedTotal, int kills)
    {
        Assert.Equal("ok", db.Scalar("PRAGMA integrity_check"));

        long stored = 0, halfWritten = 0;
        for (var g = 0; g < Groups; g++)
        {
            var versions = new long[3];
            for (var r = 0; r < 3; r++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"{g}-{(char)('a' + r)}");
                var row = db.Rows(
                    "SELECT (SELECT version FROM records WHERE tenant = $tenant AND record_type = 'Unit' AND record_id = $id), count(*), coalesce(max(version), 0) FROM audit WHERE tenant = $tenant AND record_type = 'Unit' AND record_id = $id",
                    ("$tenant", StressDatabase.Tenant.Value),
                    ("$id", id))[0];
                var version = row[0] is long v ? v : 0;
                Assert.True(version == (long)row[1]! && version == (long)row[2]!, $"Unit {id}: version {version}, {row[1]} audit rows up to {row[2]}");
                versions[r] = version;
            }

            var units = versions[0];
            if (versions[1] != 2 * units || versions[2] != units)
            {
                halfWritten++;
            }

            Assert.True(versions[1] == 2 * units && versions[2] == units, $"group {g}: records at versions {versions[0]}, {versions[1]}, {versions[2]}: a unit was half-written");
            Assert.True(units >= acknowledged[g], $"group {g}: unit {acknowledged[g]} was acknowledged, the store has {units}");
            stored += units;
        }

        // At most one unit per killed worker committed without its acknowledgement reaching stdout.
        Assert.True(acknowledgedTotal <= stored && stored - acknowledgedTotal <= kills, $"{acknowledgedTotal} units acknowledged by {kills} killed workers, {stored} stored");

        // The feed: positions 1..n, and each unit's four entries (a, b, b, c) on consecutive positions in write order.
        var audit = db.Long("SELECT count(*) FROM audit WHERE tenant = $tenant", ("$tenant", StressDatabase.Tenant.Value));
        Assert.Equal(4 * stored, audit);
        var feed = db.Rows("SELECT position, record_id, version FROM audit WHERE tenant = $tenant ORDER BY position", ("$tenant", StressDatabase.Tenant.Value));
        for (var i = 0; i < feed.Count; i++)
        {
            Assert.Equal(i + 1L, (long)feed[i][0]!);
            var record = (string)feed[i][1]!;
            var expectedRecord = (i % 4) switch { 0 => 'a', 1 or 2 => 'b', _ => 'c' };
            Assert.True(record[^1] == expectedRecord && record[..^2] == ((string)feed[i - (i % 4)][1]!)[..^2], $"position {i + 1} holds {record}: a unit's entries are not together in write order");
        }

        return halfWritten;
    }

    private static (int Group, long Version) ParseUnit(string line)
    {
        var parts = line.Split(' ');
        Assert.True(
            parts.Length == 3 && parts[0] == "unit" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var group) && group < Groups
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _),
            $"unexpected worker line '{line}'");
        return (int.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture), long.Parse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture));
    }

    private static void SpinFor(int microseconds)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalMicroseconds < microseconds)
        {
            Thread.SpinWait(20);
        }
    }
}
