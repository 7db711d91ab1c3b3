using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Itsm.Persistence.PostgreSql;

// The event feed (audit rows by position), consumer checkpoints and parked entries.
public sealed partial class PostgreSqlAggregateStore
{
    /// <inheritdoc />
    /// <exception cref="CorruptRecordException">An audit row's actor or data is not the JSON the store writes.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    /// <remarks>
    /// One statement, so one snapshot: every position it returns was committed, and so was every position
    /// below it (a tenant's commits serialise on its feed head, in position order).
    /// </remarks>
    public Task<IReadOnlyList<FeedEntry>> ReadFeedAsync(TenantId tenant, long after, int max, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.ReadFeed, null, (this, tenant, after, max, cancellationToken), static s => s.Item1.ReadFeedCoreAsync(s.tenant, s.after, s.max, s.cancellationToken))
            : ReadFeedCoreAsync(tenant, after, max, cancellationToken);

    private async Task<IReadOnlyList<FeedEntry>> ReadFeedCoreAsync(TenantId tenant, long after, int max, CancellationToken cancellationToken)
    {
        StoreArguments.CheckFeedRead(tenant, after, max);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                "SELECT " + StoredRows.AuditColumns + ", position FROM " + _audit + " WHERE tenant = $1 AND position > $2 ORDER BY position LIMIT $3",
                connection);
            command.Parameters.Add(Text(tenant.Value));
            command.Parameters.Add(Bigint(after));
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max, NpgsqlDbType = NpgsqlDbType.Integer });
            var entries = new List<FeedEntry>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new FeedEntry(reader.GetInt64(10), StoredRows.ReadAuditEntry(reader, tenant)));
            }

            return entries;
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public async Task<long> ReadCheckpointAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT position FROM " + _checkpoints + " WHERE tenant = $1 AND consumer = $2", connection);
            command.Parameters.Add(Text(tenant.Value));
            command.Parameters.Add(Text(consumer));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? position : 0;
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public async Task SaveCheckpointAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        Guard.Against.Negative(position);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                "INSERT INTO " + _checkpoints + " (tenant, consumer, position) VALUES ($1, $2, $3) ON CONFLICT (tenant, consumer) DO UPDATE SET position = EXCLUDED.position",
                connection);
            command.Parameters.Add(Text(tenant.Value));
            command.Parameters.Add(Text(consumer));
            command.Parameters.Add(Bigint(position));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The reason holds U+0000, which PostgreSQL text cannot store.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The parked instant cannot be stored exactly.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public async Task ParkAsync(TenantId tenant, string consumer, ParkedEvent parked, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        Guard.Against.Null(parked);
        if (HasNul(parked.Reason))
        {
            throw new ArgumentException("parked.Reason contains the character U+0000, which PostgreSQL text cannot store.", nameof(parked));
        }

        var parkedAt = Nanoseconds.From(parked.ParkedAt, "parked.ParkedAt");
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                "INSERT INTO " + _parked + " (tenant, consumer, position, reason, parked_at, attempts) VALUES ($1, $2, $3, $4, $5, $6)"
                + " ON CONFLICT (tenant, consumer, position) DO UPDATE SET reason = EXCLUDED.reason, parked_at = EXCLUDED.parked_at, attempts = EXCLUDED.attempts",
                connection);
            command.Parameters.Add(Text(tenant.Value));
            command.Parameters.Add(Text(consumer));
            command.Parameters.Add(Bigint(parked.Position));
            command.Parameters.Add(Text(parked.Reason));
            command.Parameters.Add(Bigint(parkedAt));
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = parked.Attempts, NpgsqlDbType = NpgsqlDbType.Integer });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public async Task<IReadOnlyList<ParkedEvent>> ReadParkedAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                "SELECT position, reason, parked_at, attempts FROM " + _parked + " WHERE tenant = $1 AND consumer = $2 ORDER BY position",
                connection);
            command.Parameters.Add(Text(tenant.Value));
            command.Parameters.Add(Text(consumer));
            var parked = new List<ParkedEvent>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                parked.Add(new ParkedEvent(reader.GetInt64(0), reader.GetString(1), Nanoseconds.ToInstant(reader.GetInt64(2)), reader.GetInt32(3)));
            }

            return parked;
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    public async Task<bool> UnparkAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        Guard.Against.NegativeOrZero(position);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("DELETE FROM " + _parked + " WHERE tenant = $1 AND consumer = $2 AND position = $3", connection);
            command.Parameters.Add(Text(tenant.Value));
            command.Parameters.Add(Text(consumer));
            command.Parameters.Add(Bigint(position));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }
}
