using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>
/// Group commit formed deterministically: a first unit of the tenant holds its commit open (after its feed positions
/// are allocated), the units started meanwhile queue in this order, and when it commits they form one group.
/// </summary>
public sealed class PostgreSqlGroupCommitTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private static readonly Interval Morning = new(Samples.T0, Samples.T0 + Duration.FromHours(1));

    private readonly PostgreSqlAggregateStore _store = new(PostgresServer.NewOptions());
    private readonly ConcurrentQueue<string[]> _groups = new();
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _commits;

    public async Task InitializeAsync()
    {
        await _store.SaveAsync(Samples.Write("STALE", 0));
        await _store.SaveAsync(Samples.Write("KEYED", 0, key: new IdempotencyKey("K-used", "fp-1")));
        await _store.SaveAsync(Reserving("HOLDER", "room-1"));
        _store.GroupFormedHook = units =>
        {
            _groups.Enqueue(units.Select(u => u.Writes[0].RecordId).ToArray());
            return Task.CompletedTask;
        };
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await PostgresServer.DropSchemaAsync(_store.Schema);
    }

    [Fact]
    public async Task Each_bad_unit_of_a_group_gets_its_own_error_and_the_good_ones_commit_with_consecutive_positions()
    {
        HoldTheFirstCommit(failTheGroup: false);
        var blocker = await StartBlockerAsync();

        // Queued in this order behind the blocker (each call joins the queue before it returns its task).
        var good1 = _store.SaveAsync(Samples.Write("GOOD-1", 0));
        var stale = _store.SaveAsync(Samples.Write("STALE", 5));
        var good2 = _store.SaveAsync(Samples.Write("GOOD-2", 0));
        var keyConflict = _store.SaveAsync(Samples.Write("KEY-OTHER", 0, key: new IdempotencyKey("K-used", "fp-2")));
        var good3 = _store.SaveAsync(Samples.Write("GOOD-3", 0));
        var reservationConflict = _store.SaveAsync(Reserving("OVERLAPS", "room-1"));
        var replay = _store.SaveAsync(Samples.Write("KEYED", 1, key: new IdempotencyKey("K-used", "fp-1")));
        var sameLoad = _store.SaveAsync(Samples.Write("GOOD-1", 0, state: "{\"other\":true}"));
        var good4 = _store.SaveAsync(Reserving("GOOD-4", "room-2"));
        var badInstant = _store.SaveAsync(Samples.Write("BAD-INSTANT", 0, index: Samples.Index(openedAt: Instant.FromUtc(2300, 1, 1, 0, 0))));
        _release.SetResult();
        await blocker.WaitAsync(Bound);

        Assert.Equal(new SaveResult(1, false), (await good1.WaitAsync(Bound)) with { Numbers = [] });
        Assert.Equal(new SaveResult(1, false), (await good2.WaitAsync(Bound)) with { Numbers = [] });
        Assert.Equal(new SaveResult(1, false), (await good3.WaitAsync(Bound)) with { Numbers = [] });
        Assert.Equal(new SaveResult(1, false), (await good4.WaitAsync(Bound)) with { Numbers = [] });
        var staleError = await Assert.ThrowsAsync<ConcurrencyException>(() => stale.WaitAsync(Bound));
        Assert.Equal(("STALE", 5L, 1L), (staleError.RecordId, staleError.ExpectedVersion, staleError.ActualVersion));
        Assert.Equal("K-used", (await Assert.ThrowsAsync<IdempotencyConflictException>(() => keyConflict.WaitAsync(Bound))).Key);
        var overlap = await Assert.ThrowsAsync<ReservationConflictException>(() => reservationConflict.WaitAsync(Bound));
        Assert.Equal(("OVERLAPS", "HOLDER"), (overlap.RecordId, overlap.OtherRecordId));
        Assert.Equal(new SaveResult(1, true), await replay.WaitAsync(Bound));
        var sameLoadError = await Assert.ThrowsAsync<ConcurrencyException>(() => sameLoad.WaitAsync(Bound));
        Assert.Equal(("GOOD-1", 0L, 1L), (sameLoadError.RecordId, sameLoadError.ExpectedVersion, sameLoadError.ActualVersion));
        Assert.Equal("write.Index.OpenedAt", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => badInstant.WaitAsync(Bound))).ParamName);

        // One group, in arrival order, without the unit refused before it joined.
        Assert.Equal(
            ["GOOD-1", "STALE", "GOOD-2", "KEY-OTHER", "GOOD-3", "OVERLAPS", "KEYED", "GOOD-1", "GOOD-4"],
            Assert.Single(_groups));

        // The feed: the seeds, the blocker, then the good units at consecutive positions in group order, one entry each.
        var feed = await _store.ReadFeedAsync(Samples.Tenant, 0, 100);
        Assert.Equal(Enumerable.Range(1, 8).Select(p => (long)p), feed.Select(e => e.Position));
        Assert.Equal(
            ["STALE", "KEYED", "HOLDER", "BLOCKER", "GOOD-1", "GOOD-2", "GOOD-3", "GOOD-4"],
            feed.Select(e => e.Entry.RecordId));
        Assert.All(feed, e => Assert.Equal(1, e.Entry.Version));
        Assert.Equal(8L, await FeedHeadAsync());

        Assert.Null(await _store.LoadAsync(Samples.Tenant, "Incident", "KEY-OTHER"));
        Assert.Null(await _store.LoadAsync(Samples.Tenant, "Incident", "OVERLAPS"));
        Assert.Null(await _store.LoadAsync(Samples.Tenant, "Incident", "BAD-INSTANT"));
        Assert.Equal("{\"v\":1}", (await _store.LoadAsync(Samples.Tenant, "Incident", "GOOD-1"))!.State);
        Assert.Equal(1, (await _store.LoadAsync(Samples.Tenant, "Incident", "STALE"))!.Version);
        Assert.Equal(1, (await _store.LoadAsync(Samples.Tenant, "Incident", "KEYED"))!.Version);
        Assert.Equal(
            ["room-1", "room-2"],
            ((IEnumerable<object>)(await PostgresServer.ScalarAsync($"SELECT array_agg(resource ORDER BY resource) FROM \"{_store.Schema}\".reservations"))!).Cast<string>());
    }

    [Fact]
    public async Task A_group_sent_with_its_feed_and_commit_in_one_round_trip_keeps_each_units_error_and_the_good_ones_positions()
    {
        // No reservation in the group and no hook left when it forms: its units, the feed statement and the COMMIT
        // travel in one batch, and each bad unit stops the batch at its own statement.
        HoldTheFirstCommit(failTheGroup: false);
        var blocker = await StartBlockerAsync();
        _store.FeedAllocatedHook = null;

        var good1 = _store.SaveAsync(Samples.Write("GOOD-1", 0));
        var stale = _store.SaveAsync(Samples.Write("STALE", 5));
        var good2 = _store.SaveAsync(Samples.Write("GOOD-2", 0));
        var keyConflict = _store.SaveAsync(Samples.Write("KEY-OTHER", 0, key: new IdempotencyKey("K-used", "fp-2")));
        var replay = _store.SaveAsync(Samples.Write("KEYED", 1, key: new IdempotencyKey("K-used", "fp-1")));
        var sameLoad = _store.SaveAsync(Samples.Write("GOOD-1", 0, state: "{\"other\":true}"));
        var good3 = _store.SaveAsync(Samples.Write("STALE", 1));
        var staleLast = _store.SaveAsync(Samples.Write("KEYED", 3));
        _release.SetResult();
        await blocker.WaitAsync(Bound);

        Assert.Equal(new SaveResult(1, false), (await good1.WaitAsync(Bound)) with { Numbers = [] });
        Assert.Equal(new SaveResult(1, false), (await good2.WaitAsync(Bound)) with { Numbers = [] });
        Assert.Equal(new SaveResult(2, false), (await good3.WaitAsync(Bound)) with { Numbers = [] });
        var staleError = await Assert.ThrowsAsync<ConcurrencyException>(() => stale.WaitAsync(Bound));
        Assert.Equal(("STALE", 5L, 1L), (staleError.RecordId, staleError.ExpectedVersion, staleError.ActualVersion));
        Assert.Equal("K-used", (await Assert.ThrowsAsync<IdempotencyConflictException>(() => keyConflict.WaitAsync(Bound))).Key);
        Assert.Equal(new SaveResult(1, true), await replay.WaitAsync(Bound));
        var sameLoadError = await Assert.ThrowsAsync<ConcurrencyException>(() => sameLoad.WaitAsync(Bound));
        Assert.Equal(("GOOD-1", 0L, 1L), (sameLoadError.RecordId, sameLoadError.ExpectedVersion, sameLoadError.ActualVersion));
        var staleLastError = await Assert.ThrowsAsync<ConcurrencyException>(() => staleLast.WaitAsync(Bound));
        Assert.Equal(("KEYED", 3L, 1L), (staleLastError.RecordId, staleLastError.ExpectedVersion, staleLastError.ActualVersion));

        // The two units loaded at the version an earlier unit of the group was refused at go back to the queue and
        // form the next group: one commits, one is stale (its batch stops at it).
        Assert.Equal(
            [["GOOD-1", "STALE", "GOOD-2", "KEY-OTHER", "KEYED", "GOOD-1", "STALE", "KEYED"], ["STALE", "KEYED"]],
            _groups.ToArray());
        var feed = await _store.ReadFeedAsync(Samples.Tenant, 0, 100);
        Assert.Equal(Enumerable.Range(1, 7).Select(p => (long)p), feed.Select(e => e.Position));
        Assert.Equal(["STALE", "KEYED", "HOLDER", "BLOCKER", "GOOD-1", "GOOD-2", "STALE"], feed.Select(e => e.Entry.RecordId));
        Assert.Equal([1L, 1, 1, 1, 1, 1, 2], feed.Select(e => e.Entry.Version));
        Assert.Equal(7L, await FeedHeadAsync());
        Assert.Null(await _store.LoadAsync(Samples.Tenant, "Incident", "KEY-OTHER"));
        Assert.Equal("{\"v\":1}", (await _store.LoadAsync(Samples.Tenant, "Incident", "GOOD-1"))!.State);
        Assert.Equal(1, (await _store.LoadAsync(Samples.Tenant, "Incident", "KEYED"))!.Version);
    }

    [Fact]
    public async Task A_group_of_single_record_updates_commits_in_one_statement_and_keeps_each_units_error()
    {
        // Every unit updates one existing record, without key or reservation: the group travels as one statement
        // (PostgreSqlAggregateStore.UpdateGroup.cs), where a stale unit writes nothing and fails no neighbour.
        foreach (var id in new[] { "U-1", "U-2", "U-3" })
        {
            await _store.SaveAsync(Samples.Write(id, 0));
        }

        HoldTheFirstCommit(failTheGroup: false);
        var blocker = await StartBlockerAsync();
        _store.FeedAllocatedHook = null;

        var good1 = _store.SaveAsync(Samples.Write("U-1", 1));
        var stale = _store.SaveAsync(Samples.Write("U-2", 5));
        var missing = _store.SaveAsync(Samples.Write("NO-SUCH", 2));
        var twoEntries = _store.SaveAsync(new AggregateWrite(
            Samples.Tenant, "Incident", "U-3", 1, "{\"v\":3}", Samples.Index(slaDueAt: Samples.T0 + Duration.FromHours(4)),
            [Samples.Entry(Samples.Tenant, "U-3"), Samples.Entry(Samples.Tenant, "U-3", Samples.T0 + Duration.FromMinutes(1))]));
        var good2 = _store.SaveAsync(Samples.Write("STALE", 1));
        var sameLoad = _store.SaveAsync(Samples.Write("U-1", 1, state: "{\"other\":true}"));
        _release.SetResult();
        await blocker.WaitAsync(Bound);

        Assert.Equal(new SaveResult(2, false), await good1.WaitAsync(Bound));
        Assert.Equal(new SaveResult(3, false), await twoEntries.WaitAsync(Bound));
        Assert.Equal(new SaveResult(2, false), await good2.WaitAsync(Bound));
        var staleError = await Assert.ThrowsAsync<ConcurrencyException>(() => stale.WaitAsync(Bound));
        Assert.Equal(("U-2", 5L, 1L), (staleError.RecordId, staleError.ExpectedVersion, staleError.ActualVersion));
        var missingError = await Assert.ThrowsAsync<ConcurrencyException>(() => missing.WaitAsync(Bound));
        Assert.Equal(("NO-SUCH", 2L, 0L), (missingError.RecordId, missingError.ExpectedVersion, missingError.ActualVersion));
        var sameLoadError = await Assert.ThrowsAsync<ConcurrencyException>(() => sameLoad.WaitAsync(Bound));
        Assert.Equal(("U-1", 1L, 2L), (sameLoadError.RecordId, sameLoadError.ExpectedVersion, sameLoadError.ActualVersion));

        Assert.Equal(["U-1", "U-2", "NO-SUCH", "U-3", "STALE", "U-1"], Assert.Single(_groups));

        // The seeds (3 + 3), the blocker, then the committed units' entries at consecutive positions in group order.
        var feed = await _store.ReadFeedAsync(Samples.Tenant, 0, 100);
        Assert.Equal(Enumerable.Range(1, 11).Select(p => (long)p), feed.Select(e => e.Position));
        Assert.Equal(
            [("U-1", 2L), ("U-3", 2L), ("U-3", 3L), ("STALE", 2L)],
            feed.Skip(7).Select(e => (e.Entry.RecordId, e.Entry.Version)));
        Assert.Equal(11L, await FeedHeadAsync());
        Assert.Equal("{\"v\":2}", (await _store.LoadAsync(Samples.Tenant, "Incident", "U-1"))!.State);
        Assert.Equal(1, (await _store.LoadAsync(Samples.Tenant, "Incident", "U-2"))!.Version);
        var u3 = (await _store.LoadAsync(Samples.Tenant, "Incident", "U-3"))!;
        Assert.Equal((3L, Samples.T0 + Duration.FromHours(4)), (u3.Version, u3.Index.SlaDueAt));
        Assert.Null(await _store.LoadAsync(Samples.Tenant, "Incident", "NO-SUCH"));
    }

    [Fact]
    public async Task A_group_that_fails_before_its_commit_fails_every_unit_and_writes_nothing()
    {
        HoldTheFirstCommit(failTheGroup: true);
        var blocker = await StartBlockerAsync();
        var units = new[] { "A", "B", "C" }.Select(id => _store.SaveAsync(Samples.Write(id, 0))).ToArray();
        _release.SetResult();
        await blocker.WaitAsync(Bound);

        foreach (var unit in units)
        {
            Assert.Equal("the group's commit failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => unit.WaitAsync(Bound))).Message);
        }

        Assert.Equal(["A", "B", "C"], Assert.Single(_groups));
        Assert.Equal(4L, await FeedHeadAsync());
        Assert.Equal(4, (await _store.ReadFeedAsync(Samples.Tenant, 0, 100)).Count);
        foreach (var id in new[] { "A", "B", "C" })
        {
            Assert.Null(await _store.LoadAsync(Samples.Tenant, "Incident", id));
        }
    }

    [Fact]
    public async Task A_unit_cancelled_while_it_waits_leaves_the_queue_and_writes_nothing()
    {
        HoldTheFirstCommit(failTheGroup: false);
        var blocker = await StartBlockerAsync();
        using var cancel = new CancellationTokenSource();
        var first = _store.SaveAsync(Samples.Write("FIRST", 0));
        var cancelled = _store.SaveAsync(Samples.Write("CANCELLED", 0), cancel.Token);
        var last = _store.SaveAsync(Samples.Write("LAST", 0));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Bound));
        _release.SetResult();
        await blocker.WaitAsync(Bound);

        Assert.Equal(new SaveResult(1, false), (await first.WaitAsync(Bound)) with { Numbers = [] });
        Assert.Equal(new SaveResult(1, false), (await last.WaitAsync(Bound)) with { Numbers = [] });
        Assert.Equal(["FIRST", "LAST"], Assert.Single(_groups));
        Assert.Null(await _store.LoadAsync(Samples.Tenant, "Incident", "CANCELLED"));
        Assert.Equal(6L, await FeedHeadAsync());
    }

    /// <summary>The first commit that reaches its feed allocation waits for the release; later ones pass, or the group's fails.</summary>
    private void HoldTheFirstCommit(bool failTheGroup) =>
        _store.FeedAllocatedHook = async cancellationToken =>
        {
            if (Interlocked.Increment(ref _commits) == 1)
            {
                _held.SetResult();
                await _release.Task.WaitAsync(cancellationToken);
            }
            else if (failTheGroup)
            {
                throw new InvalidOperationException("the group's commit failed");
            }
        };

    private async Task<Task<SaveResult>> StartBlockerAsync()
    {
        var blocker = _store.SaveAsync(Samples.Write("BLOCKER", 0));
        await _held.Task.WaitAsync(Bound);
        return blocker;
    }

    private async Task<long> FeedHeadAsync() =>
        (long)(await PostgresServer.ScalarAsync($"SELECT position FROM \"{_store.Schema}\".feed_heads WHERE tenant = $1", Samples.Tenant.Value))!;

    private static AggregateWrite Reserving(string id, string resource) =>
        new(Samples.Tenant, "Incident", id, 0, "{\"v\":1}", Samples.Index(), [Samples.Entry(Samples.Tenant, id)], reservations: [new ResourceReservation(resource, Morning)]);
}
