using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Itsm.Persistence.Sqlite;

/// <summary>
/// The embedded default store: records, the append-only audit log and idempotency keys in one SQLite
/// file, through Microsoft.Data.Sqlite. It honours the whole <see cref="IAggregateStore"/> contract.
/// </summary>
/// <remarks>
/// <para>
/// The schema is created, or migrated to <see cref="SqliteSchema.LatestVersion"/>, on the first call
/// (once per store instance); the constructor does not touch the file. Every call opens its own
/// connection from Microsoft.Data.Sqlite's pool and sets <c>busy_timeout</c>, <c>journal_mode = WAL</c>
/// and <c>synchronous</c> on it. Every write runs in one <c>BEGIN IMMEDIATE</c> transaction, so a save
/// takes the database's write lock before it reads the version it checks: saves of this and of other
/// processes are serialised by SQLite, readers are never blocked (WAL), and nothing is half-written.
/// </para>
/// <para>
/// The store is safe to use from many threads and from many processes on the same file. Microsoft.Data.Sqlite
/// is synchronous, so the returned tasks complete before the methods return; a call may block its thread
/// for up to <see cref="SqliteStoreOptions.BusyTimeout"/> while another connection holds the write lock.
/// </para>
/// <para>
/// Instants are stored as 64-bit nanoseconds since 1970, so they round-trip exactly from
/// 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z; a save carrying an instant outside
/// that range throws <see cref="ArgumentOutOfRangeException"/> naming the field, and writes nothing.
/// </para>
/// </remarks>
public sealed class SqliteAggregateStore : IAggregateStore
{
    private const string RecordColumns = "record_type, record_id, version, state_name, is_open, service, assignment_group, priority, opened_at, sla_due_at";
    private const string AuditColumns = "record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data";

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

    private readonly string _path;
    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly Duration _busyTimeout;
    private readonly object _schemaGate = new();

    // The writers of one process queue on one gate per database file instead of in SQLite's busy
    // handler, whose sleeps (1 ms growing to 100 ms) leave the write lock idle between commits:
    // measured in benchmarks/README.md. Writers in other processes still meet in the busy handler.
    private static readonly ConcurrentDictionary<string, object> WriteGates = new(StringComparer.Ordinal);
    private readonly object _writeGate;
    private volatile bool _schemaReady;

    /// <summary>Creates a store over the database file the options name. The file is not opened until the first call.</summary>
    /// <param name="options">The options; copied, so later changes to them do not affect the store.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem <see cref="SqliteStoreOptions.Validate"/> found.</exception>
    public SqliteAggregateStore(SqliteStoreOptions options)
    {
        Guard.Against.Null(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("The SQLite store options are not valid: " + string.Join(" ", errors), nameof(options));
        }

        _path = Path.GetFullPath(options.Path);
        _busyTimeout = options.BusyTimeout;
        _writeGate = WriteGates.GetOrAdd(_path, static _ => new object());
        var busyMilliseconds = (int)Math.Clamp(Math.Ceiling(options.BusyTimeout.TotalMilliseconds), 1, int.MaxValue);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Microsoft.Data.Sqlite's own retry loop on SQLITE_BUSY, in whole seconds; SQLite's
            // busy_timeout below does the precise waiting.
            DefaultTimeout = (int)Math.Max(1, Math.Ceiling(busyMilliseconds / 1000.0)),
        }.ToString();

        // PRAGMAs take no bound parameters; both values are validated numbers or keywords, not input text.
        _connectionPragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = {(options.Synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL")};");
    }

    /// <summary>The full path of the database file.</summary>
    internal string DatabasePath => _path;

    /// <inheritdoc />
    public Task<StoredAggregate?> LoadAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckKey(tenant, recordType, recordId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            EnsureSchema();
            using var connection = OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT version, state, " + RecordColumns + " FROM records WHERE tenant = $tenant AND record_type = $type AND record_id = $id";
            AddKey(command, tenant, recordType, recordId);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return Task.FromResult<StoredAggregate?>(null);
            }

            var version = reader.GetInt64(0);
            var state = reader.GetString(1);
            return Task.FromResult<StoredAggregate?>(new StoredAggregate(tenant, recordType, recordId, version, state, ReadIndex(reader, 5)));
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

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

