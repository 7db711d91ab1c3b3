using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Diagnostics;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Itsm.Persistence.Sqlite;

// The write path: one unit of work (a save is a unit of one write) under the process's write gate and
// SQLite's write lock.
public sealed partial class SqliteAggregateStore
{
    /// <summary>The next feed position of a tenant: one seek at the end of ix_audit_position, whatever the log's size.</summary>
    internal const string NextPositionSql = "SELECT coalesce(max(position), 0) + 1 FROM audit WHERE tenant = $tenant";

    /// <summary>
    /// The next number of a tenant's records of a type: one seek at the end of ix_records_number. Read and
    /// taken under the only write lock, so no other writer can take it, and rolled back with the insert.
    /// </summary>
    internal const string NextNumberSql = "SELECT coalesce(max(number), 0) + 1 FROM records WHERE tenant = $tenant AND record_type = $type";

    /// <summary>The first reservation of another record that overlaps a window; the index range ends at the window's end.</summary>
    internal const string OverlapSql = """
        SELECT record_type, record_id, starts_at, ends_at FROM reservations
        WHERE tenant = $tenant AND resource = $resource AND starts_at < $ends_at AND ends_at > $starts_at
          AND NOT (record_type = $type AND record_id = $id)
        LIMIT 1
        """;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">An instant of the write (the index's opened or due instant, an entry's time, a reservation's window) cannot be stored exactly.</exception>
    /// <exception cref="StoreUnavailableException">The file is not a database, is read-only, has a newer schema, or stayed locked longer than the busy timeout.</exception>
    /// <remarks>With <see cref="SqliteStoreOptions.GroupCommit"/> on, the save may commit in one transaction with others that waited at the same time; it keeps its own checks, result and error.</remarks>
    public Task<SaveResult> SaveAsync(AggregateWrite write, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Save, StoreTelemetry.RecordTypeOf(write), (this, write, cancellationToken), static s => s.Item1.SaveCoreAsync(s.write, s.cancellationToken))
            : SaveCoreAsync(write, cancellationToken);

