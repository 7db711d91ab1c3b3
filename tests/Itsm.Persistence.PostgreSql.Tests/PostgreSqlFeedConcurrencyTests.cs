using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>
/// The feed under concurrent writers: a writer that has allocated its positions (it holds the tenant's feed head)
/// and commits late, or rolls back, while 4 other writers save and a reader follows the feed from its checkpoint.
/// The reader must never see a gap or go back, and in the end must have seen every committed entry exactly once.
/// The writers' store runs with group commit on (the default) and off.
/// </summary>
public sealed class PostgreSqlFeedConcurrencyTests : IAsyncLifetime
{
    private const int Writers = 4;
    private const int SavesPerWriter = 10;
    private const int Seeded = 3;
    private const string Consumer = "follower";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    private readonly string _schema = PostgresServer.NewSchema();
    private PostgreSqlAggregateStore _store = null!;
    private PostgreSqlAggregateStore _alone = null!;
    private PostgreSqlAggregateStore _late = null!;

    public async Task InitializeAsync()
    {
        _store = new PostgreSqlAggregateStore(PostgresServer.NewOptions(_schema));
        _alone = new PostgreSqlAggregateStore(PostgresServer.NewOptions(_schema) with { GroupCommit = false });
        _late = new PostgreSqlAggregateStore(PostgresServer.NewOptions(_schema));
        for (var i = 0; i < Seeded; i++)
        {
            await _store.SaveAsync(Samples.Write("SEED-" + i, 0));
        }
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _alone.DisposeAsync();
        await _late.DisposeAsync();
        await PostgresServer.DropSchemaAsync(_schema);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_writer_committing_late_holds_back_later_positions_and_the_reader_never_sees_a_gap(bool groupCommit)
    {
        var run = await RunAsync(groupCommit ? _store : _alone, rollBack: false);

        Assert.Null(run.LateError);
        var total = Seeded + 1 + (Writers * SavesPerWriter);
        Assert.Equal(Enumerable.Range(1, total).Select(p => (long)p), run.Seen.Select(e => e.Position));

        // The late writer allocated first, so it holds the first position after the seeds, though it committed after
        // every writer that queued behind it: positions are commit order.
        Assert.Equal("LATE", run.Seen[Seeded].Entry.RecordId);
        Assert.Equal(Seeded, run.MaxSeenWhileHeld);
        await AssertSeenEqualsAuditAsync(run.Seen);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_writer_rolling_back_after_allocating_leaves_no_gap(bool groupCommit)
    {
        var run = await RunAsync(groupCommit ? _store : _alone, rollBack: true);

        Assert.IsType<InvalidOperationException>(run.LateError);
        Assert.Null(await _store.LoadAsync(Samples.Tenant, "Incident", "LATE"));
        var total = Seeded + (Writers * SavesPerWriter);
        Assert.Equal(Enumerable.Range(1, total).Select(p => (long)p), run.Seen.Select(e => e.Position));
        Assert.DoesNotContain(run.Seen, e => e.Entry.RecordId == "LATE");
        Assert.Equal(Seeded, run.MaxSeenWhileHeld);
        Assert.Equal((long)total, await PostgresServer.ScalarAsync($"SELECT position FROM \"{_schema}\".feed_heads WHERE tenant = $1", Samples.Tenant.Value));
        await AssertSeenEqualsAuditAsync(run.Seen);
    }

    private async Task<Run> RunAsync(PostgreSqlAggregateStore store, bool rollBack)
    {
        var allocated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _late.FeedAllocatedHook = async cancellationToken =>
        {
            allocated.SetResult();
            await release.Task.WaitAsync(cancellationToken);
            if (rollBack)
            {
                throw new InvalidOperationException("rolled back by the test after allocating its positions");
            }
        };

        using var stop = new CancellationTokenSource();
        var seen = new ConcurrentQueue<FeedEntry>();
        var reader = Task.Run(() => FollowAsync(seen, stop.Token));

        Exception? lateError = null;
        var late = Task.Run(async () =>
        {
            try
            {
                await _late.SaveAsync(Samples.Write("LATE", 0));
            }
            catch (InvalidOperationException e)
            {
                lateError = e;
            }
        });
        await allocated.Task.WaitAsync(Bound);

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var v = 0; v < SavesPerWriter; v++)
            {
                await store.SaveAsync(Samples.Write("INC-" + w, v));
            }
        })).ToArray();

        // Every writer of the tenant queues on the locks the late writer holds (a lock wait, not a poll): the
        // tenant's record-number counter its create took, then the feed head. With group commit, one transaction of
        // the writers' store waits there and the other writers queue behind it in the process...
        var waiting = store == _store ? 1 : Writers;
        await UntilAsync(async () => (long)(await PostgresServer.ScalarAsync(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND (query LIKE $1 OR query LIKE $2)",
            $"%\"{_schema}\".feed_heads%",
            $"%\"{_schema}\".record_numbers%"))! == waiting);

        // ...while another tenant commits, and the reader sees nothing past the seeds.
        Assert.Equal(new SaveResult(1, false), (await store.SaveAsync(Samples.Write("INC-B", 0, tenant: Samples.OtherTenant)).WaitAsync(Bound)) with { Numbers = [] });
        var maxWhileHeld = seen.IsEmpty ? 0 : seen.Max(e => e.Position);
        Assert.All(writers, w => Assert.False(w.IsCompleted));
        var afterHold = (await _store.ReadFeedAsync(Samples.Tenant, 0, 100)).Select(e => e.Position).ToArray();

        release.SetResult();
        await Task.WhenAll(writers.Append(late)).WaitAsync(Bound);
        var total = Seeded + (rollBack ? 0 : 1) + (Writers * SavesPerWriter);
        await UntilAsync(() => Task.FromResult(seen.Count >= total));
        await stop.CancelAsync();
        await reader.WaitAsync(Bound);

        Assert.Equal(Enumerable.Range(1, Seeded).Select(p => (long)p), afterHold);
        return new Run(seen.ToList(), maxWhileHeld, lateError);
    }

    /// <summary>A consumer: reads after its checkpoint, checks each page continues it, saves the checkpoint.</summary>
    private async Task FollowAsync(ConcurrentQueue<FeedEntry> seen, CancellationToken stop)
    {
        var after = await _store.ReadCheckpointAsync(Samples.Tenant, Consumer);
        while (!stop.IsCancellationRequested)
        {
            var page = await _store.ReadFeedAsync(Samples.Tenant, after, 5);
            foreach (var entry in page)
            {
                if (entry.Position != after + 1)
                {
                    throw new InvalidOperationException($"The reader at {after} was handed position {entry.Position}.");
                }

                after = entry.Position;
                seen.Enqueue(entry);
            }

            if (page.Count > 0)
            {
                await _store.SaveCheckpointAsync(Samples.Tenant, Consumer, after);
                Assert.Equal(after, await _store.ReadCheckpointAsync(Samples.Tenant, Consumer));
            }
            else
            {
                await Task.Yield();
            }
        }
    }

    private async Task AssertSeenEqualsAuditAsync(List<FeedEntry> seen)
    {
        // Exactly once: the entries seen are the tenant's audit rows, each once, each record's in version order.
        var audit = await _store.ReadAuditAsync(Samples.Tenant, new NodaTime.Interval(Samples.T0 - NodaTime.Duration.FromDays(1), Samples.T0 + NodaTime.Duration.FromDays(1)));
        Assert.Equal(
            audit.Select(e => $"{e.RecordId}/{e.Version}").Order(StringComparer.Ordinal),
            seen.Select(e => $"{e.Entry.RecordId}/{e.Entry.Version}").Order(StringComparer.Ordinal));
        foreach (var record in seen.GroupBy(e => e.Entry.RecordId))
        {
            Assert.Equal(Enumerable.Range(1, record.Count()).Select(v => (long)v), record.Select(e => e.Entry.Version));
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Bound; // a bound on a hang, not a timing assertion
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within the bound.");
            await Task.Delay(20);
        }
    }

    private sealed record Run(List<FeedEntry> Seen, long MaxSeenWhileHeld, Exception? LateError);
}
