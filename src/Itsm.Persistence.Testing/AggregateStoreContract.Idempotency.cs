using System.Linq;
using System.Threading.Tasks;

namespace Itsm.Persistence.Testing;

// Idempotency keys: a replay writes nothing and returns the first result; another payload is a conflict.
public abstract partial class AggregateStoreContract
{
    /// <summary>A save with an idempotency key already stored under the same fingerprint is a replay: it returns the first save's version with Replayed set, and writes nothing, whatever else the write carries.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Replaying_a_key_with_the_same_fingerprint_returns_the_first_version_and_writes_nothing()
    {
        var store = await NewStoreAsync();
        var write = Write(TenantA, IncidentType, "INC-1", 0, entries: 2, key: new IdempotencyKey("open-1", "fp"));
        Assert.Equal(new SaveResult(2, false) { Numbers = [1] }, await store.SaveAsync(write));
        var before = await SnapshotAsync(store, keys: ["open-1"]);

        Assert.Equal(new SaveResult(2, true), await store.SaveAsync(write));
        Assert.Equal(new SaveResult(2, true), await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0, entries: 5, state: "{\"other\":1}", key: new IdempotencyKey("open-1", "fp"))));

        Assert.Equal(before, await SnapshotAsync(store, keys: ["open-1"]));
    }

    /// <summary>A replay stays a replay (not a concurrency conflict) after the record has moved on: the key is looked at before the version.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Replaying_a_key_after_the_record_moved_on_returns_the_first_version_and_writes_nothing()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1");
        var keyed = Write(TenantA, IncidentType, "INC-1", 1, entries: 1, key: new IdempotencyKey("assign-1", "fp"));
        Assert.Equal(new SaveResult(2, false), await store.SaveAsync(keyed));
        Assert.Equal(new SaveResult(5, false), await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 2, entries: 3)));
        var before = await SnapshotAsync(store, keys: ["assign-1"]);

        // The replay carries expected version 1 (stale): still a replay, not a conflict.
        Assert.Equal(new SaveResult(2, true), await store.SaveAsync(keyed));

        Assert.Equal(before, await SnapshotAsync(store, keys: ["assign-1"]));
        Assert.Equal(5, (await store.LoadAsync(TenantA, IncidentType, "INC-1"))?.Version);
    }

    /// <summary>A key reused with another fingerprint, on the same record or another, throws IdempotencyConflictException (code, tenant, key and message) and writes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Reusing_a_key_with_another_fingerprint_throws_IdempotencyConflictException_and_writes_nothing()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0, key: new IdempotencyKey("k-1", "fp-1")));
        var before = await SnapshotAsync(store, records: [(IncidentType, "INC-2")], keys: ["k-1"]);

        // With a valid expected version for the same record, and for a brand new record.
        var error = await Assert.ThrowsAsync<IdempotencyConflictException>(() => store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 1, key: new IdempotencyKey("k-1", "fp-2"))));
        Assert.Equal(IdempotencyConflictException.ErrorCode, error.Code);
        Assert.Equal(TenantA, error.Tenant);
        Assert.Equal("k-1", error.Key);
        Assert.Equal("Idempotency key 'k-1' of tenant 'tenant-a' was already used with a different payload.", error.Message);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() => store.SaveAsync(Write(TenantA, IncidentType, "INC-2", 0, key: new IdempotencyKey("k-1", "fp-3"))));

        Assert.Equal(before, await SnapshotAsync(store, records: [(IncidentType, "INC-2")], keys: ["k-1"]));
        Assert.Equal("fp-1", (await store.FindIdempotencyKeyAsync(TenantA, "k-1"))?.Fingerprint);
    }

    /// <summary>FindIdempotencyKey returns the key's fingerprint, record and the version its save produced, looks keys up case-sensitively, and returns null for an unknown key.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task FindIdempotencyKey_returns_what_the_first_save_wrote()
    {
        var store = await NewStoreAsync();
        Assert.Null(await store.FindIdempotencyKeyAsync(TenantA, "k-1"));
        await CreateAsync(store, TenantA, ProblemType, "PRB-1", entries: 2);

        await store.SaveAsync(Write(TenantA, ProblemType, "PRB-1", 2, entries: 3, key: new IdempotencyKey("k-1", "fp-1")));
        await store.SaveAsync(Write(TenantA, ProblemType, "PRB-1", 5));

        Assert.Equal(new IdempotencyRecord("k-1", "fp-1", ProblemType, "PRB-1", 5), await store.FindIdempotencyKeyAsync(TenantA, "k-1"));
        Assert.Null(await store.FindIdempotencyKeyAsync(TenantA, "K-1"));
    }

    /// <summary>The key of a save refused for its version is not stored, so the caller can reload and retry with the same key.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task A_key_of_a_refused_save_is_not_stored_and_can_be_used_after_reloading()
    {
        var store = await NewStoreAsync();
        await CreateAsync(store, TenantA, IncidentType, "INC-1", entries: 2);
        var key = new IdempotencyKey("k-1", "fp-1");

        await AssertConcurrencyAsync(() => store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 1, key: key)), TenantA, IncidentType, "INC-1", 1, 2);
        Assert.Null(await store.FindIdempotencyKeyAsync(TenantA, "k-1"));

        Assert.Equal(new SaveResult(3, false), await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 2, key: key)));
        Assert.Equal(3, (await store.FindIdempotencyKeyAsync(TenantA, "k-1"))?.Version);
        Assert.Equal(3, (await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1")).Count());
    }
}
