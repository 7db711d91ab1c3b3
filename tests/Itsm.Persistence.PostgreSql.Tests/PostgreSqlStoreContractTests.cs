using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence.Testing;
using Npgsql;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>The shared store contract, run against the PostgreSQL store (one new schema per store).</summary>
public sealed class PostgreSqlStoreContractTests : AggregateStoreContract
{
    /// <inheritdoc />
    protected override Task<IAggregateStore> CreateStoreAsync() =>
        Task.FromResult<IAggregateStore>(new PostgreSqlAggregateStore(PostgresServer.NewOptions()));

    /// <inheritdoc />
    protected override async Task<bool> TryTamperWithAuditAsync(IAggregateStore store, TenantId tenant, string recordType, string recordId, long version, bool delete)
    {
        var schema = ((PostgreSqlAggregateStore)store).Schema;
        var sql = delete
            ? $"DELETE FROM \"{schema}\".audit WHERE tenant = $1 AND record_type = $2 AND record_id = $3 AND version = $4"
            : $"UPDATE \"{schema}\".audit SET command = 'Tampered', actor_id = 'intruder' WHERE tenant = $1 AND record_type = $2 AND record_id = $3 AND version = $4";
        try
        {
            return await PostgresServer.ExecuteAsync(sql, tenant.Value, recordType, recordId, version) > 0;
        }
        catch (PostgresException)
        {
            return false; // the append-only triggers refused it
        }
    }

    /// <inheritdoc />
    protected override async Task DisposeStoreAsync(IAggregateStore store)
    {
        var postgres = (PostgreSqlAggregateStore)store;
        await postgres.DisposeAsync();
        await PostgresServer.DropSchemaAsync(postgres.Schema);
    }
}
