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
    protected override Task<bool> TryTamperWithAuditAsync(IAggregateStore store, TenantId tenant, string recordType, string recordId, long version, bool delete)
    {
        var path = ((SqliteAggregateStore)store).DatabasePath;
        var sql = delete
            ? "DELETE FROM audit WHERE tenant = $tenant AND record_type = $type AND record_id = $id AND version = $version"
            : "UPDATE audit SET command = 'Tampered', actor_id = 'intruder' WHERE tenant = $tenant AND record_type = $type AND record_id = $id AND version = $version";
        try
        {
            var changed = Sql.Execute(path, sql, ("$tenant", tenant.Value), ("$type", recordType), ("$id", recordId), ("$version", version));
            return Task.FromResult(changed > 0);
        }
        catch (SqliteException)
        {
            return Task.FromResult(false); // the append-only triggers refused it
        }
    }

    /// <inheritdoc />
    protected override Task DisposeStoreAsync(IAggregateStore store)
    {
        var sqlite = (SqliteAggregateStore)store;
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
