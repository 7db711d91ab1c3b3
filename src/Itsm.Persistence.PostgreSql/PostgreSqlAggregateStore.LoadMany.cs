using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Diagnostics;
using Npgsql;

namespace Itsm.Persistence.PostgreSql;

// Several records in one statement and one round trip, each state sent only when the caller does not hold its version.
public sealed partial class PostgreSqlAggregateStore
{
    // The statement for 1, 2, … loads over this store's schema: built once per count (the engine uses 1 and 2; a
    // grouped statement up to MaxGroupedLoads).
    private readonly string?[] _loadManySql = new string?[StoreArguments.MaxLoads + 1];
    /// <inheritdoc />
    /// <remarks>
    /// One statement, one round trip: a <c>UNION ALL</c> of primary-key reads (one per load, so each is an index lookup
    /// whatever the planner thinks of the table), one text per count of loads; a state whose version the caller holds
    /// is left out by the statement itself (<c>CASE</c>), so the server neither reads its TOASTed value nor sends it.
    /// </remarks>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public Task<IReadOnlyList<LoadedRecord>> LoadManyAsync(TenantId tenant, IReadOnlyList<RecordLoad> loads, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled && loads is { Count: > 0 }
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Load, loads[0].RecordType, (this, tenant, loads, cancellationToken), static s => s.Item1.LoadManyCoreAsync(s.tenant, s.loads, s.cancellationToken))
            : LoadManyCoreAsync(tenant, loads, cancellationToken);

    private Task<IReadOnlyList<LoadedRecord>> LoadManyCoreAsync(TenantId tenant, IReadOnlyList<RecordLoad> loads, CancellationToken cancellationToken)
    {
        StoreArguments.CheckLoads(tenant, loads);
        cancellationToken.ThrowIfCancellationRequested();
        return _groupLoads && loads.Count <= MaxLoadsToGroup
            ? LoadInGroupAsync(tenant, loads, cancellationToken)
            : LoadManyAloneAsync(tenant, loads, cancellationToken);
    }

    private async Task<IReadOnlyList<LoadedRecord>> LoadManyAloneAsync(TenantId tenant, IReadOnlyList<RecordLoad> loads, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(_loadManySql[loads.Count] ??= BuildLoadManySql(loads.Count), connection);
            for (var i = 0; i < loads.Count; i++)
            {
                command.Parameters.Add(Text(tenant.Value));
                command.Parameters.Add(Text(loads[i].RecordType));
                command.Parameters.Add(Text(loads[i].RecordId));
                command.Parameters.Add(Bigint(loads[i].KnownVersion));
            }

            var results = new LoadedRecord[loads.Count];
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var at = reader.GetInt32(0);
                results[at] = StoredRows.ReadLoaded(reader, tenant, loads[at]);
            }

            return results;
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    // Row: the load's position, the state (NULL when its version is the known one), then StoredRows.RecordColumns; one
    // primary-key read per load, each with its own tenant (a grouped statement reads for several calls).
    private string BuildLoadManySql(int count)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sql.Append(" UNION ALL ");
            }

            var first = 1 + (4 * i);
            sql.Append(CultureInfo.InvariantCulture, $"SELECT {i}, CASE WHEN version = ${first + 3} THEN NULL ELSE state END, {StoredRows.RecordColumns} FROM {_records} WHERE tenant = ${first} AND record_type = ${first + 1} AND record_id = ${first + 2}");
        }

        return sql.ToString();
    }
}
