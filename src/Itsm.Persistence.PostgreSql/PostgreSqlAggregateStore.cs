using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace Itsm.Persistence.PostgreSql;

/// <summary>
/// A store for hosts that run many instances over one PostgreSQL database: records, the append-only
/// audit log and idempotency keys of every tenant, through Npgsql. It honours the whole
/// <see cref="IAggregateStore"/> contract, and hands out due SLA events so that exactly one instance
/// handles each (<see cref="ClaimDueAsync"/>, <see cref="CompleteAsync"/>).
/// </summary>
/// <remarks>
/// <para>
/// The store owns one <see cref="NpgsqlDataSource"/> (a connection pool); dispose the store to close it.
/// The constructor opens no connection: the first call creates or migrates the schema
/// (<see cref="PostgreSqlSchema"/>), under an advisory lock so that instances starting together migrate once.
/// </para>
/// <para>
/// A save is one READ COMMITTED transaction: the idempotency key is looked up, then the record is
/// inserted (expected version 0) or updated <c>WHERE version = expected</c>, and the audit rows and the
/// key are inserted, in one round trip. An update that changes no row, or a unique violation (23505) on a
/// primary key (a concurrent create, audit rows already numbered so), rolls everything back and is
/// reported as <see cref="ConcurrencyException"/> with the version stored then. Saves of one record
/// serialise on its row lock; saves of different records do not wait for each other.
/// </para>
/// <para>
/// Instants are stored as 64-bit nanoseconds since 1970, so they round-trip exactly from
/// 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z; a save carrying an instant outside
/// that range throws <see cref="ArgumentOutOfRangeException"/> naming the field, and writes nothing.
/// PostgreSQL text cannot hold the character U+0000: a save carrying it in a stored text field throws
/// <see cref="ArgumentException"/>, and a read filtering on such a text finds nothing.
/// </para>
/// <para>The store is safe to use from many threads, processes and machines at once.</para>
/// </remarks>
public sealed class PostgreSqlAggregateStore : IAggregateStore, IAsyncDisposable, IDisposable
{
    private const string RecordColumns = "record_type, record_id, version, state_name, is_open, service, assignment_group, priority, opened_at, sla_due_at";
    private const string AuditColumns = "record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data";
    private const string UniqueViolation = "23505";

