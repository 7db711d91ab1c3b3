using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Persistence.Sqlite;
using Itsm.Sla;
using Microsoft.Data.Sqlite;
using NodaTime;
using Itsm.Services;

namespace Itsm.Benchmarks;

/// <summary>
/// One engine command (put on hold, or resume, alternately) on an incident whose history is already
/// <see cref="Version"/> commands long, with an SLA and an OLA whose clocks pause on hold, in memory
/// and on SQLite with <c>synchronous=FULL</c>. The claim: the cost does not depend on the version.
/// The baseline is what a command paid before the SLA ledger: the ticket's whole history replayed to
/// find its next SLA due instant (the audit log read, rebuilt into snapshots, tracked).
/// </summary>
/// <remarks>
/// Each iteration starts from a fresh copy of the incident at <see cref="Version"/> (an in-memory
/// store built again, a SQLite file copied), so the version does not drift while BenchmarkDotNet
/// repeats the command; each iteration runs <see cref="CommandsPerIteration"/> commands. The clock
/// moves one minute per command, so every clock segment counts business time.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(Config))]
public class CommandHistoryBenchmarks
{
    /// <summary>Commands per iteration, on one copy of the incident.</summary>
    public const int CommandsPerIteration = 64;

    private const string AgreementsJson = """
        { "agreements": [
          { "id": "SLA-1", "name": "E-mail", "kind": "sla",
            "targets": [
              { "metric": "Response", "durations": { "1": "PT15M", "2": "PT30M", "3": "PT2H", "4": "PT8H" },
                "conditions": { "start": { "stateIn": ["New", "InProgress", "OnHold"] }, "stop": { "not": { "stateIn": ["New"] } } } },
              { "metric": "Resolution", "durations": { "1": "PT4H", "2": "PT8H", "3": "PT24H", "4": "PT72H" },
                "conditions": { "start": { "stateIn": ["New", "InProgress", "OnHold"] }, "pause": { "stateIn": ["OnHold"] },
                  "stop": { "stateIn": ["Resolved", "Closed"] }, "cancel": { "stateIn": ["Canceled"] } },
                "priorityChange": "cancelAndRestartRetroactive", "retroactivePauses": true } ] },
          { "id": "OLA-1", "name": "Service desk", "kind": "ola", "scope": { "assignmentGroups": ["ServiceDesk"] },
            "targets": [
              { "metric": "Resolution", "durations": { "1": "PT2H", "2": "PT6H", "3": "PT12H", "4": "PT48H" },
                "conditions": { "start": true, "pause": { "stateIn": ["OnHold"] }, "stop": { "stateIn": ["Resolved", "Closed"] },
                  "cancel": { "not": { "field": "assignmentGroup", "in": ["ServiceDesk"] } } } } ] }
        ] }
        """;

    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("bob", "itil");
    private static readonly IncidentId Id = new(new Guid("5f0c8a9e-3c1b-4c57-9a55-000000000042"));
    private static readonly IReadOnlyList<Agreement> Agreements = Agreement.ListFromJson(AgreementsJson);

    private readonly SteppingClock _clock = new();
    private string _directory = null!;
    private string _template = null!;
    private ItsmEngine _inMemory = null!;
    private ItsmEngine _full = null!;
    private SqliteAggregateStore? _fullStore;
    private SlaTracker _tracker = null!;
    private int _copies;
    private bool _heldInMemory;
    private bool _heldFull;

    /// <summary>The incident's version before the measured commands.</summary>
    [Params(10, 1_000, 5_000, 10_000)]
    public int Version { get; set; }

    /// <summary>Builds the SQLite template at <see cref="Version"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("itsm-history-bench-").FullName;
        _template = Path.Combine(_directory, "template.db");
        _tracker = new SlaTracker(Agreements);
        using (var templateStore = new SqliteAggregateStore(new SqliteStoreOptions { Path = _template, Synchronous = SqliteSynchronous.Normal }))
        {
            Grow(Engine(templateStore));
        }

