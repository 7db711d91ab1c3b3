using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Engine;
using Itsm.Common;
using Itsm.Incidents;
using Xunit.Abstractions;

using Itsm.Persistence.Contract.Stress;

namespace Itsm.Persistence.Sqlite.Tests.Stress;

/// <summary>
/// Issue 7's proof of "no lost update, ever" on SQLite: 16 writers run 500 accepted commands each on
/// one incident, through <c>engine.Incidents.ExecuteAsync</c> (load, command, save with the version
/// loaded), calling again on every <see cref="ConcurrencyException"/>. Afterwards the incident's version,
/// its audit count and 1 + the updates the writers saw succeed are the same number, and every audit
/// version 1..N is there once. The writers are threads of this process, or threads of several worker
/// processes on the same file. A blind-write control (read the version, write without checking it) runs
/// through the same <see cref="HistoryCheck"/> and must be caught losing updates.
/// </summary>
/// <remarks>
/// The writers use <c>synchronous = NORMAL</c>, which makes a commit cheaper but not less isolated (the
/// write lock and the version check are the same; NORMAL only gives up durability across a power loss,
/// which these tests do not exercise), so 8,000 contended commits fit the time budget of this suite.
/// </remarks>
[Collection(StressCollection.Name)]
public sealed class LostUpdateTests(ITestOutputHelper output)
{
    private const int Writers = 16;
    private const int UpdatesPerWriter = 500;
    private const int Processes = 4;
    private const int WritersPerProcess = Writers / Processes;
    private const SqliteSynchronous Synchronous = SqliteSynchronous.Normal;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Sixteen_writer_threads_with_500_updates_each_lose_no_update()
    {
        using var db = new StressDatabase(Synchronous);
        var id = await db.OpenIncidentAsync();
        var clock = Stopwatch.StartNew();

        var results = RunThreads(Writers, writer => WriteAll(db.Engine, id, "t" + writer.ToString(CultureInfo.InvariantCulture)));

        var succeeded = results.Sum(r => r.Succeeded);
        var conflicts = results.Sum(r => r.Conflicts);
        var check = await db.CheckIncidentAsync(id, initial: 1, succeeded);
        output.WriteLine($"{Writers} threads x {UpdatesPerWriter}: {succeeded} updates, {conflicts} conflicts retried, {clock.Elapsed.TotalSeconds:F1} s; {check}");
        Assert.All(results, r => Assert.Equal(UpdatesPerWriter, r.Succeeded));
        Assert.True(check.IsClean, check.ToString());
        Assert.Equal(1 + (Writers * UpdatesPerWriter), check.FinalVersion);
    }

