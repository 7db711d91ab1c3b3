using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>Migrations on first use (once, under concurrent starts), the script a host runs itself, and a newer schema.</summary>
public sealed class PostgreSqlSchemaTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Stores_starting_at_once_on_a_new_schema_migrate_it_exactly_once()
    {
        const int instances = 8;
        var schema = PostgresServer.NewSchema();
        var stores = Enumerable.Range(0, instances).Select(_ => new PostgreSqlAggregateStore(PostgresServer.NewOptions(schema))).ToArray();
        try
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var starts = stores.Select((store, i) => Task.Run(async () =>
            {
                await gate.Task;
                return await store.SaveAsync(Samples.Write("INC-" + i, 0));
            })).ToArray();
            gate.SetResult();
            var results = await Task.WhenAll(starts).WaitAsync(Bound);

            Assert.All(results, r => Assert.Equal(new SaveResult(1, false), r with { Numbers = [] }));
            Assert.Equal(
                ["1 records, audit log, idempotency keys", "2 SLA due claims", "3 event feed, checkpoints, parked events, reservations", "4 record numbers"],
                await MigrationsAsync(schema));
            Assert.Equal(PostgreSqlSchema.LatestVersion, (int)(long)(await PostgresServer.ScalarAsync($"SELECT count(*) FROM \"{schema}\".itsm_schema_migrations"))!);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }

            await PostgresServer.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task The_script_creates_the_schema_the_store_creates_and_running_it_again_changes_nothing()
    {
        var byScript = PostgresServer.NewSchema();
        var byStore = PostgresServer.NewSchema();
        try
        {
            await PostgresServer.ExecuteAsync(PostgreSqlSchema.Script(byScript));
            var applied = await PostgresServer.ScalarAsync($"SELECT string_agg(version || ':' || applied_at, ',' ORDER BY version) FROM \"{byScript}\".itsm_schema_migrations");
            await PostgresServer.ExecuteAsync(PostgreSqlSchema.Script(byScript));
            Assert.Equal(applied, await PostgresServer.ScalarAsync($"SELECT string_agg(version || ':' || applied_at, ',' ORDER BY version) FROM \"{byScript}\".itsm_schema_migrations"));

            await using (var store = new PostgreSqlAggregateStore(PostgresServer.NewOptions(byStore)))
            {
                await store.LoadAsync(Samples.Tenant, "Incident", "INC-1");
            }

            Assert.Equal(await CatalogAsync(byStore), await CatalogAsync(byScript));
            Assert.NotEmpty(await CatalogAsync(byScript));

            // A store on the scripted schema finds it current: it writes, and applies no migration.
            await using (var store = new PostgreSqlAggregateStore(PostgresServer.NewOptions(byScript)))
            {
                Assert.Equal(new SaveResult(1, false), (await store.SaveAsync(Samples.Write("INC-1", 0))) with { Numbers = [] });
            }

            Assert.Equal(applied, await PostgresServer.ScalarAsync($"SELECT string_agg(version || ':' || applied_at, ',' ORDER BY version) FROM \"{byScript}\".itsm_schema_migrations"));
        }
        finally
        {
            await PostgresServer.DropSchemaAsync(byScript);
            await PostgresServer.DropSchemaAsync(byStore);
        }
    }

    [Fact]
    public void The_script_is_one_transaction_that_takes_the_advisory_lock_and_names_the_schema()
    {
        var script = PostgreSqlSchema.Script("helpdesk");
        Assert.StartsWith("-- Itsm.Persistence.PostgreSql: schema \"helpdesk\" at version 4. Safe to run again.\nBEGIN;\n", script, StringComparison.Ordinal);
        Assert.EndsWith("COMMIT;\n", script, StringComparison.Ordinal);
        Assert.Contains($"SELECT pg_advisory_xact_lock({PostgreSqlSchema.AdvisoryLockKey("helpdesk")});", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"helpdesk\".audit", script, StringComparison.Ordinal);
        Assert.DoesNotContain("\"itsm\"", script, StringComparison.Ordinal);
        Assert.Equal(PostgreSqlSchema.Script(), PostgreSqlSchema.Script(PostgreSqlSchema.DefaultSchema));
        Assert.NotEqual(PostgreSqlSchema.AdvisoryLockKey("a"), PostgreSqlSchema.AdvisoryLockKey("b"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Itsm")]
    [InlineData("1itsm")]
    [InlineData("itsm\"; DROP TABLE x; --")]
    public void The_script_refuses_a_schema_name_that_is_not_a_plain_identifier(string schema)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgreSqlSchema.Script(schema));
        Assert.Equal("schema", error.ParamName);
        Assert.StartsWith($"'{schema}' is not a valid schema name: use lower-case letters, digits and underscores, at most 63 characters, not starting with a digit.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schema_newer_than_this_release_is_refused_by_the_store_and_by_the_script_and_left_unchanged()
    {
        var schema = PostgresServer.NewSchema();
        try
        {
            await PostgresServer.ExecuteAsync(PostgreSqlSchema.Script(schema));
            await PostgresServer.ExecuteAsync($"INSERT INTO \"{schema}\".itsm_schema_migrations VALUES (99, 'from the future', 0)");

            await using var store = new PostgreSqlAggregateStore(PostgresServer.NewOptions(schema));
            var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.SaveAsync(Samples.Write("INC-1", 0)));
            Assert.Contains($"schema {schema}' cannot be used: its schema is at version 99, newer than version 4 that this release of Itsm.Persistence.PostgreSql understands. Upgrade the package; nothing was written.", error.Message, StringComparison.Ordinal);
            var script = await Assert.ThrowsAsync<PostgresException>(() => PostgresServer.ExecuteAsync(PostgreSqlSchema.Script(schema)));
            Assert.Equal($"itsm: schema {schema} is at version 99, newer than version 4 that this release of Itsm.Persistence.PostgreSql understands", script.MessageText);
            Assert.Equal(0L, await PostgresServer.ScalarAsync($"SELECT count(*) FROM \"{schema}\".records"));
        }
        finally
        {
            await PostgresServer.DropSchemaAsync(schema);
        }
    }

    private static async Task<List<string>> MigrationsAsync(string schema)
    {
        var rows = new List<string>();
        await using var command = PostgresServer.Raw.CreateCommand($"SELECT version || ' ' || name FROM \"{schema}\".itsm_schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>Columns (with types and collations), indexes, constraints and triggers of a schema, without its name.</summary>
    private static async Task<List<string>> CatalogAsync(string schema)
    {
        var rows = new List<string>();
        await using var command = PostgresServer.Raw.CreateCommand("""
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(collation_name, '-') || ' ' || ordinal_position
              FROM information_schema.columns WHERE table_schema = $1
            UNION ALL
            SELECT 'index ' || indexname || ' ' || replace(replace(indexdef, '"' || $1 || '"', 'S'), $1, 'S') FROM pg_indexes WHERE schemaname = $1
            UNION ALL
            SELECT 'constraint ' || c.conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1
            UNION ALL
            SELECT 'trigger ' || t.tgname || ' ' || replace(replace(pg_get_triggerdef(t.oid), '"' || $1 || '"', 'S'), $1, 'S')
              FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = $1 AND NOT t.tgisinternal
            ORDER BY 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