        // The last connection to close copies the WAL into the file, which the iterations copy.
        SqliteConnection.ClearAllPools();
        WarmUp();
    }

    // In process, the first parameter's rows would otherwise run on tier-0 code: every method the
    // iteration setup compiles restarts the runtime's delay before tier-1. Run each path a few
    // thousand times first and give the background compiler time to finish.
    private void WarmUp()
    {
        Copy();
        for (int i = 0; i < 3_000; i++)
        {
            Command(_inMemory, ref _heldInMemory);
            if (i % 10 == 0)
            {
                Command(_full, ref _heldFull);
                _inMemory.ReadIncidentTicketHistoryAsync(Tenant, Id, Agent).GetAwaiter().GetResult();
            }
        }

        System.Threading.Thread.Sleep(2_000);
    }

    /// <summary>A fresh copy of the incident at <see cref="Version"/> in each store.</summary>
    [IterationSetup]
    public void Copy()
    {
        _clock.Reset();
        _inMemory = Engine(new InMemoryAggregateStore());
        Grow(_inMemory);
        var copy = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"copy-{_copies++}.db"));
        File.Copy(_template, copy);
        _fullStore?.Dispose();
        _fullStore = new SqliteAggregateStore(new SqliteStoreOptions { Path = copy, Synchronous = SqliteSynchronous.Full });
        _full = Engine(_fullStore);
        _heldInMemory = _heldFull = Version % 2 == 1;

        // Growing the copy to version 10,000 leaves tens of megabytes of garbage: collected here, so the 64 commands
        // measured pay for their own allocation, not for the setup's (before, the rows past version 10 were bimodal).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>Removes the files.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _fullStore?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The baseline: the whole history replayed for the next SLA due instant, as every command did before the ledger.</summary>
    /// <returns>The number of clocks.</returns>
    [Benchmark(Baseline = true)]
    public int InMemory_ReplayHistory()
    {
        var history = _inMemory.ReadIncidentTicketHistoryAsync(Tenant, Id, Agent).GetAwaiter().GetResult();
        return _tracker.Track(history).Count;
    }

    /// <summary>One command through the engine on the in-memory store.</summary>
    /// <returns>The version after it.</returns>
    [Benchmark]
    public long InMemory_Command() => Command(_inMemory, ref _heldInMemory);

    /// <summary>One command through the engine on SQLite, <c>synchronous=FULL</c>.</summary>
    /// <returns>The version after it.</returns>
    [Benchmark]
    public long SqliteFull_Command() => Command(_full, ref _heldFull);

    private long Command(ItsmEngine engine, ref bool held)
    {
        _clock.Step();
        held = !held;
        RecordCommand<Incident> command = held ? new PutIncidentOnHold(OnHoldReason.AwaitingVendor) : new ResumeIncident();
        return engine.Incidents.ExecuteAsync(Tenant, Id, Agent, command).GetAwaiter().GetResult().Version;
    }

    // Opened, assigned (in progress), then on hold and resumed in turn until the version is reached.
    private void Grow(ItsmEngine engine)
    {
        engine.Incidents.CreateAsync(Tenant, Id, Agent, new OpenIncident("alice", "E-mail is down", Impact.Medium, Urgency.Medium)).GetAwaiter().GetResult();
        _clock.Step();
        long version = engine.Incidents.ExecuteAsync(Tenant, Id, Agent, new AssignIncident(new SupportGroupId("ServiceDesk"), "bob")).GetAwaiter().GetResult().Version;
        bool held = false;
        while (version < Version)
        {
            _clock.Step();
            held = !held;
            RecordCommand<Incident> command = held ? new PutIncidentOnHold(OnHoldReason.AwaitingVendor) : new ResumeIncident();
            version = engine.Incidents.ExecuteAsync(Tenant, Id, Agent, command).GetAwaiter().GetResult().Version;
        }
    }

    private ItsmEngine Engine(IAggregateStore store) =>
        new(store, ItsmAuthorizers.AllowAll, _clock, new ItsmEngineOptions { Agreements = Agreements });

    // In process (the separate build times out on a loaded machine), a fixed number of commands per iteration.
    private sealed class Config : ManualConfig
    {
        public Config() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(8).WithIterationCount(12)
                .WithInvocationCount(CommandsPerIteration).WithUnrollFactor(1));
    }

    private sealed class SteppingClock : IClock
    {
        private static readonly Instant Start = Instant.FromUtc(2026, 3, 10, 9, 0);
        private Instant _now = Start;

        public Instant GetCurrentInstant() => _now;

        public void Step() => _now += Duration.FromMinutes(1);

        public void Reset() => _now = Start;
    }
}