    /// <inheritdoc />
    public Task<IdempotencyRecord?> FindIdempotencyKeyAsync(TenantId tenant, string key, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        Guard.Against.NullOrWhiteSpace(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            EnsureSchema();
            using var connection = OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT fingerprint, record_type, record_id, version FROM idempotency WHERE tenant = $tenant AND key = $key";
            Add(command, "$tenant", tenant.Value);
            Add(command, "$key", key);
            using var reader = command.ExecuteReader();
            return Task.FromResult(reader.Read()
                ? new IdempotencyRecord(key, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3))
                : null);
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RecordSummary>> QueryAsync(TenantId tenant, RecordQuery query, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckQuery(query);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            EnsureSchema();
            using var connection = OpenConnection();
            using var command = connection.CreateCommand();

            // Fixed fragments only; every value is a parameter.
            var sql = new System.Text.StringBuilder("SELECT " + RecordColumns + " FROM records WHERE tenant = $tenant");
            Add(command, "$tenant", tenant.Value);
            if (query.RecordType is { } recordType)
            {
                sql.Append(" AND record_type = $type");
                Add(command, "$type", recordType);
            }

            if (query.State is { } state)
            {
                sql.Append(" AND state_name = $state");
                Add(command, "$state", state);
            }

            if (query.Service is { } service)
            {
                sql.Append(" AND service = $service");
                Add(command, "$service", service);
            }

            if (query.AssignmentGroup is { } group)
            {
                sql.Append(" AND assignment_group = $group");
                Add(command, "$group", group);
            }

            if (query.OpenOnly)
            {
                sql.Append(" AND is_open = 1");
            }

            if (query.WithSlaDueOnly || query.SlaDueBefore.HasValue)
            {
                sql.Append(" AND sla_due_at IS NOT NULL");
            }

            if (query.SlaDueBefore is { } before)
            {
                if (before <= Nanoseconds.Min)
                {
                    return Task.FromResult<IReadOnlyList<RecordSummary>>([]); // no storable instant is earlier
                }

                if (before <= Nanoseconds.Max)
                {
                    sql.Append(" AND sla_due_at < $before");
                    Add(command, "$before", Nanoseconds.FromStorable(before));
                }

                // Later than every storable instant: every due instant is before it.
            }

            sql.Append(" ORDER BY opened_at, record_type, record_id");
            command.CommandText = sql.ToString();

            var limit = query.Limit;
            var rows = new List<RecordSummary>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var index = ReadIndex(reader, 3);

                    // SQLite orders text by UTF-8 bytes, .NET's ordinal order by UTF-16 units; they differ only
                    // for some characters, so read every row tied on opened_at with the last one kept, then
                    // sort ordinally in memory before applying the limit.
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

            return Task.FromResult<IReadOnlyList<RecordSummary>>(rows);
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="CorruptRecordException">An audit row's actor or data is not the JSON the store writes.</exception>
    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(TenantId tenant, Interval period, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        StoreArguments.CheckPeriod(period);
        cancellationToken.ThrowIfCancellationRequested();
        if (period.Start > Nanoseconds.Max || period.End <= Nanoseconds.Min || period.End <= period.Start)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>([]);
        }

        try
        {
            EnsureSchema();
            using var connection = OpenConnection();
            using var command = connection.CreateCommand();
            var sql = "SELECT " + AuditColumns + " FROM audit WHERE tenant = $tenant AND at >= $from";
            Add(command, "$tenant", tenant.Value);
            Add(command, "$from", period.Start < Nanoseconds.Min ? long.MinValue : Nanoseconds.FromStorable(period.Start));
            if (period.End <= Nanoseconds.Max)
            {
                sql += " AND at < $to";
                Add(command, "$to", Nanoseconds.FromStorable(period.End));
            }

            command.CommandText = sql + " ORDER BY at, record_type, record_id, version";
            var entries = ReadAuditRows(command, tenant);
            entries.Sort(AuditOrder); // ordinal order of ties (see QueryAsync)
            return Task.FromResult<IReadOnlyList<AuditEntry>>(entries);
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="CorruptRecordException">An audit row's actor or data is not the JSON the store writes.</exception>
    public Task<IReadOnlyList<AuditEntry>> ReadHistoryAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckKey(tenant, recordType, recordId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            EnsureSchema();
            using var connection = OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT " + AuditColumns + " FROM audit WHERE tenant = $tenant AND record_type = $type AND record_id = $id ORDER BY version";
            AddKey(command, tenant, recordType, recordId);
            return Task.FromResult<IReadOnlyList<AuditEntry>>(ReadAuditRows(command, tenant));
        }
        catch (SqliteException e)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Opens a pooled connection with the store's pragmas set (busy timeout, WAL, synchronous).</summary>
    internal SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = _connectionPragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closes the idle pooled connections to this store's file (tests use it before deleting the file).</summary>
    internal void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
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
        catch (SqliteException e) when (IsKeyViolation(e))
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

    private void EnsureSchema()
    {
        if (_schemaReady)
        {
            return;
        }

        lock (_schemaGate)
        {
            if (_schemaReady)
            {
                return;
            }

            // Opening the file may convert it to WAL, and migrating writes: refuse a read-only file first.
            EnsureWritable();
            using var connection = OpenConnection();
            var latest = SqliteSchema.LatestVersion;
            var version = ReadSchemaVersion(connection);
            if (version < latest)
            {
                // Several stores (or processes) may open a new file at once: take the write lock, then look
                // again, so exactly one of them migrates and the others find the work done.
                using var transaction = connection.BeginTransaction(deferred: false);
                version = ReadSchemaVersion(connection);
                if (version < latest)
                {
                    Execute(connection, "CREATE TABLE IF NOT EXISTS " + SqliteSchema.MigrationsTable + " (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
                    foreach (var migration in SqliteSchema.Migrations)
                    {
                        if (migration.Version <= version)
                        {
                            continue;
                        }

                        foreach (var statement in migration.Statements)
                        {
                            Execute(connection, statement);
                        }

                        using var applied = connection.CreateCommand();
                        applied.CommandText = "INSERT INTO " + SqliteSchema.MigrationsTable + " (version, name, applied_at) VALUES ($version, $name, CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) * 1000000)";
                        Add(applied, "$version", (long)migration.Version);
                        Add(applied, "$name", migration.Name);
                        applied.ExecuteNonQuery();
                    }

                    transaction.Commit();
                    version = latest;
                }
            }

            if (version > latest)
            {
                throw new StoreUnavailableException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The SQLite store '{_path}' cannot be used: its schema is at version {version}, newer than version {latest} that this release of Itsm.Persistence.Sqlite understands. Upgrade the package; nothing was written."));
            }

            _schemaReady = true;
        }
    }

    private static long ReadSchemaVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + SqliteSchema.MigrationsTable + "'";
        if ((long)command.ExecuteScalar()! == 0)
        {
            return 0;
        }

        command.CommandText = "SELECT coalesce(max(version), 0) FROM " + SqliteSchema.MigrationsTable;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Refuses a file that cannot be written. SQLite reports SQLITE_READONLY when the operating system
    /// refuses, but a process running as root ignores permission bits, so the bits are checked here too.
    /// </summary>
    private void EnsureWritable()
    {
        bool readOnly;
        try
        {
            if (!File.Exists(_path))
            {
                return;
            }

            readOnly = (File.GetAttributes(_path) & FileAttributes.ReadOnly) != 0;
            if (!readOnly && !OperatingSystem.IsWindows())
            {
                const UnixFileMode anyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
                readOnly = (File.GetUnixFileMode(_path) & anyWrite) == 0;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"The SQLite store '{_path}' cannot be used: its file cannot be inspected ({e.Message}). Nothing was written.", e);
        }

        if (readOnly)
        {
            throw new StoreUnavailableException($"The SQLite store '{_path}' cannot be used: the file is read-only, and the store needs to write to it. Nothing was written.");
        }
    }

    private StoreUnavailableException Unavailable(SqliteException e)
    {
        var reason = e.SqliteErrorCode switch
        {
            3 => "SQLite was refused access to it (SQLITE_PERM).",
            5 or 6 => string.Create(CultureInfo.InvariantCulture, $"another connection kept it locked for longer than the busy timeout ({_busyTimeout.TotalMilliseconds} ms). Nothing was written; retry later."),
            8 => "the database is read-only (SQLITE_READONLY). Nothing was written.",
            10 => $"a disk I/O error occurred ({e.Message}).",
            11 => "the database file is malformed (SQLITE_CORRUPT); restore it from a backup.",
            13 => "the disk is full (SQLITE_FULL). Nothing was written.",
            14 => "the file cannot be opened (SQLITE_CANTOPEN); check that its directory exists and is writable.",
            26 => "the file is not a SQLite database (SQLITE_NOTADB). It was left unchanged.",
            _ => string.Create(CultureInfo.InvariantCulture, $"SQLite error {e.SqliteErrorCode}: {e.Message}"),
        };
        return new StoreUnavailableException($"The SQLite store '{_path}' cannot be used: {reason}", e);
    }

    private static bool IsKeyViolation(SqliteException e) =>
        e.SqliteErrorCode == 19 && (e.SqliteExtendedErrorCode is 1555 or 2067); // SQLITE_CONSTRAINT_PRIMARYKEY, _UNIQUE

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void AddKey(SqliteCommand command, TenantId tenant, string recordType, string recordId)
    {
        Add(command, "$tenant", tenant.Value);
        Add(command, "$type", recordType);
        Add(command, "$id", recordId);
    }

    private static void Add(SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    private static RecordIndex ReadIndex(SqliteDataReader reader, int first) =>
        new(
            State: reader.GetString(first),
            IsOpen: reader.GetInt64(first + 1) != 0,
            Service: reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2),
            AssignmentGroup: reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
            Priority: reader.IsDBNull(first + 4) ? null : reader.GetInt32(first + 4),
            OpenedAt: Nanoseconds.ToInstant(reader.GetInt64(first + 5)),
            SlaDueAt: reader.IsDBNull(first + 6) ? null : Nanoseconds.ToInstant(reader.GetInt64(first + 6)));

    private static List<AuditEntry> ReadAuditRows(SqliteCommand command, TenantId tenant)
    {
        var entries = new List<AuditEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
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
