using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;

namespace Itsm.Persistence.Testing;

// Several records committed together (CommitAsync): all or nothing, and retried.
public abstract partial class AggregateStoreContract
{
    /// <summary>A unit of work writes every record, at its new version, with all its audit entries.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Commit_writes_every_record_of_the_unit()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1");
        await CreateAsync(store, TenantA, IncidentType, "INC-2", entries: 2);

        var result = await store.CommitAsync(new UnitOfWork([
            Write(TenantA, IncidentType, "INC-1", 1, entries: 2),
            Write(TenantA, IncidentType, "INC-2", 2),
            Write(TenantA, ProblemType, "PRB-1", 0)]));

        Assert.Equal(new SaveResult(3, false) { Numbers = [0, 0, 1] }, result);
        Assert.Equal(3, (await store.LoadAsync(TenantA, IncidentType, "INC-1"))?.Version);
        Assert.Equal(3, (await store.LoadAsync(TenantA, IncidentType, "INC-2"))?.Version);
        Assert.Equal(1, (await store.LoadAsync(TenantA, ProblemType, "PRB-1"))?.Version);
        Assert.Equal([1L, 2, 3], (await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1")).Select(e => e.Version));
        Assert.Equal(7, (await store.ReadAuditAsync(TenantA, AllTime)).Count);
    }

    /// <summary>A stale version on any one write of a unit (first, middle or last) writes nothing at all and names that record.</summary>
    /// <param name="stale">Which write is stale.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Commit_with_a_conflict_on_any_record_writes_nothing(int stale)
    {
        var store = await NewStoreAsync();
        string[] ids = ["INC-1", "INC-2", "INC-3"];
        foreach (var id in ids)
        {
            await CreateAsync(store, TenantA, IncidentType, id);
        }

        var before = await SnapshotAsync(store, ids.Select(id => (IncidentType, id)), ["k"]);
        var feedBefore = await store.ReadFeedAsync(TenantA, 0, 100);
        var writes = ids.Select((id, i) => Write(TenantA, IncidentType, id, i == stale ? 7 : 1, key: i == 0 ? new IdempotencyKey("k", "fp") : null)).ToArray();

        await AssertConcurrencyAsync(() => store.CommitAsync(new UnitOfWork(writes)), TenantA, IncidentType, ids[stale], 7, 1);

        Assert.Equal(before, await SnapshotAsync(store, ids.Select(id => (IncidentType, id)), ["k"]));
        Assert.Equal(feedBefore.Count, (await store.ReadFeedAsync(TenantA, 0, 100)).Count);
    }

    /// <summary>Creating records in a unit where one already exists creates none of them.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Commit_that_creates_an_existing_record_creates_none()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-2");
        var before = await SnapshotAsync(store, [(IncidentType, "INC-1"), (IncidentType, "INC-2")]);

        await AssertConcurrencyAsync(
            () => store.CommitAsync(new UnitOfWork([Write(TenantA, IncidentType, "INC-1", 0), Write(TenantA, IncidentType, "INC-2", 0)])),
            TenantA,
            IncidentType,
            "INC-2",
            0,
            1);

        Assert.Equal(before, await SnapshotAsync(store, [(IncidentType, "INC-1"), (IncidentType, "INC-2")]));
    }

    /// <summary>
    /// The same unit retried with its idempotency key is a replay (nothing written, the first version back);
    /// retried without a key after it committed, it is a conflict on every record and writes nothing.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Commit_retried_is_a_replay_with_its_key_and_a_conflict_without()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1");
        await CreateAsync(store, TenantA, IncidentType, "INC-2");
        UnitOfWork Unit(IdempotencyKey? key) => new([Write(TenantA, IncidentType, "INC-1", 1, key: key), Write(TenantA, IncidentType, "INC-2", 1)]);

        Assert.Equal(new SaveResult(2, false), await store.CommitAsync(Unit(new IdempotencyKey("resolve-major", "fp-1"))));
        var after = await SnapshotAsync(store, keys: ["resolve-major"]);

        Assert.Equal(new SaveResult(2, true), await store.CommitAsync(Unit(new IdempotencyKey("resolve-major", "fp-1"))));
        await Assert.ThrowsAsync<IdempotencyConflictException>(() => store.CommitAsync(Unit(new IdempotencyKey("resolve-major", "fp-2"))));
        await AssertConcurrencyAsync(() => store.CommitAsync(Unit(null)), TenantA, IncidentType, "INC-1", 1, 2);

        Assert.Equal(after, await SnapshotAsync(store, keys: ["resolve-major"]));
        var key = await store.FindIdempotencyKeyAsync(TenantA, "resolve-major");
        Assert.Equal(new IdempotencyRecord("resolve-major", "fp-1", IncidentType, "INC-1", 2), key);
    }

    /// <summary>
    /// Racing units over overlapping records: each commits whole or not at all, so every record's history
    /// holds exactly the units that succeeded, and the records of one unit always move together.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Racing_units_commit_whole_or_not_at_all()
    {
        var store = await NewStoreAsync();
        string[] ids = ["INC-1", "INC-2", "INC-3"];
        foreach (var id in ids)
        {
            await CreateAsync(store, TenantA, IncidentType, id);
        }

        // Every unit writes all three records, so a unit that half-committed would leave versions apart.
        int committed = 0;
        using var start = new SemaphoreSlim(0);
        var writers = Enumerable.Range(0, RacingWriters).Select(w => Task.Run(async () =>
        {
            await start.WaitAsync();
            for (int round = 0; round < IncrementsPerWriter; round++)
            {
                var versions = new List<long>();
                foreach (var id in ids)
                {
                    versions.Add((await store.LoadAsync(TenantA, IncidentType, id))!.Version);
                }

                try
                {
                    await store.CommitAsync(new UnitOfWork(ids.Select((id, i) => Write(TenantA, IncidentType, id, versions[i]))));
                    Interlocked.Increment(ref committed);
                }
                catch (ConcurrencyException)
                {
                }
            }
        })).ToArray();
        start.Release(RacingWriters);
        await WaitForAllAsync(writers);

        Assert.True(committed >= 1);
        foreach (var id in ids)
        {
            Assert.Equal(1 + committed, (await store.LoadAsync(TenantA, IncidentType, id))?.Version);
            Assert.Equal(1 + committed, (await store.ReadHistoryAsync(TenantA, IncidentType, id)).Count);
        }
    }

    /// <summary>A unit's records may not span tenants, repeat a record, or carry a key on a later write.</summary>
    [Fact]
    public void Unit_of_work_refuses_bad_shapes()
    {
        Assert.Equal("writes", Assert.Throws<System.ArgumentException>(() => new UnitOfWork([])).ParamName);
        Assert.Equal("writes", Assert.Throws<System.ArgumentException>(() => new UnitOfWork([Write(TenantA, IncidentType, "INC-1", 0), Write(TenantB, IncidentType, "INC-2", 0)])).ParamName);
        Assert.Equal("writes", Assert.Throws<System.ArgumentException>(() => new UnitOfWork([Write(TenantA, IncidentType, "INC-1", 0), Write(TenantA, IncidentType, "INC-1", 1)])).ParamName);
        Assert.Equal("writes", Assert.Throws<System.ArgumentException>(() => new UnitOfWork([Write(TenantA, IncidentType, "INC-1", 0), Write(TenantA, IncidentType, "INC-2", 0, key: new IdempotencyKey("k", "f"))])).ParamName);
        Assert.Equal("writes", Assert.Throws<System.ArgumentException>(() => new UnitOfWork([Write(TenantA, IncidentType, "INC-1", 0), null!])).ParamName);
    }
}
