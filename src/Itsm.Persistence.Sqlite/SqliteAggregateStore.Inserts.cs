using System;
using System.Collections.Generic;
using Itsm.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Itsm.Persistence.Sqlite;

// The write path of a unit that only creates records (a host's batch of new records, such as a history
// import's batch of tickets): the same rows, checks and errors as RecordWriter, with fewer statements
// and no per-row allocation. Measured in benchmarks/README.md, "History import".
public sealed partial class SqliteAggregateStore
{
    /// <summary>
    /// Whether <see cref="InsertNewRecords"/> writes the unit: several writes, each creating its record. A unit of
    /// one write, or one that updates a record, takes <see cref="RecordWriter"/>.
    /// </summary>
    private static bool CreatesRecordsOnly(UnitOfWork work)
    {
        if (work.Writes.Count < 2)
        {
            return false;
        }

        foreach (var write in work.Writes)
        {
            if (write.ExpectedVersion != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Inserts the unit's records and their audit rows from feed position <paramref name="position"/>, inside the
    /// caller's transaction, leaving <paramref name="position"/> at the next free one; returns the number each
    /// record got. A record that exists (or whose audit rows exist)
    /// throws the <see cref="ConcurrencyException"/> <see cref="RecordWriter"/> throws, having possibly written the
    /// records before it: the caller rolls back, as for any unit error.
    /// </summary>
    private static long[] InsertNewRecords(SqliteConnection connection, UnitOfWork work, PreparedWrite[] prepared, ref long position)
    {
        using var inserter = new NewRecordInserter(connection);
        var numbers = new long[work.Writes.Count];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = inserter.Insert(work.Writes[i], prepared[i], ref position);
        }

        return numbers;
    }

    /// <summary>
    /// SQLite's own prepared statements, each bound by position and rebound only where a value changes (a bound
    /// value survives <c>sqlite3_reset</c>): Microsoft.Data.Sqlite looks every parameter up by name, converts every
    /// value and allocates a reader on every execution, which cost more than the rows themselves here. Text is
    /// bound through the same SQLitePCL call Microsoft.Data.Sqlite uses, so the stored bytes are the same.
    /// </summary>
    /// <remarks>
    /// The statements run with the connection's triggers off while the append-only guards are the file's only
    /// triggers (SqliteAggregateStore.GuardTriggers.cs says why that is safe): the unique keys refuse what the
    /// guards would, as a constraint error.
    /// The version check of <see cref="RecordWriter"/> (a read per record) is the insert itself: the records' primary
    /// key refuses an existing record, and only then is its version read, for the exception. The next number of
    /// each record type is read once and counted on, under the same write lock that makes it safe to read once.
    /// </remarks>
    private sealed class NewRecordInserter : IDisposable
    {
        private const string RecordSql = """
            INSERT INTO records (tenant, record_type, record_id, version, state, state_name, is_open, service, assignment_group, priority, opened_at, sla_due_at, number)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            """;

        private const string AuditSql = """
            INSERT INTO audit (tenant, record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data, position)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """;

        private readonly SqliteConnection _connection;
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _record;
        private readonly sqlite3_stmt _audit;
        private readonly string?[] _recordText = new string?[14];
        private readonly string?[] _auditText = new string?[13];

        // The UTF-8 of the text being bound: SQLite copies it (SQLITE_TRANSIENT), so one buffer serves every bind.
        private byte[] _utf8 = new byte[1024];
        private readonly List<(string Type, long Next)> _numbers = new(1);

        // Whether this inserter turned the connection's triggers off (SqliteAggregateStore.GuardTriggers.cs).
        private bool _triggersOff;

        public NewRecordInserter(SqliteConnection connection)
        {
            _connection = connection;
            _db = connection.Handle!;
            _triggersOff = TriggersOffIfOnlyGuards(connection);
            try
            {
                _record = Prepare(RecordSql);
                _audit = Prepare(AuditSql);
            }
            catch
            {
                _record?.Dispose(); // null when its own preparation failed
                RestoreTriggers();
                throw;
            }
        }

        /// <summary>Inserts one new record and its audit rows; returns its number and moves <paramref name="position"/> past its rows.</summary>
        public long Insert(AggregateWrite write, PreparedWrite rows, ref long position)
        {
            var number = NextNumber(write.Tenant, write.RecordType);
            try
            {
                Text(_record, _recordText, 1, write.Tenant.Value);
                Text(_record, _recordText, 2, write.RecordType);
                Text(_record, _recordText, 3, write.RecordId);
                Check(raw.sqlite3_bind_int64(_record, 4, write.NewVersion));
                Text(_record, _recordText, 5, write.State);
                Text(_record, _recordText, 6, write.Index.State);
                Check(raw.sqlite3_bind_int64(_record, 7, write.Index.IsOpen ? 1L : 0L));
                Text(_record, _recordText, 8, write.Index.Service);
                Text(_record, _recordText, 9, write.Index.AssignmentGroup);
                Integer(_record, 10, write.Index.Priority);
                Check(raw.sqlite3_bind_int64(_record, 11, rows.OpenedAt));
                Integer(_record, 12, rows.SlaDueAt);
                Check(raw.sqlite3_bind_int64(_record, 13, number));
                Step(_record);

                Text(_audit, _auditText, 1, write.Tenant.Value);
                Text(_audit, _auditText, 2, write.RecordType);
                Text(_audit, _auditText, 3, write.RecordId);
                for (var i = 0; i < write.AuditEntries.Count; i++)
                {
                    var entry = write.AuditEntries[i];
                    Check(raw.sqlite3_bind_int64(_audit, 4, write.ExpectedVersion + i + 1)); // the store numbers the entries
                    Check(raw.sqlite3_bind_int64(_audit, 5, rows.At[i]));
                    Text(_audit, _auditText, 6, entry.Actor.Id);
                    Text(_audit, _auditText, 7, rows.Roles[i]);
                    Text(_audit, _auditText, 8, entry.Command);
                    Text(_audit, _auditText, 9, entry.FromState);
                    Text(_audit, _auditText, 10, entry.ToState);
                    Text(_audit, _auditText, 11, rows.Data[i]);
                    Check(raw.sqlite3_bind_int64(_audit, 12, position++));
                    Step(_audit);
                }
            }
            catch (SqliteException e) when (IsKeyViolation(e) || IsAuditKeyTaken(e))
            {
                // The record exists (its key refused the insert), or audit rows of it exist that no record accounts
                // for: RecordWriter's conflict, with the version it would have read first.
                throw new ConcurrencyException(write.Tenant, write.RecordType, write.RecordId, 0, StoredVersion(write));
            }

            return number;
        }

        public void Dispose()
        {
            _record.Dispose();
            _audit.Dispose();
            RestoreTriggers();
        }

        // The connection goes back to the pool: it must have its triggers again, whatever happened.
        private void RestoreTriggers()
        {
            if (_triggersOff)
            {
                _triggersOff = false;
                SetTriggers(_db, enabled: true);
            }
        }

        private sqlite3_stmt Prepare(string sql)
        {
            var rc = raw.sqlite3_prepare_v2(_db, sql, out var statement);
            if (rc != raw.SQLITE_OK || statement is null)
            {
                statement?.Dispose();
                SqliteException.ThrowExceptionForRC(rc, _db);
                throw new SqliteException($"SQLite prepared no statement (result {rc}).", rc);
            }

            return statement;
        }

        /// <summary>Binds text at a position unless the same string is bound there already; null binds NULL.</summary>
        private void Text(sqlite3_stmt statement, string?[] bound, int index, string? value)
        {
            if (value is not null && ReferenceEquals(bound[index], value))
            {
                return;
            }

            bound[index] = null; // until the bind succeeded
            Check(value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text(statement, index, Utf8(value)));
            bound[index] = value;
        }

        /// <summary>
        /// The text's UTF-8, as SQLitePCL's string overload encodes it (<see cref="System.Text.Encoding.UTF8"/>, so the
        /// stored bytes are the same), in the reused buffer instead of a new array per bind.
        /// </summary>
        private ReadOnlySpan<byte> Utf8(string value)
        {
            int max = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
            if (_utf8.Length < max)
            {
                _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
            }

            return _utf8.AsSpan(0, System.Text.Encoding.UTF8.GetBytes(value, _utf8));
        }

        private void Integer(sqlite3_stmt statement, int index, long? value) =>
            Check(value is { } v ? raw.sqlite3_bind_int64(statement, index, v) : raw.sqlite3_bind_null(statement, index));

        private void Step(sqlite3_stmt statement)
        {
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_DONE)
            {
                raw.sqlite3_reset(statement);
                return;
            }

            try
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
                throw new SqliteException($"An INSERT returned SQLite result {rc} instead of SQLITE_DONE.", rc);
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
        }

        private void Check(int rc) => ThrowIfFailed(_db, rc);

        private long NextNumber(TenantId tenant, string recordType)
        {
            for (var i = 0; i < _numbers.Count; i++)
            {
                if (string.Equals(_numbers[i].Type, recordType, StringComparison.Ordinal))
                {
                    var next = _numbers[i].Next;
                    _numbers[i] = (recordType, next + 1);
                    return next;
                }
            }

            using var command = _connection.CreateCommand();
            command.CommandText = NextNumberSql;
            Add(command, "$tenant", tenant.Value);
            Add(command, "$type", recordType);
            var first = (long)command.ExecuteScalar()!;
            _numbers.Add((recordType, first + 1));
            return first;
        }

        private long StoredVersion(AggregateWrite write)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT version FROM records WHERE tenant = $tenant AND record_type = $type AND record_id = $id";
            AddKey(command, write.Tenant, write.RecordType, write.RecordId);
            return command.ExecuteScalar() is long stored ? stored : 0;
        }
    }
}
