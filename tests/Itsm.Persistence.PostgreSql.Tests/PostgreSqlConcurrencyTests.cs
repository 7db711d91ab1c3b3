using System;
using System.Threading.Tasks;
using Itsm.Common;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>The primary keys as a backstop: a unique violation (23505) is reported as a conflict and nothing is written.</summary>
public sealed class PostgreSqlConcurrencyTests : IAsyncLifetime
{
    private readonly PostgreSqlAggregateStore _store = new(PostgresServer.NewOptions());

    private string Audit => $"\"{_store.Schema}\".audit";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await PostgresServer.DropSchemaAsync(_store.Schema);
    }

    [Fact]
    public async Task An_audit_row_the_version_does_not_account_for_makes_the_save_a_ConcurrencyException_and_nothing_is_written()
    {
        await _store.SaveAsync(Samples.Write("INC-1", 0, state: "{\"v\":1}"));

        // A stray row at version 2 (written by hand, bypassing the store, at a feed position far ahead): the record still says version 1.
        await PostgresServer.ExecuteAsync(
            $"INSERT INTO {Audit} (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position) VALUES ($1, 'Incident', 'INC-1', 2, 0, 'x', '[]', 'Stray', 'a', 'b', '{{}}', 1000)",
            Samples.Tenant.Value);

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => _store.SaveAsync(Samples.Write("INC-1", 1, state: "{\"v\":2}", key: new IdempotencyKey("k-1", "fp"))));

        Assert.Equal(1, error.ExpectedVersion);
        Assert.Equal(1, error.ActualVersion);
        var stored = await _store.LoadAsync(Samples.Tenant, "Incident", "INC-1");
        Assert.Equal(1, stored?.Version);
        Assert.Equal("{\"v\":1}", stored?.State);
        Assert.Null(await _store.FindIdempotencyKeyAsync(Samples.Tenant, "k-1"));
    }

    [Fact]
    public async Task A_stray_audit_row_at_version_1_makes_a_create_a_ConcurrencyException_with_actual_0()
    {
        Assert.Null(await _store.LoadAsync(Samples.Tenant, "Incident", "INC-9")); // creates the schema
        await PostgresServer.ExecuteAsync(
            $"INSERT INTO {Audit} (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position) VALUES ($1, 'Incident', 'INC-9', 1, 0, 'x', '[]', 'Stray', 'a', 'b', '{{}}', 1000)",
            Samples.Tenant.Value);

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => _store.SaveAsync(Samples.Write("INC-9", 0)));

        Assert.Equal(0, error.ExpectedVersion);
        Assert.Equal(0, error.ActualVersion);
        Assert.Null(await _store.LoadAsync(Samples.Tenant, "Incident", "INC-9"));
    }

    [Fact]
    public async Task A_text_holding_U0000_is_refused_before_the_database_is_touched()
    {
        // In an id: refused by IdText while the write is made, and by every read.
        Assert.Equal("recordId", Assert.ThrowsAny<ArgumentException>(() => Samples.Write("INC-\0", 0)).ParamName);
        Assert.Equal("recordId", (await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.LoadAsync(Samples.Tenant, "Incident", "INC-\0"))).ParamName);
        Assert.Equal("query.State", (await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.QueryAsync(Samples.Tenant, new RecordQuery { State = "New\0" }))).ParamName);

        // In another text column: refused by the store itself.
        var write = new AggregateWrite(Samples.Tenant, "Incident", "INC-1", 0, "{}", Samples.Index(), [Samples.Entry(Samples.Tenant, "INC-1") with { Command = "Update\0" }]);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _store.SaveAsync(write));
        Assert.Equal("write", error.ParamName);
        Assert.StartsWith("write.AuditEntries[0].Command contains the character U+0000, which PostgreSQL text cannot store.", error.Message, StringComparison.Ordinal);
        Assert.Null(await _store.LoadAsync(Samples.Tenant, "Incident", "INC-1"));
    }

    [Fact]
    public async Task Saves_of_one_tenant_never_conflict_with_the_same_record_of_another()
    {
        Assert.Equal(new SaveResult(1, false), (await _store.SaveAsync(Samples.Write("INC-1", 0))) with { Numbers = [] });
        Assert.Equal(new SaveResult(1, false), (await _store.SaveAsync(Samples.Write("INC-1", 0, tenant: Samples.OtherTenant))) with { Numbers = [] });
        Assert.Equal(new SaveResult(2, false), await _store.SaveAsync(Samples.Write("INC-1", 1, tenant: Samples.OtherTenant)));
        Assert.Equal(1, (await _store.LoadAsync(Samples.Tenant, "Incident", "INC-1"))?.Version);
    }
}
