using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using NodaTime;
using Xunit;
using static Itsm.Persistence.Sqlite.Tests.Samples;

namespace Itsm.Persistence.Sqlite.Tests;

/// <summary>
/// An update whose index columns equal the stored ones writes only the version and the state (no index
/// maintenance); any other update writes every column. These tests change one index column at a time,
/// to and from null, so that a column the store wrongly took for unchanged would keep its old value.
/// </summary>
public sealed class SqliteUpdatePathTests : IDisposable
{
    private static readonly RecordIndex Full = new("New", true, "email", "desk", 3, T0, T0 + Duration.FromHours(1));
    private static readonly RecordIndex Empty = new("New", true, null, null, null, T0, null);

    private readonly TempDirectory _directory = new();

    public static TheoryData<string, RecordIndex, RecordIndex> OneColumnChanges => new()
    {
        { "state", Full, Full with { State = "InProgress" } },
        { "is_open", Full, Full with { IsOpen = false } },
        { "service", Full, Full with { Service = "erp" } },
        { "service to null", Full, Full with { Service = null } },
        { "service from null", Empty, Empty with { Service = "erp" } },
        { "assignment_group", Full, Full with { AssignmentGroup = "network" } },
        { "assignment_group to null", Full, Full with { AssignmentGroup = null } },
        { "assignment_group from null", Empty, Empty with { AssignmentGroup = "network" } },
        { "priority", Full, Full with { Priority = 1 } },
        { "priority to null", Full, Full with { Priority = null } },
        { "priority from null", Empty, Empty with { Priority = 2 } },
        { "opened_at", Full, Full with { OpenedAt = T0 + Duration.FromMinutes(1) } },
        { "sla_due_at", Full, Full with { SlaDueAt = T0 + Duration.FromHours(2) } },
        { "sla_due_at to null", Full, Full with { SlaDueAt = null } },
        { "sla_due_at from null", Empty, Empty with { SlaDueAt = T0 + Duration.FromHours(2) } },
    };

    public void Dispose() => _directory.Dispose();

    [Theory]
    [MemberData(nameof(OneColumnChanges))]
    public async Task An_update_changing_one_index_column_stores_it_and_an_unchanged_index_stays(string column, RecordIndex before, RecordIndex after)
    {
        var store = Store(_directory.NewDatabase());
        await store.SaveAsync(Write("INC-1", 0, state: "{\"v\":1}", index: before));

        // Same index, new state: only the version and the state move.
        await store.SaveAsync(Write("INC-1", 1, state: "{\"v\":2}", index: before));
        var unchanged = await store.LoadAsync(Tenant, "Incident", "INC-1");
        Assert.Equal((2L, "{\"v\":2}", before), (unchanged!.Version, unchanged.State, unchanged.Index));

        // One column changes: it is stored, and the record's other columns stay.
        await store.SaveAsync(Write("INC-1", 2, state: "{\"v\":3}", index: after));
        var changed = await store.LoadAsync(Tenant, "Incident", "INC-1");
        Assert.True(changed!.Index == after, $"{column}: stored {changed.Index}, written {after}");
        Assert.Equal((3L, "{\"v\":3}"), (changed.Version, changed.State));
        var row = Assert.Single(await store.QueryAsync(Tenant, new RecordQuery()));
        Assert.Equal(after, row.Index);

        // The indexes follow (queries by each filter find the record under its new values only).
        Assert.Equal(after.State == before.State ? 1 : 0, (await store.QueryAsync(Tenant, new RecordQuery { State = before.State })).Count);
        Assert.Single(await store.QueryAsync(Tenant, new RecordQuery { State = after.State }));
        Assert.Equal(after.IsOpen ? 1 : 0, (await store.QueryAsync(Tenant, new RecordQuery { OpenOnly = true })).Count);
        Assert.Equal(after.SlaDueAt is null ? 0 : 1, (await store.QueryAsync(Tenant, new RecordQuery { WithSlaDueOnly = true })).Count);
        if (after.Service is { } service)
        {
            Assert.Single(await store.QueryAsync(Tenant, new RecordQuery { Service = service }));
        }

        if (before.Service is { } oldService && oldService != after.Service)
        {
            Assert.Empty(await store.QueryAsync(Tenant, new RecordQuery { Service = oldService }));
        }

        if (after.AssignmentGroup is { } group)
        {
            Assert.Single(await store.QueryAsync(Tenant, new RecordQuery { AssignmentGroup = group }));
        }

        if (before.AssignmentGroup is { } oldGroup && oldGroup != after.AssignmentGroup)
        {
            Assert.Empty(await store.QueryAsync(Tenant, new RecordQuery { AssignmentGroup = oldGroup }));
        }
    }

    [Fact]
    public async Task A_stale_update_with_an_unchanged_index_is_refused_with_the_stored_version()
    {
        var store = Store(_directory.NewDatabase());
        await store.SaveAsync(Write("INC-1", 0, index: Full));
        await store.SaveAsync(Write("INC-1", 1, index: Full));

        var stale = await Assert.ThrowsAsync<ConcurrencyException>(() => store.SaveAsync(Write("INC-1", 1, state: "{\"stale\":true}", index: Full)));

        Assert.Equal((1L, 2L), (stale.ExpectedVersion, stale.ActualVersion));
        var stored = await store.LoadAsync(Tenant, "Incident", "INC-1");
        Assert.Equal((2L, "{\"v\":2}"), (stored!.Version, stored.State));
        Assert.Equal(2, (await store.ReadHistoryAsync(Tenant, "Incident", "INC-1")).Count);
    }
}
