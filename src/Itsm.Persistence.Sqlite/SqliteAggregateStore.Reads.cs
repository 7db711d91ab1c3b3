using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Diagnostics;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Itsm.Persistence.Sqlite;

// The reads: records, queries, idempotency keys and the audit log.
public sealed partial class SqliteAggregateStore
{
    /// <inheritdoc />
    public Task<StoredAggregate?> LoadAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Load, recordType, (this, tenant, recordType, recordId, cancellationToken), static s => s.Item1.LoadCoreAsync(s.tenant, s.recordType, s.recordId, s.cancellationToken))
            : LoadCoreAsync(tenant, recordType, recordId, cancellationToken);

    private Task<StoredAggregate?> LoadCoreAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken)
    {
        StoreArguments.CheckKey(tenant, recordType, recordId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadKept((tenant, recordType, recordId), static (session, key) =>
        {
            var statement = session.Load.Set(0, key.tenant.Value).Set(1, key.recordType).Set(2, key.recordId);
            using var reader = statement.Command.ExecuteReader();
            if (!reader.Read())
            {
                return (StoredAggregate?)null;
            }

            var version = reader.GetInt64(0);
            var state = reader.GetString(1);
            return new StoredAggregate(key.tenant, key.recordType, key.recordId, version, state, StoredRows.ReadIndex(reader, 5)) { Number = StoredRows.ReadNumber(reader, 2) };
        }));
    }

    /// <summary>The keyed read of one record: its version, state, number and index columns.</summary>
    private const string LoadSql = "SELECT version, state, " + StoredRows.RecordColumns + " FROM records WHERE tenant = $tenant AND record_type = $type AND record_id = $id";

    /// <inheritdoc />
    public Task<StoredAggregate?> LoadByNumberAsync(TenantId tenant, string recordType, long number, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckNumber(tenant, recordType, number);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadKept((tenant, recordType, number), static (session, key) =>
        {
            var statement = session.LoadByNumber.Set(0, key.tenant.Value).Set(1, key.recordType).Set(2, key.number);
            using var reader = statement.Command.ExecuteReader();
            if (!reader.Read())
            {
                return (StoredAggregate?)null;
            }

            return new StoredAggregate(key.tenant, key.recordType, reader.GetString(3), reader.GetInt64(0), reader.GetString(1), StoredRows.ReadIndex(reader, 5)) { Number = key.number };
        }));
    }

    /// <summary>The read of one record by its number.</summary>
    private const string LoadByNumberSql = "SELECT version, state, " + StoredRows.RecordColumns + " FROM records WHERE tenant = $tenant AND record_type = $type AND number = $number";

    /// <inheritdoc />
    public Task<IdempotencyRecord?> FindIdempotencyKeyAsync(TenantId tenant, string key, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckIdempotencyKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadKept((tenant, key), static (session, s) =>
        {
            var statement = session.FindIdempotencyKey.Set(0, s.tenant.Value).Set(1, s.key);
            using var reader = statement.Command.ExecuteReader();
            return reader.Read()
                ? new IdempotencyRecord(s.key, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3))
                : null;
        }));
    }

    /// <summary>The read of one idempotency key.</summary>
    private const string FindIdempotencyKeySql = "SELECT fingerprint, record_type, record_id, version FROM idempotency WHERE tenant = $tenant AND key = $key";

    /// <inheritdoc />
    public Task<IReadOnlyList<RecordSummary>> QueryAsync(TenantId tenant, RecordQuery query, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Query, StoreTelemetry.RecordTypeOf(query), (this, tenant, query, cancellationToken), static s => s.Item1.QueryCoreAsync(s.tenant, s.query, s.cancellationToken))
            : QueryCoreAsync(tenant, query, cancellationToken);

    private Task<IReadOnlyList<RecordSummary>> QueryCoreAsync(TenantId tenant, RecordQuery query, CancellationToken cancellationToken)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckQuery(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read<IReadOnlyList<RecordSummary>>(connection =>
        {
            using var command = connection.CreateCommand();

            // Fixed fragments only; every value is a parameter.
            Add(command, "$tenant", tenant.Value);
            var sql = ReadSql.Records(
                "SELECT " + StoredRows.RecordColumns + " FROM records WHERE tenant = $tenant",
                query,
                "is_open = 1",
                (name, value) => AddParameter(command, name, value),
                (name, value) => AddParameter(command, name, value));
            if (sql is null)
            {
                return [];
            }

            command.CommandText = sql;

            var limit = query.Limit;
            var rows = new List<RecordSummary>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var index = StoredRows.ReadIndex(reader, 3);

                    // SQLite orders text by UTF-8 bytes, not ordinally: see OrdinalOrder.
                    if (OrdinalOrder.IsPastLimit(rows, limit, index))
                    {
                        break;
                    }

                    rows.Add(StoredRows.ReadSummary(reader, tenant, index));
                }
            }

            OrdinalOrder.SortAndLimit(rows, limit);
            return rows;
        }));
    }

    /// <inheritdoc />
    /// <exception cref="CorruptRecordException">An audit row's actor or data is not the JSON the store writes.</exception>
    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(TenantId tenant, Interval period, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.ReadAudit, null, (this, tenant, period, cancellationToken), static s => s.Item1.ReadAuditCoreAsync(s.tenant, s.period, s.cancellationToken))
            : ReadAuditCoreAsync(tenant, period, cancellationToken);

    private Task<IReadOnlyList<AuditEntry>> ReadAuditCoreAsync(TenantId tenant, Interval period, CancellationToken cancellationToken)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckPeriod(period);
        cancellationToken.ThrowIfCancellationRequested();
        if (ReadSql.HoldsNoStorableInstant(period))
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>([]);
        }

        return Task.FromResult(Read<IReadOnlyList<AuditEntry>>(connection =>
        {
            using var command = connection.CreateCommand();
            Add(command, "$tenant", tenant.Value);
            command.CommandText = ReadSql.AuditPeriod(
                "SELECT " + StoredRows.AuditColumns + " FROM audit WHERE tenant = $tenant",
                period,
                (name, value) => AddParameter(command, name, value));
            var entries = ReadAuditRows(command, tenant);
            entries.Sort(OrdinalOrder.AuditEntries); // ordinal order of ties (see QueryAsync)
            return entries;
        }));
    }

    /// <inheritdoc />
    /// <exception cref="CorruptRecordException">An audit row's actor or data is not the JSON the store writes.</exception>
    public Task<IReadOnlyList<AuditEntry>> ReadHistoryAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.ReadHistory, recordType, (this, tenant, recordType, recordId, cancellationToken), static s => s.Item1.ReadHistoryCoreAsync(s.tenant, s.recordType, s.recordId, s.cancellationToken))
            : ReadHistoryCoreAsync(tenant, recordType, recordId, cancellationToken);

    private Task<IReadOnlyList<AuditEntry>> ReadHistoryCoreAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken)
    {
        StoreArguments.CheckKey(tenant, recordType, recordId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read<IReadOnlyList<AuditEntry>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT " + StoredRows.AuditColumns + " FROM audit WHERE tenant = $tenant AND record_type = $type AND record_id = $id ORDER BY version";
            AddKey(command, tenant, recordType, recordId);
            return ReadAuditRows(command, tenant);
        }));
    }

    /// <summary>Runs <paramref name="read"/> on its own connection (one statement, one snapshot); a database error is the store being unavailable.</summary>
    private T Read<T>(System.Func<SqliteConnection, T> read)
    {
        try
        {
            EnsureSchema();
            using var connection = OpenConnection();
            return read(connection);
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

    private static List<AuditEntry> ReadAuditRows(SqliteCommand command, TenantId tenant)
    {
        var entries = new List<AuditEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(StoredRows.ReadAuditEntry(reader, tenant));
        }

        return entries;
    }
}
