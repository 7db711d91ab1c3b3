using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>
/// Reservations and units of work under racing writers, each on its own store (so its own connection pool and
/// connection): overlapping windows commit exactly once, and locks taken in opposite orders by the callers never
/// surface a deadlock (PostgreSQL's 40P01 would come back as a <see cref="StoreUnavailableException"/>).
/// </summary>
public sealed class PostgreSqlReservationConcurrencyTests : IAsyncLifetime
{
    private const int Writers = 16;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    private readonly string _schema = PostgresServer.NewSchema();
    private PostgreSqlAggregateStore[] _stores = [];

    public async Task InitializeAsync()
    {
        _stores = Enumerable.Range(0, Writers).Select(_ => new PostgreSqlAggregateStore(PostgresServer.NewOptions(_schema))).ToArray();
        foreach (var store in _stores)
        {
            Assert.Null(await store.LoadAsync(Samples.Tenant, "Change", "none")); // migrated before the race starts
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await PostgresServer.DropSchemaAsync(_schema);
    }

    [Fact]
    public async Task Racing_overlapping_reservations_of_two_resources_in_opposite_orders_commit_exactly_one_and_never_deadlock()
    {
        int committed = 0, refused = 0;
        var results = await RaceAsync(async w =>
        {
            // Half name the resources in one order, half in the other; windows differ but all overlap [4h, 5h).
            string[] resources = w % 2 == 0 ? ["ci:db-01", "ci:web-01"] : ["ci:web-01", "ci:db-01"];
            var window = new Interval(Samples.T0 + Duration.FromHours(w % 4), Samples.T0 + Duration.FromHours(5 + (w % 3)));
            try
            {
                await _stores[w].SaveAsync(Change($"CHG-{w}", 0, resources.Select(r => new ResourceReservation(r, window)).ToArray()));
                Interlocked.Increment(ref committed);
            }
            catch (ReservationConflictException)
            {
                Interlocked.Increment(ref refused);
            }
        });

        Assert.All(results, r => Assert.Null(r));
        Assert.Equal(1, committed);
        Assert.Equal(Writers - 1, refused);
        Assert.Single(await _stores[0].QueryAsync(Samples.Tenant, new RecordQuery { RecordType = "Change" }));
        Assert.Equal(2L, await PostgresServer.ScalarAsync($"SELECT count(*) FROM \"{_schema}\".reservations"));
    }

    [Fact]
    public async Task Racing_units_over_the_same_records_in_opposite_orders_never_deadlock()
    {
        await _stores[0].CommitAsync(new UnitOfWork([Change("CHG-A", 0, []), Change("CHG-B", 0, [])]));
        var committed = 0;
        var results = await RaceAsync(async w =>
        {
            for (var round = 0; round < 5; round++)
            {
                var a = (await _stores[w].LoadAsync(Samples.Tenant, "Change", "CHG-A"))!.Version;
                var b = (await _stores[w].LoadAsync(Samples.Tenant, "Change", "CHG-B"))!.Version;
                AggregateWrite[] writes = [Change("CHG-A", a, null), Change("CHG-B", b, null)];
                try
                {
                    await _stores[w].CommitAsync(new UnitOfWork(w % 2 == 0 ? writes : writes.Reverse()));
                    Interlocked.Increment(ref committed);
                }
                catch (ConcurrencyException)
                {
                }
            }
        });

        Assert.All(results, r => Assert.Null(r));
        Assert.True(committed >= 1);
        Assert.Equal(1 + committed, (await _stores[0].LoadAsync(Samples.Tenant, "Change", "CHG-A"))!.Version);
        Assert.Equal(1 + committed, (await _stores[0].LoadAsync(Samples.Tenant, "Change", "CHG-B"))!.Version);
        var feed = await _stores[0].ReadFeedAsync(Samples.Tenant, 0, 1000);
        Assert.Equal(Enumerable.Range(1, 2 + (2 * committed)).Select(p => (long)p), feed.Select(e => e.Position));
    }

    /// <summary>Runs one body per writer, all released at once; returns each one's unexpected exception, or null.</summary>
    private static async Task<Exception?[]> RaceAsync(Func<int, Task> body)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            await gate.Task;
            try
            {
                await body(w);
                return null;
            }
            catch (Exception e)
            {
                return e; // a StoreUnavailableException wrapping 40P01 would be a deadlock
            }
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(writers).WaitAsync(Bound);
    }

    private static AggregateWrite Change(string id, long expectedVersion, ResourceReservation[]? reservations) =>
        new(
            Samples.Tenant,
            "Change",
            id,
            expectedVersion,
            "{}",
            Samples.Index(),
            [new AuditEntry(Samples.Tenant, "Change", id, 0, Samples.T0, Samples.Agent, "Schedule", "New", "Scheduled", new System.Collections.Generic.Dictionary<string, string>())],
            reservations: reservations);
}