    [Fact]
    public async Task Sixteen_writers_in_four_processes_with_500_updates_each_lose_no_update()
    {
        using var db = new StressDatabase(Synchronous);
        var id = await db.OpenIncidentAsync();
        var clock = Stopwatch.StartNew();
        var workers = new List<StoreWorkerProcess>();
        try
        {
            for (var p = 0; p < Processes; p++)
            {
                workers.Add(Worker.Start(
                    "update",
                    "--db", db.Path,
                    "--tenant", StressDatabase.Tenant.Value,
                    "--incident", id.ToString(),
                    "--updates", UpdatesPerWriter.ToString(CultureInfo.InvariantCulture),
                    "--writers", WritersPerProcess.ToString(CultureInfo.InvariantCulture),
                    "--synchronous", Synchronous == SqliteSynchronous.Normal ? "normal" : "full",
                    "--wait-for-go"));
            }

            // Every process has opened the store; release them together so they race from the first command.
            foreach (var worker in workers)
            {
                await worker.WaitForLinesAsync(1, TimeSpan.FromSeconds(60));
                Assert.Equal("ready", worker.Lines()[0]);
            }

            var started = clock.Elapsed;
            foreach (var worker in workers)
            {
                await worker.SendAsync("go");
            }

            long succeeded = 0, conflicts = 0;
            foreach (var worker in workers)
            {
                var (exitCode, stderr) = await worker.WaitForExitAsync(Deadline);
                Assert.True(exitCode == 0, $"worker {worker.Id} exited with {exitCode}: {stderr}");
                var (s, c) = ParseSummary(worker.Lines());
                Assert.Equal(WritersPerProcess * UpdatesPerWriter, s);
                succeeded += s;
                conflicts += c;
            }

            var check = await db.CheckIncidentAsync(id, initial: 1, succeeded);
            output.WriteLine($"{Processes} processes x {WritersPerProcess} writers x {UpdatesPerWriter}: {succeeded} updates, {conflicts} conflicts retried, "
                + $"{started.TotalSeconds:F1} s to start, {(clock.Elapsed - started).TotalSeconds:F1} s to write; {check}");
            Assert.True(check.IsClean, check.ToString());
            Assert.Equal(1 + (Writers * UpdatesPerWriter), check.FinalVersion);
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    /// <summary>
    /// The control: writers that read the version, then write version + 1 and its audit row in a second
    /// transaction without checking that the version is still the one read, on copies of the records and
    /// audit tables (copies have no keys, so nothing refuses the duplicate). A barrier makes every writer
    /// read before any writes, so each round of <see cref="Writers"/> writes loses all but one, every time.
    /// </summary>
    [Fact]
    public async Task Blind_writers_lose_updates_and_the_same_check_reports_them()
    {
        const int rounds = 20;
        using var db = new StressDatabase(SqliteSynchronous.Normal);
        var id = await db.OpenIncidentAsync();
        var key = new (string, object)[] { ("$tenant", StressDatabase.Tenant.Value), ("$type", Incident.RecordType), ("$id", id.ToString()) };
        db.Execute("CREATE TABLE blind_records AS SELECT * FROM records; CREATE TABLE blind_audit AS SELECT * FROM audit;");
        using var barrier = new Barrier(Writers);
        var writeGate = new object();

        var results = RunThreads(Writers, _ =>
        {
            long succeeded = 0;
            using var connection = db.Open();
            for (var round = 0; round < rounds; round++)
            {
                long version;
                using (var read = StressDatabase.Command(connection, "SELECT version FROM blind_records WHERE tenant = $tenant AND record_type = $type AND record_id = $id", key))
                {
                    version = Convert.ToInt64(read.ExecuteScalar(), CultureInfo.InvariantCulture);
                }

                Meet(barrier);

                // One writer at a time (SQLite would serialise them anyway, but with its busy handler's sleeps):
                // the loss comes from writing without the check, not from the order of the writes.
                lock (writeGate)
                {
                    using var transaction = connection.BeginTransaction();
                    using var write = StressDatabase.Command(connection, """
                        UPDATE blind_records SET version = $next WHERE tenant = $tenant AND record_type = $type AND record_id = $id;
                        INSERT INTO blind_audit
                            SELECT tenant, record_type, record_id, $next, at, actor_id, actor_roles, 'Assign', from_state, to_state, data, NULL
                            FROM blind_audit WHERE tenant = $tenant AND record_type = $type AND record_id = $id AND version = 1;
                        """, [.. key, ("$next", version + 1)]);
                    write.Transaction = transaction;
                    write.ExecuteNonQuery();
                    transaction.Commit();
                }

                succeeded++;
                Meet(barrier);
            }

            return (succeeded, 0L);
        });

        var succeededTotal = results.Sum(r => r.Succeeded);
        var finalVersion = db.Long("SELECT version FROM blind_records WHERE tenant = $tenant AND record_type = $type AND record_id = $id", key);
        var versions = db.Rows("SELECT version FROM blind_audit WHERE tenant = $tenant AND record_type = $type AND record_id = $id", key)
            .Select(row => Convert.ToInt64(row[0], CultureInfo.InvariantCulture));
        var check = HistoryCheck.Of(1, succeededTotal, finalVersion, versions);
        output.WriteLine($"blind control, {Writers} writers x {rounds} rounds: {check}");

        Assert.False(check.IsClean);
        Assert.Equal(Writers * rounds, succeededTotal);
        Assert.Equal((Writers - 1) * rounds, check.LostUpdates);
        Assert.Equal(1 + rounds, check.FinalVersion);
        Assert.Equal(1 + (Writers * rounds), check.AuditCount);
        Assert.Equal(rounds, check.Duplicated.Count);

        // The real tables were never touched: the incident is still at version 1 and reads back clean.
        Assert.True((await db.CheckIncidentAsync(id, initial: 1, succeeded: 0)).IsClean);
    }

    private static (long Succeeded, long Conflicts) WriteAll(ItsmEngine engine, IncidentId id, string writer)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        long succeeded = 0, conflicts = 0;
        for (var i = 0; i < UpdatesPerWriter; i++)
        {
            // Only the assignee changes: the stored state keeps its size however many updates run.
            var assignee = writer + "-" + i.ToString(CultureInfo.InvariantCulture);
            while (true)
            {
                if (deadline.IsCancellationRequested)
                {
                    throw new TimeoutException($"writer {writer} made {succeeded} of {UpdatesPerWriter} updates in {Deadline} ({conflicts} conflicts).");
                }

                try
                {
                    // The store is synchronous: the task has completed when ExecuteAsync returns.
                    engine.Incidents.ExecuteAsync(StressDatabase.Tenant, id, StressDatabase.Agent, new AssignIncident(new Itsm.Services.SupportGroupId("Stress"), assignee)).GetAwaiter().GetResult();
                    succeeded++;
                    break;
                }
                catch (ConcurrencyException)
                {
                    conflicts++;
                }
            }
        }

        return (succeeded, conflicts);
    }

    /// <summary>Runs <paramref name="count"/> dedicated threads released together; rethrows the first failure.</summary>
    private static (long Succeeded, long Conflicts)[] RunThreads(int count, Func<int, (long Succeeded, long Conflicts)> body)
    {
        var results = new (long Succeeded, long Conflicts)[count];
        var failures = new Exception?[count];
        using var start = new ManualResetEventSlim(false);
        var threads = new Thread[count];
        for (var t = 0; t < count; t++)
        {
            var index = t;
            threads[t] = new Thread(() =>
            {
                start.Wait();
                try
                {
                    results[index] = body(index);
                }
#pragma warning disable CA1031 // Collected and rethrown on the test's thread.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failures[index] = e;
                }
            })
            { IsBackground = true };
            threads[t].Start();
        }

        start.Set();
        var joinDeadline = Stopwatch.StartNew();
        foreach (var thread in threads)
        {
            // Every writer gives up by itself after Deadline; this is the backstop against a writer stuck in a call.
            var left = Deadline + TimeSpan.FromMinutes(1) - joinDeadline.Elapsed;
            if (!thread.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                throw new TimeoutException($"A writer thread did not end within {Deadline + TimeSpan.FromMinutes(1)}.");
            }
        }

        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw new InvalidOperationException("A writer failed: " + failure.Message, failure);
        }

        return results;
    }

    // A writer that failed never arrives: the others give up instead of waiting forever.
    private static void Meet(Barrier barrier)
    {
        if (!barrier.SignalAndWait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("A blind writer did not reach the barrier within 60 s.");
        }
    }

    private static (long Succeeded, long Conflicts) ParseSummary(IReadOnlyList<string> lines)
    {
        var last = lines.Count > 0 ? lines[^1] : string.Empty;
        var parts = last.Split(' ');
        Assert.True(parts.Length == 4 && parts[0] == "updated" && parts[2] == "conflicts", $"unexpected worker summary '{last}'");
        return (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }
}
