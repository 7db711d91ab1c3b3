using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Services;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// One engine command (put on hold, or resume, alternately) through <c>engine.Incidents.ExecuteAsync</c>
/// on the in-memory store: load (state decode), authorize, run, SLA ledger, index, state encode, save,
/// feed. Without agreements and with a typical one (a response and a resolution target, the resolution
/// pausing on hold). The baseline is the floor: the same two commands on a loaded incident, with no
/// engine and no store (<see cref="IncidentCommandBenchmarks"/>). Issue 18's target: at most 5 µs and
/// 4 KB per engine command.
/// </summary>
/// <remarks>
/// The clock moves one minute per command, so every clock segment counts business time. The engine
/// commands run on one incident whose version grows with BenchmarkDotNet's invocations; the cost does
/// not depend on the version (<see cref="CommandHistoryBenchmarks"/>). The floor's incident is replaced
/// every <see cref="IncidentCommandBenchmarks.CommandsPerIncident"/> commands so its uncommitted state
/// does not grow.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class EngineCommandBenchmarks
{
    private const string AgreementsJson = """
        { "agreements": [
          { "id": "SLA-1", "name": "E-mail", "kind": "sla",
            "targets": [
              { "metric": "Response", "durations": { "1": "PT15M", "2": "PT30M", "3": "PT2H", "4": "PT8H" },
                "conditions": { "start": { "stateIn": ["New", "InProgress", "OnHold"] }, "stop": { "not": { "stateIn": ["New"] } } } },
              { "metric": "Resolution", "durations": { "1": "PT4H", "2": "PT8H", "3": "PT24H", "4": "PT72H" },
                "conditions": { "start": { "stateIn": ["New", "InProgress", "OnHold"] }, "pause": { "stateIn": ["OnHold"] },
                  "stop": { "stateIn": ["Resolved", "Closed"] }, "cancel": { "stateIn": ["Canceled"] } } } ] }
        ] }
        """;

    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("bob", "itil");
    private static readonly IncidentId Id = new(new Guid("5f0c8a9e-3c1b-4c57-9a55-000000000018"));
    private static readonly RecordCommand<Incident> Hold = new PutIncidentOnHold(OnHoldReason.AwaitingVendor);
    private static readonly RecordCommand<Incident> Resume = new ResumeIncident();

    private readonly SteppingClock _clock = new();
    private ItsmEngine _bare = null!;
    private ItsmEngine _withAgreement = null!;
    private bool _heldBare;
    private bool _heldAgreement;
    private Incident _floor = null!;
    private int _floorCommands;

    /// <summary>Opens and assigns the incident in each engine.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _bare = Engine([]);
        _withAgreement = Engine(Agreement.ListFromJson(AgreementsJson));
        Open(_bare);
        Open(_withAgreement);
        _floor = Loaded();
    }

    /// <summary>The floor: <see cref="Incident.PutOnHold"/> then <see cref="Incident.Resume"/> on a loaded incident, no engine, no store.</summary>
    /// <returns>The state after the pair.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = 2)]
    public IncidentState LifecycleCommand()
    {
        if (++_floorCommands == IncidentCommandBenchmarks.CommandsPerIncident)
        {
            _floorCommands = 0;
            _floor = Loaded();
        }

        _floor.PutOnHold(Agent, OnHoldReason.AwaitingVendor);
        _floor.Resume(Agent);
        _floor.AcceptAuditEntries();
        return _floor.State;
    }

    /// <summary>One engine command on the in-memory store, no agreements.</summary>
    /// <returns>The version after it.</returns>
    [Benchmark]
    public long EngineCommand_NoAgreements() => Command(_bare, ref _heldBare);

    /// <summary>One engine command on the in-memory store, with a response and a resolution target.</summary>
    /// <returns>The version after it.</returns>
    [Benchmark]
    public long EngineCommand_WithAgreement() => Command(_withAgreement, ref _heldAgreement);

    private long Command(ItsmEngine engine, ref bool held)
    {
        _clock.Step();
        held = !held;
        return engine.Incidents.ExecuteAsync(Tenant, Id, Agent, held ? Hold : Resume).GetAwaiter().GetResult().Version;
    }

    private void Open(ItsmEngine engine)
    {
        engine.Incidents.CreateAsync(Tenant, Id, Agent, new OpenIncident("alice", "E-mail is down", Impact.Medium, Urgency.Medium)).GetAwaiter().GetResult();
        _clock.Step();
        engine.Incidents.ExecuteAsync(Tenant, Id, Agent, new AssignIncident(new SupportGroupId("ServiceDesk"), "bob")).GetAwaiter().GetResult();
    }

    private Incident Loaded()
    {
        var incident = Incident.Open(Tenant, Id, Agent, "alice", "E-mail is down", Impact.Medium, Urgency.Medium, _clock);
        incident.Assign(Agent, new SupportGroupId("ServiceDesk"), "bob");
        incident.AcceptAuditEntries();
        return incident;
    }

    private ItsmEngine Engine(IReadOnlyList<Agreement> agreements) =>
        new(new InMemoryAggregateStore(), ItsmAuthorizers.AllowAll, _clock, new ItsmEngineOptions { Agreements = agreements });

    private sealed class SteppingClock : IClock
    {
        private Instant _now = Instant.FromUtc(2026, 3, 10, 9, 0);

        public Instant GetCurrentInstant() => _now;

        public void Step() => _now += Duration.FromMinutes(1);
    }
}
