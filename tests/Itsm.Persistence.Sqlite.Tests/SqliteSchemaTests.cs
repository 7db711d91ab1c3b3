using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using static Itsm.Persistence.Sqlite.Tests.Samples;

namespace Itsm.Persistence.Sqlite.Tests;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(SqliteSynchronous.Full, 2L)]
    [InlineData(SqliteSynchronous.Normal, 1L)]
    public async Task Every_connection_of_the_store_runs_in_WAL_mode_with_the_chosen_synchronous_and_busy_timeout(SqliteSynchronous synchronous, long expected)
    {
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = _directory.NewDatabase(), Synchronous = synchronous, BusyTimeout = NodaTime.Duration.FromMilliseconds(2500) });
        await store.LoadAsync(Tenant, "Incident", "INC-1");

        for (var i = 0; i < 3; i++)
        {
            using var connection = store.OpenConnection();
            Assert.Equal("wal", Pragma(connection, "journal_mode"));
            Assert.Equal(expected, Pragma(connection, "synchronous"));
            Assert.Equal(2500L, Pragma(connection, "busy_timeout"));
        }

        // WAL is a property of the file: a plain connection sees it too.
        Assert.Equal("wal", Sql.Scalar(store.DatabasePath, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task The_first_call_creates_the_schema_and_records_each_migration()
    {
        var path = _directory.NewDatabase();
        var store = Store(path);
        Assert.False(File.Exists(path));

        Assert.Null(await store.LoadAsync(Tenant, "Incident", "INC-1"));

        var migrations = Sql.Rows(path, "SELECT version, name, applied_at FROM itsm_schema_migrations ORDER BY version");
        Assert.Equal(Enumerable.Range(1, SqliteSchema.LatestVersion).Select(v => (long)v), migrations.Select(r => (long)r[0]!));
        Assert.Equal(SqliteSchema.Migrations.Select(m => m.Name), migrations.Select(r => (string)r[1]!));
        Assert.All(migrations, r => Assert.True((long)r[2]! > 1_700_000_000_000_000_000L, "applied_at is nanoseconds since 1970"));
        Assert.Equal(5, SqliteSchema.LatestVersion);

        var objects = Sql.Rows(path, "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").Select(r => $"{r[0]} {r[1]}");
        Assert.Equal(
            [
                "index ix_audit_at", "index ix_audit_position", "index ix_records_due", "index ix_records_group", "index ix_records_number", "index ix_records_open_due", "index ix_records_opened", "index ix_records_service", "index ix_records_state", "index ix_records_type",
                "index ix_reservations_record", "index ix_reservations_resource",
                "table audit", "table feed_checkpoints", "table feed_parked", "table idempotency", "table itsm_schema_migrations", "table records", "table reservations",
                "trigger audit_no_delete", "trigger audit_no_replace", "trigger audit_no_update",
            ],
            objects);
    }

    [Fact]
    public async Task Every_index_starts_with_the_tenant_and_text_compares_in_binary_order()
    {
        var path = _directory.NewDatabase();
        await Store(path).LoadAsync(Tenant, "Incident", "INC-1");

        var indexes = Sql.Rows(path, "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND tbl_name <> 'itsm_schema_migrations'");
        Assert.Equal(17, indexes.Count);
        foreach (var index in indexes)
        {
            var columns = Sql.Rows(path, "SELECT name, coll FROM pragma_index_xinfo($index) WHERE key = 1 ORDER BY seqno", ("$index", (string)index[0]!));
            Assert.Equal("tenant", columns[0][0]);
            Assert.All(columns, c => Assert.Equal("BINARY", c[1]));
        }
    }

    [Fact]
    public async Task A_second_store_on_the_same_file_reuses_the_schema_and_sees_the_data()
    {
        var path = _directory.NewDatabase();
        await Store(path).SaveAsync(Write("INC-1", 0));

        var second = Store(path);
        var loaded = await second.LoadAsync(Tenant, "Incident", "INC-1");

        Assert.Equal(1, loaded?.Version);
        Assert.Equal(new SaveResult(2, false), await second.SaveAsync(Write("INC-1", 1)));
        Assert.Equal((long)SqliteSchema.LatestVersion, Sql.Scalar(path, "SELECT count(*) FROM itsm_schema_migrations"));
    }

    [Fact]
    public async Task Many_stores_opening_one_new_file_at_once_migrate_it_exactly_once()
    {
        var path = _directory.NewDatabase();
        using var start = new Barrier(8);
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Factory.StartNew(
            () =>
            {
                var store = Store(path);
                if (!start.SignalAndWait(TimeSpan.FromSeconds(60)))
                {
                    throw new TimeoutException("Not every store reached the start barrier within 60 s.");
                }

                return store.SaveAsync(Write("INC-" + i, 0)).GetAwaiter().GetResult();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        var results = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60)); // fail, not hang, if a store never returns

        Assert.All(results, r => Assert.Equal(new SaveResult(1, false), r with { Numbers = [] }));
        Assert.Equal((long)SqliteSchema.LatestVersion, Sql.Scalar(path, "SELECT count(*) FROM itsm_schema_migrations"));
        Assert.Equal(8L, Sql.Scalar(path, "SELECT count(*) FROM records"));
    }

    [Fact]
    public async Task A_file_with_a_newer_schema_is_refused_and_left_alone()
    {
        var path = _directory.NewDatabase();
        using (var first = Store(path))
        {
            await first.SaveAsync(Write("INC-1", 0));
        }

        Sql.Execute(path, "INSERT INTO itsm_schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)");
        SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(path);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => Store(path).LoadAsync(Tenant, "Incident", "INC-1"));

        Assert.Equal(StoreUnavailableException.ErrorCode, error.Code);
        Assert.Equal(
            $"The SQLite store '{path}' cannot be used: its schema is at version 99, newer than version {SqliteSchema.LatestVersion} that this release of Itsm.Persistence.Sqlite understands. Upgrade the package; nothing was written.",
            error.Message);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_version_1_file_gets_the_REPLACE_and_upsert_protection_when_opened_and_keeps_its_data()
    {
        // A version 1 file, built from migration 1's own statements (migrations are never edited).
        var path = _directory.NewDatabase();
        CreateVersion1Database(path);
        InsertVersion1Row(path, "tenant-a", "INC-1", 1);
        Sql.Execute(path, "INSERT OR REPLACE INTO audit (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data) VALUES ('acme', 'Probe', 'P-1', 1, 0, 'a', '[]', 'c', 'f', 't', '{}')");
        Assert.Equal(1, Sql.Execute(path, "INSERT OR REPLACE INTO audit (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data) VALUES ('acme', 'Probe', 'P-1', 1, 0, 'forged', '[]', 'c', 'f', 't', '{}')"));

        var store = Store(path);
        Assert.Equal(new SaveResult(2, false), await store.SaveAsync(Write("INC-1", 1)));

        Assert.Equal((long)SqliteSchema.LatestVersion, Sql.Scalar(path, "SELECT max(version) FROM itsm_schema_migrations"));
        var history = await store.ReadHistoryAsync(Tenant, "Incident", "INC-1");
        Assert.Equal([1L, 2L], history.Select(e => e.Version));
        var error = Assert.Throws<SqliteException>(() => Sql.Execute(path, "REPLACE INTO audit (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position) SELECT tenant, record_type, record_id, version, at, 'intruder', actor_roles, command, from_state, to_state, data, position FROM audit WHERE record_id = 'INC-1' AND version = 1"));
        Assert.Contains("REPLACE or an upsert of audit rows is not allowed", error.Message, StringComparison.Ordinal);
        Assert.Equal(history.Select(e => e.Actor.Id), (await store.ReadHistoryAsync(Tenant, "Incident", "INC-1")).Select(e => e.Actor.Id));
    }

    [Fact]
    public async Task A_version_4_file_gets_the_position_and_rowid_REPLACE_protection_when_opened_and_keeps_its_data()
    {
        const string probe = "INTO audit (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position) VALUES ('acme', 'Probe', 'P-1', $version, 0, 'a', '[]', 'c', 'f', 't', '{}', 1)";
        var path = _directory.NewDatabase();
        CreateDatabaseAtVersion(path, 4);
        Sql.Execute(path, "INSERT INTO records (tenant, record_type, record_id, version, state, state_name, is_open, opened_at, number) VALUES ('tenant-a', 'Incident', 'INC-1', 1, '{}', 'New', 1, 0, 1)");
        Sql.Execute(path, "INSERT INTO audit (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position) VALUES ('tenant-a', 'Incident', 'INC-1', 1, 0, 'agent-7', '[\"itil\"]', 'Update', 'New', 'InProgress', '{}', 1)");

        // The hole at version 4: a row under a new key with an existing position silently replaces the old row.
        Sql.Execute(path, "INSERT " + probe, ("$version", 1L));
        Assert.Equal(1, Sql.Execute(path, "REPLACE " + probe, ("$version", 2L)));
        Assert.Equal([2L], Sql.Rows(path, "SELECT version FROM audit WHERE tenant = 'acme'").Select(r => (long)r[0]!));

        var store = Store(path);
        Assert.Equal(new SaveResult(2, false), await store.SaveAsync(Write("INC-1", 1)));

        Assert.Equal((long)SqliteSchema.LatestVersion, Sql.Scalar(path, "SELECT max(version) FROM itsm_schema_migrations"));
        var history = await store.ReadHistoryAsync(Tenant, "Incident", "INC-1");
        Assert.Equal([1L, 2L], history.Select(e => e.Version));
        var position = Assert.Throws<SqliteException>(() => Sql.Execute(path, "REPLACE INTO audit SELECT tenant, record_type, record_id, version + 10, at, 'intruder', actor_roles, command, from_state, to_state, data, position FROM audit WHERE record_id = 'INC-1' AND version = 1"));
        var rowid = Assert.Throws<SqliteException>(() => Sql.Execute(path, "REPLACE INTO audit (rowid, tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position) SELECT rowid, tenant, record_type, record_id, version + 10, at, 'intruder', actor_roles, command, from_state, to_state, data, NULL FROM audit WHERE record_id = 'INC-1' AND version = 2"));
        Assert.Contains("an audit row with this feed position exists", position.Message, StringComparison.Ordinal);
        Assert.Contains("an audit row with this rowid exists", rowid.Message, StringComparison.Ordinal);
        Assert.Equal(history.Select(e => (e.Version, e.Actor.Id)), (await store.ReadHistoryAsync(Tenant, "Incident", "INC-1")).Select(e => (e.Version, e.Actor.Id)));
        Assert.Equal([1L, 2L], (await store.ReadFeedAsync(Tenant, 0, 10)).Select(f => f.Position));
    }

    [Fact]
    public async Task An_existing_empty_file_becomes_a_store()
    {
        var path = _directory.NewDatabase();
        await File.WriteAllBytesAsync(path, []);

        Assert.Equal(new SaveResult(1, false), (await Store(path).SaveAsync(Write("INC-1", 0))) with { Numbers = [] });
    }

    [Fact]
    public async Task A_version_1_file_is_migrated_with_positions_in_insertion_order_per_tenant()
    {
        var path = _directory.NewDatabase();
        CreateVersion1Database(path);

        // Inserted out of key order, two tenants interleaved: positions must follow insertion, per tenant.
        InsertVersion1Row(path, "tenant-a", "INC-2", 1);
        InsertVersion1Row(path, "tenant-b", "INC-1", 1);
        InsertVersion1Row(path, "tenant-a", "INC-1", 1);
        InsertVersion1Row(path, "tenant-a", "INC-2", 2);
        InsertVersion1Row(path, "tenant-b", "INC-1", 2);

        var store = Store(path);
        var feedA = await store.ReadFeedAsync(Tenant, 0, 100);
        var feedB = await store.ReadFeedAsync(new Itsm.Common.TenantId("tenant-b"), 0, 100);

        Assert.Equal(["1 INC-2/1", "2 INC-1/1", "3 INC-2/2"], feedA.Select(f => $"{f.Position} {f.Entry.RecordId}/{f.Entry.Version}"));
        Assert.Equal(["1 INC-1/1", "2 INC-1/2"], feedB.Select(f => $"{f.Position} {f.Entry.RecordId}/{f.Entry.Version}"));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], Sql.Rows(path, "SELECT version FROM itsm_schema_migrations ORDER BY version").Select(r => (long)r[0]!));

        // Existing records are numbered per tenant and type, by opening time, then id.
        Assert.Equal(1, (await store.LoadAsync(Tenant, "Incident", "INC-1"))?.Number);
        Assert.Equal(2, (await store.LoadAsync(Tenant, "Incident", "INC-2"))?.Number);
        Assert.Equal(1, (await store.LoadAsync(new Itsm.Common.TenantId("tenant-b"), "Incident", "INC-1"))?.Number);

        // New commits continue each tenant's positions, and numbers.
        await store.SaveAsync(Write("INC-1", 1));
        Assert.Equal(4, Assert.Single(await store.ReadFeedAsync(Tenant, 3, 100)).Position);
        Assert.Equal([3L], (await store.SaveAsync(Write("INC-3", 0))).Numbers);

        // The backfill lifted the append-only trigger only for itself.
        Assert.Throws<SqliteException>(() => Sql.Execute(path, "UPDATE audit SET command = 'Tampered'"));
        Assert.Throws<SqliteException>(() => Sql.Execute(path, "DELETE FROM audit"));
        Assert.Equal(0L, Sql.Scalar(path, "SELECT count(*) FROM audit WHERE command = 'Tampered' OR position IS NULL"));
        Assert.Equal(7L, Sql.Scalar(path, "SELECT count(*) FROM audit")); // five migrated, two written since
    }

    [Fact]
    public async Task The_write_path_and_the_feed_read_seek_indexes_and_scan_no_table()
    {
        var path = _directory.NewDatabase();
        await Store(path).SaveAsync(Write("INC-1", 0));

        string[] statements =
        [
            SqliteAggregateStore.NextPositionSql,
            SqliteAggregateStore.NextNumberSql,
            SqliteAggregateStore.OverlapSql,
            SqliteAggregateStore.FeedSql,
            "DELETE FROM reservations WHERE tenant = $tenant AND record_type = $type AND record_id = $id",
            "SELECT version FROM records WHERE tenant = $tenant AND record_type = $type AND record_id = $id",
        ];
        foreach (var statement in statements)
        {
            var plan = string.Join(" | ", Sql.Rows(path, "EXPLAIN QUERY PLAN " + statement, Parameters(statement)).Select(r => (string)r[3]!));
            Assert.DoesNotContain("SCAN", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
            Assert.Contains("USING", plan, StringComparison.Ordinal);
        }

        Assert.Contains("ix_audit_position", Plan(path, SqliteAggregateStore.NextPositionSql), StringComparison.Ordinal);
        Assert.Contains("ix_records_number", Plan(path, SqliteAggregateStore.NextNumberSql), StringComparison.Ordinal);
        Assert.Contains("ix_audit_position", Plan(path, SqliteAggregateStore.FeedSql), StringComparison.Ordinal);
        Assert.Contains("ix_reservations_resource", Plan(path, SqliteAggregateStore.OverlapSql), StringComparison.Ordinal);
    }

    private static string Plan(string path, string statement) =>
        string.Join(" | ", Sql.Rows(path, "EXPLAIN QUERY PLAN " + statement, Parameters(statement)).Select(r => (string)r[3]!));

    private static (string Name, object Value)[] Parameters(string statement) =>
        new (string Name, object Value)[]
        {
            ("$tenant", "t"), ("$type", "Incident"), ("$id", "INC-1"), ("$resource", "ci:x"), ("$starts_at", 1L), ("$ends_at", 2L), ("$after", 0L), ("$max", 10L),
        }.Where(p => statement.Contains(p.Name, StringComparison.Ordinal)).ToArray();

    private static void CreateVersion1Database(string path) => CreateDatabaseAtVersion(path, 1);

    // A file as an earlier release left it, built from that release's own migrations (migrations are never edited).
    private static void CreateDatabaseAtVersion(string path, int version)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        Run("CREATE TABLE itsm_schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        foreach (var migration in SqliteSchema.Migrations.Take(version))
        {
            foreach (var statement in migration.Statements)
            {
                Run(statement);
            }

            Run($"INSERT INTO itsm_schema_migrations (version, name, applied_at) VALUES ({migration.Version}, '{migration.Name}', 0)");
        }

        transaction.Commit();

        void Run(string statement)
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }
    }

    private static void InsertVersion1Row(string path, string tenant, string id, long version)
    {
        Sql.Execute(path, """
            INSERT INTO records (tenant, record_type, record_id, version, state, state_name, is_open, service, assignment_group, priority, opened_at, sla_due_at)
            VALUES ($tenant, 'Incident', $id, $version, '{}', 'New', 1, NULL, NULL, NULL, 0, NULL)
            ON CONFLICT (tenant, record_type, record_id) DO UPDATE SET version = excluded.version
            """, ("$tenant", tenant), ("$id", id), ("$version", version));
        Sql.Execute(path, """
            INSERT INTO audit (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data)
            VALUES ($tenant, 'Incident', $id, $version, 0, 'agent-7', '["itil"]', 'Update', 'New', 'InProgress', '{}')
            """, ("$tenant", tenant), ("$id", id), ("$version", version));
    }

    private static object? Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return command.ExecuteScalar();
    }
}
