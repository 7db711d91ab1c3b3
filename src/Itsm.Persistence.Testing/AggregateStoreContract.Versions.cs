using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Itsm.Persistence.Testing;

// Versions the store computes, optimistic concurrency, and racing writers.
public abstract partial class AggregateStoreContract
{
    /// <summary>The store numbers audit entries itself (expected version + 1, + 2, ...), whatever versions the written entries carry.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Save_stores_entries_renumbered_whatever_versions_they_carry()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(new AggregateWrite(TenantA, IncidentType, "INC-1", 0, "{}", Index(), [Entry(TenantA, IncidentType, "INC-1", version: 0)]));
        var result = await store.SaveAsync(new AggregateWrite(
            TenantA,
            IncidentType,
            "INC-1",
            1,
            "{}",
            Index(),
            [Entry(TenantA, IncidentType, "INC-1", version: 1, command: "A"), Entry(TenantA, IncidentType, "INC-1", version: -3, command: "B"), Entry(TenantA, IncidentType, "INC-1", version: 77, command: "C")]));

        Assert.Equal(new SaveResult(4, false), result);
        var history = await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1");
        Assert.Equal([1L, 2, 3, 4], history.Select(e => e.Version));
        Assert.Equal(["Update", "A", "B", "C"], history.Select(e => e.Command));
        Assert.Equal([1L, 2, 3, 4], (await store.ReadAuditAsync(TenantA, AllTime)).Select(e => e.Version));
    }

    /// <summary>A save returns, and the record then has, the expected version plus the number of audit entries written.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Record_version_is_expected_version_plus_entry_count()
    {
        var store = await NewStoreAsync();
        Assert.Equal(new SaveResult(3, false) { Numbers = [1] }, await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0, entries: 3)));
        Assert.Equal(new SaveResult(4, false), await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 3, entries: 1)));
        Assert.Equal(new SaveResult(9, false), await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 4, entries: 5)));

        var loaded = await store.LoadAsync(TenantA, IncidentType, "INC-1");
        Assert.Equal(9, loaded?.Version);
        Assert.Equal(DefaultState("INC-1", 9), loaded?.State);
        Assert.Equal(9, (await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1")).Count);
        Assert.Equal(9, Assert.Single(await store.QueryAsync(TenantA, new RecordQuery())).Version);
    }

    /// <summary>After any sequence of saves a record's version equals its number of audit entries, numbered 1 to n (PropertyRuns runs).</summary>
    [Fact]
    public void Version_equals_the_number_of_audit_entries_after_any_saves()
    {
        var gen = Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 4), n));
        var property = Prop.ForAll(gen.ToArbitrary(), counts => RunOnFreshStore(async store =>
        {
            long version = 0;
            foreach (var count in counts)
            {
                var result = await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", version, entries: count));
                Assert.Equal(new SaveResult(version + count, false) { Numbers = version == 0 ? [1] : [] }, result);
                version = result.Version;
            }

            Assert.Equal(counts.Sum(), version);
            Assert.Equal(version, (await store.LoadAsync(TenantA, IncidentType, "INC-1"))?.Version);
            var history = await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1");
            Assert.Equal(Enumerable.Range(1, (int)version).Select(v => (long)v), history.Select(e => e.Version));
        }));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns), property);
    }

    /// <summary>Creating (expected version 0) a record that exists throws ConcurrencyException with both versions and its message, and writes nothing, not even the key.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Creating_an_existing_record_throws_ConcurrencyException_and_writes_nothing()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1", entries: 2);
        var before = await SnapshotAsync(store, keys: ["k-create"]);

        var error = await AssertConcurrencyAsync(
            () => store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0, state: "{\"again\":true}", index: Index(state: "Other"), key: new IdempotencyKey("k-create", "fp"))),
            TenantA,
            IncidentType,
            "INC-1",
            expected: 0,
            actual: 2);

        Assert.Equal("Incident 'INC-1' of tenant 'tenant-a' already exists (version 2); it cannot be created again.", error.Message);
        Assert.Equal(before, await SnapshotAsync(store, keys: ["k-create"]));
    }

    /// <summary>Of two writers that loaded the same version, the second to save is refused with ConcurrencyException, and none of its state, index, audit entries or key is written: no lost update.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task A_stale_writer_is_refused_and_nothing_of_its_save_is_written()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1");

        // A and B both load version 1.
        var a = await store.LoadAsync(TenantA, IncidentType, "INC-1");
        var b = await store.LoadAsync(TenantA, IncidentType, "INC-1");
        Assert.Equal(1, a?.Version);
        Assert.Equal(1, b?.Version);

        // B saves version 2.
        var bIndex = Index(state: "InProgress", group: "network");
        Assert.Equal(new SaveResult(2, false), await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", b!.Version, state: "{\"by\":\"B\"}", index: bIndex, key: new IdempotencyKey("key-b", "fp-b"))));
        var before = await SnapshotAsync(store, keys: ["key-a", "key-b"]);

        // A saves from version 1: refused.
        var aWrite = new AggregateWrite(
            TenantA,
            IncidentType,
            "INC-1",
            a!.Version,
            "{\"by\":\"A\"}",
            Index(state: "Resolved", isOpen: false, group: "desk"),
            [Entry(TenantA, IncidentType, "INC-1", command: "Resolve", at: T0 + Duration.FromHours(1))],
            new IdempotencyKey("key-a", "fp-a"));
        var error = await AssertConcurrencyAsync(() => store.SaveAsync(aWrite), TenantA, IncidentType, "INC-1", expected: 1, actual: 2);
        Assert.Equal("Incident 'INC-1' of tenant 'tenant-a' was expected at version 1 but is at version 2; load it again and retry.", error.Message);

        Assert.Equal(before, await SnapshotAsync(store, keys: ["key-a", "key-b"]));
        var loaded = await store.LoadAsync(TenantA, IncidentType, "INC-1");
        Assert.Equal("{\"by\":\"B\"}", loaded?.State);
        Assert.Equal(bIndex, loaded?.Index);
        Assert.Null(await store.FindIdempotencyKeyAsync(TenantA, "key-a"));
        Assert.DoesNotContain(await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1"), e => e.Command == "Resolve");
        Assert.Empty(await store.QueryAsync(TenantA, new RecordQuery { State = "Resolved" }));
    }

    /// <summary>A save with a positive expected version of a record that does not exist throws ConcurrencyException with actual version 0 and writes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Saving_a_missing_record_with_a_positive_expected_version_throws_with_actual_zero()
    {
        var store = await NewStoreAsync();

        var error = await AssertConcurrencyAsync(() => store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 3, key: new IdempotencyKey("k", "fp"))), TenantA, IncidentType, "INC-1", expected: 3, actual: 0);

        Assert.Equal("Incident 'INC-1' of tenant 'tenant-a' was expected at version 3 but does not exist.", error.Message);
        Assert.Null(await store.LoadAsync(TenantA, IncidentType, "INC-1"));
        Assert.Empty(await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1"));
        Assert.Empty(await store.ReadAuditAsync(TenantA, AllTime));
        Assert.Empty(await store.QueryAsync(TenantA, new RecordQuery()));
        Assert.Null(await store.FindIdempotencyKeyAsync(TenantA, "k"));
    }

    /// <summary>A save with an expected version ahead of the stored one throws ConcurrencyException and writes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Saving_from_a_version_ahead_of_the_store_throws()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1", entries: 2);
        var before = await SnapshotAsync(store);

        await AssertConcurrencyAsync(() => store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 5)), TenantA, IncidentType, "INC-1", expected: 5, actual: 2);

        Assert.Equal(before, await SnapshotAsync(store));
    }

    /// <summary>RacingWriters threads saving the same record from the same version at once: exactly one wins; every other gets ConcurrencyException, and only the winner's state and entry are stored.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Racing_saves_from_the_same_version_let_exactly_one_win()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1");
        int writers = Math.Max(2, RacingWriters);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await gate.Task;
            return await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 1, state: $"{{\"writer\":{w}}}"));
        })).ToArray();
        gate.SetResult();
        var outcomes = await Outcomes(tasks);

        var winners = outcomes.Where(o => o.Result is not null).ToArray();
        var winner = Assert.Single(winners);
        Assert.Equal(new SaveResult(2, false), winner.Result);
        foreach (var loser in outcomes.Where(o => o.Result is null))
        {
            var error = Assert.IsType<ConcurrencyException>(loser.Error);
            Assert.Equal(1, error.ExpectedVersion);
            Assert.Equal(2, error.ActualVersion);
        }

        var loaded = await store.LoadAsync(TenantA, IncidentType, "INC-1");
        Assert.Equal(2, loaded?.Version);
        Assert.Equal($"{{\"writer\":{winner.Writer}}}", loaded?.State);
        Assert.Equal(2, (await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1")).Count);
        Assert.Equal(2, (await store.ReadAuditAsync(TenantA, AllTime)).Count);
    }

    /// <summary>RacingWriters threads creating the same record at once: exactly one creates it; every other gets ConcurrencyException.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Racing_creates_of_one_record_let_exactly_one_win()
    {
        var store = await NewStoreAsync();
        int writers = Math.Max(2, RacingWriters);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await gate.Task;
            return await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0, entries: 2, state: $"{{\"writer\":{w}}}"));
        })).ToArray();
        gate.SetResult();
        var outcomes = await Outcomes(tasks);

        var winner = Assert.Single(outcomes, o => o.Result is not null);
        Assert.Equal(new SaveResult(2, false) { Numbers = [1] }, winner.Result);
        foreach (var loser in outcomes.Where(o => o.Result is null))
        {
            var error = Assert.IsType<ConcurrencyException>(loser.Error);
            Assert.Equal(0, error.ExpectedVersion);
            Assert.Equal(2, error.ActualVersion);
        }

        Assert.Equal($"{{\"writer\":{winner.Writer}}}", (await store.LoadAsync(TenantA, IncidentType, "INC-1"))?.State);
        Assert.Equal([1L, 2], (await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1")).Select(e => e.Version));
    }

    /// <summary>RacingWriters threads each running IncrementsPerWriter load-increment-save loops (retrying on ConcurrencyException) end with every increment counted and one audit entry per save: no lost update under real contention.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Racing_read_modify_write_loops_lose_no_update()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0, state: "{\"count\":0}"));
        int writers = Math.Max(2, RacingWriters);
        int increments = Math.Max(1, IncrementsPerWriter);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await gate.Task;
            int successes = 0;
            int conflicts = 0;
            while (successes < increments)
            {
                var loaded = await store.LoadAsync(TenantA, IncidentType, "INC-1");
                Assert.NotNull(loaded);
                int count = int.Parse(loaded.State["{\"count\":".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
                try
                {
                    await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", loaded.Version, state: $"{{\"count\":{count + 1}}}"));
                    successes++;
                }
                catch (ConcurrencyException error)
                {
                    Assert.Equal(loaded.Version, error.ExpectedVersion);
                    Assert.True(error.ActualVersion > loaded.Version, $"actual {error.ActualVersion} after loading {loaded.Version}");
                    conflicts++;
                }
            }

            return conflicts;
        })).ToArray();
        gate.SetResult();
        await WaitForAllAsync(tasks);
        await Task.WhenAll(tasks);

        long expected = 1 + ((long)writers * increments);
        var final = await store.LoadAsync(TenantA, IncidentType, "INC-1");
        Assert.Equal(expected, final?.Version);
        Assert.Equal($"{{\"count\":{writers * increments}}}", final?.State);
        var history = await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1");
        Assert.Equal(Enumerable.Range(1, (int)expected).Select(v => (long)v), history.Select(e => e.Version));
        Assert.Equal(expected, (await store.ReadAuditAsync(TenantA, AllTime)).Count);
    }

    /// <summary>The same keyed write sent by RacingWriters threads at once is written exactly once; every other call returns the same version as a replay.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Racing_retries_of_one_keyed_write_write_it_once()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1");
        int writers = Math.Max(2, RacingWriters);
        var write = Write(TenantA, IncidentType, "INC-1", 1, entries: 2, key: new IdempotencyKey("retry-storm", "fp"));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await store.SaveAsync(write);
        })).ToArray();
        gate.SetResult();
        await WaitForAllAsync(tasks);
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => !r.Replayed);
        Assert.All(results, r => Assert.Equal(3, r.Version));
        Assert.Equal(3, (await store.LoadAsync(TenantA, IncidentType, "INC-1"))?.Version);
        Assert.Equal(3, (await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1")).Count);
    }

    private async Task<(int Writer, SaveResult? Result, Exception? Error)[]> Outcomes(Task<SaveResult>[] tasks)
    {
        await WaitForAllAsync(tasks);
        var outcomes = new List<(int, SaveResult?, Exception?)>();
        for (int i = 0; i < tasks.Length; i++)
        {
            try
            {
                outcomes.Add((i, await tasks[i], null));
            }
            catch (Exception error)
            {
                outcomes.Add((i, null, error));
            }
        }

        return outcomes.ToArray();
    }
}
