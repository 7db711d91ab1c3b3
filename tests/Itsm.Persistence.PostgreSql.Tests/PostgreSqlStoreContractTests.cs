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
    protected override async Task<bool> TryTamperWithAuditAsync(IAggregateStore store, TenantId tenant, string recordType, string recordId, long version, AuditTampering tampering)
    {
        var audit = $"\"{((PostgreSqlAggregateStore)store).Schema}\".audit";
        const string key = "tenant = $1 AND record_type = $2 AND record_id = $3 AND version = $4";
        const string columns = "(tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data)";
        const string forged = "VALUES ($1, $2, $3, $4, 0, 'intruder', '[]', 'Tampered', 'X', 'Y', '{}')";
        string[] statements = tampering switch
        {
            AuditTampering.Update => [$"UPDATE {audit} SET command = 'Tampered', actor_id = 'intruder' WHERE {key}"],
            AuditTampering.Delete => [$"DELETE FROM {audit} WHERE {key}"],

            // PostgreSQL has no REPLACE: remove the row and insert a forged one in one statement.
            AuditTampering.Replace =>
            [
                $"WITH gone AS (DELETE FROM {audit} WHERE {key} RETURNING tenant, record_type, record_id, version) INSERT INTO {audit} {columns} SELECT tenant, record_type, record_id, version, 0, 'intruder', '[]', 'Tampered', 'X', 'Y', '{{}}' FROM gone",
            ],
            AuditTampering.Upsert =>
            [
                $"INSERT INTO {audit} AS a {columns} {forged} ON CONFLICT (tenant, record_type, record_id, version) DO UPDATE SET command = 'Tampered', actor_id = 'intruder'",
                $"MERGE INTO {audit} AS a USING (SELECT $1::text AS tenant, $2::text AS record_type, $3::text AS record_id, $4::bigint AS version) AS s ON a.tenant = s.tenant AND a.record_type = s.record_type AND a.record_id = s.record_id AND a.version = s.version WHEN MATCHED THEN UPDATE SET command = 'Tampered'",
            ],
            AuditTampering.Truncate => [$"TRUNCATE {audit}"],
            _ => [],
        };

        var changed = false;
        foreach (var sql in statements)
        {
            try
            {
                if (tampering == AuditTampering.Truncate)
                {
                    await PostgresServer.ExecuteAsync(sql); // takes no parameters, and reports no row count
                    changed = true;
                }
                else
                {
                    changed |= await PostgresServer.ExecuteAsync(sql, tenant.Value, recordType, recordId, version) > 0;
                }
            }
            catch (PostgresException)
            {
                // the append-only triggers refused it
            }
        }

        return changed;
    }

    /// <inheritdoc />
    protected override async Task DisposeStoreAsync(IAggregateStore store)
    {
        var postgres = (PostgreSqlAggregateStore)store;
        await postgres.DisposeAsync();
        await PostgresServer.DropSchemaAsync(postgres.Schema);
    }
}
