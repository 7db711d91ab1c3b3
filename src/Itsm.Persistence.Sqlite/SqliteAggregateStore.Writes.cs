using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Microsoft.Data.Sqlite;

namespace Itsm.Persistence.Sqlite;

// The write path: one save under the process's write gate and SQLite's write lock.
public sealed partial class SqliteAggregateStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">An instant of the write (the index's opened or due instant, or an entry's time) cannot be stored exactly.</exception>
    /// <exception cref="StoreUnavailableException">The file is not a database, is read-only, has a newer schema, or stayed locked longer than the busy timeout.</exception>
    public Task<SaveResult> SaveAsync(AggregateWrite write, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(write);
        var rows = PreparedWrite.Of(write);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            EnsureSchema();
            EnsureWritable();
            if (!Monitor.TryEnter(_writeGate, _busyTimeout.ToTimeSpan()))
            {
                throw new StoreUnavailableException($"The SQLite store '{_path}' cannot be used: other writers of this process held it longer than the busy timeout ({_busyTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s). Nothing was written.");
            }

            try
            {
                return Task.FromResult(Save(write, rows));
            }
            finally
            {
                Monitor.Exit(_writeGate);
            }
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

    private SaveResult Save(AggregateWrite write, PreparedWrite rows)
    {
        using var connection = OpenConnection();

        // deferred: false issues BEGIN IMMEDIATE: the write lock is taken before the first read, so the
        // version read below cannot go stale, and a busy database is waited for (busy_timeout) here
        // instead of failing later on a read-to-write upgrade.
        using var transaction = connection.BeginTransaction(deferred: false);
        var tenant = write.Tenant.Value;

        if (write.Idempotency is { } key)
        {
            using var find = connection.CreateCommand();
            find.CommandText = "SELECT fingerprint, version FROM idempotency WHERE tenant = $tenant AND key = $key";
            Add(find, "$tenant", tenant);
            Add(find, "$key", key.Key);
            using var reader = find.ExecuteReader();
            if (reader.Read())
            {
                return string.Equals(reader.GetString(0), key.Fingerprint, StringComparison.Ordinal)
                    ? new SaveResult(reader.GetInt64(1), Replayed: true)
                    : throw new IdempotencyConflictException(write.Tenant, key.Key);
            }
        }

        long actual;
        using (var current = connection.CreateCommand())
        {
            current.CommandText = "SELECT version FROM records WHERE tenant = $tenant AND record_type = $type AND record_id = $id";
            AddKey(current, write.Tenant, write.RecordType, write.RecordId);
            actual = current.ExecuteScalar() is long stored ? stored : 0;
        }

        if (actual != write.ExpectedVersion)
        {
            throw new ConcurrencyException(write.Tenant, write.RecordType, write.RecordId, write.ExpectedVersion, actual);
        }

        var version = write.NewVersion;
        try
        {
            using (var upsert = connection.CreateCommand())
            {
                upsert.CommandText = write.ExpectedVersion == 0
                    ? """
                      INSERT INTO records (tenant, record_type, record_id, version, state, state_name, is_open, service, assignment_group, priority, opened_at, sla_due_at)
                      VALUES ($tenant, $type, $id, $version, $state, $state_name, $is_open, $service, $group, $priority, $opened_at, $sla_due_at)
                      """
                    : """
                      UPDATE records SET version = $version, state = $state, state_name = $state_name, is_open = $is_open, service = $service,
                          assignment_group = $group, priority = $priority, opened_at = $opened_at, sla_due_at = $sla_due_at
                      WHERE tenant = $tenant AND record_type = $type AND record_id = $id AND version = $expected
                      """;
                AddKey(upsert, write.Tenant, write.RecordType, write.RecordId);
                Add(upsert, "$version", version);
                Add(upsert, "$expected", write.ExpectedVersion);
                Add(upsert, "$state", write.State);
                Add(upsert, "$state_name", write.Index.State);
                Add(upsert, "$is_open", write.Index.IsOpen ? 1L : 0L);
                Add(upsert, "$service", write.Index.Service);
                Add(upsert, "$group", write.Index.AssignmentGroup);
                Add(upsert, "$priority", write.Index.Priority is { } priority ? priority : null);
                Add(upsert, "$opened_at", rows.OpenedAt);
                Add(upsert, "$sla_due_at", rows.SlaDueAt is { } due ? due : null);
                if (upsert.ExecuteNonQuery() != 1)
                {
                    throw new ConcurrencyException(write.Tenant, write.RecordType, write.RecordId, write.ExpectedVersion, actual);
                }
            }

            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = """
                    INSERT INTO audit (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data)
                    VALUES ($tenant, $type, $id, $version, $at, $actor_id, $actor_roles, $command, $from_state, $to_state, $data)
                    """;
                AddKey(insert, write.Tenant, write.RecordType, write.RecordId);
                var versionParameter = insert.Parameters.Add("$version", SqliteType.Integer);
                var at = insert.Parameters.Add("$at", SqliteType.Integer);
                var actorId = insert.Parameters.Add("$actor_id", SqliteType.Text);
                var actorRoles = insert.Parameters.Add("$actor_roles", SqliteType.Text);
                var command = insert.Parameters.Add("$command", SqliteType.Text);
                var fromState = insert.Parameters.Add("$from_state", SqliteType.Text);
                var toState = insert.Parameters.Add("$to_state", SqliteType.Text);
                var data = insert.Parameters.Add("$data", SqliteType.Text);
                for (var i = 0; i < write.AuditEntries.Count; i++)
                {
                    var entry = write.AuditEntries[i];
                    versionParameter.Value = write.ExpectedVersion + i + 1; // the store numbers the entries
                    at.Value = rows.At[i];
                    actorId.Value = entry.Actor.Id;
                    actorRoles.Value = rows.Roles[i];
                    command.Value = entry.Command;
                    fromState.Value = entry.FromState;
                    toState.Value = entry.ToState;
                    data.Value = rows.Data[i];
                    insert.ExecuteNonQuery();
                }
            }
        }
        catch (SqliteException e) when (IsKeyViolation(e) || IsAuditKeyTaken(e))
        {
            // Backstop: the version check above runs under the write lock, so this means rows of the
            // record exist that its version does not account for. Refuse rather than overwrite.
            throw new ConcurrencyException(write.Tenant, write.RecordType, write.RecordId, write.ExpectedVersion, actual);
        }

        if (write.Idempotency is { } newKey)
        {
            using var remember = connection.CreateCommand();
            remember.CommandText = """
                INSERT INTO idempotency (tenant, key, fingerprint, record_type, record_id, version)
                VALUES ($tenant, $key, $fingerprint, $type, $id, $version)
                """;
            AddKey(remember, write.Tenant, write.RecordType, write.RecordId);
            Add(remember, "$key", newKey.Key);
            Add(remember, "$fingerprint", newKey.Fingerprint);
            Add(remember, "$version", version);
            try
            {
                remember.ExecuteNonQuery();
            }
            catch (SqliteException e) when (IsKeyViolation(e))
            {
                throw new IdempotencyConflictException(write.Tenant, newKey.Key); // backstop, as above
            }
        }

        transaction.Commit();
        return new SaveResult(version, Replayed: false);
    }
}
