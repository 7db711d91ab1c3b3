using System;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence.Testing;

// Bad input: the ArgumentException family (naming the parameter), and nothing written.
public abstract partial class AggregateStoreContract
{
    private static readonly string TooLong = new('x', AggregateWrite.MaxKeyLength + 1);

    /// <summary>Bad record keys: (tenant or null for default, type, id, expected parameter name).</summary>
    public static TheoryData<string?, string?, string?, string> BadKeys() => new()
    {
        { null, IncidentType, "INC-1", "tenant" },
        { "tenant-a", null, "INC-1", "recordType" },
        { "tenant-a", string.Empty, "INC-1", "recordType" },
        { "tenant-a", "  \t", "INC-1", "recordType" },
        { "tenant-a", new string('x', AggregateWrite.MaxKeyLength + 1), "INC-1", "recordType" },
        { "tenant-a", IncidentType, null, "recordId" },
        { "tenant-a", IncidentType, string.Empty, "recordId" },
        { "tenant-a", IncidentType, " ", "recordId" },
        { "tenant-a", IncidentType, new string('x', AggregateWrite.MaxKeyLength + 1), "recordId" },
    };

    /// <summary>Load and ReadHistory refuse a default tenant and a null, blank or over-long record type or id with an ArgumentException naming the parameter, and change nothing.</summary>
    /// <param name="tenant">The tenant, or null for <c>default(TenantId)</c>.</param>
    /// <param name="recordType">The record type.</param>
    /// <param name="recordId">The record id.</param>
    /// <param name="parameter">The parameter name the exception must carry.</param>
    /// <returns>A task.</returns>
    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task Load_and_ReadHistory_refuse_a_bad_key(string? tenant, string? recordType, string? recordId, string parameter)
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1");
        var before = await SnapshotAsync(store);
        var t = tenant is null ? default : new TenantId(tenant);

        var load = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.LoadAsync(t, recordType!, recordId!));
        var history = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReadHistoryAsync(t, recordType!, recordId!));

        Assert.Equal(parameter, load.ParamName);
        Assert.Equal(parameter, history.ParamName);
        Assert.Equal(before, await SnapshotAsync(store));
    }

    /// <summary>Record types and ids of AggregateWrite.MaxKeyLength, idempotency keys of IdempotencyKey.MaxLength and long tenant ids are stored and found again by every read.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Keys_of_the_longest_length_are_accepted()
    {
        var store = await NewStoreAsync();
        var type = new string('T', AggregateWrite.MaxKeyLength);
        var id = new string('i', AggregateWrite.MaxKeyLength);
        var key = new string('k', IdempotencyKey.MaxLength);
        var tenant = new TenantId(new string('t', 100));

        await store.SaveAsync(Write(tenant, type, id, 0, key: new IdempotencyKey(key, new string('f', 128))));

        Assert.Equal(1, (await store.LoadAsync(tenant, type, id))?.Version);
        Assert.Single(await store.ReadHistoryAsync(tenant, type, id));
        Assert.Single(await store.QueryAsync(tenant, new RecordQuery { RecordType = type }));
        Assert.Equal(new IdempotencyRecord(key, new string('f', 128), type, id, 1), await store.FindIdempotencyKeyAsync(tenant, key));
    }

    /// <summary>Save refuses a null write with an ArgumentException naming <c>write</c>, and writes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Save_refuses_a_null_write()
    {
        var store = await NewStoreAsync();
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SaveAsync(null!));
        Assert.Equal("write", error.ParamName);
        Assert.Empty(await store.QueryAsync(TenantA, new RecordQuery()));
        Assert.Empty(await store.ReadAuditAsync(TenantA, AllTime));
    }

    /// <summary>Query refuses a default tenant, a null query and a limit below one, naming <c>tenant</c>, <c>query</c> or <c>query.Limit</c>, and changes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_refuses_a_default_tenant_a_null_query_and_a_limit_below_one()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1");
        var before = await SnapshotAsync(store);

        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryAsync(default, new RecordQuery()))).ParamName);
        Assert.Equal("query", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryAsync(TenantA, null!))).ParamName);
        Assert.Equal("query.Limit", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryAsync(TenantA, new RecordQuery { Limit = 0 }))).ParamName);
        Assert.Equal("query.Limit", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryAsync(TenantA, new RecordQuery { Limit = -1 }))).ParamName);
        Assert.Equal("query.Limit", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.QueryAsync(TenantA, new RecordQuery { Limit = int.MinValue }))).ParamName);

        Assert.Equal(before, await SnapshotAsync(store));
    }

    /// <summary>ReadAudit refuses a default tenant and a period without a start or an end, naming <c>tenant</c> or <c>period</c>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ReadAudit_refuses_a_default_tenant_and_an_unbounded_period()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1");
        var before = await SnapshotAsync(store);

        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReadAuditAsync(default, AllTime))).ParamName);
        foreach (var period in new[] { new Interval(null, T0), new Interval(T0, null), new Interval(null, null) })
        {
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReadAuditAsync(TenantA, period));
            Assert.Equal("period", error.ParamName);
        }

        Assert.Equal(before, await SnapshotAsync(store));
    }

    /// <summary>FindIdempotencyKey refuses a default tenant and a null or blank key, naming <c>tenant</c> or <c>key</c>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task FindIdempotencyKey_refuses_a_default_tenant_and_a_blank_key()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0, key: new IdempotencyKey("k", "fp")));

        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.FindIdempotencyKeyAsync(default, "k"))).ParamName);
        Assert.Equal("key", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.FindIdempotencyKeyAsync(TenantA, null!))).ParamName);
        Assert.Equal("key", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.FindIdempotencyKeyAsync(TenantA, string.Empty))).ParamName);
        Assert.Equal("key", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.FindIdempotencyKeyAsync(TenantA, "   "))).ParamName);
        Assert.NotNull(await store.FindIdempotencyKeyAsync(TenantA, "k"));
    }

    /// <summary>A save whose token is already cancelled throws OperationCanceledException and writes neither the record, its audit entries nor its idempotency key.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task A_save_cancelled_before_it_starts_writes_nothing()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1");
        var before = await SnapshotAsync(store, keys: ["k"]);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 1, key: new IdempotencyKey("k", "fp")), cancelled.Token));

        Assert.Equal(before, await SnapshotAsync(store, keys: ["k"]));
    }
}
