using System;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Npgsql;
using NpgsqlTypes;

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
/// A save or unit of work is one READ COMMITTED transaction, sent as one batch (one round trip) from
/// <c>BEGIN</c> to <c>COMMIT</c>. It updates each record <c>WHERE version = expected</c> (or inserts it), in
/// (record type, id) order, takes the reservations' advisory locks in key order and checks and replaces them,
/// and inserts the idempotency key; its last statement moves the tenant's feed head (<c>itsm.feed_heads</c>)
/// by the unit's entry count and inserts the audit rows at the positions below it; the head stays row-locked
/// until the commit, so a tenant's positions are committed, and become visible, in order and without gaps.
/// A stale version fails its statement, and so does a unique violation (23505) on a primary key (a concurrent
/// create, audit rows already numbered so, a racing key): the server skips the rest of the batch, the head and
/// the commit included, and the unit is rolled back and reported as <see cref="ConcurrencyException"/> with
/// the version stored then. A unit that replaces reservations sends the head and the commit in round trips of
/// their own, after the store has judged its reservation check.
/// Saves of one record serialise on its row lock; commits of one tenant serialise on its feed head from their
/// head statement to the end of their commit; different tenants do not wait for each other. With
/// <see cref="PostgreSqlStoreOptions.GroupCommit"/> (the default), units of one tenant that queue in this process
/// while a commit of that tenant runs share one such transaction, each in its own savepoint, so they share the
/// feed head's lock and one WAL flush while each keeps its own checks, result and error; a group whose units
/// each update one existing record with no idempotency key and no reservations (engine commands on tickets)
/// is one statement between <c>BEGIN</c> and <c>COMMIT</c>, which writes the head and audit rows of exactly
/// the units whose version matched. With <see cref="PostgreSqlStoreOptions.GroupLoads"/> (the default), the loads
/// of commands that arrive while another load is on the wire go together in one statement when it returns.
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
public sealed partial class PostgreSqlAggregateStore : IAggregateStore, IAsyncDisposable, IDisposable
{
    // The store's db.system on its activities and metrics, as OpenTelemetry's semantic conventions name it.
    private const string DbSystem = "postgresql";

    // Statements each pooled connection keeps prepared when the connection string does not say (Npgsql's cap is
    // 256): the store's reads and writes, and the savepoints of a group of up to 64 units.
    private const int AutoPrepared = 128;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _name;
    private readonly string _records;
    private readonly string _audit;
    private readonly string _idempotency;
    private readonly string _feedHeads;
    private readonly string _recordNumbers;
    private readonly string _checkpoints;
    private readonly string _parked;
    private readonly string _reservations;
    private readonly int _maxGroupCommitUnits;
    private readonly bool _groupLoads;
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

        // The store leaves no session state behind (no SET, temporary table, LISTEN or session lock), so a pooled
        // connection needs no DISCARD ALL when it is reused; and its statements are few and fixed, so the server
        // parses and plans each once per connection (auto-prepare). A connection string that sets either keeps it
        // (Max Auto Prepare=0 for a pooler in transaction mode that cannot keep prepared statements).
        var given = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
        if (!Sets(given, "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!Sets(given, "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPrepared;
        }

        if (!Sets(given, "AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        _schema = options.Schema;
        _maxGroupCommitUnits = options.GroupCommit ? options.MaxGroupCommitUnits : 0;
        _groupLoads = options.GroupLoads;
        _name = string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}, schema {_schema}");
        _dataSource = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString).EnableArrays().Build();
        var s = PostgreSqlSchema.Quote(_schema);
        _records = s + ".records";
        _audit = s + ".audit";
        _idempotency = s + ".idempotency";
        _feedHeads = s + ".feed_heads";
        _recordNumbers = s + ".record_numbers";
        _checkpoints = s + ".feed_checkpoints";
        _parked = s + ".feed_parked";
        _reservations = s + ".reservations";
    }

    /// <summary>The PostgreSQL schema holding the store's tables.</summary>
    public string Schema => _schema;

    /// <summary>The data source (connection pool) the store uses; for the tests.</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

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

    /// <summary>Whether the connection string names the setting (in any spelling: case and spaces are ignored).</summary>
    private static bool Sets(DbConnectionStringBuilder given, string setting)
    {
        foreach (string key in given.Keys)
        {
            if (string.Equals(key.Replace(" ", string.Empty, StringComparison.Ordinal), setting, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private StoreUnavailableException Unavailable(NpgsqlException e)
    {
        var reason = e switch
        {
            PostgresException { SqlState: "57014" } => "a statement ran longer than the command timeout (or was cancelled by the server). Nothing was written; retry later.",
            PostgresException { SqlState: "28P01" or "28000" } p => $"the server refused the login ({p.SqlState}: {Itsm.Text.QuotedText.Message(p.MessageText)}). Check the user name and password.",
            PostgresException { SqlState: "3D000" } p => $"the database does not exist ({Itsm.Text.QuotedText.Message(p.MessageText)}).",
            PostgresException { SqlState: "42501" } p => $"the role lacks a privilege ({Itsm.Text.QuotedText.Message(p.MessageText)}); see PostgreSqlSchema.Script for the grants the store needs.",
            PostgresException { SqlState: "53300" } => "the server has no connection slot left (too many connections). Nothing was written; retry later.",
            PostgresException { SqlState: "40P01" } => "the transaction was chosen as a deadlock victim. Nothing was written; retry.",
            PostgresException p => $"PostgreSQL error {p.SqlState}: {Itsm.Text.QuotedText.Message(p.MessageText)}",
            { InnerException: TimeoutException } => "the server did not answer in time (connection or command timeout). Nothing was written; retry later.",
            { InnerException: System.Net.Sockets.SocketException socket } => $"the server cannot be reached ({Itsm.Text.QuotedText.Message(socket.Message)}).",
            _ => Itsm.Text.QuotedText.Message(e.Message),
        };
        return new StoreUnavailableException($"The PostgreSQL store '{Itsm.Text.QuotedText.Of(_name, 256)}' cannot be used: {reason}", e);
    }

    /// <summary>
    /// The key of the transaction-scoped advisory lock a save takes on a reserved resource before it checks
    /// overlaps: a 64-bit FNV-1a hash of the schema, tenant and resource (length-prefixed, so no two triples
    /// share an encoding). A collision only makes two unrelated resources wait for each other.
    /// </summary>
    internal static long ReservationLockKey(string schema, string tenant, string resource)
    {
        var hash = 14695981039346656037UL;
        foreach (var part in new[] { "Itsm.Persistence.PostgreSql.Reservation", schema, tenant, resource })
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(part);
            foreach (var b in BitConverter.GetBytes(bytes.Length))
            {
                hash = unchecked((hash ^ b) * 1099511628211UL);
            }

            foreach (var b in bytes)
            {
                hash = unchecked((hash ^ b) * 1099511628211UL);
            }
        }

        return unchecked((long)hash);
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

    /// <summary>Adds a positional parameter and returns its placeholder (the shared <see cref="ReadSql"/> builds the text).</summary>
    private static string AddParameter(NpgsqlParameterCollection parameters, NpgsqlParameter parameter)
    {
        parameters.Add(parameter);
        return string.Create(CultureInfo.InvariantCulture, $"${parameters.Count}");
    }

    private static void AddKey(NpgsqlParameterCollection parameters, TenantId tenant, string recordType, string recordId)
    {
        parameters.Add(Text(tenant.Value));
        parameters.Add(Text(recordType));
        parameters.Add(Text(recordId));
    }
}
