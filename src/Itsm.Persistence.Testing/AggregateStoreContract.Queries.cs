using System.Linq;
using System.Threading.Tasks;
using NodaTime;

namespace Itsm.Persistence.Testing;

// Queries over the indexed fields: each filter, combinations, limit, ordering and re-indexing.
public abstract partial class AggregateStoreContract
{
    private static readonly Instant Due1 = T0 + Duration.FromHours(1);
    private static readonly Instant Due2 = T0 + Duration.FromHours(2);

    /// <summary>Six records of tenant A with distinct fields (and one of tenant B matching everything).</summary>
    private async Task<IAggregateStore> QueryFixtureAsync()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(Write(TenantA, IncidentType, "I1", 0, index: Index("New", true, "email", "desk", 1, T0, Due1)));
        await store.SaveAsync(Write(TenantA, IncidentType, "I2", 0, index: Index("OnHold", true, "erp", "desk", 2, T0 + Duration.FromMinutes(1), null)));
        await store.SaveAsync(Write(TenantA, IncidentType, "I3", 0, index: Index("Closed", false, "email", "network", null, T0 + Duration.FromMinutes(2), Due2)));
        await store.SaveAsync(Write(TenantA, ProblemType, "P1", 0, index: Index("New", true, null, null, null, T0 + Duration.FromMinutes(3), Due2)));
        await store.SaveAsync(Write(TenantA, ProblemType, "P2", 0, index: Index("new", true, "Email", "Desk", 4, T0 + Duration.FromMinutes(4), T0)));
        await store.SaveAsync(Write(TenantA, IncidentType, "I4", 0, index: Index("InProgress", true, "email", "desk", 3, T0 + Duration.FromMinutes(5), Due1 + Duration.Epsilon)));
        await store.SaveAsync(Write(TenantB, IncidentType, "I9", 0, index: Index("New", true, "email", "desk", 1, T0 - Duration.FromDays(1), T0 - Duration.FromDays(1))));
        return store;
    }

    private static async Task<string[]> Ids(IAggregateStore store, RecordQuery query) =>
        (await store.QueryAsync(TenantA, query)).Select(r => r.RecordId).ToArray();

    /// <summary>Query without filters returns every record of the tenant, with its current version and index, and none of another tenant.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_without_filters_returns_every_record_of_the_tenant_with_version_and_index()
    {
        var store = await QueryFixtureAsync();
        await store.SaveAsync(Write(TenantA, IncidentType, "I1", 1, entries: 2, index: Index("New", true, "email", "desk", 1, T0, Due1)));

        var rows = await store.QueryAsync(TenantA, new RecordQuery());

        Assert.Equal(["I1", "I2", "I3", "P1", "P2", "I4"], rows.Select(r => r.RecordId));
        var first = rows[0];
        Assert.Equal(new RecordSummary(TenantA, IncidentType, "I1", 3, Index("New", true, "email", "desk", 1, T0, Due1)) { Number = 1 }, first);
        Assert.Equal(new RecordSummary(TenantA, ProblemType, "P1", 1, Index("New", true, null, null, null, T0 + Duration.FromMinutes(3), Due2)) { Number = 1 }, rows[3]);
    }

    /// <summary>Query filters by record type, case-sensitively.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_filters_by_record_type()
    {
        var store = await QueryFixtureAsync();
        Assert.Equal(["I1", "I2", "I3", "I4"], await Ids(store, new RecordQuery { RecordType = IncidentType }));
        Assert.Equal(["P1", "P2"], await Ids(store, new RecordQuery { RecordType = ProblemType }));
        Assert.Empty(await Ids(store, new RecordQuery { RecordType = "incident" }));
    }

    /// <summary>Query filters by the indexed state, case-sensitively.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_filters_by_state_case_sensitively()
    {
        var store = await QueryFixtureAsync();
        Assert.Equal(["I1", "P1"], await Ids(store, new RecordQuery { State = "New" }));
        Assert.Equal(["P2"], await Ids(store, new RecordQuery { State = "new" }));
        Assert.Empty(await Ids(store, new RecordQuery { State = "Resolved" }));
    }

    /// <summary>Query filters by the indexed service, case-sensitively.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_filters_by_service_case_sensitively()
    {
        var store = await QueryFixtureAsync();
        Assert.Equal(["I1", "I3", "I4"], await Ids(store, new RecordQuery { Service = "email" }));
        Assert.Equal(["P2"], await Ids(store, new RecordQuery { Service = "Email" }));
        Assert.Equal(["I2"], await Ids(store, new RecordQuery { Service = "erp" }));
    }

    /// <summary>Query filters by the indexed assignment group, case-sensitively.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_filters_by_assignment_group_case_sensitively()
    {
        var store = await QueryFixtureAsync();
        Assert.Equal(["I1", "I2", "I4"], await Ids(store, new RecordQuery { AssignmentGroup = "desk" }));
        Assert.Equal(["P2"], await Ids(store, new RecordQuery { AssignmentGroup = "Desk" }));
        Assert.Equal(["I3"], await Ids(store, new RecordQuery { AssignmentGroup = "network" }));
    }

    /// <summary>Query with OpenOnly leaves out records whose index says closed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_OpenOnly_leaves_out_closed_records()
    {
        var store = await QueryFixtureAsync();
        Assert.Equal(["I1", "I2", "P1", "P2", "I4"], await Ids(store, new RecordQuery { OpenOnly = true }));
    }

    /// <summary>Query with WithSlaDueOnly leaves out records without an SLA due instant.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_WithSlaDueOnly_leaves_out_records_without_a_due_instant()
    {
        var store = await QueryFixtureAsync();
        Assert.Equal(["I1", "I3", "P1", "P2", "I4"], await Ids(store, new RecordQuery { WithSlaDueOnly = true }));
        Assert.Equal(["I1", "P1", "P2", "I4"], await Ids(store, new RecordQuery { OpenOnly = true, WithSlaDueOnly = true }));
    }

    /// <summary>Query with SlaDueBefore returns records due strictly before the instant (to the nanosecond) and never those without a due instant.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_SlaDueBefore_is_strict_and_leaves_out_records_without_a_due_instant()
    {
        var store = await QueryFixtureAsync();
        Assert.Equal(["P2"], await Ids(store, new RecordQuery { SlaDueBefore = Due1 }));
        Assert.Equal(["I1", "P2"], await Ids(store, new RecordQuery { SlaDueBefore = Due1 + Duration.Epsilon }));
        Assert.Equal(["I1", "P2", "I4"], await Ids(store, new RecordQuery { SlaDueBefore = Due2 }));
        Assert.Equal(["I1", "I3", "P1", "P2", "I4"], await Ids(store, new RecordQuery { SlaDueBefore = Due2 + Duration.Epsilon }));
        Assert.Empty(await Ids(store, new RecordQuery { SlaDueBefore = T0 }));
        Assert.Equal(["I1", "P2", "I4"], await Ids(store, new RecordQuery { SlaDueBefore = Due2, WithSlaDueOnly = false }));
    }

    /// <summary>Query filters combine with AND.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_filters_combine_with_and()
    {
        var store = await QueryFixtureAsync();
        Assert.Equal(["I1", "I4"], await Ids(store, new RecordQuery { RecordType = IncidentType, Service = "email", OpenOnly = true }));
        Assert.Equal(["I1"], await Ids(store, new RecordQuery { RecordType = IncidentType, State = "New", Service = "email", AssignmentGroup = "desk", OpenOnly = true, WithSlaDueOnly = true, SlaDueBefore = Due2 }));
        Assert.Equal(["I4"], await Ids(store, new RecordQuery { AssignmentGroup = "desk", WithSlaDueOnly = true, SlaDueBefore = Due2, State = "InProgress" }));
        Assert.Empty(await Ids(store, new RecordQuery { RecordType = ProblemType, Service = "email" }));
        Assert.Equal(["I3"], await Ids(store, new RecordQuery { Service = "email", SlaDueBefore = Due2 + Duration.Epsilon, AssignmentGroup = "network" }));
    }

    /// <summary>Query's Limit returns the first rows of the ordered result, after filtering.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_Limit_returns_the_first_rows_in_order()
    {
        var store = await QueryFixtureAsync();
        Assert.Equal(["I1"], await Ids(store, new RecordQuery { Limit = 1 }));
        Assert.Equal(["I1", "I2", "I3"], await Ids(store, new RecordQuery { Limit = 3 }));
        Assert.Equal(["I1", "I2", "I3", "P1", "P2", "I4"], await Ids(store, new RecordQuery { Limit = 6 }));
        Assert.Equal(["I1", "I2", "I3", "P1", "P2", "I4"], await Ids(store, new RecordQuery { Limit = int.MaxValue }));
        Assert.Equal(["I1", "I3"], await Ids(store, new RecordQuery { SlaDueBefore = Due2 + Duration.Epsilon, Limit = 2 }));
        Assert.Equal(["I1", "P1"], await Ids(store, new RecordQuery { OpenOnly = true, WithSlaDueOnly = true, Limit = 2 }));
    }

    /// <summary>Query orders rows by OpenedAt, then record type, then record id, comparing strings ordinally (not by culture or case-insensitively).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_orders_by_opened_at_then_record_type_then_id_ordinally()
    {
        var store = await NewStoreAsync();
        var t1 = T0 + Duration.Epsilon;
        foreach (var (type, id, opened) in new[]
        {
            (ProblemType, "a", T0), (IncidentType, "b", T0), (IncidentType, "a", t1), (IncidentType, "B", T0),
            (IncidentType, "a10", T0), (IncidentType, "a2", T0), (ProblemType, "A", T0 - Duration.FromDays(400)), (IncidentType, "é", T0), (IncidentType, "z", T0),
        })
        {
            await store.SaveAsync(Write(TenantA, type, id, 0, index: Index(openedAt: opened)));
        }

        var rows = await store.QueryAsync(TenantA, new RecordQuery());

        Assert.Equal(
            ["Problem A", "Incident B", "Incident a10", "Incident a2", "Incident b", "Incident z", "Incident é", "Problem a", "Incident a"],
            rows.Select(r => r.RecordType + " " + r.RecordId));
    }

    /// <summary>Query follows every save of a record: a record leaves and joins filtered results as its index changes, and moves in the order when its OpenedAt changes.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_follows_each_save_of_a_record()
    {
        var store = await NewStoreAsync();
        var open = new RecordQuery { State = "New", OpenOnly = true, WithSlaDueOnly = true };
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0, index: Index("New", true, "email", "desk", 3, T0, Due1)));
        Assert.Equal(["INC-1"], await Ids(store, open));
        Assert.Equal(["INC-1"], await Ids(store, new RecordQuery { SlaDueBefore = Due2 }));

        // The state changes and the clock stops: the record leaves both queries.
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 1, index: Index("Resolved", false, "erp", "network", 1, T0, null)));
        Assert.Empty(await Ids(store, open));
        Assert.Empty(await Ids(store, new RecordQuery { SlaDueBefore = Due2 }));
        Assert.Empty(await Ids(store, new RecordQuery { Service = "email" }));
        Assert.Empty(await Ids(store, new RecordQuery { AssignmentGroup = "desk" }));
        Assert.Equal(["INC-1"], await Ids(store, new RecordQuery { State = "Resolved", Service = "erp", AssignmentGroup = "network" }));
        var row = Assert.Single(await store.QueryAsync(TenantA, new RecordQuery()));
        Assert.Equal(2, row.Version);
        Assert.Equal(Index("Resolved", false, "erp", "network", 1, T0, null), row.Index);

        // It comes back, and a later OpenedAt moves it in the order.
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-2", 0, index: Index(openedAt: T0 + Duration.FromMinutes(1))));
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 2, index: Index("New", true, "email", "desk", 3, T0 + Duration.FromMinutes(2), Due1)));
        Assert.Equal(["INC-1"], await Ids(store, open));
        Assert.Equal(["INC-2", "INC-1"], await Ids(store, new RecordQuery()));
    }
}
