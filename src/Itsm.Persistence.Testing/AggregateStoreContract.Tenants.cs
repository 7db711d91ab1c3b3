using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence.Testing;

// Tenant isolation: the same type and id in two tenants are two unrelated records, in both directions.
public abstract partial class AggregateStoreContract
{
    /// <summary>Both directions of every tenant test.</summary>
    public static TheoryData<string, string> TenantPairs() => new() { { "tenant-a", "tenant-b" }, { "tenant-b", "tenant-a" } };

    /// <summary>Load, ReadHistory, Query and ReadAudit of one tenant never show another tenant's record.</summary>
    /// <param name="mine">The tenant that reads.</param>
    /// <param name="other">The tenant that wrote.</param>
    /// <returns>A task.</returns>
    [Theory]
    [MemberData(nameof(TenantPairs))]
    public async Task Load_does_not_see_another_tenants_record(string mine, string other)
    {
        var (me, them) = (new TenantId(mine), new TenantId(other));
        var store = await NewStoreAsync();
        await store.SaveAsync(Write(them, IncidentType, "INC-1", 0, state: "{\"owner\":\"them\"}"));

        Assert.Null(await store.LoadAsync(me, IncidentType, "INC-1"));
        Assert.Empty(await store.ReadHistoryAsync(me, IncidentType, "INC-1"));
        Assert.Empty(await store.QueryAsync(me, new RecordQuery()));
        Assert.Empty(await store.ReadAuditAsync(me, AllTime));
        Assert.Equal("{\"owner\":\"them\"}", (await store.LoadAsync(them, IncidentType, "INC-1"))?.State);
    }

    /// <summary>The same record type and id in two tenants are two records, each with its own version, state, index and history.</summary>
    /// <param name="mine">One tenant.</param>
    /// <param name="other">The other tenant.</param>
    /// <returns>A task.</returns>
    [Theory]
    [MemberData(nameof(TenantPairs))]
    public async Task The_same_type_and_id_in_two_tenants_are_independent_records(string mine, string other)
    {
        var (me, them) = (new TenantId(mine), new TenantId(other));
        var store = await NewStoreAsync();
        await store.SaveAsync(Write(them, IncidentType, "INC-1", 0, entries: 3, state: "{\"owner\":\"them\"}", index: Index(state: "TheirState", service: "theirs")));

        // Creating it in my tenant is no conflict, and starts at my own version 1.
        Assert.Equal(new SaveResult(1, false) { Numbers = [1] }, await store.SaveAsync(Write(me, IncidentType, "INC-1", 0, state: "{\"owner\":\"me\"}", index: Index(state: "MyState", service: "mine"))));
        Assert.Equal(new SaveResult(2, false), await store.SaveAsync(Write(me, IncidentType, "INC-1", 1, state: "{\"owner\":\"me\",\"v\":2}", index: Index(state: "MyState", service: "mine"))));

        var mineLoaded = await store.LoadAsync(me, IncidentType, "INC-1");
        var theirsLoaded = await store.LoadAsync(them, IncidentType, "INC-1");
        Assert.Equal((2L, "{\"owner\":\"me\",\"v\":2}", "MyState"), (mineLoaded!.Version, mineLoaded.State, mineLoaded.Index.State));
        Assert.Equal((3L, "{\"owner\":\"them\"}", "TheirState"), (theirsLoaded!.Version, theirsLoaded.State, theirsLoaded.Index.State));
        Assert.Equal(me, mineLoaded.Tenant);
        Assert.Equal(them, theirsLoaded.Tenant);

        var myHistory = await store.ReadHistoryAsync(me, IncidentType, "INC-1");
        Assert.Equal([1L, 2], myHistory.Select(e => e.Version));
        Assert.All(myHistory, e => Assert.Equal(me, e.Tenant));
        var theirHistory = await store.ReadHistoryAsync(them, IncidentType, "INC-1");
        Assert.Equal([1L, 2, 3], theirHistory.Select(e => e.Version));
        Assert.All(theirHistory, e => Assert.Equal(them, e.Tenant));
    }

    /// <summary>A save's expected version is compared with its own tenant's record only, and a conflict changes nothing in either tenant.</summary>
    /// <param name="mine">One tenant.</param>
    /// <param name="other">The other tenant.</param>
    /// <returns>A task.</returns>
    [Theory]
    [MemberData(nameof(TenantPairs))]
    public async Task Save_conflicts_compare_with_the_own_tenants_version_only(string mine, string other)
    {
        var (me, them) = (new TenantId(mine), new TenantId(other));
        var store = await NewStoreAsync();
        await store.SaveAsync(Write(them, IncidentType, "INC-1", 0, entries: 4));
        await store.SaveAsync(Write(me, IncidentType, "INC-1", 0, entries: 1));
        var before = await SnapshotAsync(store);

        // Their version (4) means nothing in my tenant.
        await AssertConcurrencyAsync(() => store.SaveAsync(Write(me, IncidentType, "INC-1", 4)), me, IncidentType, "INC-1", expected: 4, actual: 1);
        await AssertConcurrencyAsync(() => store.SaveAsync(Write(them, IncidentType, "INC-1", 1)), them, IncidentType, "INC-1", expected: 1, actual: 4);
        await AssertConcurrencyAsync(() => store.SaveAsync(Write(me, IncidentType, "INC-2", 4)), me, IncidentType, "INC-2", expected: 4, actual: 0);
        Assert.Equal(before, await SnapshotAsync(store));

        // And my save leaves their record alone.
        Assert.Equal(new SaveResult(2, false), await store.SaveAsync(Write(me, IncidentType, "INC-1", 1)));
        Assert.Equal(4, (await store.LoadAsync(them, IncidentType, "INC-1"))?.Version);
        Assert.Equal(4, (await store.ReadHistoryAsync(them, IncidentType, "INC-1")).Count);
    }

