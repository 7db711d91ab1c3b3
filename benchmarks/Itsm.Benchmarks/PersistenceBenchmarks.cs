using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;
using Itsm.Services;

namespace Itsm.Benchmarks;

/// <summary>
/// Commands persisted per second: one <c>engine.Incidents.ExecuteAsync</c> is a whole command as a
/// host runs it (load the record, authorize, run <see cref="Incident.Assign"/>, save state, index and
/// audit entry in one transaction with the version check). The SQLite store with
/// <c>synchronous = FULL</c> (the default: every commit synced to disk) and <c>NORMAL</c> runs beside
/// <see cref="InMemoryAggregateStore"/>, the baseline: the cost of the engine without a database.
/// </summary>
/// <remarks>
/// <para>Every invocation runs <see cref="Commands"/> commands, split evenly over <see cref="Writers"/>
/// concurrent writers (thread-pool threads), each on its own incident, so nothing conflicts; the
/// reported time is per command (<c>OperationsPerInvoke</c>), so 1 / Mean is the commands persisted per
/// second, and with 4 writers it is the throughput of all four together. SQLite serialises writers on
/// its database lock, so more writers overlap loads and serialisation with commits but not commits
/// with each other.</para>
/// <para>Each benchmark case gets a new database file in a temporary directory (deleted afterwards);
/// the file grows by one audit row per command while it runs (the in-memory store starts again every
/// iteration, see <see cref="NewInMemoryStore"/>). Commands alternate the assignee and keep
/// the group, so the stored state keeps its size. The clock is fixed. The setup checks that the three
/// stores give the same record after the same commands. Timings depend on the disk's sync latency
/// (FULL) far more than on the CPU; run on a quiet machine.</para>
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class PersistenceBenchmarks
{
    /// <summary>The commands of one invocation, over all writers.</summary>
    public const int Commands = 64;

    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("bob", "itil");
    private static readonly IClock Clock = new FixedClock(Instant.FromUtc(2026, 3, 10, 14, 30));

    private string _directory = null!;
    private ItsmEngine _inMemory = null!;
    private ItsmEngine _full = null!;
    private ItsmEngine _normal = null!;
    private readonly List<SqliteAggregateStore> _stores = [];
    private IncidentId[] _inMemoryIds = null!;
    private IncidentId[] _fullIds = null!;
    private IncidentId[] _normalIds = null!;
    private long _sequence;

    /// <summary>Concurrent writers, each on its own incident: 1 or 4.</summary>
    [Params(1, 4)]
    public int Writers { get; set; }

    /// <summary>
    /// Creates the stores (the SQLite ones in a new temporary directory) and one incident per writer in
    /// each, and checks that all three stores give the same incident after the same commands.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stores disagree.</exception>
    [GlobalSetup]
    public void Setup()
    {
        // Writers block their threads inside SQLite: have them ready rather than injected one by one.
        ThreadPool.GetMinThreads(out var workers, out var completion);
        ThreadPool.SetMinThreads(Math.Max(workers, Writers + 2), completion);

        _directory = Directory.CreateTempSubdirectory("itsm-bench-").FullName;
        _inMemory = Engine(new InMemoryAggregateStore());
        _full = Engine(Sqlite("full.db", SqliteSynchronous.Full));
        _normal = Engine(Sqlite("normal.db", SqliteSynchronous.Normal));
        _inMemoryIds = Open(_inMemory);
        _fullIds = Open(_full);
        _normalIds = Open(_normal);
        Verify();
    }

    /// <summary>
    /// Starts the in-memory baseline on a new store before each iteration: it keeps every audit entry in
    /// memory, and millions of them would have the baseline time the garbage collector.
    /// </summary>
    [IterationSetup(Target = nameof(InMemory))]
    public void NewInMemoryStore()
    {
        _inMemory = Engine(new InMemoryAggregateStore());
        _inMemoryIds = Open(_inMemory);
    }

    /// <summary>Closes the SQLite connections and deletes the databases.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _stores.ForEach(store => store.Dispose());
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The baseline: commands persisted in <see cref="InMemoryAggregateStore"/>.</summary>
    /// <returns>The sum of the versions the commands reached.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Commands)]
    public long InMemory() => Run(_inMemory, _inMemoryIds);

    /// <summary>Commands persisted in SQLite with <c>synchronous = FULL</c> (the default).</summary>
    /// <returns>The sum of the versions the commands reached.</returns>
    [Benchmark(OperationsPerInvoke = Commands)]
    public long SqliteFull() => Run(_full, _fullIds);

    /// <summary>Commands persisted in SQLite with <c>synchronous = NORMAL</c>.</summary>
    /// <returns>The sum of the versions the commands reached.</returns>
    [Benchmark(OperationsPerInvoke = Commands)]
    public long SqliteNormal() => Run(_normal, _normalIds);

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

    // One writer's commands; the store completes its tasks synchronously, so nothing waits on a context.
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

    private SqliteAggregateStore Sqlite(string file, SqliteSynchronous synchronous)
    {
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = Path.Combine(_directory, file), Synchronous = synchronous });
        _stores.Add(store);
        return store;
    }

    // One incident per writer, opened and assigned (in progress), with fixed ids so every store holds the same.
    private IncidentId[] Open(ItsmEngine engine)
    {
        var ids = new IncidentId[Writers];
        for (var w = 0; w < ids.Length; w++)
        {
            var id = new IncidentId(new Guid(string.Create(CultureInfo.InvariantCulture, $"5f0c8a9e-3c1b-4c57-9a55-{w:D12}")));
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
        var full = Run(_full, _fullIds);
        _sequence -= Commands;
        var normal = Run(_normal, _normalIds);
        if (inMemory != full || inMemory != normal)
        {
            throw new InvalidOperationException($"The stores reached different versions: in memory {inMemory}, SQLite FULL {full}, NORMAL {normal}.");
        }

        for (var w = 0; w < Writers; w++)
        {
            var expected = Describe(_inMemory.Incidents.GetAsync(Tenant, _inMemoryIds[w], Agent).GetAwaiter().GetResult());
            foreach (var (name, engine, ids) in new[] { ("FULL", _full, _fullIds), ("NORMAL", _normal, _normalIds) })
            {
                var actual = Describe(engine.Incidents.GetAsync(Tenant, ids[w], Agent).GetAwaiter().GetResult());
                if (actual != expected)
                {
                    throw new InvalidOperationException($"SQLite {name} disagrees with the in-memory store on writer {w}'s incident: {actual} vs {expected}.");
                }
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
