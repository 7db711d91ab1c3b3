using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>Migration 3 on a database written by the previous release: existing audit rows get feed positions.</summary>
public sealed class PostgreSqlFeedMigrationTests
{
    [Fact]
    public async Task Existing_audit_rows_get_positions_per_tenant_in_time_order_keeping_each_records_versions_in_order()
    {
        var schema = PostgresServer.NewSchema();
        try
        {
            await CreateAtVersion2Async(schema);
            var s = $"\"{schema}\"";
            // INC-1 v2 carries an instant before v1's (a clock that went back): it must still follow v1.
            await PostgresServer.ExecuteAsync(
                $"INSERT INTO {s}.audit (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data) VALUES"
                + " ('a', 'Incident', 'INC-2', 1, 20, 'x', '[]', 'Open', 'a', 'b', '{}'),"
                + " ('a', 'Incident', 'INC-1', 1, 30, 'x', '[]', 'Open', 'a', 'b', '{}'),"
                + " ('a', 'Incident', 'INC-1', 2, 10, 'x', '[]', 'Assign', 'a', 'b', '{}'),"
                + " ('a', 'Incident', 'INC-2', 2, 40, 'x', '[]', 'Assign', 'a', 'b', '{}'),"
                + " ('b', 'Incident', 'INC-1', 1, 5, 'x', '[]', 'Open', 'a', 'b', '{}')");
            await PostgresServer.ExecuteAsync(
                $"INSERT INTO {s}.records (tenant, record_type, record_id, version, state, state_name, is_open, opened_at) VALUES ('a', 'Incident', 'INC-2', 2, '{{}}', 'New', true, 0)");

            await using var store = new PostgreSqlAggregateStore(PostgresServer.NewOptions(schema));
            var feed = await store.ReadFeedAsync(new("a"), 0, 100);

            Assert.Equal(["1:INC-2/1", "2:INC-1/1", "3:INC-1/2", "4:INC-2/2"], feed.Select(e => $"{e.Position}:{e.Entry.RecordId}/{e.Entry.Version}"));
            Assert.Equal(["1:INC-1/1"], (await store.ReadFeedAsync(new("b"), 0, 100)).Select(e => $"{e.Position}:{e.Entry.RecordId}/{e.Entry.Version}"));

            // The head continues after the backfilled rows, and the audit log is append-only again.
            await store.SaveAsync(new AggregateWrite(new("a"), "Incident", "INC-2", 2, "{}", Samples.Index(), [new AuditEntry(new("a"), "Incident", "INC-2", 0, Instant.FromUnixTimeTicks(1), Samples.Agent, "Close", "b", "c", new System.Collections.Generic.Dictionary<string, string>())]));
            Assert.Equal(5, (await store.ReadFeedAsync(new("a"), 4, 100)).Single().Position);
            await Assert.ThrowsAsync<Npgsql.PostgresException>(() => PostgresServer.ExecuteAsync($"UPDATE {s}.audit SET command = 'x'"));
        }
        finally
        {
            await PostgresServer.DropSchemaAsync(schema);
        }
    }

    /// <summary>The schema as the previous release left it: migrations 1 and 2 only.</summary>
    private static async Task CreateAtVersion2Async(string schema)
    {
        var s = $"\"{schema}\"";
        await PostgresServer.ExecuteAsync($"CREATE SCHEMA {s}");
        await PostgresServer.ExecuteAsync($"CREATE TABLE {s}.{PostgreSqlSchema.MigrationsTable} (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)");
        foreach (var migration in PostgreSqlSchema.Migrations.Take(2))
        {
            foreach (var statement in migration.Statements)
            {
                await PostgresServer.ExecuteAsync(statement.Replace("{s}", s, System.StringComparison.Ordinal));
            }

            await PostgresServer.ExecuteAsync($"INSERT INTO {s}.{PostgreSqlSchema.MigrationsTable} VALUES ({migration.Version}, '{migration.Name}', 0)");
        }
    }
}