    private Task<SaveResult> SaveCoreAsync(AggregateWrite write, CancellationToken cancellationToken)
    {
        Guard.Against.Null(write);
        return CommitCoreAsync(new UnitOfWork([write]), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">An instant of a write (the index's opened or due instant, an entry's time, a reservation's window) cannot be stored exactly.</exception>
    /// <exception cref="StoreUnavailableException">The file is not a database, is read-only, has a newer schema, or stayed locked longer than the busy timeout.</exception>
    /// <remarks>With <see cref="SqliteStoreOptions.GroupCommit"/> on, the unit may commit in one transaction with others that waited at the same time; it keeps its own checks, result and error.</remarks>
    public Task<SaveResult> CommitAsync(UnitOfWork work, CancellationToken cancellationToken = default) =>
        StoreTelemetry.IsEnabled
            ? StoreTelemetry.ObserveAsync(DbSystem, StoreTelemetry.Commit, null, (this, work, cancellationToken), static s => s.Item1.CommitCoreAsync(s.work, s.cancellationToken))
            : CommitCoreAsync(work, cancellationToken);

    private Task<SaveResult> CommitCoreAsync(UnitOfWork work, CancellationToken cancellationToken)
    {
        Guard.Against.Null(work);
        var unit = PendingCommit.Prepare(work);
        cancellationToken.ThrowIfCancellationRequested();
        if (_commitQueue is null)
        {
            return Task.FromResult(WriteLocked(session => CommitAlone(session, unit)));
        }

        // The schema and the file's permissions are checked on the caller's thread, before the unit queues,
        // so that the leader's serial section (CommitBatch) does not pay for them once per batch.
        ReadyToWrite();
        return SubmitAsync(unit, cancellationToken);
    }

    /// <summary>Creates or migrates the schema if needed and refuses a file that cannot be written; a database error is the store being unavailable.</summary>
    private void ReadyToWrite()
    {
        try
        {
            EnsureSchema();
            EnsureWritable();
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Runs <paramref name="write"/> on the store's write connection under the process's write gate; a multi-statement write opens its own transaction.</summary>
    /// <param name="write">The write.</param>
    /// <param name="ready">Whether <see cref="ReadyToWrite"/> already ran for it (group commit checks each unit before it queues).</param>
    private T WriteLocked<T>(Func<WriteSession, T> write, bool ready = false)
    {
        try
        {
            if (!ready)
            {
                EnsureSchema();
                EnsureWritable();
            }

            if (!Monitor.TryEnter(_writeGate, _busyTimeout.ToTimeSpan()))
            {
                throw GateTimeout();
            }

            WriteSession? session = null;
            var temporary = false;
            try
            {
                session = RentWriteSession(out temporary);
                var result = write(session);
                NoteWritten(session.Connection);
                return result;
            }
            catch (SqliteException)
            {
                // The transaction is rolled back; the connection itself is not trusted again.
                if (session is not null && !temporary)
                {
                    DropWriteSession(session);
                }

                throw;
            }
            finally
            {
                if (temporary)
                {
                    session?.Dispose();
                }

                Monitor.Exit(_writeGate);
            }
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

    private StoreUnavailableException GateTimeout() =>
        new($"The SQLite store '{Itsm.Text.QuotedText.Of(_path, PathQuoted)}' cannot be used: other writers of this process held it longer than the busy timeout ({_busyTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s). Nothing was written.");

    /// <summary>Commits one unit in its own transaction: the path without group commit, and a batch of one.</summary>
    private static SaveResult CommitAlone(WriteSession session, PendingCommit unit)
    {
        // deferred: false issues BEGIN IMMEDIATE: the write lock is taken before the first read, so the
        // versions read below cannot go stale, and a busy database is waited for (busy_timeout) here
        // instead of failing later on a read-to-write upgrade. Holding the only write lock is also what
        // makes feed positions follow commit order: the next position is read and taken by one writer at
        // a time, and no later writer can commit before this one does.
        using var transaction = session.Connection.BeginTransaction(deferred: false);
        var result = Apply(session.Connection, session.Writer(transaction), unit);
        transaction.Commit();
        return result;
    }

    /// <summary>
    /// Writes one unit inside the caller's transaction: its idempotency lookup, its version checks, its
    /// records and audit rows from the tenant's next feed position, its reservations and its key. It
    /// throws the unit's own error (a conflict, a refused key) having possibly written part of it: the
    /// caller rolls the transaction, or the unit's savepoint, back.
    /// </summary>
    /// <remarks>The <paramref name="writer"/>'s statements are prepared once per write connection and serve every unit of every batch.</remarks>
    private static SaveResult Apply(SqliteConnection connection, RecordWriter writer, PendingCommit unit)
    {
        var work = unit.Work;
        var prepared = unit.Prepared;
        var reservations = unit.Reservations;
        var tenant = work.Tenant;
        var head = work.Writes[0];

        if (work.Idempotency is { } key)
        {
            using var find = connection.CreateCommand();
            find.CommandText = "SELECT fingerprint, version FROM idempotency WHERE tenant = $tenant AND key = $key";
            Add(find, "$tenant", tenant.Value);
            Add(find, "$key", key.Key);
            using var reader = find.ExecuteReader();
            if (reader.Read())
            {
                return string.Equals(reader.GetString(0), key.Fingerprint, StringComparison.Ordinal)
                    ? new SaveResult(reader.GetInt64(1), Replayed: true)
                    : throw new IdempotencyConflictException(tenant, key.Key);
            }
        }

        var position = writer.NextPosition(tenant);
        long[]? numbers = null;
        var creates = CreatesRecordsOnly(work);
        if (creates)
        {
            // The positions the inserts take must be taken from the batch's cache too (Advance below), or the
            // next unit of a group commit would reuse them.
            numbers = InsertNewRecords(connection, work, prepared, ref position);
        }

        for (var i = 0; !creates && i < work.Writes.Count; i++)
        {
            (position, var number) = writer.Write(work.Writes[i], prepared[i], position);
            if (number > 0)
            {
                numbers ??= new long[work.Writes.Count];
                numbers[i] = number;
            }
        }

        WriteReservations(connection, work, reservations);

        if (work.Idempotency is { } newKey)
        {
            using var remember = connection.CreateCommand();
            remember.CommandText = """
                INSERT INTO idempotency (tenant, key, fingerprint, record_type, record_id, version)
                VALUES ($tenant, $key, $fingerprint, $type, $id, $version)
                """;
            AddKey(remember, tenant, head.RecordType, head.RecordId);
            Add(remember, "$key", newKey.Key);
            Add(remember, "$fingerprint", newKey.Fingerprint);
            Add(remember, "$version", head.NewVersion);
            try
            {
                remember.ExecuteNonQuery();
            }
            catch (SqliteException e) when (IsKeyViolation(e))
            {
                throw new IdempotencyConflictException(tenant, newKey.Key); // backstop: the key was looked up under the same lock
            }
        }

        // Applied whole: the unit's positions are taken (a unit that threw is rolled back and takes none).
        writer.Advance(tenant, position);
        var result = new SaveResult(head.NewVersion, Replayed: false);
        return numbers is null ? result : result with { Numbers = numbers };
    }

    /// <summary>
    /// Replaces the reservation sets the unit's writes carry. Every set is released before any is taken,
    /// so a record may take what another record of the same unit gives up; sets taken earlier in the unit
    /// are rows by then, so two writes of one unit cannot take the same resource either.
    /// </summary>
    private static void WriteReservations(SqliteConnection connection, UnitOfWork work, ReservationRows?[] reservations)
    {
        if (Array.TrueForAll(reservations, r => r is null))
        {
            return;
        }

        var tenant = work.Tenant.Value;
        using (var release = connection.CreateCommand())
        {
            release.CommandText = "DELETE FROM reservations WHERE tenant = $tenant AND record_type = $type AND record_id = $id";
            var type = release.Parameters.Add("$type", SqliteType.Text);
            var id = release.Parameters.Add("$id", SqliteType.Text);
            Add(release, "$tenant", tenant);
            for (var i = 0; i < reservations.Length; i++)
            {
                if (reservations[i] is not null)
                {
                    type.Value = work.Writes[i].RecordType;
                    id.Value = work.Writes[i].RecordId;
                    release.ExecuteNonQuery();
                }
            }
        }

        using var overlap = connection.CreateCommand();
        overlap.CommandText = OverlapSql;
        using var take = connection.CreateCommand();
        take.CommandText = """
            INSERT INTO reservations (tenant, resource, record_type, record_id, starts_at, ends_at)
            VALUES ($tenant, $resource, $type, $id, $starts_at, $ends_at)
            """;
        foreach (var command in new[] { overlap, take })
        {
            Add(command, "$tenant", tenant);
            command.Parameters.Add("$resource", SqliteType.Text);
            command.Parameters.Add("$type", SqliteType.Text);
            command.Parameters.Add("$id", SqliteType.Text);
            command.Parameters.Add("$starts_at", SqliteType.Integer);
            command.Parameters.Add("$ends_at", SqliteType.Integer);
        }

        for (var i = 0; i < reservations.Length; i++)
        {
            if (reservations[i] is not { } rows)
            {
                continue;
            }

            var write = work.Writes[i];
            for (var r = 0; r < rows.Count; r++)
            {
                foreach (var command in new[] { overlap, take })
                {
                    command.Parameters["$resource"].Value = write.Reservations![r].Resource;
                    command.Parameters["$type"].Value = write.RecordType;
                    command.Parameters["$id"].Value = write.RecordId;
                    command.Parameters["$starts_at"].Value = rows.StartsAt[r];
                    command.Parameters["$ends_at"].Value = rows.EndsAt[r];
                }

                using (var reader = overlap.ExecuteReader())
                {
                    if (reader.Read())
                    {
                        throw new ReservationConflictException(
                            work.Tenant,
                            write.RecordType,
                            write.RecordId,
                            write.Reservations![r],
                            reader.GetString(0),
                            reader.GetString(1),
                            new Interval(Nanoseconds.ToInstant(reader.GetInt64(2)), Nanoseconds.ToInstant(reader.GetInt64(3))));
                    }
                }

                take.ExecuteNonQuery();
            }
        }
    }

    /// <summary>A write's reservation windows as nanoseconds, checked before the database is touched; null when the write leaves its reservations alone.</summary>
    private sealed class ReservationRows
    {
        private ReservationRows(long[] startsAt, long[] endsAt)
        {
            StartsAt = startsAt;
            EndsAt = endsAt;
        }

        public long[] StartsAt { get; }

        public long[] EndsAt { get; }

        public int Count => StartsAt.Length;

        public static ReservationRows? Of(AggregateWrite write)
        {
            if (write.Reservations is not { } reservations)
            {
                return null;
            }

            var startsAt = new long[reservations.Count];
            var endsAt = new long[reservations.Count];
            for (var i = 0; i < reservations.Count; i++)
            {
                var field = string.Create(CultureInfo.InvariantCulture, $"write.Reservations[{i}].Window");
                startsAt[i] = Nanoseconds.From(reservations[i].Window.Start, field);
                endsAt[i] = Nanoseconds.From(reservations[i].Window.End, field);
            }

            return new ReservationRows(startsAt, endsAt);
        }
    }
}
