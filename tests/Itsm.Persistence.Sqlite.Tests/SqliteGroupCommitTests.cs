using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Microsoft.Data.Sqlite;
using NodaTime;
using static Itsm.Persistence.Sqlite.Tests.Samples;

namespace Itsm.Persistence.Sqlite.Tests;

/// <summary>
/// Group commit (<see cref="SqliteStoreOptions.GroupCommit"/>): saves that queue behind a commit in progress
/// commit together, each keeping its own checks, feed positions, result and error. The batches here form
/// deterministically: an outside connection holds SQLite's write lock, a first save becomes the leader and
/// waits for it, and the saves made meanwhile queue behind it; releasing the lock commits the leader alone,
/// then the queue as one batch.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    // Far longer than any of these waits takes; a wait that runs out fails its test instead of hanging the run.
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(60);

    private static readonly Interval Window = new(T0, T0 + Duration.FromHours(1));

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_batch_gives_each_save_its_own_outcome_and_the_accepted_ones_consecutive_positions()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("STALE", 0));
        await store.SaveAsync(Write("KEYED", 0, key: new IdempotencyKey("used-key", "fingerprint-1")));
        await store.SaveAsync(Reserving("HOLDER", "ci:relay", Window));

        var (leader, queued, release) = await QueueBehindLeaderAsync(store, () => new Dictionary<string, Task<SaveResult>>
        {
            ["good-1"] = store.SaveAsync(Write("GOOD-1", 0)),
            ["stale"] = store.SaveAsync(Write("STALE", 5)),
            ["good-2"] = store.SaveAsync(Write("GOOD-2", 0)),
            ["used key, other fingerprint"] = store.SaveAsync(Write("OTHER", 0, key: new IdempotencyKey("used-key", "fingerprint-2"))),
            ["good-3"] = store.SaveAsync(Reserving("GOOD-3", "ci:relay", new Interval(Window.End, Window.End + Duration.FromHours(1)))),
            ["reservation taken"] = store.SaveAsync(Reserving("TAKER", "ci:relay", new Interval(T0 + Duration.FromMinutes(30), Window.End + Duration.FromHours(2)))),
            ["half-applied unit"] = store.CommitAsync(new UnitOfWork([Write("HALF", 0), Write("STALE", 9)])),
            ["key first"] = store.SaveAsync(Write("FIRST", 0, key: new IdempotencyKey("new-key", "fp-a"))),
            ["key again"] = store.SaveAsync(Write("AGAIN", 0, key: new IdempotencyKey("new-key", "fp-a"))),
            ["key changed"] = store.SaveAsync(Write("CHANGED", 0, key: new IdempotencyKey("new-key", "fp-b"))),
            ["twin-1"] = store.SaveAsync(Write("TWIN", 0)),
            ["twin-2"] = store.SaveAsync(Write("TWIN", 0)),
            ["unit of two"] = store.CommitAsync(new UnitOfWork([Write("PAIR-A", 0), Write("PAIR-B", 0)])),
            ["good-4"] = store.SaveAsync(Write("GOOD-4", 0)),
        });

        // An instant the store cannot keep fails its own save before it queues, and nobody else's.
        var unstorable = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = store.SaveAsync(Write("FAR", 0, at: Instant.MaxValue)); });
        Assert.Contains("write.AuditEntries[0].At", unstorable.Message, StringComparison.Ordinal);

        var batchesBefore = store.GroupCommitBatches;
        release();
        Assert.Equal(new SaveResult(1, false), (await Within(leader)) with { Numbers = [] });
        await Within(Task.WhenAll(queued.Values).ContinueWith(_ => 0, TaskScheduler.Default)); // every outcome, failures included
        Assert.Equal(batchesBefore + 2, store.GroupCommitBatches); // the leader alone, then the whole queue at once

        var stale = await Assert.ThrowsAsync<ConcurrencyException>(() => queued["stale"]);
        Assert.Equal((5L, 1L), (stale.ExpectedVersion, stale.ActualVersion));
        var keyConflict = await Assert.ThrowsAsync<IdempotencyConflictException>(() => queued["used key, other fingerprint"]);
        Assert.Contains("used-key", keyConflict.Message, StringComparison.Ordinal);
        var taken = await Assert.ThrowsAsync<ReservationConflictException>(() => queued["reservation taken"]);
        Assert.Equal(("TAKER", "HOLDER"), (taken.RecordId, taken.OtherRecordId));
        var half = await Assert.ThrowsAsync<ConcurrencyException>(() => queued["half-applied unit"]);
        Assert.Equal(("STALE", 9L, 1L), (half.RecordId, half.ExpectedVersion, half.ActualVersion));
        Assert.Equal(new SaveResult(1, Replayed: true), await queued["key again"]); // sees the first's key, in the same batch
        await Assert.ThrowsAsync<IdempotencyConflictException>(() => queued["key changed"]);
        var twin = await Assert.ThrowsAsync<ConcurrencyException>(() => queued["twin-2"]);
        Assert.Equal((0L, 1L), (twin.ExpectedVersion, twin.ActualVersion));

        string[] accepted = ["good-1", "good-2", "good-3", "key first", "twin-1", "unit of two", "good-4"];
        foreach (var name in accepted)
        {
            Assert.Equal(new SaveResult(1, false), (await queued[name]) with { Numbers = [] });
        }

        // The batch's creates took numbers one after the other, each once, and the refused ones none.
        var numbers = Sql.Rows(path, "SELECT number FROM records WHERE tenant = 'tenant-a' AND record_type = 'Incident' ORDER BY number").Select(r => (long)r[0]!).ToArray();
        Assert.Equal(Enumerable.Range(1, numbers.Length).Select(n => (long)n), numbers);
        Assert.All(accepted, name => Assert.Contains(queued[name].Result.Numbers[0], numbers));

        // The accepted saves' entries follow the leader's on consecutive positions, in queue order; a refused
        // save takes none and leaves nothing behind (HALF: its unit's first write was rolled back with it).
        var feed = await store.ReadFeedAsync(Tenant, 0, 100);
        Assert.Equal(Enumerable.Range(1, feed.Count).Select(p => (long)p), feed.Select(e => e.Position));
        Assert.Equal(
            new[] { "STALE", "KEYED", "HOLDER", "LEAD", "GOOD-1", "GOOD-2", "GOOD-3", "FIRST", "TWIN", "PAIR-A", "PAIR-B", "GOOD-4" },
            feed.Select(e => e.Entry.RecordId));
        foreach (var id in new[] { "HALF", "OTHER", "TAKER", "AGAIN", "CHANGED", "FAR" })
        {
            Assert.Null(await store.LoadAsync(Tenant, "Incident", id));
        }

        Assert.Equal(1, (await store.LoadAsync(Tenant, "Incident", "STALE"))?.Version);
        Assert.Equal(1L, Sql.Scalar(path, "SELECT count(*) FROM reservations WHERE record_id = 'GOOD-3'"));
        Assert.Equal(0L, Sql.Scalar(path, "SELECT count(*) FROM reservations WHERE record_id = 'TAKER'"));
        Assert.Equal("FIRST", (await store.FindIdempotencyKeyAsync(Tenant, "new-key"))?.RecordId);
    }

    [Fact]
    public async Task A_database_error_in_a_batch_fails_every_save_of_it_and_writes_none()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("SETUP", 0));
        Sql.Execute(path, "CREATE TRIGGER poison BEFORE INSERT ON records WHEN NEW.record_id = 'POISON' BEGIN SELECT RAISE(FAIL, 'poisoned'); END");

        var (leader, queued, release) = await QueueBehindLeaderAsync(store, () => new Dictionary<string, Task<SaveResult>>
        {
            ["before"] = store.SaveAsync(Write("BEFORE", 0)),
            ["poison"] = store.SaveAsync(Write("POISON", 0)),
            ["after"] = store.SaveAsync(Write("AFTER", 0)),
        });
        release();
        await Within(leader);

        foreach (var (name, save) in queued)
        {
            var e = await Assert.ThrowsAsync<StoreUnavailableException>(() => save);
            Assert.Contains("poisoned", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(new[] { "LEAD", "SETUP" }, (await store.QueryAsync(Tenant, new RecordQuery())).Select(r => r.RecordId).Order(StringComparer.Ordinal));
        Assert.Equal(new SaveResult(1, false), (await store.SaveAsync(Write("BEFORE", 0))) with { Numbers = [] }); // the store goes on
    }

    [Fact]
    public async Task A_save_cancelled_while_queued_is_not_written_and_its_neighbours_are()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        await store.SaveAsync(Write("SETUP", 0));
        using var cancel = new CancellationTokenSource();

        var (leader, queued, release) = await QueueBehindLeaderAsync(store, () => new Dictionary<string, Task<SaveResult>>
        {
            ["before"] = store.SaveAsync(Write("BEFORE", 0)),
            ["cancelled"] = store.SaveAsync(Write("CANCELLED", 0), cancel.Token),
            ["after"] = store.SaveAsync(Write("AFTER", 0)),
        });
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(queued["cancelled"]));
        release();
        await Within(leader);

        Assert.Equal(new SaveResult(1, false), (await Within(queued["before"])) with { Numbers = [] });
        Assert.Equal(new SaveResult(1, false), (await Within(queued["after"])) with { Numbers = [] });
        Assert.Null(await store.LoadAsync(Tenant, "Incident", "CANCELLED"));
        Assert.Equal(new[] { "SETUP", "LEAD", "BEFORE", "AFTER" }, (await store.ReadFeedAsync(Tenant, 0, 10)).Select(e => e.Entry.RecordId));
    }

    [Fact]
    public async Task A_save_queued_longer_than_the_busy_timeout_fails_unavailable_and_is_not_written()
    {
        var path = _directory.NewDatabase();
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = path, BusyTimeout = Duration.FromMilliseconds(500) });
        await store.SaveAsync(Write("SETUP", 0));

        // The lock stays held past every wait: the leader gives up in SQLite's busy handler, the queued save
        // at the gate or, handed the lead, in the busy handler too.
        var (leader, queued, release) = await QueueBehindLeaderAsync(store, () => new Dictionary<string, Task<SaveResult>>
        {
            ["queued"] = store.SaveAsync(Write("QUEUED", 0)),
        });
        var e = await Assert.ThrowsAsync<StoreUnavailableException>(() => Within(queued["queued"]));
        Assert.Contains("longer than the busy timeout", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => Within(leader));
        release();

        Assert.Null(await store.LoadAsync(Tenant, "Incident", "QUEUED"));
        Assert.Null(await store.LoadAsync(Tenant, "Incident", "LEAD"));
        Assert.Equal(new SaveResult(1, false), (await store.SaveAsync(Write("QUEUED", 0))) with { Numbers = [] });
    }

    [Fact]
    public async Task A_lone_save_commits_at_once_in_a_batch_of_its_own()
    {
        var store = Store(_directory.NewDatabase());
        for (var i = 0; i < 3; i++)
        {
            var save = store.SaveAsync(Write("INC-1", i));
            Assert.True(save.IsCompleted, "a lone save waited for company");
            Assert.Equal(new SaveResult(i + 1, false), (await save) with { Numbers = [] });
            Assert.Equal(i + 1, store.GroupCommitBatches);
            Assert.False(store.GroupCommitLeading);
        }
    }

    [Fact]
    public async Task Without_group_commit_saves_do_not_queue()
    {
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = _directory.NewDatabase(), GroupCommit = false });
        Assert.Equal(new SaveResult(1, false), (await store.SaveAsync(Write("INC-1", 0))) with { Numbers = [] });
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.SaveAsync(Write("INC-1", 0)));
        Assert.Equal(0, store.GroupCommitBatches);
    }

    [Fact]
    public async Task Many_concurrent_writers_commit_every_save_once_with_a_gapless_feed()
    {
        var path = _directory.NewDatabase();
        var stores = new[] { Store(path), Store(path) }; // two instances share one queue
        const int Writers = 16;
        const int Saves = 20;
        var batchesBefore = stores[0].GroupCommitBatches;

        await Within(Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var store = stores[w % 2];
            for (var v = 0; v < Saves; v++)
            {
                Assert.Equal(new SaveResult(v + 1, false), (await store.SaveAsync(Write("W" + w, v))) with { Numbers = [] });

                // Every writer also tries a stale save now and then: refused alone, whatever batch it lands in.
                if (v % 5 == 0)
                {
                    await Assert.ThrowsAsync<ConcurrencyException>(() => store.SaveAsync(Write("W" + w, v)));
                }
            }
        }))).ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default));

        var feed = await stores[1].ReadFeedAsync(Tenant, 0, 1000);
        Assert.Equal(Enumerable.Range(1, Writers * Saves).Select(p => (long)p), feed.Select(e => e.Position));
        for (var w = 0; w < Writers; w++)
        {
            Assert.Equal(Enumerable.Range(1, Saves).Select(v => (long)v), feed.Where(e => e.Entry.RecordId == "W" + w).Select(e => e.Entry.Version));
        }

        Assert.InRange(stores[0].GroupCommitBatches - batchesBefore, 1, Writers * (Saves + 4));
    }

    /// <summary>
    /// Holds SQLite's write lock from an outside connection, starts a save of <c>LEAD</c> on its own thread and
    /// waits until it leads (it then waits for the lock in BEGIN IMMEDIATE), then makes the saves, which must
    /// all queue. Returns the leader's task, the queued saves and the action that releases the lock.
    /// </summary>
    private static async Task<(Task<SaveResult> Leader, Dictionary<string, Task<SaveResult>> Queued, Action Release)> QueueBehindLeaderAsync(
        SqliteAggregateStore store, Func<Dictionary<string, Task<SaveResult>>> saves)
    {
        var blocker = Sql.Open(store.DatabasePath);
        using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        var leader = Task.Factory.StartNew(
            () => store.SaveAsync(Write("LEAD", 0)).GetAwaiter().GetResult(),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Assert.True(SpinWait.SpinUntil(() => store.GroupCommitLeading, WaitTimeout), "the first save did not start leading");

        var queued = saves();
        await Task.Delay(50); // long enough for a save that did not queue to finish
        Assert.All(queued, q => Assert.False(q.Value.IsCompleted, $"'{q.Key}' completed while the leader waited for the lock"));
        Assert.False(leader.IsCompleted, "the leader committed while another connection held the lock");

        return (leader, queued, () =>
        {
            using (var commit = blocker.CreateCommand())
            {
                commit.CommandText = "COMMIT";
                commit.ExecuteNonQuery();
            }

            blocker.Dispose();
        });
    }

    private static AggregateWrite Reserving(string id, string resource, Interval window) =>
        new(Tenant, "Incident", id, 0, "{}", Index(), [Entry(id)], reservations: [new ResourceReservation(resource, window)]);

    private static async Task<T> Within<T>(Task<T> task)
    {
        try
        {
            return await task.WaitAsync(WaitTimeout);
        }
        catch (TimeoutException e) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Timed out after {WaitTimeout} waiting for a save.", e);
        }
    }
}