    private static readonly Comparison<RecordSummary> SummaryOrder = static (a, b) =>
    {
        var c = a.Index.OpenedAt.CompareTo(b.Index.OpenedAt);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.RecordType, b.RecordType);
        }

        return c != 0 ? c : string.CompareOrdinal(a.RecordId, b.RecordId);
    };

    private static readonly Comparison<AuditEntry> AuditOrder = static (a, b) =>
    {
        var c = a.At.CompareTo(b.At);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.RecordType, b.RecordType);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.RecordId, b.RecordId);
        }

        return c != 0 ? c : a.Version.CompareTo(b.Version);
    };

    private static readonly Comparison<SlaDueClaim> ClaimOrder = static (a, b) =>
    {
        var c = a.DueAt.CompareTo(b.DueAt);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.RecordType, b.RecordType);
        }

        return c != 0 ? c : string.CompareOrdinal(a.RecordId, b.RecordId);
    };

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _name;
    private readonly string _records;
    private readonly string _audit;
    private readonly string _idempotency;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>Creates a store over the database the options name. No connection is opened until the first call.</summary>
    /// <param name="options">The options; copied, so later changes to them do not affect the store.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem <see cref="PostgreSqlStoreOptions.Validate"/> found.</exception>
    public PostgreSqlAggregateStore(PostgreSqlStoreOptions options)
    {
        Guard.Against.Null(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("The PostgreSQL store options are not valid: " + string.Join(" ", errors), nameof(options));
        }

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            CommandTimeout = (int)Math.Clamp(Math.Ceiling(options.CommandTimeout.TotalSeconds), 1, int.MaxValue),
        };
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "Itsm.Persistence.PostgreSql";
        }

        _schema = options.Schema;
        _name = string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}, schema {_schema}");
        _dataSource = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString).Build();
        var s = PostgreSqlSchema.Quote(_schema);
        _records = s + ".records";
        _audit = s + ".audit";
        _idempotency = s + ".idempotency";
    }

    /// <summary>The PostgreSQL schema holding the store's tables.</summary>
    public string Schema => _schema;

    /// <summary>The data source (connection pool) the store uses; for the tests.</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public async Task<StoredAggregate?> LoadAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckKey(tenant, recordType, recordId);
        cancellationToken.ThrowIfCancellationRequested();
        if (HasNul(recordType) || HasNul(recordId) || HasNul(tenant.Value))
        {
            return null;
        }

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT version, state, " + RecordColumns + " FROM " + _records + " WHERE tenant = $1 AND record_type = $2 AND record_id = $3", connection);
            AddKey(command.Parameters, tenant, recordType, recordId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new StoredAggregate(tenant, recordType, recordId, reader.GetInt64(0), reader.GetString(1), ReadIndex(reader, 5));
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

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

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public async Task<IdempotencyRecord?> FindIdempotencyKeyAsync(TenantId tenant, string key, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        Guard.Against.NullOrWhiteSpace(key);
        cancellationToken.ThrowIfCancellationRequested();
        if (HasNul(key) || HasNul(tenant.Value))
        {
            return null;
        }

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

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public async Task<IReadOnlyList<RecordSummary>> QueryAsync(TenantId tenant, RecordQuery query, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckQuery(query);
        cancellationToken.ThrowIfCancellationRequested();
        if (HasNul(tenant.Value) || HasNul(query.RecordType) || HasNul(query.State) || HasNul(query.Service) || HasNul(query.AssignmentGroup))
        {
            return []; // no stored text holds U+0000
        }

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand { Connection = connection };

            // Fixed fragments only; every value is a parameter.
            var sql = new StringBuilder("SELECT " + RecordColumns + " FROM " + _records + " WHERE tenant = $1");
            command.Parameters.Add(Text(tenant.Value));
            if (query.RecordType is { } recordType)
            {
                command.Parameters.Add(Text(recordType));
                sql.Append(CultureInfo.InvariantCulture, $" AND record_type = ${command.Parameters.Count}");
            }

            if (query.State is { } state)
            {
                command.Parameters.Add(Text(state));
                sql.Append(CultureInfo.InvariantCulture, $" AND state_name = ${command.Parameters.Count}");
            }

            if (query.Service is { } service)
            {
                command.Parameters.Add(Text(service));
                sql.Append(CultureInfo.InvariantCulture, $" AND service = ${command.Parameters.Count}");
            }

            if (query.AssignmentGroup is { } group)
            {
                command.Parameters.Add(Text(group));
                sql.Append(CultureInfo.InvariantCulture, $" AND assignment_group = ${command.Parameters.Count}");
            }

            if (query.OpenOnly)
            {
                sql.Append(" AND is_open");
            }

            if (query.WithSlaDueOnly || query.SlaDueBefore.HasValue)
            {
                sql.Append(" AND sla_due_at IS NOT NULL");
            }

            if (query.SlaDueBefore is { } before)
            {
                if (before <= Nanoseconds.Min)
                {
                    return []; // no storable instant is earlier
                }

                if (before <= Nanoseconds.Max)
                {
                    command.Parameters.Add(Bigint(Nanoseconds.FromStorable(before)));
                    sql.Append(CultureInfo.InvariantCulture, $" AND sla_due_at < ${command.Parameters.Count}");
                }

                // Later than every storable instant: every due instant is before it.
            }

            sql.Append(" ORDER BY opened_at, record_type, record_id");
            command.CommandText = sql.ToString();

            var limit = query.Limit;
            var rows = new List<RecordSummary>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var index = ReadIndex(reader, 3);

                    // COLLATE "C" orders text by UTF-8 bytes, .NET's ordinal order by UTF-16 units; they differ
                    // only for some characters, so read every row tied on opened_at with the last one kept,
                    // then sort ordinally in memory before applying the limit.
                    if (limit is { } most && rows.Count >= most && index.OpenedAt != rows[^1].Index.OpenedAt)
                    {
                        break;
                    }

                    rows.Add(new RecordSummary(tenant, reader.GetString(0), reader.GetString(1), reader.GetInt64(2), index));
                }
            }

            rows.Sort(SummaryOrder);
            if (limit is { } max && rows.Count > max)
            {
                rows.RemoveRange(max, rows.Count - max);
            }

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
    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(TenantId tenant, Interval period, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckPeriod(period);
        cancellationToken.ThrowIfCancellationRequested();
        if (period.Start > Nanoseconds.Max || period.End <= Nanoseconds.Min || period.End <= period.Start || HasNul(tenant.Value))
        {
            return [];
        }

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand { Connection = connection };
            var sql = "SELECT " + AuditColumns + " FROM " + _audit + " WHERE tenant = $1 AND at >= $2";
            command.Parameters.Add(Text(tenant.Value));
            command.Parameters.Add(Bigint(period.Start < Nanoseconds.Min ? long.MinValue : Nanoseconds.FromStorable(period.Start)));
            if (period.End <= Nanoseconds.Max)
            {
                sql += " AND at < $3";
                command.Parameters.Add(Bigint(Nanoseconds.FromStorable(period.End)));
            }

            command.CommandText = sql + " ORDER BY at, record_type, record_id, version";
            var entries = await ReadAuditRowsAsync(command, tenant, cancellationToken).ConfigureAwait(false);
            entries.Sort(AuditOrder); // ordinal order of ties (see QueryAsync)
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
    public async Task<IReadOnlyList<AuditEntry>> ReadHistoryAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckKey(tenant, recordType, recordId);
        cancellationToken.ThrowIfCancellationRequested();
        if (HasNul(recordType) || HasNul(recordId) || HasNul(tenant.Value))
        {
            return [];
        }

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT " + AuditColumns + " FROM " + _audit + " WHERE tenant = $1 AND record_type = $2 AND record_id = $3 ORDER BY version", connection);
            AddKey(command.Parameters, tenant, recordType, recordId);
            return await ReadAuditRowsAsync(command, tenant, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due SLA events of a tenant for <paramref name="owner"/>: records whose
    /// due instant (<see cref="RecordIndex.SlaDueAt"/>) is at or before <paramref name="now"/>, not yet completed
    /// for that instant, and not claimed by a live lease. Each event is handed to exactly one caller at a time,
    /// across every instance on the database.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="now">The current instant (from the host's clock): what is due, and when leases end, is measured against it.</param>
    /// <param name="max">The most events to claim; at least 1.</param>
    /// <param name="owner">Who claims them (an instance name, at most 200 characters); kept for operators.</param>
    /// <param name="lease">How long the claims last: a claim not completed by <c>now + lease</c> can be claimed again (its owner is presumed crashed). Positive.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claims, ordered by due instant, then record type and id (ordinal); empty when nothing is due.</returns>
    /// <exception cref="ArgumentException">The tenant is default, <paramref name="owner"/> is blank or too long, or <paramref name="now"/> cannot be stored.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is below 1 or <paramref name="lease"/> is not positive.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    /// <remarks>
    /// One statement, <c>UPDATE … FROM (SELECT … ORDER BY sla_due_at LIMIT max FOR UPDATE SKIP LOCKED)</c>: rows another
    /// claimer or a save holds locked are skipped, and a row claimed by a transaction that committed meanwhile is
    /// re-checked and left out. Handle each claim, then call <see cref="CompleteAsync"/>; the handler must tolerate
    /// running again for the same event if its instance stalls past the lease (at-least-once across crashes,
    /// exactly-once while leases hold). Instances must have roughly synchronised clocks.
    /// </remarks>
    public async Task<IReadOnlyList<SlaDueClaim>> ClaimDueAsync(TenantId tenant, Instant now, int max, string owner, Duration lease, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        Guard.Against.OutOfRange(max, nameof(max), 1, int.MaxValue);
        Guard.Against.NullOrWhiteSpace(owner);
        if (owner.Length > 200 || HasNul(owner))
        {
            throw new ArgumentException("The owner must be at most 200 characters, without U+0000.", nameof(owner));
        }

        if (lease <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lease), lease, "The lease must be positive.");
        }

        var nowNanoseconds = Nanoseconds.From(now, nameof(now));
        var until = now + lease <= Nanoseconds.Max ? now + lease : Nanoseconds.Max;
        cancellationToken.ThrowIfCancellationRequested();
        if (HasNul(tenant.Value))
        {
            return [];
        }

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                $"""
                UPDATE {_records} AS r
                SET claim_owner = $3, claim_token = gen_random_uuid(), claim_until = $4
                FROM (SELECT tenant, record_type, record_id FROM {_records}
                      WHERE tenant = $1 AND sla_due_at <= $2
                        AND handled_due_at IS DISTINCT FROM sla_due_at
                        AND (claim_until IS NULL OR claim_until <= $2)
                      ORDER BY sla_due_at, record_type, record_id
                      LIMIT $5
                      FOR UPDATE SKIP LOCKED) AS due
                WHERE r.tenant = due.tenant AND r.record_type = due.record_type AND r.record_id = due.record_id
                RETURNING r.record_type, r.record_id, r.version, r.sla_due_at, r.claim_token
                """,
                connection);
            command.Parameters.Add(Text(tenant.Value));
            command.Parameters.Add(Bigint(nowNanoseconds));
            command.Parameters.Add(Text(owner));
            command.Parameters.Add(Bigint(Nanoseconds.FromStorable(until)));
            command.Parameters.Add(Bigint(max));
            var claims = new List<SlaDueClaim>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    claims.Add(new SlaDueClaim(
                        tenant,
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetInt64(2),
                        Nanoseconds.ToInstant(reader.GetInt64(3)),
                        owner,
                        until,
                        reader.GetGuid(4)));
                }
            }

            claims.Sort(ClaimOrder);
            return claims;
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// Marks a claimed SLA event handled: the record's due instant <see cref="SlaDueClaim.DueAt"/> is never claimed
    /// again, unless a later save sets another due instant (which is then claimable when it comes due).
    /// </summary>
    /// <param name="claim">A claim <see cref="ClaimDueAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// <see langword="true"/> when the claim was still this one's and is now completed; <see langword="false"/> when
    /// it was lost: its lease ended and another owner claimed the event, a save changed the due instant, or the
    /// claim was already completed.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="claim"/> is null.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call.</exception>
    /// <remarks>A claim whose lease ended but that nobody claimed again still completes.</remarks>
    public async Task<bool> CompleteAsync(SlaDueClaim claim, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(claim);
        StoreArguments.CheckKey(claim.Tenant, claim.RecordType, claim.RecordId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!Nanoseconds.IsStorable(claim.DueAt))
        {
            return false;
        }

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                "UPDATE " + _records + " SET handled_due_at = sla_due_at, claim_owner = NULL, claim_token = NULL, claim_until = NULL"
                + " WHERE tenant = $1 AND record_type = $2 AND record_id = $3 AND claim_token = $4 AND sla_due_at = $5",
                connection);
            AddKey(command.Parameters, claim.Tenant, claim.RecordType, claim.RecordId);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = claim.Token, NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(Bigint(Nanoseconds.FromStorable(claim.DueAt)));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Closes the store's connection pool.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _schemaGate.Dispose();
    }

    /// <summary>Closes the store's connection pool.</summary>
    public void Dispose()
    {
        _dataSource.Dispose();
        _schemaGate.Dispose();
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

    private async Task<long> ReadVersionAsync(NpgsqlConnection connection, TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM " + _records + " WHERE tenant = $1 AND record_type = $2 AND record_id = $3", connection);
        AddKey(command.Parameters, tenant, recordType, recordId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : 0;
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var latest = PostgreSqlSchema.LatestVersion;
            var version = await ReadSchemaVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (version < latest)
            {
                // Several instances may start at once: the migration SQL takes the schema's advisory lock first,
                // then creates and migrates only what is missing, so exactly one of them does the work.
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (var migrate = new NpgsqlCommand(PostgreSqlSchema.MigrationSql(_schema), connection, transaction))
                {
                    try
                    {
                        await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (PostgresException e) when (e.SqlState == "0A000" && e.MessageText.StartsWith("itsm:", StringComparison.Ordinal))
                    {
                        version = await ReadSchemaVersionAsync(connection, cancellationToken).ConfigureAwait(false);
                        throw NewerSchema(version, latest, e);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                version = latest;
            }

            if (version > latest)
            {
                throw NewerSchema(version, latest, null);
            }

            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private StoreUnavailableException NewerSchema(long version, int latest, Exception? inner) =>
        new(
            string.Create(
                CultureInfo.InvariantCulture,
                $"The PostgreSQL store '{_name}' cannot be used: its schema is at version {version}, newer than version {latest} that this release of Itsm.Persistence.PostgreSql understands. Upgrade the package; nothing was written."),
            inner);

    private async Task<long> ReadSchemaVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // The fast path of every later start: one round trip, no lock.
        await using var command = new NpgsqlCommand("SELECT to_regclass($1)::text", connection);
        command.Parameters.Add(Text(PostgreSqlSchema.Quote(_schema) + "." + PostgreSqlSchema.MigrationsTable));
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string)
        {
            return 0;
        }

        command.CommandText = "SELECT coalesce(max(version), 0)::bigint FROM " + PostgreSqlSchema.Quote(_schema) + "." + PostgreSqlSchema.MigrationsTable;
        command.Parameters.Clear();
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private StoreUnavailableException Unavailable(NpgsqlException e)
    {
        var reason = e switch
        {
            PostgresException { SqlState: "57014" } => "a statement ran longer than the command timeout (or was cancelled by the server). Nothing was written; retry later.",
            PostgresException { SqlState: "28P01" or "28000" } p => $"the server refused the login ({p.SqlState}: {p.MessageText}). Check the user name and password.",
            PostgresException { SqlState: "3D000" } p => $"the database does not exist ({p.MessageText}).",
            PostgresException { SqlState: "42501" } p => $"the role lacks a privilege ({p.MessageText}); see PostgreSqlSchema.Script for the grants the store needs.",
            PostgresException { SqlState: "53300" } => "the server has no connection slot left (too many connections). Nothing was written; retry later.",
            PostgresException { SqlState: "40P01" } => "the transaction was chosen as a deadlock victim. Nothing was written; retry.",
            PostgresException p => $"PostgreSQL error {p.SqlState}: {p.MessageText}",
            { InnerException: TimeoutException } => "the server did not answer in time (connection or command timeout). Nothing was written; retry later.",
            { InnerException: System.Net.Sockets.SocketException socket } => $"the server cannot be reached ({socket.Message}).",
            _ => $"{e.Message}",
        };
        return new StoreUnavailableException($"The PostgreSQL store '{_name}' cannot be used: {reason}", e);
    }

    private static bool HasNul(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);

    private static NpgsqlParameter Text(string? value) =>
        value is null
            ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text }
            : new NpgsqlParameter<string> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Bigint(long? value) =>
        value is { } v
            ? new NpgsqlParameter<long> { TypedValue = v, NpgsqlDbType = NpgsqlDbType.Bigint }
            : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint };

    private static void AddKey(NpgsqlParameterCollection parameters, TenantId tenant, string recordType, string recordId)
    {
        parameters.Add(Text(tenant.Value));
        parameters.Add(Text(recordType));
        parameters.Add(Text(recordId));
    }

    private static RecordIndex ReadIndex(NpgsqlDataReader reader, int first) =>
        new(
            State: reader.GetString(first),
            IsOpen: reader.GetBoolean(first + 1),
            Service: reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2),
            AssignmentGroup: reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
            Priority: reader.IsDBNull(first + 4) ? null : reader.GetInt32(first + 4),
            OpenedAt: Nanoseconds.ToInstant(reader.GetInt64(first + 5)),
            SlaDueAt: reader.IsDBNull(first + 6) ? null : Nanoseconds.ToInstant(reader.GetInt64(first + 6)));

    private static async Task<List<AuditEntry>> ReadAuditRowsAsync(NpgsqlCommand command, TenantId tenant, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var recordType = reader.GetString(0);
            var recordId = reader.GetString(1);
            var version = reader.GetInt64(2);
            Actor actor;
            Dictionary<string, string> data;
            try
            {
                actor = new Actor(reader.GetString(4), JsonColumns.ReadRoles(reader.GetString(5)));
                data = JsonColumns.ReadData(reader.GetString(9));
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
            {
                throw new CorruptRecordException(
                    tenant,
                    recordType,
                    recordId,
                    string.Create(CultureInfo.InvariantCulture, $"the actor or data of audit entry {version} is not valid: {e.Message}"),
                    e);
            }

            entries.Add(new AuditEntry(
                tenant,
                recordType,
                recordId,
                version,
                Nanoseconds.ToInstant(reader.GetInt64(3)),
                actor,
                reader.GetString(6),
                reader.GetString(7),
                reader.GetString(8),
                data));
        }

        return entries;
    }
}
