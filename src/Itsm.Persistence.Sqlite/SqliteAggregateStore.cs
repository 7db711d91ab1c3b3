using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using Ardalis.GuardClauses;
using Itsm.Common;
using Microsoft.Data.Sqlite;
using NodaTime;
using SQLitePCL;

namespace Itsm.Persistence.Sqlite;

/// <summary>
/// The embedded default store: records, the append-only audit log (which is also the event feed),
/// idempotency keys, feed checkpoints, parked events and reservations in one SQLite file, through
/// Microsoft.Data.Sqlite. It honours the whole <see cref="IAggregateStore"/> contract.
/// </summary>
/// <remarks>
/// <para>
/// The schema is created, or migrated to <see cref="SqliteSchema.LatestVersion"/>, on the first call
/// (once per store instance); the constructor does not touch the file. Commits run on one connection
/// the store keeps open, and loads of records on a few kept read connections, each with its statements
/// prepared once; the other calls open a connection from Microsoft.Data.Sqlite's pool. Dispose the
/// store to close the kept connections (see <see cref="Dispose"/>). <c>busy_timeout</c>, <c>journal_mode = WAL</c>
/// and <c>synchronous</c> are set on each native connection before its first use. Every write runs in one <c>BEGIN IMMEDIATE</c> transaction, so a save
/// takes the database's write lock before it reads the version it checks: saves of this and of other
/// processes are serialised by SQLite, readers are never blocked (WAL), and nothing is half-written.
/// The same lock makes the event feed's positions follow commit order: a commit reads its tenant's
/// last position and numbers its audit rows after it while no other writer can commit, so readers
/// only ever see a gapless prefix of the feed.
/// </para>
/// <para>
/// The store is safe to use from many threads and from many processes on the same file. Microsoft.Data.Sqlite
/// is synchronous, so the returned tasks complete before the methods return, except those of saves that
/// queue behind a commit in progress (<see cref="SqliteStoreOptions.GroupCommit"/>: they commit together
/// in the next transaction); a call may block its thread for up to <see cref="SqliteStoreOptions.BusyTimeout"/>
/// while another connection holds the write lock.
/// </para>
/// <para>
/// Instants are stored as 64-bit nanoseconds since 1970, so they round-trip exactly from
/// 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z; a save carrying an instant outside
/// that range throws <see cref="ArgumentOutOfRangeException"/> naming the field, and writes nothing.
/// </para>
/// </remarks>
public sealed partial class SqliteAggregateStore : IAggregateStore
{
    // The store's db.system on its activities and metrics, as OpenTelemetry's semantic conventions name it.
    private const string DbSystem = "sqlite";

    private readonly string _path;

    // How much of the path a message quotes: a path is the caller's text, and no message may be unbounded.
    private const int PathQuoted = 256;
    private readonly string _connectionString;

    // The background checkpoint's connection opens the file without creating it: a checkpoint that runs after the file
    // was deleted must not leave a new, empty database behind.
    private readonly string _checkpointConnectionString;
    private readonly string _connectionPragmas;
    private readonly Duration _busyTimeout;
    private readonly object _schemaGate = new();

    // The writers of one process queue on one gate per database file instead of in SQLite's busy
    // handler, whose sleeps (1 ms growing to 100 ms) leave the write lock idle between commits:
    // measured in benchmarks/README.md. Writers in other processes still meet in the busy handler.
    private static readonly ConcurrentDictionary<string, object> WriteGates = new(StringComparer.Ordinal);

    // The pragmas last run on each native connection (OpenConnection); an entry goes when its connection is closed for good.
    private static readonly ConditionalWeakTable<sqlite3, string> ConfiguredConnections = new();
    private readonly object _writeGate;
    private readonly CommitQueue? _commitQueue;
    private readonly WalCheckpointer? _checkpointer;
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
        _checkpointConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString();

        // PRAGMAs take no bound parameters; every value is a validated number or keyword, not input text.
        _connectionPragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = {(options.Synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL")}; PRAGMA wal_autocheckpoint = {(options.BackgroundCheckpoints ? BackstopCheckpointPages : BackgroundCheckpointPages)}; PRAGMA cache_size = -{options.PageCacheKibibytes};");
        var settings = _connectionString + "\n" + _connectionPragmas;
        _commitQueue = options.GroupCommit ? QueueFor(settings) : null;
        _checkpointer = options.BackgroundCheckpoints ? Checkpointers.GetOrAdd(settings, static _ => new WalCheckpointer()) : null;
    }

