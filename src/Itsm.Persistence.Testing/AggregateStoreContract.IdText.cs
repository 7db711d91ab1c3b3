using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence.Testing;

// Id text (IdText): ids that not every store can keep apart are refused before any store sees them, and
// legal but unusual ids are kept apart, ordinally, by every store.
public abstract partial class AggregateStoreContract
{
    // xunit serialises theory arguments as UTF-8, which would turn a lone surrogate into U+FFFD before the
    // test ran: the theories take a case name and look the text up here.
    private static readonly Dictionary<string, string> UnstorableIds = new(StringComparer.Ordinal)
    {
        ["lone high surrogate D800"] = "\uD800",
        ["lone high surrogate DBFF"] = "\uDBFF",
        ["lone low surrogate DC00"] = "\uDC00",
        ["high surrogate inside"] = "INC-\uD800-1",
        ["surrogates reversed"] = "\uDC00\uD800",
        ["NUL"] = "\0",
        ["NUL inside"] = "INC\0-1",
        ["C0 control"] = "INC\u0001",
        ["line feed inside"] = "INC\n1",
        ["DEL"] = "INC\u007F",
        ["C1 control"] = "INC\u0085",
    };

    /// <summary>Tenants whose ids are legal but easy to confuse: each must be a tenant of its own in every store.</summary>
    private static readonly string[] UnusualTenantIds =
    [
        "\uFFFD",            // what SQLite once stored every lone surrogate as
        "😀",                 // a surrogate pair
        "e\u0301",           // e + combining acute accent
        "\u00e9",            // precomposed é: canonically equivalent, but another id
        "ß",
        "ss",                // what ß folds to
        "a",
        "A",
        "שלום",              // right to left
        "\u200Fשלום",        // the same after a right-to-left mark
        "tenant a",
        "tenant\u00A0a",     // a no-break space
    ];

