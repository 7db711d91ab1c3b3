using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>
/// Grouped loads formed deterministically: a first load holds before its statement is sent, the loads started meanwhile
/// queue, and when it returns they go together in one statement, each call getting its own records or error.
/// </summary>
public sealed class PostgreSqlLoadGroupTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    private readonly PostgreSqlAggregateStore _store = new(PostgresServer.NewOptions());
    private readonly ConcurrentQueue<int> _groups = new();
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<int, Task>? _onGroup;

    public async Task InitializeAsync()
    {
        await _store.SaveAsync(Samples.Write("A-1", 0));
        await _store.SaveAsync(Samples.Write("A-1", 1));
        await _store.SaveAsync(Samples.Write("A-2", 0));
        await _store.SaveAsync(Samples.Write("B-1", 0, state: "{\"v\":\"b\"}", tenant: Samples.OtherTenant));
        _store.LoadGroupFormedHook = async count =>
        {
            _groups.Enqueue(count);
            if (_groups.Count == 1)
            {
                // The first load holds here, before its statement, while the others queue behind it.
                _held.SetResult();
                await _release.Task;
            }
            else if (_onGroup is { } onGroup)
            {
                await onGroup(count);
            }
        };
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await PostgresServer.DropSchemaAsync(_store.Schema);
    }

    [Fact]
    public async Task Loads_that_arrive_while_one_is_on_the_wire_go_together_and_each_gets_its_own_records()
    {
        var first = await StartHeldLoadAsync();

        var current = Load(Samples.Tenant, new RecordLoad("Incident", "A-1"));
        var known = Load(Samples.Tenant, new RecordLoad("Incident", "A-1", KnownVersion: 2));
        var otherTenant = Load(Samples.OtherTenant, new RecordLoad("Incident", "B-1"), new RecordLoad("Incident", "A-1"));
        var missing = Load(Samples.Tenant, new RecordLoad("Incident", "NONE"), new RecordLoad("Incident", "A-2", KnownVersion: 7));
        _release.SetResult();

        Assert.Equal(1, (await first.WaitAsync(Bound))[0].Version);
        var a1 = Assert.Single(await current.WaitAsync(Bound));
        Assert.Equal((2L, "{\"v\":2}", "A-1", Samples.Tenant), (a1.Version, a1.Record!.State, a1.Record.RecordId, a1.Record.Tenant));
        Assert.True(Assert.Single(await known.WaitAsync(Bound)).Unchanged);
        var b = await otherTenant.WaitAsync(Bound);
        Assert.Equal((1L, "{\"v\":\"b\"}", Samples.OtherTenant), (b[0].Version, b[0].Record!.State, b[0].Record!.Tenant));
        Assert.False(b[1].Exists); // A-1 is the first tenant's
        var m = await missing.WaitAsync(Bound);
        Assert.False(m[0].Exists);
        Assert.Equal((1L, "{\"v\":1}"), (m[1].Version, m[1].Record!.State));

        // The held load alone, then the four calls (six records) in one statement.
        Assert.Equal([1, 4], _groups);
    }

    [Fact]
    public async Task A_load_cancelled_while_it_waits_leaves_the_queue_and_the_others_are_read()
    {
        var first = await StartHeldLoadAsync();
        using var cancel = new CancellationTokenSource();

        var before = Load(Samples.Tenant, new RecordLoad("Incident", "A-1"));
        var cancelled = _store.LoadManyAsync(Samples.Tenant, [new RecordLoad("Incident", "A-2")], cancel.Token);
        var after = Load(Samples.Tenant, new RecordLoad("Incident", "A-2"));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Bound));
        _release.SetResult();

        await first.WaitAsync(Bound);
        Assert.Equal(2, Assert.Single(await before.WaitAsync(Bound)).Version);
        Assert.Equal(1, Assert.Single(await after.WaitAsync(Bound)).Version);
        Assert.Equal([1, 2], _groups);
    }

    [Fact]
    public async Task A_group_whose_statement_fails_fails_each_of_its_calls_and_the_next_load_reads()
    {
        var first = await StartHeldLoadAsync();
        var records = $"\"{_store.Schema}\".records";
        _onGroup = async _ =>
        {
            // The table is gone while the group's statement runs.
            await PostgresServer.ExecuteAsync($"ALTER TABLE {records} RENAME TO records_away");
        };

        var one = Load(Samples.Tenant, new RecordLoad("Incident", "A-1"));
        var two = Load(Samples.OtherTenant, new RecordLoad("Incident", "B-1"));
        _release.SetResult();

        await first.WaitAsync(Bound);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => one.WaitAsync(Bound));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => two.WaitAsync(Bound));

        _onGroup = null;
        await PostgresServer.ExecuteAsync($"ALTER TABLE \"{_store.Schema}\".records_away RENAME TO records");
        Assert.Equal(2, Assert.Single(await Load(Samples.Tenant, new RecordLoad("Incident", "A-1")).WaitAsync(Bound)).Version);
        Assert.Equal([1, 2, 1], _groups);
    }

    [Fact]
    public async Task Many_concurrent_loads_each_read_their_own_record()
    {
        _store.LoadGroupFormedHook = null;
        var loads = Enumerable.Range(0, 200)
            .Select(i => i % 2 == 0 ? "A-1" : "A-2")
            .Select(id => (Id: id, Task: Task.Run(() => _store.LoadManyAsync(Samples.Tenant, [new RecordLoad("Incident", id)]))))
            .ToArray();

        foreach (var (id, task) in loads)
        {
            var loaded = Assert.Single(await task.WaitAsync(Bound));
            Assert.Equal((id, id == "A-1" ? 2L : 1L), (loaded.Record!.RecordId, loaded.Version));
        }
    }

    // The call joins the queue before it returns its task.
    private Task<IReadOnlyList<LoadedRecord>> Load(TenantId tenant, params RecordLoad[] loads) => _store.LoadManyAsync(tenant, loads);

    private async Task<Task<IReadOnlyList<LoadedRecord>>> StartHeldLoadAsync()
    {
        var first = _store.LoadManyAsync(Samples.Tenant, [new RecordLoad("Incident", "A-2")]);
        await _held.Task.WaitAsync(Bound);
        return first;
    }
}
