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
using Itsm.Persistence;
using Itsm.Persistence.Sqlite;
using Itsm.ServiceModelRecords;
using Itsm.Services;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// The service-model check of a command that names a group (<see cref="AssignIncident"/> through <see cref="ItsmEngine"/>) on
/// SQLite: the record and the tenant's service model read in one <see cref="IAggregateStore.LoadManyAsync"/> call, the
/// model's state only when its version changed (<c>OneCall</c>), beside the path before it (<c>TwoReads</c>, the baseline:
/// the same store behind a wrapper without <c>LoadManyAsync</c>, so the interface's default reads the record and then the
/// whole model row, as every command did).
/// </summary>
/// <remarks>
/// <c>synchronous = NORMAL</c> (no sync per commit in WAL mode), one writer, so the figure is the CPU of the path, not the
/// disk. <see cref="ModelItems"/> 0: the tenant has no stored model (the row is looked for and not found, as in
/// <see cref="SqliteGroupCommitBenchmarks"/>); otherwise a stored model with that many configuration items and a group.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(Config))]
public class ServiceModelCheckBenchmarks
{
    private const int Commands = 64;
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("bob", "itil");
    private static readonly IClock Clock = new FixedClock(Instant.FromUtc(2026, 3, 10, 14, 30));

    private string _directory = null!;
    private ItsmEngine _oneCall = null!;
    private ItsmEngine _twoReads = null!;
    private readonly List<SqliteAggregateStore> _stores = [];
    private IncidentId _oneCallId;
    private IncidentId _twoReadsId;
    private long _flip;

    /// <summary>Configuration items in the stored model; 0 for no stored model.</summary>
    [Params(0, 2000)]
    public int ModelItems { get; set; }

    /// <summary>Two stores in a new directory, each with the model (if any) and one assigned incident.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("itsm-bench-model-").FullName;
        _oneCall = Engine(Store("one.db"));
        _twoReads = Engine(new WithoutLoadMany(Store("two.db")));
        _oneCallId = Prepare(_oneCall);
        _twoReadsId = Prepare(_twoReads);
    }

    /// <summary>Deletes the directory.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _stores.ForEach(store => store.Dispose());
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The baseline: the record, then the whole model row, in two store calls.</summary>
    /// <returns>The last version.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Commands)]
    public long TwoReads() => Run(_twoReads, _twoReadsId);

    /// <summary>The record and the model's version (its state only when changed) in one store call.</summary>
    /// <returns>The last version.</returns>
    [Benchmark(OperationsPerInvoke = Commands)]
    public long OneCall() => Run(_oneCall, _oneCallId);

    private long Run(ItsmEngine engine, IncidentId id)
    {
        long version = 0;
        for (var i = 0; i < Commands; i++)
        {
            var assignee = _flip++ % 2 == 0 ? "alice" : "bob";
            version = engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("ServiceDesk"), assignee)).GetAwaiter().GetResult().Version;
        }

        return version;
    }

    private SqliteAggregateStore Store(string file)
    {
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = Path.Combine(_directory, file), Synchronous = SqliteSynchronous.Normal });
        _stores.Add(store);
        return store;
    }

    private static ItsmEngine Engine(IAggregateStore store) => new(store, ItsmAuthorizers.AllowAll, Clock);

    private IncidentId Prepare(ItsmEngine engine)
    {
        if (ModelItems > 0)
        {
            var builder = new ServiceModelBuilder().Add(new SupportGroup("ServiceDesk", ["alice", "bob"]));
            for (var i = 0; i < ModelItems; i++)
            {
                builder.Add(new ConfigurationItem(string.Create(CultureInfo.InvariantCulture, $"ci-{i:D5}"), string.Create(CultureInfo.InvariantCulture, $"Server {i}")));
            }

            engine.ServiceModels.CreateAsync(Tenant, ServiceModelRecordId.Only, Agent, new CreateServiceModel(builder.Build())).GetAwaiter().GetResult();
        }

        var id = IncidentId.New();
        engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("alice", "E-mail is down", Impact.Medium, Urgency.Medium)).GetAwaiter().GetResult();
        engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("ServiceDesk"), "bob")).GetAwaiter().GetResult();
        _flip = 0;
        return id;
    }

    /// <summary>In this process, few iterations: the machine is shared.</summary>
    private sealed class Config : ManualConfig
    {
        public Config() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }

    // Every member but LoadManyAsync forwarded: the engine gets the interface's default, one LoadAsync per key.
    private sealed class WithoutLoadMany(IAggregateStore store) : IAggregateStore
    {
        public Task<StoredAggregate?> LoadAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default) => store.LoadAsync(tenant, recordType, recordId, cancellationToken);

        public Task<StoredAggregate?> LoadByNumberAsync(TenantId tenant, string recordType, long number, CancellationToken cancellationToken = default) => store.LoadByNumberAsync(tenant, recordType, number, cancellationToken);

        public Task<SaveResult> SaveAsync(AggregateWrite write, CancellationToken cancellationToken = default) => store.SaveAsync(write, cancellationToken);

        public Task<SaveResult> CommitAsync(UnitOfWork work, CancellationToken cancellationToken = default) => store.CommitAsync(work, cancellationToken);

        public Task<IdempotencyRecord?> FindIdempotencyKeyAsync(TenantId tenant, string key, CancellationToken cancellationToken = default) => store.FindIdempotencyKeyAsync(tenant, key, cancellationToken);

        public Task<IReadOnlyList<RecordSummary>> QueryAsync(TenantId tenant, RecordQuery query, CancellationToken cancellationToken = default) => store.QueryAsync(tenant, query, cancellationToken);

        public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(TenantId tenant, Interval period, CancellationToken cancellationToken = default) => store.ReadAuditAsync(tenant, period, cancellationToken);

        public Task<IReadOnlyList<AuditEntry>> ReadHistoryAsync(TenantId tenant, string recordType, string recordId, CancellationToken cancellationToken = default) => store.ReadHistoryAsync(tenant, recordType, recordId, cancellationToken);

        public Task<IReadOnlyList<FeedEntry>> ReadFeedAsync(TenantId tenant, long after, int max, CancellationToken cancellationToken = default) => store.ReadFeedAsync(tenant, after, max, cancellationToken);

        public Task<long> ReadCheckpointAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default) => store.ReadCheckpointAsync(tenant, consumer, cancellationToken);

        public Task SaveCheckpointAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default) => store.SaveCheckpointAsync(tenant, consumer, position, cancellationToken);

        public Task ParkAsync(TenantId tenant, string consumer, ParkedEvent parked, CancellationToken cancellationToken = default) => store.ParkAsync(tenant, consumer, parked, cancellationToken);

        public Task<IReadOnlyList<ParkedEvent>> ReadParkedAsync(TenantId tenant, string consumer, CancellationToken cancellationToken = default) => store.ReadParkedAsync(tenant, consumer, cancellationToken);

        public Task<bool> UnparkAsync(TenantId tenant, string consumer, long position, CancellationToken cancellationToken = default) => store.UnparkAsync(tenant, consumer, position, cancellationToken);
    }
}
