using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Xunit.Abstractions;

namespace Itsm.Persistence.Sqlite.Tests.Stress;

/// <summary>
/// A feed consumer process (<c>consume</c> mode: read the checkpoint, read a page, append each position to a
/// log file flushed to disk, save the checkpoint) is killed (SIGKILL) at random points,
/// <see cref="CrashKills.Count"/> times, and restarted each time, while four writers in this process commit.
/// At the end every committed position 1..n is in the log (none lost), and every line beyond n is a
/// redelivery: a position at or below one already handled, right after a restart, which a consumer detects
/// by its position.
/// </summary>
[Collection(StressCollection.Name)]
public sealed class FeedConsumerCrashTests(ITestOutputHelper output)
{
    private const int Seed = 20261203;
    private const int Writers = 4;
    private const string Consumer = "crash-consumer";

    [Fact]
    public async Task A_consumer_killed_at_random_points_loses_no_position_and_redelivers_only_by_position()
    {
        var kills = CrashKills.Count;
        var random = new Random(Seed);
        using var db = new StressDatabase(SqliteSynchronous.Full);
        var log = Path.Combine(Path.GetDirectoryName(db.Path)!, "consumer.log");
        var clock = Stopwatch.StartNew();

        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Factory.StartNew(
            () => Write(db.Store, w, stop.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        try
        {
            for (var kill = 1; kill <= kills; kill++)
            {
                using var consumer = Start(db, log, until: null);

                // A few checkpoints, then a random fraction of a page later: the kill lands
                // while reading, handling or saving the checkpoint.
                await consumer.WaitForLinesAsync(random.Next(1, 6), TimeSpan.FromSeconds(90));
                SpinFor(random.Next(0, 3000));
                var (_, stderr) = await consumer.KillAsync();
                Assert.True(string.IsNullOrEmpty(stderr), $"the consumer wrote to stderr: {stderr}");
            }
        }
        finally
        {
            await stop.CancelAsync();
        }

        var written = (await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(120))).Sum();

        // A last consumer, left alone, catches up with every committed position and exits.
        var committed = db.Long("SELECT count(*) FROM audit WHERE tenant = $tenant", ("$tenant", StressDatabase.Tenant.Value));
        Assert.Equal(written, committed);
        using (var last = Start(db, log, until: committed))
        {
            var (exitCode, stderr) = await last.WaitForExitAsync(TimeSpan.FromSeconds(600));
            Assert.True(exitCode == 0 && string.IsNullOrEmpty(stderr), $"the last consumer exited with {exitCode}: {stderr}");
        }

        var (handled, duplicates, restarts) = CheckLog(await File.ReadAllLinesAsync(log), committed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kills} kills, {committed} positions committed by {Writers} writers, {handled} handled lines, 0 lost, {duplicates} redelivered (detected by position) over {restarts} restarts, {clock.Elapsed.TotalSeconds:F1} s"));
        Assert.Equal(kills + 1, restarts);
    }

    /// <summary>
    /// Checks the log: each run starts right after a checkpoint no further than what was already handled, its
    /// positions follow one another, and together they hold every position 1..n.
    /// </summary>
    private static (long Handled, long Duplicates, int Restarts) CheckLog(string[] lines, long committed)
    {
        var seen = new HashSet<long>();
        long handled = 0, duplicates = 0, highest = 0, previous = 0;
        var restarts = 0;
        foreach (var line in lines)
        {
            if (line.StartsWith("start ", StringComparison.Ordinal))
            {
                var checkpoint = long.Parse(line["start ".Length..], NumberStyles.None, CultureInfo.InvariantCulture);

                // The checkpoint is saved only after its positions were handled: never ahead of the log.
                Assert.True(checkpoint <= highest, $"restart {restarts + 1} resumed after {checkpoint}, but only {highest} was handled");
                previous = checkpoint;
                restarts++;
                continue;
            }

            var position = long.Parse(line, NumberStyles.None, CultureInfo.InvariantCulture);
            Assert.Equal(previous + 1, position);
            previous = position;
            handled++;
            if (!seen.Add(position))
            {
                // A redelivery: the consumer recognises it, its position being at or below the highest handled.
                Assert.True(position <= highest, $"position {position} repeated above the highest handled {highest}");
                duplicates++;
            }

            highest = Math.Max(highest, position);
        }

        Assert.Equal(committed, seen.Count);
        Assert.Equal(committed, highest);
        Assert.Equal(handled, committed + duplicates);
        return (handled, duplicates, restarts);
    }

    private static Itsm.Persistence.Contract.Stress.StoreWorkerProcess Start(StressDatabase db, string log, long? until)
    {
        var arguments = new List<string>
        {
            "consume",
            "--db", db.Path,
            "--tenant", StressDatabase.Tenant.Value,
            "--consumer", Consumer,
            "--log", log,
            "--page", "20",
            "--max-seconds", "600",
        };
        if (until is { } last)
        {
            arguments.AddRange(["--until", last.ToString(CultureInfo.InvariantCulture)]);
        }

        return Worker.Start([.. arguments]);
    }

    /// <summary>One writer: saves one record over and over (one to three entries each) until stopped; returns the entries written.</summary>
    private static long Write(SqliteAggregateStore store, int writer, CancellationToken stop)
    {
        var id = "INC-" + writer.ToString(CultureInfo.InvariantCulture);
        long version = 0;
        var random = new Random(Seed + writer);
        while (!stop.IsCancellationRequested)
        {
            var entries = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => new AuditEntry(StressDatabase.Tenant, "Incident", id, 0, Samples.T0, StressDatabase.Agent, "Update", "New", "InProgress", new Dictionary<string, string>()))
                .ToArray();
            var write = new AggregateWrite(StressDatabase.Tenant, "Incident", id, version, "{}", Samples.Index(), entries);
            version = store.SaveAsync(write).GetAwaiter().GetResult().Version;

            // About 160 entries a second from the four writers: a consumer that fsyncs every line keeps up
            // on a two-core machine, so the feed grows during every consumer's life and each kill lands
            // while it has work, without the backlog growing over the run.
            Thread.Sleep(50);
        }

        return version;
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
