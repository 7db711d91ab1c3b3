using System.IO;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence.Testing;
using Microsoft.Data.Sqlite;

namespace Itsm.Persistence.Sqlite.Tests;

/// <summary>The shared store contract, run against the SQLite store (one new database file per test).</summary>
public sealed class SqliteStoreContractTests : AggregateStoreContract
{
    private readonly TempDirectory _directory = new();

    /// <inheritdoc />
    protected override Task<IAggregateStore> CreateStoreAsync() =>
        Task.FromResult<IAggregateStore>(new SqliteAggregateStore(new SqliteStoreOptions { Path = _directory.NewDatabase() }));

    /// <inheritdoc />
    protected override Task<bool> TryTamperWithAuditAsync(IAggregateStore store, TenantId tenant, string recordType, string recordId, long version, AuditTampering tampering)
    {
        const string key = "tenant = $tenant AND record_type = $type AND record_id = $id AND version = $version";
        const string forged = "(tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data) VALUES ($tenant, $type, $id, $version, 0, 'intruder', '[]', 'Tampered', 'X', 'Y', '{}')";
        const string forgedAtPosition = "(tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position) SELECT tenant, record_type, record_id, version + 1000, 0, 'intruder', '[]', 'Tampered', 'X', 'Y', '{}', position FROM audit WHERE " + key;
        const string forgedAtRowid = "(rowid, tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position) SELECT rowid, tenant, record_type, record_id, version + 2000, 0, 'intruder', '[]', 'Tampered', 'X', 'Y', '{}', NULL FROM audit WHERE " + key;
        string[] statements = tampering switch
        {
            AuditTampering.Update => ["UPDATE audit SET command = 'Tampered', actor_id = 'intruder' WHERE " + key, "UPDATE OR REPLACE audit SET command = 'Tampered' WHERE " + key],
            AuditTampering.Delete => ["DELETE FROM audit WHERE " + key],
            AuditTampering.Replace =>
            [
                "INSERT OR REPLACE INTO audit " + forged,
                "REPLACE INTO audit " + forged,

                // A forged row under a new key that clashes only on the row's feed position, or only on its rowid: REPLACE
                // would delete the row to make room.
                "INSERT OR REPLACE INTO audit " + forgedAtPosition,
                "REPLACE INTO audit " + forgedAtPosition,
                "INSERT OR REPLACE INTO audit " + forgedAtRowid,
                "REPLACE INTO audit " + forgedAtRowid,
            ],
            AuditTampering.Upsert =>
            [
                "INSERT INTO audit " + forged + " ON CONFLICT (tenant, record_type, record_id, version) DO UPDATE SET command = 'Tampered', actor_id = 'intruder'",
                "INSERT INTO audit " + forged + " ON CONFLICT DO UPDATE SET command = 'Tampered'",
                "INSERT INTO audit " + forgedAtPosition + " ON CONFLICT (tenant, position) DO UPDATE SET command = 'Tampered', actor_id = 'intruder'",
                "INSERT INTO audit " + forgedAtPosition + " ON CONFLICT DO UPDATE SET command = 'Tampered'",
                "INSERT INTO audit " + forgedAtRowid + " ON CONFLICT DO UPDATE SET command = 'Tampered'",
            ],
            AuditTampering.Truncate => ["DELETE FROM audit"], // SQLite's truncate optimisation: DELETE without WHERE
            _ => [],
        };

        var path = ((SqliteAggregateStore)store).DatabasePath;
        var changed = false;
        foreach (var sql in statements)
        {
            try
            {
                changed |= Sql.Execute(path, sql, ("$tenant", tenant.Value), ("$type", recordType), ("$id", recordId), ("$version", version)) > 0;
            }
            catch (SqliteException e) when (e.SqliteExtendedErrorCode == 1811) // SQLITE_CONSTRAINT_TRIGGER
            {
                // the append-only triggers refused it (any other error fails the test: the statement never reached them)
            }
        }

        return Task.FromResult(changed);
    }

    /// <inheritdoc />
    protected override Task DisposeStoreAsync(IAggregateStore store)
    {
        var sqlite = (SqliteAggregateStore)store;
        sqlite.Dispose();
        sqlite.ClearPool();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(sqlite.DatabasePath + suffix);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