    /// <summary>Query, with any filters, returns only the querying tenant's records.</summary>
    /// <param name="mine">The tenant that queries.</param>
    /// <param name="other">The other tenant.</param>
    /// <returns>A task.</returns>
    [Theory]
    [MemberData(nameof(TenantPairs))]
    public async Task Query_returns_only_the_own_tenants_records(string mine, string other)
    {
        var (me, them) = (new TenantId(mine), new TenantId(other));
        var store = await NewStoreAsync();
        await store.SaveAsync(Write(me, IncidentType, "INC-1", 0, index: Index(state: "New", slaDueAt: T0 + Duration.FromHours(1))));
        await store.SaveAsync(Write(them, IncidentType, "INC-1", 0, index: Index(state: "New", slaDueAt: T0 + Duration.FromHours(1))));
        await store.SaveAsync(Write(them, IncidentType, "INC-2", 0, index: Index(state: "New", slaDueAt: T0)));

        foreach (var query in new[]
        {
            new RecordQuery(),
            new RecordQuery { RecordType = IncidentType, State = "New", Service = "email", AssignmentGroup = "service-desk" },
            new RecordQuery { OpenOnly = true, WithSlaDueOnly = true },
            new RecordQuery { SlaDueBefore = T0 + Duration.FromDays(1), Limit = 10 },
        })
        {
            var row = Assert.Single(await store.QueryAsync(me, query));
            Assert.Equal((me, IncidentType, "INC-1"), (row.Tenant, row.RecordType, row.RecordId));
            Assert.Equal(2, (await store.QueryAsync(them, query)).Count);
            Assert.All(await store.QueryAsync(them, query), r => Assert.Equal(them, r.Tenant));
        }
    }

    /// <summary>ReadAudit and ReadHistory return only the reading tenant's audit entries.</summary>
    /// <param name="mine">The tenant that reads.</param>
    /// <param name="other">The other tenant.</param>
    /// <returns>A task.</returns>
    [Theory]
    [MemberData(nameof(TenantPairs))]
    public async Task ReadAudit_and_ReadHistory_return_only_the_own_tenants_entries(string mine, string other)
    {
        var (me, them) = (new TenantId(mine), new TenantId(other));
        var store = await NewStoreAsync();
        await store.SaveAsync(Write(them, IncidentType, "INC-1", 0, entries: 3, at: T0));
        await store.SaveAsync(Write(me, IncidentType, "INC-1", 0, entries: 1, at: T0));

        var audit = await store.ReadAuditAsync(me, new Interval(T0, T0 + Duration.FromHours(1)));
        var entry = Assert.Single(audit);
        Assert.Equal(me, entry.Tenant);
        Assert.Equal(me, Assert.Single(await store.ReadHistoryAsync(me, IncidentType, "INC-1")).Tenant);
        Assert.Equal(3, (await store.ReadAuditAsync(them, new Interval(T0, T0 + Duration.FromHours(1)))).Count);
        Assert.All(await store.ReadHistoryAsync(them, IncidentType, "INC-1"), e => Assert.Equal(them, e.Tenant));
    }

    /// <summary>Idempotency keys are per tenant: the same key in another tenant is neither a replay nor a conflict.</summary>
    /// <param name="mine">One tenant.</param>
    /// <param name="other">The other tenant.</param>
    /// <returns>A task.</returns>
    [Theory]
    [MemberData(nameof(TenantPairs))]
    public async Task The_same_idempotency_key_in_two_tenants_is_independent(string mine, string other)
    {
        var (me, them) = (new TenantId(mine), new TenantId(other));
        var store = await NewStoreAsync();
        await store.SaveAsync(Write(them, IncidentType, "INC-1", 0, entries: 2, key: new IdempotencyKey("shared-key", "fp-them")));

        Assert.Null(await store.FindIdempotencyKeyAsync(me, "shared-key"));

        // Another fingerprint in my tenant is no conflict, and the same fingerprint is no replay.
        var result = await store.SaveAsync(Write(me, IncidentType, "INC-1", 0, entries: 1, key: new IdempotencyKey("shared-key", "fp-them")));
        Assert.Equal(new SaveResult(1, false) { Numbers = [1] }, result);
        Assert.Equal(new IdempotencyRecord("shared-key", "fp-them", IncidentType, "INC-1", 1), await store.FindIdempotencyKeyAsync(me, "shared-key"));
        Assert.Equal(new IdempotencyRecord("shared-key", "fp-them", IncidentType, "INC-1", 2), await store.FindIdempotencyKeyAsync(them, "shared-key"));

        var other2 = await store.SaveAsync(Write(me, IncidentType, "INC-2", 0, key: new IdempotencyKey("their-only", "x")));
        Assert.False(other2.Replayed);
        await store.SaveAsync(Write(them, IncidentType, "INC-2", 0, key: new IdempotencyKey("their-only", "y")));
        Assert.Equal("x", (await store.FindIdempotencyKeyAsync(me, "their-only"))?.Fingerprint);
        Assert.Equal("y", (await store.FindIdempotencyKeyAsync(them, "their-only"))?.Fingerprint);
    }
}