    /// <summary>The names of the unstorable ids (lone surrogates, NUL, control characters).</summary>
    public static TheoryData<string> UnstorableIdCases()
    {
        var data = new TheoryData<string>();
        foreach (var name in UnstorableIds.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Every store method refuses a record type, record id, query filter, idempotency key or feed consumer name (checkpoints, parking) holding an unpaired surrogate, NUL or a control character with an ArgumentException naming the parameter, and writes nothing; tenants, actors, keys, writes and reservations of a resource holding one cannot even be made.</summary>
    /// <param name="name">The case: which unstorable text.</param>
    /// <returns>A task.</returns>
    [Theory]
    [MemberData(nameof(UnstorableIdCases))]
    public async Task Ids_that_cannot_round_trip_are_refused_naming_the_parameter_and_nothing_is_written(string name)
    {
        var bad = UnstorableIds[name];
        var store = await NewStoreAsync();
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0, key: new IdempotencyKey("k", "fp")));
        var before = await SnapshotAsync(store, keys: ["k"]);

        await AssertRefusedAsync("recordType", () => store.LoadAsync(TenantA, bad, "INC-1"));
        await AssertRefusedAsync("recordId", () => store.LoadAsync(TenantA, IncidentType, bad));
        await AssertRefusedAsync("recordType", () => store.ReadHistoryAsync(TenantA, bad, "INC-1"));
        await AssertRefusedAsync("recordId", () => store.ReadHistoryAsync(TenantA, IncidentType, bad));
        await AssertRefusedAsync("query.RecordType", () => store.QueryAsync(TenantA, new RecordQuery { RecordType = bad }));
        await AssertRefusedAsync("query.State", () => store.QueryAsync(TenantA, new RecordQuery { State = bad }));
        await AssertRefusedAsync("query.Service", () => store.QueryAsync(TenantA, new RecordQuery { Service = bad }));
        await AssertRefusedAsync("query.AssignmentGroup", () => store.QueryAsync(TenantA, new RecordQuery { AssignmentGroup = bad }));
        await AssertRefusedAsync("key", () => store.FindIdempotencyKeyAsync(TenantA, bad));

        // A feed consumer's name keys its checkpoint and its parked events.
        await AssertRefusedAsync("consumer", () => store.ReadCheckpointAsync(TenantA, bad));
        await AssertRefusedAsync("consumer", () => store.ReadCheckpointAsync(TenantA, "mailer" + bad));
        await AssertRefusedAsync("consumer", () => store.SaveCheckpointAsync(TenantA, bad, 1));
        await AssertRefusedAsync("consumer", () => store.SaveCheckpointAsync(TenantA, "mailer" + bad, 1));
        await AssertRefusedAsync("consumer", () => store.ParkAsync(TenantA, bad, new ParkedEvent(1, "failed", T0, 1)));
        await AssertRefusedAsync("consumer", () => store.ParkAsync(TenantA, "mailer" + bad, new ParkedEvent(1, "failed", T0, 1)));
        await AssertRefusedAsync("consumer", () => store.ReadParkedAsync(TenantA, bad));
        await AssertRefusedAsync("consumer", () => store.UnparkAsync(TenantA, "mailer" + bad, 1));

        // What a save carries is refused while it is made, so no store ever receives it.
        Assert.Equal("value", Assert.ThrowsAny<ArgumentException>(() => new TenantId(bad)).ParamName);
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => new Actor(bad)).ParamName);
        Assert.Equal("key", Assert.ThrowsAny<ArgumentException>(() => new IdempotencyKey(bad, "fp")).ParamName);
        Assert.Equal("recordType", Assert.ThrowsAny<ArgumentException>(() => Write(TenantA, bad, "INC-2", 0)).ParamName);
        Assert.Equal("recordId", Assert.ThrowsAny<ArgumentException>(() => Write(TenantA, IncidentType, bad, 0)).ParamName);
        Assert.Equal("index.State", Assert.ThrowsAny<ArgumentException>(() => Write(TenantA, IncidentType, "INC-2", 0, index: Index(state: "New" + bad))).ParamName);
        Assert.Equal("index.Service", Assert.ThrowsAny<ArgumentException>(() => Write(TenantA, IncidentType, "INC-2", 0, index: Index(service: bad))).ParamName);
        Assert.Equal("index.AssignmentGroup", Assert.ThrowsAny<ArgumentException>(() => Write(TenantA, IncidentType, "INC-2", 0, index: Index(group: bad))).ParamName);
        Assert.Equal("resource", Assert.ThrowsAny<ArgumentException>(() => new ResourceReservation(bad, new Interval(T0, T0 + Duration.FromHours(1)))).ParamName);
        Assert.Equal("resource", Assert.ThrowsAny<ArgumentException>(() => new ResourceReservation("ci:" + bad, new Interval(T0, T0 + Duration.FromHours(1)))).ParamName);

        Assert.Equal(before, await SnapshotAsync(store, keys: ["k"]));
        Assert.Equal(0, await store.ReadCheckpointAsync(TenantA, "mailer"));
        Assert.Empty(await store.ReadParkedAsync(TenantA, "mailer"));

        static async Task AssertRefusedAsync(string parameter, Func<Task> call) =>
            Assert.Equal(parameter, (await Assert.ThrowsAnyAsync<ArgumentException>(call)).ParamName);
    }

    /// <summary>Tenants with legal but unusual ids (U+FFFD and an emoji, e + combining accent and é, ß and ss, a and A, right-to-left text with and without a mark) are kept apart: each one's records, queries, history, audit and idempotency keys are invisible to the others, and a save in one never conflicts with another.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Tenants_with_unusual_but_legal_ids_are_kept_apart()
    {
        var store = await NewStoreAsync();
        var tenants = UnusualTenantIds.Select(id => new TenantId(id)).ToArray();
        for (int i = 0; i < tenants.Length; i++)
        {
            // The same type, id and key in every tenant; a different number of entries and its own text in each.
            var tenant = tenants[i];
            var result = await store.SaveAsync(Write(
                tenant,
                IncidentType,
                "INC-1",
                0,
                entries: i + 1,
                state: "{\"tenant\":" + i + "}",
                index: Index(state: "State-" + tenant.Value, service: tenant.Value, group: tenant.Value),
                key: new IdempotencyKey("shared-key", "fp-" + i)));
            Assert.Equal(new SaveResult(i + 1, false) { Numbers = [1] }, result);
        }

        for (int i = 0; i < tenants.Length; i++)
        {
            var tenant = tenants[i];
            var loaded = await store.LoadAsync(tenant, IncidentType, "INC-1");
            Assert.NotNull(loaded);
            Assert.Equal((tenant, i + 1L, "{\"tenant\":" + i + "}"), (loaded.Tenant, loaded.Version, loaded.State));
            Assert.Equal("State-" + tenant.Value, loaded.Index.State);

            var history = await store.ReadHistoryAsync(tenant, IncidentType, "INC-1");
            Assert.Equal(i + 1, history.Count);
            Assert.All(history, e => Assert.Equal(tenant, e.Tenant));
            var audit = await store.ReadAuditAsync(tenant, AllTime);
            Assert.Equal(i + 1, audit.Count);
            Assert.All(audit, e => Assert.Equal(tenant, e.Tenant));

            var row = Assert.Single(await store.QueryAsync(tenant, new RecordQuery()));
            Assert.Equal((tenant, i + 1L), (row.Tenant, row.Version));
            Assert.Equal(new IdempotencyRecord("shared-key", "fp-" + i, IncidentType, "INC-1", i + 1), await store.FindIdempotencyKeyAsync(tenant, "shared-key"));

            // Each other tenant's id, used as a filter in this tenant, finds nothing: filters compare ordinally.
            Assert.Single(await store.QueryAsync(tenant, new RecordQuery { Service = tenant.Value, AssignmentGroup = tenant.Value, State = "State-" + tenant.Value }));
            foreach (var other in tenants.Where(t => t != tenant))
            {
                Assert.Empty(await store.QueryAsync(tenant, new RecordQuery { Service = other.Value }));
                Assert.Empty(await store.QueryAsync(tenant, new RecordQuery { AssignmentGroup = other.Value }));
                Assert.Empty(await store.QueryAsync(tenant, new RecordQuery { State = "State-" + other.Value }));
            }
        }

        // A stale save in one tenant is compared with that tenant's version only.
        await AssertConcurrencyAsync(() => store.SaveAsync(Write(tenants[0], IncidentType, "INC-1", tenants.Length)), tenants[0], IncidentType, "INC-1", expected: tenants.Length, actual: 1);
        Assert.Equal(new SaveResult(2, false), await store.SaveAsync(Write(tenants[0], IncidentType, "INC-1", 1)));
        Assert.Equal(2, (await store.LoadAsync(tenants[1], IncidentType, "INC-1"))?.Version);
    }

    /// <summary>Record types, record ids and idempotency keys that differ only in normalisation, case, folding or a replacement character are different keys in one tenant.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Record_ids_and_keys_that_differ_only_in_unusual_ways_are_different_keys()
    {
        var store = await NewStoreAsync();
        for (int i = 0; i < UnusualTenantIds.Length; i++)
        {
            var id = UnusualTenantIds[i];
            await store.SaveAsync(Write(TenantA, id, id, 0, entries: i + 1, key: new IdempotencyKey(id, "fp-" + i)));
        }

        for (int i = 0; i < UnusualTenantIds.Length; i++)
        {
            var id = UnusualTenantIds[i];
            Assert.Equal(i + 1, (await store.LoadAsync(TenantA, id, id))?.Version);
            Assert.Equal(i + 1, (await store.ReadHistoryAsync(TenantA, id, id)).Count);
            Assert.Equal((id, id), (await store.QueryAsync(TenantA, new RecordQuery { RecordType = id })).Select(r => (r.RecordType, r.RecordId)).Single());
            Assert.Equal(new IdempotencyRecord(id, "fp-" + i, id, id, i + 1), await store.FindIdempotencyKeyAsync(TenantA, id));
        }

        Assert.Equal(UnusualTenantIds.Length, (await store.QueryAsync(TenantA, new RecordQuery())).Count);
        Assert.Empty(await store.QueryAsync(TenantB, new RecordQuery()));
    }
}
