using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Diagnostics;
using Npgsql;
using NodaTime;

namespace Itsm.Persistence.PostgreSql;

// The reads: records, queries, idempotency keys and the audit log.
public sealed partial class PostgreSqlAggregateStore
{
    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public Task<StoredAggregate?> LoadAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Load, recordType, (this, tenant, recordType, recordId, cancellationToken), static s => s.Item1.LoadCoreAsync(s.tenant, s.recordType, s.recordId, s.cancellationToken))
            : LoadCoreAsync(tenant, recordType, recordId, cancellationToken);

    private async Task<StoredAggregate?> LoadCoreAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken)
    {
        StoreArguments.CheckKey(tenant, recordType, recordId);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT version, state, " + StoredRows.RecordColumns + " FROM " + _records + " WHERE tenant = $1 AND record_type = $2 AND record_id = $3", connection);
            AddKey(command.Parameters, tenant, recordType, recordId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new StoredAggregate(tenant, recordType, recordId, reader.GetInt64(0), reader.GetString(1), StoredRows.ReadIndex(reader, 5)) { Number = StoredRows.ReadNumber(reader, 2) };
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public async Task<StoredAggregate?> LoadByNumberAsync(TenantId tenant, string recordType, long number, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckNumber(tenant, recordType, number);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT version, state, " + StoredRows.RecordColumns + " FROM " + _records + " WHERE tenant = $1 AND record_type = $2 AND number = $3", connection);
            command.Parameters.Add(Text(tenant.Value));
            command.Parameters.Add(Text(recordType));
            command.Parameters.Add(Bigint(number));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new StoredAggregate(tenant, recordType, reader.GetString(3), reader.GetInt64(0), reader.GetString(1), StoredRows.ReadIndex(reader, 5)) { Number = number };
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public async Task<IdempotencyRecord?> FindIdempotencyKeyAsync(TenantId tenant, string key, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckIdempotencyKey(key);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await FindKeyAsync(connection, tenant, key, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    private async Task<IdempotencyRecord?> FindKeyAsync(NpgsqlConnection connection, TenantId tenant, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT fingerprint, record_type, record_id, version FROM " + _idempotency + " WHERE tenant = $1 AND key = $2", connection);
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(Text(key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new IdempotencyRecord(key, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3))
            : null;
    }

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public Task<IReadOnlyList<RecordSummary>> QueryAsync(TenantId tenant, RecordQuery query, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Query, StoreTelemetry.RecordTypeOf(query), (this, tenant, query, cancellationToken), static s => s.Item1.QueryCoreAsync(s.tenant, s.query, s.cancellationToken))
            : QueryCoreAsync(tenant, query, cancellationToken);

    private async Task<IReadOnlyList<RecordSummary>> QueryCoreAsync(TenantId tenant, RecordQuery query, CancellationToken cancellationToken)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckQuery(query);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand { Connection = connection };

            // Fixed fragments only; every value is a parameter.
            command.Parameters.Add(Text(tenant.Value));
            var sql = ReadSql.Records(
                "SELECT " + StoredRows.RecordColumns + " FROM " + _records + " WHERE tenant = $1",
                query,
                "is_open",
                (_, value) => AddParameter(command.Parameters, Text(value)),
                (_, value) => AddParameter(command.Parameters, Bigint(value)));
            if (sql is null)
            {
                return [];
            }

            command.CommandText = sql;

            var limit = query.Limit;
            var rows = new List<RecordSummary>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var index = StoredRows.ReadIndex(reader, 3);

                    // COLLATE "C" orders text by UTF-8 bytes, not ordinally: see OrdinalOrder.
                    if (OrdinalOrder.IsPastLimit(rows, limit, index))
                    {
                        break;
                    }

                    rows.Add(StoredRows.ReadSummary(reader, tenant, index));
                }
            }

            OrdinalOrder.SortAndLimit(rows, limit);
            return rows;
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="CorruptRecordException">An audit row's actor or data is not the JSON the store writes.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(TenantId tenant, Interval period, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.ReadAudit, null, (this, tenant, period, cancellationToken), static s => s.Item1.ReadAuditCoreAsync(s.tenant, s.period, s.cancellationToken))
            : ReadAuditCoreAsync(tenant, period, cancellationToken);

    private async Task<IReadOnlyList<AuditEntry>> ReadAuditCoreAsync(TenantId tenant, Interval period, CancellationToken cancellationToken)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckPeriod(period);
        cancellationToken.ThrowIfCancellationRequested();
        if (ReadSql.HoldsNoStorableInstant(period))
        {
            return [];
        }

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand { Connection = connection };
            command.Parameters.Add(Text(tenant.Value));
            command.CommandText = ReadSql.AuditPeriod(
                "SELECT " + StoredRows.AuditColumns + " FROM " + _audit + " WHERE tenant = $1",
                period,
                (_, value) => AddParameter(command.Parameters, Bigint(value)));
            var entries = await ReadAuditRowsAsync(command, tenant, cancellationToken).ConfigureAwait(false);
            entries.Sort(OrdinalOrder.AuditEntries); // ordinal order of ties (see QueryAsync)
            return entries;
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="CorruptRecordException">An audit row's actor or data is not the JSON the store writes.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public Task<IReadOnlyList<AuditEntry>> ReadHistoryAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.ReadHistory, recordType, (this, tenant, recordType, recordId, cancellationToken), static s => s.Item1.ReadHistoryCoreAsync(s.tenant, s.recordType, s.recordId, s.cancellationToken))
            : ReadHistoryCoreAsync(tenant, recordType, recordId, cancellationToken);

    private async Task<IReadOnlyList<AuditEntry>> ReadHistoryCoreAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken)
    {
        StoreArguments.CheckKey(tenant, recordType, recordId);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT " + StoredRows.AuditColumns + " FROM " + _audit + " WHERE tenant = $1 AND record_type = $2 AND record_id = $3 ORDER BY version", connection);
            AddKey(command.Parameters, tenant, recordType, recordId);
            return await ReadAuditRowsAsync(command, tenant, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    private static async Task<List<AuditEntry>> ReadAuditRowsAsync(NpgsqlCommand command, TenantId tenant, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(StoredRows.ReadAuditEntry(reader, tenant));
        }

        return entries;
    }
}
