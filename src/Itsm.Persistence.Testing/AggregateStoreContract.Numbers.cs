using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Itsm.Persistence.Testing;

// Record numbers: 1, 2, 3, … per tenant and record type, allocated in the creating transaction.
public abstract partial class AggregateStoreContract
{
    /// <summary>Numbers count per tenant and per record type, from 1, and a record keeps its number through every later save.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Numbers_count_from_one_per_tenant_and_per_record_type()
    {
        var store = await NewStoreAsync();

        Assert.Equal([1L], (await store.SaveAsync(Write(TenantA, IncidentType, "INC-x", 0))).Numbers);
        Assert.Equal([2L], (await store.SaveAsync(Write(TenantA, IncidentType, "INC-y", 0))).Numbers);
        Assert.Equal([1L], (await store.SaveAsync(Write(TenantA, ProblemType, "PRB-x", 0))).Numbers);
        Assert.Equal([1L], (await store.SaveAsync(Write(TenantB, IncidentType, "INC-y", 0))).Numbers);
        Assert.Empty((await store.SaveAsync(Write(TenantA, IncidentType, "INC-x", 1, entries: 2))).Numbers);
        Assert.Equal([3L], (await store.SaveAsync(Write(TenantA, IncidentType, "INC-z", 0))).Numbers);

        Assert.Equal(1, (await store.LoadAsync(TenantA, IncidentType, "INC-x"))?.Number);
        Assert.Equal(2, (await store.LoadAsync(TenantA, IncidentType, "INC-y"))?.Number);
        Assert.Equal(1, (await store.LoadAsync(TenantB, IncidentType, "INC-y"))?.Number);
        Assert.Equal(1, (await store.LoadAsync(TenantA, ProblemType, "PRB-x"))?.Number);
        var rows = await store.QueryAsync(TenantA, new RecordQuery { RecordType = IncidentType });
        Assert.Equal(
            new Dictionary<string, long> { ["INC-x"] = 1, ["INC-y"] = 2, ["INC-z"] = 3 },
            rows.ToDictionary(r => r.RecordId, r => r.Number));
    }

    /// <summary>LoadByNumberAsync finds a record by its tenant, type and number, and nothing in another tenant or type.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task LoadByNumber_finds_the_record_of_that_tenant_type_and_number()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-a", 0));
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-b", 0, state: "{\"b\":1}"));
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-b", 1, entries: 2, state: "{\"b\":2}"));

        var found = await store.LoadByNumberAsync(TenantA, IncidentType, 2);

        Assert.Equal(await store.LoadAsync(TenantA, IncidentType, "INC-b"), found);
        Assert.Equal(("INC-b", 3L, "{\"b\":2}", 2L), (found?.RecordId, found?.Version, found?.State, found?.Number));
        Assert.Null(await store.LoadByNumberAsync(TenantA, IncidentType, 3));
        Assert.Null(await store.LoadByNumberAsync(TenantB, IncidentType, 1));
        Assert.Null(await store.LoadByNumberAsync(TenantA, ProblemType, 1));
        Assert.Equal("number", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.LoadByNumberAsync(TenantA, IncidentType, 0))).ParamName);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.LoadByNumberAsync(TenantA, " ", 1));
    }

    /// <summary>A unit of work numbers the records it creates in write order, each type counting on its own.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task A_unit_numbers_its_creates_in_write_order()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-old");

        var result = await store.CommitAsync(new UnitOfWork([
            Write(TenantA, ProblemType, "PRB-1", 0),
            Write(TenantA, IncidentType, "INC-z", 0),
            Write(TenantA, IncidentType, "INC-old", 1),
            Write(TenantA, IncidentType, "INC-a", 0)]));

        Assert.Equal([1L, 2L, 0L, 3L], result.Numbers);
        Assert.Equal(3, (await store.LoadAsync(TenantA, IncidentType, "INC-a"))?.Number);
        Assert.Equal(1, (await store.LoadAsync(TenantA, IncidentType, "INC-old"))?.Number);
    }

    /// <summary>A refused create (the record exists, or another write of its unit is stale) takes no number: the next create gets the next one.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task A_refused_create_takes_no_number()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1");

        await Assert.ThrowsAsync<ConcurrencyException>(() => store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0)));
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.CommitAsync(new UnitOfWork([
            Write(TenantA, IncidentType, "INC-2", 0),
            Write(TenantA, IncidentType, "INC-1", 7)])));

        Assert.Null(await store.LoadAsync(TenantA, IncidentType, "INC-2"));
        Assert.Equal([2L], (await store.SaveAsync(Write(TenantA, IncidentType, "INC-3", 0))).Numbers);
    }

    /// <summary>Replaying an idempotent create allocates nothing: the key's record keeps the first number, and the next create gets the next.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task An_idempotent_create_replayed_keeps_the_first_records_number()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-before");
        var key = new IdempotencyKey("open-once", "fp");

        var first = await store.SaveAsync(Write(TenantA, IncidentType, "INC-first", 0, key: key));
        var replay = await store.SaveAsync(Write(TenantA, IncidentType, "INC-retry", 0, key: key));

        Assert.Equal(new SaveResult(1, false) { Numbers = [2] }, first);
        Assert.Equal(new SaveResult(1, true), replay);
        Assert.Null(await store.LoadAsync(TenantA, IncidentType, "INC-retry"));
        var named = await store.FindIdempotencyKeyAsync(TenantA, "open-once");
        Assert.Equal(2, (await store.LoadAsync(TenantA, IncidentType, named!.RecordId))?.Number);
        Assert.Equal([3L], (await store.SaveAsync(Write(TenantA, IncidentType, "INC-after", 0))).Numbers);
    }

    /// <summary>
    /// RacingWriters threads each creating records of one tenant and type, one after another: every number from
    /// 1 to the count of records is given exactly once, each writer's numbers increase in the order it created
    /// them, and each record's stored number is the one its save returned.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Racing_creates_get_unique_gapless_numbers_increasing_per_writer()
    {
        var store = await NewStoreAsync();
        int perWriter = IncrementsPerWriter;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, RacingWriters).Select(w => Task.Run(async () =>
        {
            await gate.Task;
            var mine = new List<(string Id, long Number)>();
            for (int i = 0; i < perWriter; i++)
            {
                var id = $"INC-{w}-{i}";
                var numbers = i % 3 == 2
                    ? (await store.CommitAsync(new UnitOfWork([Write(TenantA, IncidentType, id, 0), Write(TenantA, ProblemType, $"PRB-{w}-{i}", 0)]))).Numbers
                    : (await store.SaveAsync(Write(TenantA, IncidentType, id, 0))).Numbers;
                mine.Add((id, numbers[0]));
            }

            return mine;
        })).ToArray();
        gate.SetResult();
        await WaitForAllAsync(writers);

        var all = writers.SelectMany(w => w.Result).ToArray();
        Assert.Equal(Enumerable.Range(1, all.Length).Select(n => (long)n), all.Select(a => a.Number).Order());
        Assert.All(writers, w => Assert.Equal(w.Result.Select(m => m.Number).Order(), w.Result.Select(m => m.Number)));
        foreach (var (id, number) in all)
        {
            Assert.Equal(number, (await store.LoadAsync(TenantA, IncidentType, id))?.Number);
        }

        var problems = await store.QueryAsync(TenantA, new RecordQuery { RecordType = ProblemType });
        Assert.Equal(Enumerable.Range(1, problems.Count).Select(n => (long)n), problems.Select(p => p.Number).Order());
    }
}
