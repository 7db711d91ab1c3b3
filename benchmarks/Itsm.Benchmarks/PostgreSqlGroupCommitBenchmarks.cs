using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence.PostgreSql;
using Npgsql;
using NodaTime;
using Itsm.Services;

namespace Itsm.Benchmarks;

/// <summary>
/// Commands persisted per second in PostgreSQL with group commit and grouped loads
/// (<see cref="PostgreSqlStoreOptions.GroupCommit"/>, <see cref="PostgreSqlStoreOptions.GroupLoads"/>, the defaults)
/// beside the same store with both off (every load its own statement, every unit of work its own transaction: the
/// path before issue 18's batching): one <c>engine.Incidents.ExecuteAsync</c> per command (load, authorize,
/// <see cref="Incident.Assign"/>, save state, index, audit entry and feed position with the version check).
/// </summary>
/// <remarks>
/// <para>The server is the one <c>ITSM_POSTGRES_CONNECTION</c> names (<c>eval "$(build/postgres.sh start)"</c>);
/// PostgreSQL keeps its durability defaults (<c>fsync</c>, <c>synchronous_commit = on</c>), so every commit waits
/// for its WAL flush. All writers work for one tenant, each on its own incident, so without group commit their
/// commits queue on the tenant's feed head one WAL flush after another.</para>
/// <para>Every invocation runs <see cref="Commands"/> commands split evenly over <see cref="Writers"/> asynchronous
/// writers; the time is per command (<c>OperationsPerInvoke</c>), so 1 / Mean is commands per second, all writers
/// together. The setup checks that both stores reach the same versions.</para>
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class PostgreSqlGroupCommitBenchmarks
{
    /// <summary>The commands of one invocation, over all writers.</summary>
    public const int Commands = 256;

    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("bob", "itil");
    private static readonly IClock Clock = new FixedClock(Instant.FromUtc(2026, 3, 10, 14, 30));

    private string _connection = null!;
    private PostgreSqlAggregateStore _aloneStore = null!;
    private PostgreSqlAggregateStore _groupStore = null!;
    private ItsmEngine _alone = null!;
    private ItsmEngine _group = null!;
    private IncidentId[] _aloneIds = null!;
    private IncidentId[] _groupIds = null!;

    /// <summary>Concurrent writers for one tenant, each on its own incident.</summary>
    [Params(1, 4, 16)]
    public int Writers { get; set; }

    /// <summary>Creates both stores (a new schema each) and one incident per writer in each, and checks that they agree.</summary>
    /// <exception cref="InvalidOperationException"><c>ITSM_POSTGRES_CONNECTION</c> is not set, or the stores disagree.</exception>
    [GlobalSetup]
    public void Setup()
    {
        _connection = Environment.GetEnvironmentVariable("ITSM_POSTGRES_CONNECTION") is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                "Set ITSM_POSTGRES_CONNECTION to a PostgreSQL database whose user may create schemas; for a throwaway server run "
                + "eval \"$(build/postgres.sh start)\"; export ITSM_POSTGRES_CONNECTION (and build/postgres.sh stop afterwards).");

        _aloneStore = Store(groupCommit: false);
        _groupStore = Store(groupCommit: true);
        _alone = new ItsmEngine(_aloneStore, ItsmAuthorizers.AllowAll, Clock);
        _group = new ItsmEngine(_groupStore, ItsmAuthorizers.AllowAll, Clock);
        _aloneIds = Open(_alone);
        _groupIds = Open(_group);
        var alone = Run(_alone, _aloneIds);
        var group = Run(_group, _groupIds);
        if (alone != group)
        {
            throw new InvalidOperationException($"The stores reached different versions: alone {alone}, group commit {group}.");
        }
    }

    /// <summary>Drops both schemas and closes the pools.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var store in new[] { _aloneStore, _groupStore })
        {
            var schema = store.Schema;
            store.Dispose();
            using var dataSource = NpgsqlDataSource.Create(_connection);
            using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            drop.ExecuteNonQuery();
        }
    }

    /// <summary>The baseline: group commit off, every unit of work in a transaction of its own.</summary>
    /// <returns>The sum of the versions the commands reached.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Commands)]
    public long Alone() => Run(_alone, _aloneIds);

    /// <summary>Group commit on (the default).</summary>
    /// <returns>The sum of the versions the commands reached.</returns>
    [Benchmark(OperationsPerInvoke = Commands)]
    public long GroupCommit() => Run(_group, _groupIds);

    private PostgreSqlAggregateStore Store(bool groupCommit) => new(new PostgreSqlStoreOptions
    {
        ConnectionString = _connection,
        Schema = "bench_" + Guid.NewGuid().ToString("N"),
        GroupCommit = groupCommit,
        GroupLoads = groupCommit,
    });

    private static long Run(ItsmEngine engine, IncidentId[] ids)
    {
        var perWriter = Commands / ids.Length;
        var writers = new Task<long>[ids.Length];
        for (var w = 0; w < ids.Length; w++)
        {
            writers[w] = WriteAsync(engine, ids[w], perWriter);
        }

        long total = 0;
        foreach (var versions in Task.WhenAll(writers).GetAwaiter().GetResult())
        {
            total += versions;
        }

        return total;
    }

    private static async Task<long> WriteAsync(ItsmEngine engine, IncidentId id, int count)
    {
        await Task.Yield(); // every writer runs on the pool, none on the caller's thread
        long versions = 0;
        for (var i = 0; i < count; i++)
        {
            var assignee = i % 2 == 0 ? "alice" : "bob";
            var result = await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("ServiceDesk"), assignee)).ConfigureAwait(false);
            versions += result.Version;
        }

        return versions;
    }

    private IncidentId[] Open(ItsmEngine engine)
    {
        var ids = new IncidentId[Writers];
        for (var w = 0; w < ids.Length; w++)
        {
            var id = new IncidentId(new Guid(string.Create(CultureInfo.InvariantCulture, $"7b2e0c1a-5e3d-4f79-9c77-{w:D12}")));
            ids[w] = id;
            engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("alice", "E-mail is down", Impact.Medium, Urgency.Medium))
                .GetAwaiter().GetResult();
            engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("ServiceDesk"), "bob")).GetAwaiter().GetResult();
        }

        return ids;
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
