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
        const string columns = "(tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position)";

        // position is NOT NULL: a forged row carries the row's own position, so it reaches the conflict check (rather than
        // failing on NOT NULL first) under the row's key, or under a new key clashing only on the position.
        var forged = $"SELECT tenant, record_type, record_id, version, 0, 'intruder', '[]', 'Tampered', 'X', 'Y', '{{}}', position FROM {audit} WHERE {key}";
        var forgedAtPosition = $"SELECT tenant, record_type, record_id, version + 1000, 0, 'intruder', '[]', 'Tampered', 'X', 'Y', '{{}}', position FROM {audit} WHERE {key}";
        string[] statements = tampering switch
        {
            AuditTampering.Update => [$"UPDATE {audit} SET command = 'Tampered', actor_id = 'intruder' WHERE {key}"],
            AuditTampering.Delete => [$"DELETE FROM {audit} WHERE {key}"],

            // PostgreSQL has no REPLACE: remove the row and insert a forged one in one statement.
            AuditTampering.Replace =>
            [
                $"WITH gone AS (DELETE FROM {audit} WHERE {key} RETURNING tenant, record_type, record_id, version, position) INSERT INTO {audit} {columns} SELECT tenant, record_type, record_id, version, 0, 'intruder', '[]', 'Tampered', 'X', 'Y', '{{}}', position FROM gone",
            ],
            AuditTampering.Upsert =>
            [
                $"INSERT INTO {audit} AS a {columns} {forged} ON CONFLICT (tenant, record_type, record_id, version) DO UPDATE SET command = 'Tampered', actor_id = 'intruder'",
                $"INSERT INTO {audit} AS a {columns} {forgedAtPosition} ON CONFLICT (tenant, position) DO UPDATE SET command = 'Tampered', actor_id = 'intruder'",
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
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.RestrictViolation)
            {
                // the append-only triggers refused it (any other error, a NOT NULL or a syntax error, fails the test: it
                // would mean the statement never reached the protection it is meant to try)
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