    /// <summary>The full path of the database file.</summary>
    internal string DatabasePath => _path;


    /// <summary>Opens a pooled connection with the store's pragmas set (busy timeout, WAL, synchronous).</summary>
    /// <remarks>
    /// The pragmas are settings of the native connection, which the pool keeps open between uses, so they are
    /// run once per native connection and per set of pragmas (stores over one file with different settings
    /// share a pool: a connection last set up for other pragmas is set up again), not at every open: three
    /// statements prepared and run at every read and every commit were a measurable part of a command's cost.
    /// </remarks>
    internal SqliteConnection OpenConnection() => OpenConnection(_connectionString);

    /// <summary>Opens a pooled connection of <paramref name="connectionString"/> (the store's, or the background checkpoint's) with the store's pragmas set.</summary>
    private SqliteConnection OpenConnection(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            var handle = connection.Handle!;
            if (!ConfiguredConnections.TryGetValue(handle, out var applied) || !string.Equals(applied, _connectionPragmas, StringComparison.Ordinal))
            {
                using var command = connection.CreateCommand();
                command.CommandText = _connectionPragmas;
                command.ExecuteNonQuery();
                ConfiguredConnections.AddOrUpdate(handle, _connectionPragmas);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closes the connections the store keeps and the idle pooled ones to its file (tests use it before deleting the file).</summary>
    internal void ClearPool()
    {
        CloseKeptConnections();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        using var checkpoints = new SqliteConnection(_checkpointConnectionString);
        SqliteConnection.ClearPool(checkpoints);
    }

    private StoreUnavailableException Unavailable(SqliteException e)
    {
        var reason = e.SqliteErrorCode switch
        {
            3 => "SQLite was refused access to it (SQLITE_PERM).",
            5 or 6 => string.Create(CultureInfo.InvariantCulture, $"another connection kept it locked for longer than the busy timeout ({_busyTimeout.TotalMilliseconds} ms). Nothing was written; retry later."),
            8 => "the database is read-only (SQLITE_READONLY). Nothing was written.",
            10 => $"a disk I/O error occurred ({Itsm.Text.QuotedText.Message(e.Message)}).",
            11 => "the database file is malformed (SQLITE_CORRUPT); restore it from a backup.",
            13 => "the disk is full (SQLITE_FULL). Nothing was written.",
            14 => "the file cannot be opened (SQLITE_CANTOPEN); check that its directory exists and is writable.",
            26 => "the file is not a SQLite database (SQLITE_NOTADB). It was left unchanged.",
            _ => string.Create(CultureInfo.InvariantCulture, $"SQLite error {e.SqliteErrorCode}: {Itsm.Text.QuotedText.Message(e.Message)}"),
        };
        return new StoreUnavailableException($"The SQLite store '{Itsm.Text.QuotedText.Of(_path, PathQuoted)}' cannot be used: {reason}", e);
    }

    private static bool IsKeyViolation(SqliteException e) =>
        e.SqliteErrorCode == 19 && (e.SqliteExtendedErrorCode is 1555 or 2067); // SQLITE_CONSTRAINT_PRIMARYKEY, _UNIQUE

    // The audit_no_replace trigger (migration 2, extended by migration 5) refuses an audit insert whose
    // key, feed position or rowid exists before the unique indexes do: the same situation as a key
    // violation, reported by the trigger.
    private static bool IsAuditKeyTaken(SqliteException e) =>
        e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode == 1811 // SQLITE_CONSTRAINT_TRIGGER
        && e.Message.Contains("REPLACE or an upsert of audit rows is not allowed", StringComparison.Ordinal);

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

    /// <summary>Adds a parameter and returns its placeholder, its name (the shared <see cref="ReadSql"/> builds the text).</summary>
    private static string AddParameter(SqliteCommand command, string name, object value)
    {
        Add(command, name, value);
        return name;
    }
}
