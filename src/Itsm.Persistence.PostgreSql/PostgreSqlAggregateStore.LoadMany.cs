using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Itsm.Persistence.PostgreSql;

// Several records in one statement and one round trip, each state sent only when the caller does not hold its version.
public sealed partial class PostgreSqlAggregateStore
{
    /// <inheritdoc />
    /// <remarks>
    /// One statement, one round trip: the keys and known versions go as three arrays joined to the records table
    /// (<c>unnest … WITH ORDINALITY</c>), so the text is the same for any count and the server plans it once per
    /// connection; a state whose version the caller holds is left out by the statement itself (<c>CASE</c>), so the
    /// server neither reads its TOASTed value nor sends it.
    /// </remarks>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public Task<IReadOnlyList<LoadedRecord>> LoadManyAsync(TenantId tenant, IReadOnlyList<RecordLoad> loads, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled && loads is { Count: > 0 }
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Load, loads[0].RecordType, (this, tenant, loads, cancellationToken), static s => s.Item1.LoadManyCoreAsync(s.tenant, s.loads, s.cancellationToken))
            : LoadManyCoreAsync(tenant, loads, cancellationToken);

    private async Task<IReadOnlyList<LoadedRecord>> LoadManyCoreAsync(TenantId tenant, IReadOnlyList<RecordLoad> loads, CancellationToken cancellationToken)
    {
        StoreArguments.CheckLoads(tenant, loads);
        cancellationToken.ThrowIfCancellationRequested();
        var types = new string[loads.Count];
        var ids = new string[loads.Count];
        var known = new long[loads.Count];
        for (var i = 0; i < loads.Count; i++)
        {
            types[i] = loads[i].RecordType;
            ids[i] = loads[i].RecordId;
            known[i] = loads[i].KnownVersion;
        }

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                "SELECT l.n, CASE WHEN r.version = l.known THEN NULL ELSE r.state END, " + StoredRows.RecordColumns
                + " FROM unnest($2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS l(t, i, known, n)"
                + " JOIN " + _records + " r ON r.tenant = $1 AND r.record_type = l.t AND r.record_id = l.i",
                connection);
            command.Parameters.Add(Text(tenant.Value));
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = known, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            var results = new LoadedRecord[loads.Count];
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var at = (int)reader.GetInt64(0) - 1;
                var version = reader.GetInt64(4);
                results[at] = reader.IsDBNull(1)
                    ? new LoadedRecord(version, null)
                    : new LoadedRecord(version, new StoredAggregate(tenant, loads[at].RecordType, loads[at].RecordId, version, reader.GetString(1), StoredRows.ReadIndex(reader, 5)) { Number = StoredRows.ReadNumber(reader, 2) });
            }

            return results;
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }
}
