using System;
using System.Collections.Generic;
using Itsm.Common;
using Microsoft.Data.Sqlite;

namespace Itsm.Persistence.Sqlite;

// The statements of the write path, prepared once per write connection and re-executed for every unit of every batch.
public sealed partial class SqliteAggregateStore
{
    /// <summary>
    /// The statements that write records and their audit rows, prepared once per write connection (the store
    /// keeps it, <see cref="WriteSession"/>) and rebound per write: each keeps its parameter objects, so a write
    /// only sets values (no parameter collection rebuilt, no statement prepared again), which keeps the
    /// group-commit leader's serial section short.
    /// </summary>
    private sealed class RecordWriter : IDisposable
    {
        // The version check also reads the row's index columns, so that a write leaving them unchanged (most
        // commands: an assignment, a note, a status change within the same index values) updates only the
        // version and the state, by rowid, and SQLite maintains none of the records table's seven indexes.
        private const string CurrentSql =
            "SELECT rowid, version, state_name, is_open, service, assignment_group, priority, opened_at, sla_due_at FROM records WHERE tenant = $tenant AND record_type = $type AND record_id = $id";

        private readonly Statement _next;
        private readonly Statement _nextNumber;
        private readonly Statement _current;
        private readonly Statement _insert;
        private readonly Statement _update;
        private readonly Statement _updateState;
        private readonly Statement _audit;
        private readonly Statement _savepoint;
        private readonly Statement _release;
        private readonly Statement _rollbackTo;

        // Each tenant's next feed position after the units this transaction has applied so far: read once per
        // tenant and batch instead of once per unit. A unit takes positions only when it is applied whole (Advance).
        private readonly Dictionary<string, long> _positions = new(StringComparer.Ordinal);

        public RecordWriter(SqliteConnection connection)
        {
            _next = new Statement(connection, NextPositionSql, "$tenant");
            _nextNumber = new Statement(connection, NextNumberSql, "$tenant", "$type");
            _current = new Statement(connection, CurrentSql, "$tenant", "$type", "$id");
            _insert = new Statement(
                connection,
                """
                INSERT INTO records (tenant, record_type, record_id, version, state, state_name, is_open, service, assignment_group, priority, opened_at, sla_due_at, number)
                VALUES ($tenant, $type, $id, $version, $state, $state_name, $is_open, $service, $group, $priority, $opened_at, $sla_due_at, $number)
                """,
                "$tenant", "$type", "$id", "$version", "$state", "$state_name", "$is_open", "$service", "$group", "$priority", "$opened_at", "$sla_due_at", "$number");
            _update = new Statement(
                connection,
                """
                UPDATE records SET version = $version, state = $state, state_name = $state_name, is_open = $is_open, service = $service,
                    assignment_group = $group, priority = $priority, opened_at = $opened_at, sla_due_at = $sla_due_at
                WHERE rowid = $rowid AND version = $expected
                """,
                "$rowid", "$expected", "$version", "$state", "$state_name", "$is_open", "$service", "$group", "$priority", "$opened_at", "$sla_due_at");
            _updateState = new Statement(
                connection,
                "UPDATE records SET version = $version, state = $state WHERE rowid = $rowid AND version = $expected",
                "$rowid", "$expected", "$version", "$state");
            _audit = new Statement(
                connection,
                """
                INSERT INTO audit (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position)
                VALUES ($tenant, $type, $id, $version, $at, $actor_id, $actor_roles, $command, $from_state, $to_state, $data, $position)
                """,
                "$tenant", "$type", "$id", "$version", "$at", "$actor_id", "$actor_roles", "$command", "$from_state", "$to_state", "$data", "$position");
            _savepoint = new Statement(connection, "SAVEPOINT unit");
            _release = new Statement(connection, "RELEASE unit");
            _rollbackTo = new Statement(connection, "ROLLBACK TO unit");
        }

        /// <summary>Enlists the statements in <paramref name="transaction"/> and forgets the feed positions of the transaction before.</summary>
        public void Begin(SqliteTransaction transaction)
        {
            _positions.Clear();
            foreach (var statement in (ReadOnlySpan<Statement>)[_next, _nextNumber, _current, _insert, _update, _updateState, _audit, _savepoint, _release, _rollbackTo])
            {
                statement.Command.Transaction = transaction;
            }
        }

        /// <summary>Opens the savepoint of one unit of a batch.</summary>
        public void Savepoint() => _savepoint.Command.ExecuteNonQuery();

        /// <summary>Undoes the unit's statements since <see cref="Savepoint"/>; the savepoint stays open.</summary>
        public void RollbackToSavepoint() => _rollbackTo.Command.ExecuteNonQuery();

        /// <summary>Closes the unit's savepoint, keeping what it wrote (nothing, after a rollback to it).</summary>
        public void ReleaseSavepoint() => _release.Command.ExecuteNonQuery();

        /// <summary>The tenant's next feed position, after every row this transaction has written so far.</summary>
        public long NextPosition(TenantId tenant)
        {
            if (_positions.TryGetValue(tenant.Value, out var position))
            {
                return position;
            }

            _next.Set(0, tenant.Value);
            return (long)_next.Command.ExecuteScalar()!;
        }

        /// <summary>Records that a unit of the tenant was applied whole and took the positions before <paramref name="next"/>.</summary>
        public void Advance(TenantId tenant, long next) => _positions[tenant.Value] = next;

