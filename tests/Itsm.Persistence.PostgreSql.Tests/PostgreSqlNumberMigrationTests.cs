using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>Migration 4 numbers the records a version 3 schema holds, and new records continue from there.</summary>
public sealed class PostgreSqlNumberMigrationTests
{
    [Fact]
    public async Task A_version_3_schema_gets_its_records_numbered_per_tenant_and_type_by_opening_time()
    {
        var schema = PostgresServer.NewSchema();
        var quoted = "\"" + schema + "\"";
        await PostgresServer.ExecuteAsync($"CREATE SCHEMA {quoted}");
        await PostgresServer.ExecuteAsync($"CREATE TABLE {quoted}.itsm_schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)");
        foreach (var migration in PostgreSqlSchema.Migrations.Take(3))
        {
            foreach (var statement in migration.Statements)
            {
                await PostgresServer.ExecuteAsync(statement.Replace("{s}", quoted, StringComparison.Ordinal));
            }

            await PostgresServer.ExecuteAsync($"INSERT INTO {quoted}.itsm_schema_migrations VALUES ({migration.Version}, '{migration.Name}', 0)");
        }

        // Opened out of id order, two tenants and two types.
        foreach (var (tenant, type, id, openedAt) in new[]
        {
            ("tenant-a", "Incident", "INC-B", 100L), ("tenant-a", "Incident", "INC-A", 200L), ("tenant-a", "Incident", "INC-C", 100L),
            ("tenant-a", "Problem", "PRB-A", 300L), ("tenant-b", "Incident", "INC-A", 50L),
        })
        {
            await PostgresServer.ExecuteAsync(
                $"INSERT INTO {quoted}.records (tenant, record_type, record_id, version, state, state_name, is_open, opened_at) VALUES ('{tenant}', '{type}', '{id}', 1, '{{}}', 'New', true, {openedAt})");
        }

        var store = new PostgreSqlAggregateStore(PostgresServer.NewOptions(schema));
        try
        {
            var a = new TenantId("tenant-a");
            Assert.Equal(1, (await store.LoadAsync(a, "Incident", "INC-B"))?.Number);
            Assert.Equal(2, (await store.LoadAsync(a, "Incident", "INC-C"))?.Number);
            Assert.Equal(3, (await store.LoadAsync(a, "Incident", "INC-A"))?.Number);
            Assert.Equal(1, (await store.LoadAsync(a, "Problem", "PRB-A"))?.Number);
            Assert.Equal(1, (await store.LoadAsync(new TenantId("tenant-b"), "Incident", "INC-A"))?.Number);
            Assert.Equal("INC-C", (await store.LoadByNumberAsync(a, "Incident", 2))?.RecordId);

            Assert.Equal([4L], (await store.SaveAsync(Samples.Write("INC-NEW", 0))).Numbers);
            Assert.Equal([2L], (await store.SaveAsync(Samples.Write("INC-NEW", 0, tenant: Samples.OtherTenant))).Numbers);
        }
        finally
        {
            await store.DisposeAsync();
            await PostgresServer.DropSchemaAsync(schema);
        }
    }
}
