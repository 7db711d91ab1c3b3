using System;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Npgsql;
using NpgsqlTypes;

namespace Itsm.Persistence.PostgreSql;

// The write path: one READ COMMITTED transaction sent as one batch, and what a refused save reports.
public sealed partial class PostgreSqlAggregateStore
{
    private const string UniqueViolation = "23505";

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">An instant of the write (the index's opened or due instant, or an entry's time) cannot be stored exactly.</exception>
    /// <exception cref="ArgumentException">A text of the write holds U+0000, which PostgreSQL text cannot store.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, a statement ran longer than the command timeout, or the schema is newer than this release.</exception>
    /// <remarks>
    /// A save that changes the record's due instant (<see cref="RecordIndex.SlaDueAt"/>) clears its SLA
    /// claim and its "handled" mark, so the new due instant can be claimed when it comes due.
    /// </remarks>
    public async Task<SaveResult> SaveAsync(AggregateWrite write, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(write);
        var rows = PreparedWrite.Of(write);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (await TrySaveAsync(connection, write, rows, cancellationToken).ConfigureAwait(false) is { } saved)
            {
                return saved;
            }

            // Refused (and rolled back). A racing save may have stored this very write's key: that is a replay.
            if (write.Idempotency is { } key
                && await FindKeyAsync(connection, write.Tenant, key.Key, cancellationToken).ConfigureAwait(false) is { } first)
            {
                return string.Equals(first.Fingerprint, key.Fingerprint, StringComparison.Ordinal)
                    ? new SaveResult(first.Version, Replayed: true)
                    : throw new IdempotencyConflictException(write.Tenant, key.Key);
            }

            var actual = await ReadVersionAsync(connection, write.Tenant, write.RecordType, write.RecordId, cancellationToken).ConfigureAwait(false);
            throw new ConcurrencyException(write.Tenant, write.RecordType, write.RecordId, write.ExpectedVersion, actual);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>One attempt: the saved result, a replay, or <see langword="null"/> when the version check or a key refused it (rolled back).</summary>
    private async Task<SaveResult?> TrySaveAsync(NpgsqlConnection connection, AggregateWrite write, PreparedWrite rows, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (write.Idempotency is { } key
            && await FindKeyAsync(connection, write.Tenant, key.Key, cancellationToken).ConfigureAwait(false) is { } first)
        {
            return string.Equals(first.Fingerprint, key.Fingerprint, StringComparison.Ordinal)
                ? new SaveResult(first.Version, Replayed: true)
                : throw new IdempotencyConflictException(write.Tenant, key.Key);
        }

        var version = write.NewVersion;
        await using var batch = new NpgsqlBatch(connection, transaction);
        var record = new NpgsqlBatchCommand(write.ExpectedVersion == 0
            ? "INSERT INTO " + _records + " (tenant, record_type, record_id, version, state, state_name, is_open, service, assignment_group, priority, opened_at, sla_due_at)"
              + " VALUES ($1, $2, $3, $4, $6, $7, $8, $9, $10, $11, $12, $13)"
            : "UPDATE " + _records + " SET version = $4, state = $6, state_name = $7, is_open = $8, service = $9, assignment_group = $10, priority = $11, opened_at = $12, sla_due_at = $13,"
              + " claim_owner = CASE WHEN sla_due_at IS NOT DISTINCT FROM $13 THEN claim_owner END,"
              + " claim_token = CASE WHEN sla_due_at IS NOT DISTINCT FROM $13 THEN claim_token END,"
              + " claim_until = CASE WHEN sla_due_at IS NOT DISTINCT FROM $13 THEN claim_until END,"
              + " handled_due_at = CASE WHEN sla_due_at IS NOT DISTINCT FROM $13 THEN handled_due_at END"
              + " WHERE tenant = $1 AND record_type = $2 AND record_id = $3 AND version = $5");
        AddKey(record.Parameters, write.Tenant, write.RecordType, write.RecordId);
        record.Parameters.Add(Bigint(version));
        record.Parameters.Add(Bigint(write.ExpectedVersion));
        record.Parameters.Add(Text(write.State));
        record.Parameters.Add(Text(write.Index.State));
        record.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = write.Index.IsOpen, NpgsqlDbType = NpgsqlDbType.Boolean });
        record.Parameters.Add(Text(write.Index.Service));
        record.Parameters.Add(Text(write.Index.AssignmentGroup));
        record.Parameters.Add(write.Index.Priority is { } priority
            ? new NpgsqlParameter<int> { TypedValue = priority, NpgsqlDbType = NpgsqlDbType.Integer }
            : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        record.Parameters.Add(Bigint(rows.OpenedAt));
        record.Parameters.Add(Bigint(rows.SlaDueAt));
        // The insert leaves $5 (the expected version) unused: every parameter is sent with its type, so PostgreSQL accepts that.
        batch.BatchCommands.Add(record);
        for (var i = 0; i < write.AuditEntries.Count; i++)
        {
            var entry = write.AuditEntries[i];
            var insert = new NpgsqlBatchCommand(
                "INSERT INTO " + _audit + " (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)");
            AddKey(insert.Parameters, write.Tenant, write.RecordType, write.RecordId);
            insert.Parameters.Add(Bigint(write.ExpectedVersion + i + 1)); // the store numbers the entries
            insert.Parameters.Add(Bigint(rows.At[i]));
            insert.Parameters.Add(Text(entry.Actor.Id));
            insert.Parameters.Add(Text(rows.Roles[i]));
            insert.Parameters.Add(Text(entry.Command));
            insert.Parameters.Add(Text(entry.FromState));
            insert.Parameters.Add(Text(entry.ToState));
            insert.Parameters.Add(Text(rows.Data[i]));
            batch.BatchCommands.Add(insert);
        }

        if (write.Idempotency is { } newKey)
        {
            var remember = new NpgsqlBatchCommand(
                "INSERT INTO " + _idempotency + " (tenant, key, fingerprint, record_type, record_id, version) VALUES ($1, $4, $5, $2, $3, $6)");
            AddKey(remember.Parameters, write.Tenant, write.RecordType, write.RecordId);
            remember.Parameters.Add(Text(newKey.Key));
            remember.Parameters.Add(Text(newKey.Fingerprint));
            remember.Parameters.Add(Bigint(version));
            batch.BatchCommands.Add(remember);
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            // Backstop: a primary key refused a row (a racing create, audit rows already numbered so, or a racing
            // use of the same idempotency key). The caller reads what is stored now and reports it.
            return null;
        }

        if (batch.BatchCommands[0].RecordsAffected != 1)
        {
            return null; // the stored version is not the expected one: nothing is committed
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new SaveResult(version, Replayed: false);
    }

    private async Task<long> ReadVersionAsync(NpgsqlConnection connection, TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM " + _records + " WHERE tenant = $1 AND record_type = $2 AND record_id = $3", connection);
        AddKey(command.Parameters, tenant, recordType, recordId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : 0;
    }
}
