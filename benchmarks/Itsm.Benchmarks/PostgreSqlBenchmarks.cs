using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Persistence.PostgreSql;
using Itsm.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;
using NodaTime;
using Itsm.Services;

namespace Itsm.Benchmarks;

/// <summary>
/// Commands persisted per second in PostgreSQL, beside SQLite with <c>synchronous = NORMAL</c> and the
/// in-memory baseline: one <c>engine.Incidents.ExecuteAsync</c> (load, authorize, <see cref="Incident.Assign"/>,
/// save state, index and audit entry in one transaction with the version check), as in
/// <see cref="PersistenceBenchmarks"/>.
/// </summary>
/// <remarks>
/// <para>The server is the one <c>ITSM_POSTGRES_CONNECTION</c> names (for a throwaway one:
/// <c>eval "$(build/postgres.sh start)"; export ITSM_POSTGRES_CONNECTION</c>); the setup fails with that advice
/// when it is not set. Each case gets a new schema (dropped afterwards), and PostgreSQL keeps its durability
/// defaults (<c>fsync</c>, <c>synchronous_commit = on</c>), so a commit waits for its WAL flush: on one
/// writer the time is mostly that flush and the round trips; 4 writers on 4 incidents overlap them (PostgreSQL
/// writers do not share a lock, unlike SQLite's).</para>
/// <para>Every invocation runs <see cref="Commands"/> commands split evenly over <see cref="Writers"/> writers,
/// each on its own incident; the time is per command (<c>OperationsPerInvoke</c>), so 1 / Mean is commands
/// persisted per second, all writers together. The setup checks that the three stores give the same record.</para>
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class PostgreSqlBenchmarks
{
    /// <summary>The commands of one invocation, over all writers.</summary>
    public const int Commands = 64;

    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("bob", "itil");
    private static readonly IClock Clock = new FixedClock(Instant.FromUtc(2026, 3, 10, 14, 30));

    private string _directory = null!;
    private string _connection = null!;
    private PostgreSqlAggregateStore _postgres = null!;
    private ItsmEngine _inMemory = null!;
    private ItsmEngine _sqlite = null!;
    private SqliteAggregateStore _sqliteStore = null!;
    private ItsmEngine _postgreSql = null!;
    private IncidentId[] _inMemoryIds = null!;
    private IncidentId[] _sqliteIds = null!;
    private IncidentId[] _postgreSqlIds = null!;
    private long _sequence;

    /// <summary>Concurrent writers, each on its own incident: 1 or 4.</summary>
    [Params(1, 4)]
    public int Writers { get; set; }

    /// <summary>Creates the stores and one incident per writer in each, and checks that they agree.</summary>
    /// <exception cref="InvalidOperationException"><c>ITSM_POSTGRES_CONNECTION</c> is not set, or the stores disagree.</exception>
    [GlobalSetup]
    public void Setup()
    {
        _connection = Environment.GetEnvironmentVariable("ITSM_POSTGRES_CONNECTION") is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                "Set ITSM_POSTGRES_CONNECTION to a PostgreSQL database whose user may create schemas; for a throwaway server run "
                + "eval \"$(build/postgres.sh start)\"; export ITSM_POSTGRES_CONNECTION (and build/postgres.sh stop afterwards).");

        ThreadPool.GetMinThreads(out var workers, out var completion);
        ThreadPool.SetMinThreads(Math.Max(workers, Writers + 2), completion);

        _directory = Directory.CreateTempSubdirectory("itsm-bench-").FullName;
        _postgres = new PostgreSqlAggregateStore(new PostgreSqlStoreOptions
        {
            ConnectionString = _connection,
            Schema = "bench_" + Guid.NewGuid().ToString("N"),
        });
        _inMemory = Engine(new InMemoryAggregateStore());
        _sqliteStore = new SqliteAggregateStore(new SqliteStoreOptions { Path = Path.Combine(_directory, "normal.db"), Synchronous = SqliteSynchronous.Normal });
        _sqlite = Engine(_sqliteStore);
        _postgreSql = Engine(_postgres);
        _inMemoryIds = Open(_inMemory);
        _sqliteIds = Open(_sqlite);
        _postgreSqlIds = Open(_postgreSql);
        Verify();
    }

    /// <summary>Starts the in-memory baseline on a new store before each iteration (see <see cref="PersistenceBenchmarks.NewInMemoryStore"/>).</summary>
    [IterationSetup(Target = nameof(InMemory))]
    public void NewInMemoryStore()
    {
        _inMemory = Engine(new InMemoryAggregateStore());
        _inMemoryIds = Open(_inMemory);
    }

    /// <summary>Drops the PostgreSQL schema, closes the pools and deletes the SQLite file.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        var schema = _postgres.Schema;
        _postgres.Dispose();
        using (var dataSource = NpgsqlDataSource.Create(_connection))
        using (var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"))
        {
            drop.ExecuteNonQuery();
        }

        _sqliteStore.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The baseline: commands persisted in <see cref="InMemoryAggregateStore"/>.</summary>
    /// <returns>The sum of the versions the commands reached.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Commands)]
    public long InMemory() => Run(_inMemory, _inMemoryIds);

    /// <summary>Commands persisted in SQLite with <c>synchronous = NORMAL</c>.</summary>
    /// <returns>The sum of the versions the commands reached.</returns>
    [Benchmark(OperationsPerInvoke = Commands)]
    public long SqliteNormal() => Run(_sqlite, _sqliteIds);

    /// <summary>Commands persisted in PostgreSQL (server defaults: every commit flushed).</summary>
    /// <returns>The sum of the versions the commands reached.</returns>
    [Benchmark(OperationsPerInvoke = Commands)]
    public long PostgreSql() => Run(_postgreSql, _postgreSqlIds);

    private long Run(ItsmEngine engine, IncidentId[] ids)
    {
        var perWriter = Commands / ids.Length;
        var first = Interlocked.Add(ref _sequence, Commands) - Commands;
        if (ids.Length == 1)
        {
            return Write(engine, ids[0], first, perWriter);
        }

        long total = 0;
        Parallel.For(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = ids.Length }, w =>
            Interlocked.Add(ref total, Write(engine, ids[w], first + (w * perWriter), perWriter)));
        return total;
    }

    private static long Write(ItsmEngine engine, IncidentId id, long first, int count)
    {
        long versions = 0;
        for (var i = 0; i < count; i++)
        {
            var assignee = (first + i) % 2 == 0 ? "alice" : "bob";
            var result = engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("ServiceDesk"), assignee))
                .GetAwaiter().GetResult();
            versions += result.Version;
        }

        return versions;
    }

    private static ItsmEngine Engine(IAggregateStore store) => new(store, ItsmAuthorizers.AllowAll, Clock);

    private IncidentId[] Open(ItsmEngine engine)
    {
        var ids = new IncidentId[Writers];
        for (var w = 0; w < ids.Length; w++)
        {
            var id = new IncidentId(new Guid(string.Create(CultureInfo.InvariantCulture, $"6a1d9b0f-4d2c-4e68-8b66-{w:D12}")));
            ids[w] = id;
            engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("alice", "E-mail is down", Impact.Medium, Urgency.Medium))
                .GetAwaiter().GetResult();
            engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("ServiceDesk"), "bob")).GetAwaiter().GetResult();
        }

        return ids;
    }

    private void Verify()
    {
        var inMemory = Run(_inMemory, _inMemoryIds);
        _sequence -= Commands;
        var sqlite = Run(_sqlite, _sqliteIds);
        _sequence -= Commands;
        var postgreSql = Run(_postgreSql, _postgreSqlIds);
        if (inMemory != sqlite || inMemory != postgreSql)
        {
            throw new InvalidOperationException($"The stores reached different versions: in memory {inMemory}, SQLite {sqlite}, PostgreSQL {postgreSql}.");
        }

        for (var w = 0; w < Writers; w++)
        {
            var expected = Describe(_inMemory.Incidents.GetAsync(Tenant, _inMemoryIds[w], Agent).GetAwaiter().GetResult());
            var actual = Describe(_postgreSql.Incidents.GetAsync(Tenant, _postgreSqlIds[w], Agent).GetAwaiter().GetResult());
            if (actual != expected)
            {
                throw new InvalidOperationException($"PostgreSQL disagrees with the in-memory store on writer {w}'s incident: {actual} vs {expected}.");
            }
        }
    }

    private static string Describe(Incident incident) =>
        string.Create(CultureInfo.InvariantCulture, $"{incident.Id} v{incident.Version} {incident.State} {incident.AssignmentGroup}/{incident.AssignedTo} P{incident.Priority.Value}");

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