        /// <summary>
        /// Writes one record and its audit rows from feed position <paramref name="position"/>; returns the next free
        /// position, and the number the record got when the write created it (else 0).
        /// </summary>
        public (long Position, long Number) Write(AggregateWrite write, PreparedWrite rows, long position)
        {
            var index = write.Index;
            long number = 0;
            long actual = 0;
            long rowId = 0;
            var indexUnchanged = false;
            _current.Set(0, write.Tenant.Value).Set(1, write.RecordType).Set(2, write.RecordId);
            using (var reader = _current.Command.ExecuteReader())
            {
                if (reader.Read())
                {
                    rowId = reader.GetInt64(0);
                    actual = reader.GetInt64(1);
                    indexUnchanged =
                        string.Equals(reader.GetString(2), index.State, StringComparison.Ordinal)
                        && (reader.GetInt64(3) != 0) == index.IsOpen
                        && string.Equals(reader.IsDBNull(4) ? null : reader.GetString(4), index.Service, StringComparison.Ordinal)
                        && string.Equals(reader.IsDBNull(5) ? null : reader.GetString(5), index.AssignmentGroup, StringComparison.Ordinal)
                        && (reader.IsDBNull(6) ? null : (long?)reader.GetInt64(6)) == index.Priority
                        && reader.GetInt64(7) == rows.OpenedAt
                        && (reader.IsDBNull(8) ? null : (long?)reader.GetInt64(8)) == rows.SlaDueAt;
                }
            }

            if (actual != write.ExpectedVersion)
            {
                throw new ConcurrencyException(write.Tenant, write.RecordType, write.RecordId, write.ExpectedVersion, actual);
            }

            try
            {
                Statement upsert;
                if (write.ExpectedVersion == 0)
                {
                    _nextNumber.Set(0, write.Tenant.Value).Set(1, write.RecordType);
                    number = (long)_nextNumber.Command.ExecuteScalar()!;
                    upsert = _insert.Set(0, write.Tenant.Value).Set(1, write.RecordType).Set(2, write.RecordId).Set(3, write.NewVersion).Set(4, write.State);
                    SetIndex(upsert, 5, index, rows);
                    upsert.Set(12, number);
                }
                else if (indexUnchanged)
                {
                    upsert = _updateState.Set(0, rowId).Set(1, write.ExpectedVersion).Set(2, write.NewVersion).Set(3, write.State);
                }
                else
                {
                    upsert = _update.Set(0, rowId).Set(1, write.ExpectedVersion).Set(2, write.NewVersion).Set(3, write.State);
                    SetIndex(upsert, 4, index, rows);
                }

                if (upsert.Command.ExecuteNonQuery() != 1)
                {
                    throw new ConcurrencyException(write.Tenant, write.RecordType, write.RecordId, write.ExpectedVersion, actual);
                }

                _audit.Set(0, write.Tenant.Value).Set(1, write.RecordType).Set(2, write.RecordId);
                for (var i = 0; i < write.AuditEntries.Count; i++)
                {
                    var entry = write.AuditEntries[i];
                    _audit
                        .Set(3, write.ExpectedVersion + i + 1) // the store numbers the entries
                        .Set(4, rows.At[i])
                        .Set(5, entry.Actor.Id)
                        .Set(6, rows.Roles[i])
                        .Set(7, entry.Command)
                        .Set(8, entry.FromState)
                        .Set(9, entry.ToState)
                        .Set(10, rows.Data[i])
                        .Set(11, position++);
                    _audit.Command.ExecuteNonQuery();
                }
            }
            catch (SqliteException e) when (IsKeyViolation(e) || IsAuditKeyTaken(e))
            {
                // Backstop: the version check above runs under the write lock, so this means rows of the
                // record exist that its version does not account for. Refuse rather than overwrite.
                throw new ConcurrencyException(write.Tenant, write.RecordType, write.RecordId, write.ExpectedVersion, actual);
            }

            return (position, number);
        }

        public void Dispose()
        {
            _next.Dispose();
            _nextNumber.Dispose();
            _current.Dispose();
            _insert.Dispose();
            _update.Dispose();
            _updateState.Dispose();
            _audit.Dispose();
            _savepoint.Dispose();
            _release.Dispose();
            _rollbackTo.Dispose();
        }

        // The index columns, in the order both the insert and the full update name them from `first` on.
        private static void SetIndex(Statement statement, int first, RecordIndex index, PreparedWrite rows) =>
            statement
                .Set(first, index.State)
                .Set(first + 1, index.IsOpen ? 1L : 0L)
                .Set(first + 2, index.Service)
                .Set(first + 3, index.AssignmentGroup)
                .Set(first + 4, index.Priority is { } priority ? priority : null)
                .Set(first + 5, rows.OpenedAt)
                .Set(first + 6, rows.SlaDueAt is { } due ? due : null);
    }

    /// <summary>A command and its parameters, created once; executions only set the parameters' values, by position.</summary>
    private sealed class Statement : IDisposable
    {
        private readonly SqliteParameter[] _parameters;

        public Statement(SqliteConnection connection, string sql, params string[] parameterNames)
        {
            Command = connection.CreateCommand();
            Command.CommandText = sql;
            _parameters = new SqliteParameter[parameterNames.Length];
            for (var i = 0; i < parameterNames.Length; i++)
            {
                _parameters[i] = Command.Parameters.Add(parameterNames[i], SqliteType.Text);
                _parameters[i].Value = DBNull.Value;
            }
        }

        public SqliteCommand Command { get; }

        public Statement Set(int ordinal, string? value)
        {
            var parameter = _parameters[ordinal];
            parameter.SqliteType = SqliteType.Text;
            parameter.Value = (object?)value ?? DBNull.Value;
            return this;
        }

        public Statement Set(int ordinal, long? value)
        {
            var parameter = _parameters[ordinal];
            parameter.SqliteType = SqliteType.Integer;
            parameter.Value = value is { } v ? v : DBNull.Value;
            return this;
        }

        public void Dispose() => Command.Dispose();
    }
}
