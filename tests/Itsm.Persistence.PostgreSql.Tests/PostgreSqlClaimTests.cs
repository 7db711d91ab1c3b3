using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;
using Xunit.Abstractions;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>
/// Due SLA events claimed across instances: each handled exactly once by concurrent claimers (each with its own
/// data source), re-claimable after a lease expires, and claimable again only when a save sets a new due instant.
/// </summary>
public sealed class PostgreSqlClaimTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Instant Now = Samples.T0 + Duration.FromDays(1);
    private static readonly Duration Lease = Duration.FromMinutes(5);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private readonly string _schema = PostgresServer.NewSchema();
    private readonly List<PostgreSqlAggregateStore> _stores = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await PostgresServer.DropSchemaAsync(_schema);
    }

    [Fact]
    public async Task Concurrent_claimers_handle_every_due_event_exactly_once()
    {
        const int due = 300, notYetDue = 40, claimers = 6;
        var setup = NewStore();
        for (var i = 0; i < due; i++)
        {
            // Due instants spread over the past day, some tied.
            await setup.SaveAsync(Samples.Write(Id(i), 0, index: Samples.Index(slaDueAt: Now - Duration.FromMinutes(i % 97))));
        }

        for (var i = 0; i < notYetDue; i++)
        {
            await setup.SaveAsync(Samples.Write("LATER-" + i, 0, index: Samples.Index(slaDueAt: Now + Duration.FromMinutes(1 + i))));
            await setup.SaveAsync(Samples.Write("NODUE-" + i, 0, index: Samples.Index(slaDueAt: null)));
        }

        await setup.SaveAsync(Samples.Write(Id(0), 0, index: Samples.Index(slaDueAt: Now - Duration.FromDays(1)), tenant: Samples.OtherTenant));

        var handled = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var duplicates = new ConcurrentBag<string>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var deadline = new CancellationTokenSource(Bound);
        var tasks = Enumerable.Range(0, claimers).Select(c => Task.Run(async () =>
        {
            var store = NewStore();
            var owner = "instance-" + c.ToString(CultureInfo.InvariantCulture);
            await gate.Task;
            var batches = 0;
            while (true)
            {
                var claims = await store.ClaimDueAsync(Samples.Tenant, Now, 7, owner, Lease, deadline.Token);
                if (claims.Count == 0)
                {
                    return batches;
                }

                batches++;
                foreach (var claim in claims)
                {
                    Assert.Equal(owner, claim.Owner);
                    Assert.Equal(Now + Lease, claim.LeaseUntil);
                    Assert.Equal(1, claim.Version);
                    Assert.True(claim.DueAt <= Now);
                    if (!handled.TryAdd(claim.RecordId, owner))
                    {
                        duplicates.Add(claim.RecordId);
                    }

                    Assert.True(await store.CompleteAsync(claim, deadline.Token), $"{owner} could not complete its claim on {claim.RecordId}");
                }
            }
        })).ToArray();
        gate.SetResult();
        var batches = await Task.WhenAll(tasks).WaitAsync(Bound);

        output.WriteLine($"{claimers} claimers, batches: {string.Join(", ", batches)}; handled per owner: "
            + string.Join(", ", handled.GroupBy(h => h.Value).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        Assert.Empty(duplicates);
        Assert.Equal(Enumerable.Range(0, due).Select(Id).Order(StringComparer.Ordinal), handled.Keys.Order(StringComparer.Ordinal));

        // Nothing is claimable again: not now, not after every lease would have ended.
        Assert.Empty(await setup.ClaimDueAsync(Samples.Tenant, Now, 1000, "late", Lease));
        var later = await setup.ClaimDueAsync(Samples.Tenant, Now + Duration.FromHours(1), 1000, "late", Lease);
        Assert.Equal(Enumerable.Range(0, notYetDue).Select(i => "LATER-" + i).Order(StringComparer.Ordinal), later.Select(c => c.RecordId).Order(StringComparer.Ordinal));

        // The other tenant's due record was never touched by the claimers.
        var other = Assert.Single(await setup.ClaimDueAsync(Samples.OtherTenant, Now, 10, "other", Lease));
        Assert.Equal(Id(0), other.RecordId);
    }

    [Fact]
    public async Task An_expired_lease_lets_another_owner_claim_the_event_and_the_first_owner_can_no_longer_complete_it()
    {
        var store = NewStore();
        var dueAt = Now - Duration.FromMinutes(1);
        await store.SaveAsync(Samples.Write("INC-1", 0, index: Samples.Index(slaDueAt: dueAt)));

        var first = Assert.Single(await store.ClaimDueAsync(Samples.Tenant, Now, 10, "crashed", Lease));
        Assert.Equal(new SlaDueClaim(Samples.Tenant, "Incident", "INC-1", 1, dueAt, "crashed", Now + Lease, first.Token), first);

        // While the lease lives, nobody else gets it; at its end, someone does.
        Assert.Empty(await store.ClaimDueAsync(Samples.Tenant, Now + Lease - Duration.FromNanoseconds(1), 10, "survivor", Lease));
        var second = Assert.Single(await store.ClaimDueAsync(Samples.Tenant, Now + Lease, 10, "survivor", Lease));
        Assert.Equal(("INC-1", dueAt, "survivor"), (second.RecordId, second.DueAt, second.Owner));
        Assert.NotEqual(first.Token, second.Token);

        Assert.False(await store.CompleteAsync(first));
        Assert.True(await store.CompleteAsync(second));
        Assert.False(await store.CompleteAsync(second));
        Assert.Empty(await store.ClaimDueAsync(Samples.Tenant, Now + Duration.FromDays(1), 10, "later", Lease));
    }

    [Fact]
    public async Task A_lease_that_ended_unclaimed_still_completes()
    {
        var store = NewStore();
        await store.SaveAsync(Samples.Write("INC-1", 0, index: Samples.Index(slaDueAt: Now)));
        var claim = Assert.Single(await store.ClaimDueAsync(Samples.Tenant, Now, 1, "slow", Duration.FromSeconds(1)));
        Assert.True(await store.CompleteAsync(claim));
        Assert.Empty(await store.ClaimDueAsync(Samples.Tenant, Now + Duration.FromDays(1), 10, "later", Lease));
    }

    [Fact]
    public async Task A_save_that_sets_a_new_due_instant_makes_the_record_claimable_again_and_one_that_keeps_it_does_not()
    {
        var store = NewStore();
        var dueAt = Now - Duration.FromMinutes(10);
        await store.SaveAsync(Samples.Write("INC-1", 0, index: Samples.Index(slaDueAt: dueAt)));
        Assert.True(await store.CompleteAsync(Assert.Single(await store.ClaimDueAsync(Samples.Tenant, Now, 10, "a", Lease))));

        // Same due instant: still handled.
        await store.SaveAsync(Samples.Write("INC-1", 1, index: Samples.Index(slaDueAt: dueAt)));
        Assert.Empty(await store.ClaimDueAsync(Samples.Tenant, Now, 10, "a", Lease));

        // A new due instant (the next threshold): claimable when it comes due, not before.
        var next = Now + Duration.FromHours(1);
        await store.SaveAsync(Samples.Write("INC-1", 2, index: Samples.Index(slaDueAt: next)));
        Assert.Empty(await store.ClaimDueAsync(Samples.Tenant, Now, 10, "a", Lease));
        var claim = Assert.Single(await store.ClaimDueAsync(Samples.Tenant, next, 10, "a", Lease));
        Assert.Equal((3L, next), (claim.Version, claim.DueAt));

        // A save that changes the due instant while it is claimed voids the claim.
        await store.SaveAsync(Samples.Write("INC-1", 3, index: Samples.Index(slaDueAt: next + Duration.FromMinutes(5))));
        Assert.False(await store.CompleteAsync(claim));
        var renewed = Assert.Single(await store.ClaimDueAsync(Samples.Tenant, next + Duration.FromMinutes(5), 10, "b", Lease));
        Assert.Equal((4L, next + Duration.FromMinutes(5), "b"), (renewed.Version, renewed.DueAt, renewed.Owner));

        // No due instant: nothing to claim.
        await store.SaveAsync(Samples.Write("INC-1", 4, index: Samples.Index(slaDueAt: null)));
        Assert.Empty(await store.ClaimDueAsync(Samples.Tenant, Instant.FromUtc(2262, 1, 1, 0, 0), 10, "b", Lease));
    }

    [Fact]
    public async Task Claims_come_in_due_order_and_at_most_max_at_a_time()
    {
        var store = NewStore();
        for (var i = 0; i < 5; i++)
        {
            await store.SaveAsync(Samples.Write(Id(i), 0, index: Samples.Index(slaDueAt: Now - Duration.FromMinutes(i))));
        }

        var claims = await store.ClaimDueAsync(Samples.Tenant, Now, 3, "a", Lease);
        Assert.Equal([Id(4), Id(3), Id(2)], claims.Select(c => c.RecordId));
        Assert.Equal([Id(1), Id(0)], (await store.ClaimDueAsync(Samples.Tenant, Now, 3, "b", Lease)).Select(c => c.RecordId));
    }

    [Fact]
    public async Task Bad_claim_arguments_throw_before_the_database_is_touched()
    {
        var store = NewStore();
        Assert.Equal("max", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ClaimDueAsync(Samples.Tenant, Now, 0, "a", Lease))).ParamName);
        Assert.Equal("owner", (await Assert.ThrowsAsync<ArgumentException>(() => store.ClaimDueAsync(Samples.Tenant, Now, 1, " ", Lease))).ParamName);
        Assert.Equal("owner", (await Assert.ThrowsAsync<ArgumentException>(() => store.ClaimDueAsync(Samples.Tenant, Now, 1, new string('o', 201), Lease))).ParamName);
        Assert.Equal("lease", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ClaimDueAsync(Samples.Tenant, Now, 1, "a", Duration.Zero))).ParamName);
        Assert.Equal("now", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ClaimDueAsync(Samples.Tenant, Instant.MaxValue, 1, "a", Lease))).ParamName);
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.CompleteAsync(null!));
        Assert.Null(await PostgresServer.ScalarAsync("SELECT to_regclass($1)::text", $"\"{_schema}\".records"));
    }

    private static string Id(int i) => "INC-" + i.ToString("D4", CultureInfo.InvariantCulture);

    private PostgreSqlAggregateStore NewStore()
    {
        var store = new PostgreSqlAggregateStore(PostgresServer.NewOptions(_schema));
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }
}
