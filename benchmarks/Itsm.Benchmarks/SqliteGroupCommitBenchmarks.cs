using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;
using Itsm.Services;

namespace Itsm.Benchmarks;

/// <summary>
/// SQLite group commit: commands persisted per second through <see cref="ItsmEngine"/> (load, authorize,
/// <see cref="Incident.Assign"/>, save with the version check and the audit row) with
/// <c>synchronous = FULL</c>, by 1, 4 and 16 concurrent writers, with group commit on
/// (<see cref="SqliteStoreOptions.GroupCommit"/>, the default) beside the baseline with it off (every
/// command its own transaction and its own sync, as before), and beside the physical limit: a loop of a
/// small write and an fsync (<see cref="FileStream.Flush(bool)"/>) on a file in the same directory.
/// </summary>
/// <remarks>
/// <para>Every invocation runs <see cref="Commands"/> commands split evenly over <see cref="Writers"/>
/// asynchronous writers, each on its own incident, so nothing conflicts; the time is per command
/// (<c>OperationsPerInvoke</c>), so 1 / Mean is commands per second for all writers together. The fsync
/// row runs <see cref="Commands"/> write + fsync pairs one after another, whatever the writers: 1 / Mean
/// is syncs per second, the most commands per second a store that syncs every command could reach.</para>
/// <para>Each case gets new files in a temporary directory (deleted afterwards). Commands alternate the
/// assignee and keep the group, so the stored state keeps its size. The setup checks that both stores
/// give the same incidents after the same commands. Few iterations, so the run takes a few minutes: the
/// figures depend on the disk's sync latency far more than on the CPU.</para>
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(ShortInProcessConfig))]
public class SqliteGroupCommitBenchmarks
{
    /// <summary>The commands of one invocation, over all writers.</summary>
    public const int Commands = 256;

    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("bob", "itil");
    private static readonly IClock Clock = new FixedClock(Instant.FromUtc(2026, 3, 10, 14, 30));
    private static readonly byte[] Record = new byte[128];

    private string _directory = null!;
    private ItsmEngine _grouped = null!;
    private ItsmEngine _alone = null!;
    private readonly List<SqliteAggregateStore> _stores = [];
    private IncidentId[] _groupedIds = null!;
    private IncidentId[] _aloneIds = null!;
    private FileStream _fsyncFile = null!;
    private long _sequence;

    /// <summary>Concurrent writers, each on its own incident.</summary>
    [Params(1, 4, 16)]
    public int Writers { get; set; }

    /// <summary>Creates both stores and the fsync file in a new temporary directory, one incident per writer in each store, and checks that the stores agree.</summary>
    /// <exception cref="InvalidOperationException">The stores disagree.</exception>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("itsm-bench-gc-").FullName;
        _grouped = Engine("grouped.db", groupCommit: true);
        _alone = Engine("alone.db", groupCommit: false);
        _groupedIds = Open(_grouped);
        _aloneIds = Open(_alone);
        _fsyncFile = new FileStream(Path.Combine(_directory, "fsync.bin"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);

        var grouped = Run(_grouped, _groupedIds);
        _sequence -= Commands;
        var alone = Run(_alone, _aloneIds);
        for (var w = 0; w < Writers; w++)
        {
            var a = _grouped.Incidents.GetAsync(Tenant, _groupedIds[w], Agent).GetAwaiter().GetResult();
            var b = _alone.Incidents.GetAsync(Tenant, _aloneIds[w], Agent).GetAwaiter().GetResult();
            if (grouped != alone || a.Version != b.Version || a.AssignedTo != b.AssignedTo)
            {
                throw new InvalidOperationException($"The stores disagree: with group commit {grouped} (v{a.Version} {a.AssignedTo}), without {alone} (v{b.Version} {b.AssignedTo}).");
            }
        }
    }

    /// <summary>Closes the files and deletes the directory.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _fsyncFile.Dispose();
        _stores.ForEach(store => store.Dispose());
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The baseline: group commit off, every command its own transaction and sync.</summary>
    /// <returns>The sum of the versions the commands reached.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Commands)]
    public long GroupCommitOff() => Run(_alone, _aloneIds);

    /// <summary>Group commit on (the default): commands queued behind a commit share the next one.</summary>
    /// <returns>The sum of the versions the commands reached.</returns>
    [Benchmark(OperationsPerInvoke = Commands)]
    public long GroupCommitOn() => Run(_grouped, _groupedIds);

    /// <summary>The physical limit: a 128-byte write and an fsync, one after another.</summary>
    /// <returns>The file's length.</returns>
    [Benchmark(OperationsPerInvoke = Commands)]
    public long FsyncLimit()
    {
        for (var i = 0; i < Commands; i++)
        {
            _fsyncFile.Write(Record);
            _fsyncFile.Flush(flushToDisk: true);
        }

        return _fsyncFile.Length;
    }

    private long Run(ItsmEngine engine, IncidentId[] ids)
    {
        var perWriter = Commands / ids.Length;
        var first = Interlocked.Add(ref _sequence, Commands) - Commands;
        var writers = new Task<long>[ids.Length];
        for (var w = 0; w < ids.Length; w++)
        {
            writers[w] = WriteAsync(engine, ids[w], first + (w * perWriter), perWriter);
        }

        long total = 0;
        foreach (var versions in Task.WhenAll(writers).GetAwaiter().GetResult())
        {
            total += versions;
        }

        return total;
    }

    // One writer's commands, as a host's request handlers would run them: asynchronously, on the thread pool.
    private static async Task<long> WriteAsync(ItsmEngine engine, IncidentId id, long first, int count)
    {
        await Task.Yield();
        long versions = 0;
        for (var i = 0; i < count; i++)
        {
            var assignee = (first + i) % 2 == 0 ? "alice" : "bob";
            var result = await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("ServiceDesk"), assignee)).ConfigureAwait(false);
            versions += result.Version;
        }

        return versions;
    }

    private ItsmEngine Engine(string file, bool groupCommit)
    {
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = Path.Combine(_directory, file), Synchronous = SqliteSynchronous.Full, GroupCommit = groupCommit });
        _stores.Add(store);
        return new(store, ItsmAuthorizers.AllowAll, Clock);
    }

    // One incident per writer, opened and assigned (in progress), with fixed ids so both stores hold the same.
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

    /// <summary>
    /// Few iterations, in this process: the run takes minutes, and a busy machine's build of a separate
    /// benchmark process (BenchmarkDotNet's default) does not time out before it starts.
    /// </summary>
    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8));
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
