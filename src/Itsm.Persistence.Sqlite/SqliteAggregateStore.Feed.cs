using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Itsm.Persistence.Sqlite;

// The event feed (audit rows by position), consumer checkpoints and parked events.
public sealed partial class SqliteAggregateStore
{
    /// <summary>A page of the feed: a range of ix_audit_position, read in order.</summary>
    internal const string FeedSql = "SELECT " + StoredRows.AuditColumns + ", position FROM audit WHERE tenant = $tenant AND position > $after ORDER BY position LIMIT $max";

    /// <inheritdoc />
    /// <exception cref="CorruptRecordException">An audit row's actor or data is not the JSON the store writes.</exception>
    /// <remarks>
    /// The read runs in one statement, so it sees one committed snapshot; writers take positions one
    /// transaction at a time under the database's write lock, so every snapshot holds a gapless prefix of the feed.
    /// </remarks>
    public Task<IReadOnlyList<FeedEntry>> ReadFeedAsync(TenantId tenant, long after, int max, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.ReadFeed, null, (this, tenant, after, max, cancellationToken), static s => s.Item1.ReadFeedCoreAsync(s.tenant, s.after, s.max, s.cancellationToken))
            : ReadFeedCoreAsync(tenant, after, max, cancellationToken);

    private Task<IReadOnlyList<FeedEntry>> ReadFeedCoreAsync(TenantId tenant, long after, int max, CancellationToken cancellationToken)
    {
        StoreArguments.CheckFeedRead(tenant, after, max);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read<IReadOnlyList<FeedEntry>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = FeedSql;
            Add(command, "$tenant", tenant.Value);
            Add(command, "$after", after);
            Add(command, "$max", (long)max);
            var entries = new List<FeedEntry>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new FeedEntry(reader.GetInt64(10), StoredRows.ReadAuditEntry(reader, tenant)));
            }

            return entries;
        }));
    }

    /// <inheritdoc />
    public Task<long> ReadCheckpointAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read<long>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT position FROM feed_checkpoints WHERE tenant = $tenant AND consumer = $consumer";
            Add(command, "$tenant", tenant.Value);
            Add(command, "$consumer", consumer);
            return command.ExecuteScalar() is long position ? position : 0L;
        }));
    }

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">The file is not a database, is read-only, has a newer schema, or stayed locked longer than the busy timeout.</exception>
    public Task SaveCheckpointAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        Guard.Against.Negative(position);
        cancellationToken.ThrowIfCancellationRequested();
        WriteLocked(session =>
        {
            using var command = session.Connection.CreateCommand();
            command.CommandText = """
                INSERT INTO feed_checkpoints (tenant, consumer, position) VALUES ($tenant, $consumer, $position)
                ON CONFLICT (tenant, consumer) DO UPDATE SET position = excluded.position
                """;
            Add(command, "$tenant", tenant.Value);
            Add(command, "$consumer", consumer);
            Add(command, "$position", position);
            return command.ExecuteNonQuery();
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="System.ArgumentOutOfRangeException">The parked instant cannot be stored exactly.</exception>
    /// <exception cref="StoreUnavailableException">The file is not a database, is read-only, has a newer schema, or stayed locked longer than the busy timeout.</exception>
    public Task ParkAsync(TenantId tenant, string consumer, ParkedEvent parked, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        Guard.Against.Null(parked);
        var parkedAt = Nanoseconds.From(parked.ParkedAt, "parked.ParkedAt");
        cancellationToken.ThrowIfCancellationRequested();
        WriteLocked(session =>
        {
            using var command = session.Connection.CreateCommand();
            command.CommandText = """
                INSERT INTO feed_parked (tenant, consumer, position, reason, parked_at, attempts) VALUES ($tenant, $consumer, $position, $reason, $parked_at, $attempts)
                ON CONFLICT (tenant, consumer, position) DO UPDATE SET reason = excluded.reason, parked_at = excluded.parked_at, attempts = excluded.attempts
                """;
            Add(command, "$tenant", tenant.Value);
            Add(command, "$consumer", consumer);
            Add(command, "$position", parked.Position);
            Add(command, "$reason", parked.Reason);
            Add(command, "$parked_at", parkedAt);
            Add(command, "$attempts", (long)parked.Attempts);
            return command.ExecuteNonQuery();
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ParkedEvent>> ReadParkedAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read<IReadOnlyList<ParkedEvent>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT position, reason, parked_at, attempts FROM feed_parked WHERE tenant = $tenant AND consumer = $consumer ORDER BY position";
            Add(command, "$tenant", tenant.Value);
            Add(command, "$consumer", consumer);
            var parked = new List<ParkedEvent>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                parked.Add(new ParkedEvent(reader.GetInt64(0), reader.GetString(1), Nanoseconds.ToInstant(reader.GetInt64(2)), reader.GetInt32(3)));
            }

            return parked;
        }));
    }

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">The file is not a database, is read-only, has a newer schema, or stayed locked longer than the busy timeout.</exception>
    public Task<bool> UnparkAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckConsumer(tenant, consumer);
        Guard.Against.NegativeOrZero(position);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(WriteLocked(session =>
        {
            using var command = session.Connection.CreateCommand();
            command.CommandText = "DELETE FROM feed_parked WHERE tenant = $tenant AND consumer = $consumer AND position = $position";
            Add(command, "$tenant", tenant.Value);
            Add(command, "$consumer", consumer);
            Add(command, "$position", position);
            return command.ExecuteNonQuery() == 1;
        }));
    }
}
