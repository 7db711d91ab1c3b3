using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Sla;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Hosting.Tests;

/// <summary>One in-memory store, a fake clock, and engines and workers over them (as instances of a host).</summary>
internal sealed class SlaWorld
{
    public static readonly TenantId Tenant = new("acme");
    public static readonly Actor Agent = new("bob", "itil");
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 30, 9, 0);

    // Resolution on 24x7, P3 4 h: warnings at 2 h and 3 h, breach at 4 h, escalation (150 %) at 6 h.
    public static readonly SlaTarget Resolution = new()
    {
        Metric = SlaMetric.Resolution,
        Durations = new Dictionary<Priority, Duration> { [Priority.Moderate] = Duration.FromHours(4) },
        WarningThresholds = [50.0, 75.0, 150.0],
        Conditions = new SlaConditions
        {
            Start = SlaCondition.StateIn("New", "InProgress", "OnHold"),
            Pause = SlaCondition.StateIn("OnHold"),
            Stop = SlaCondition.StateIn("Resolved", "Closed", "Canceled"),
        },
    };

    public static readonly Agreement Gold = new("sla-gold", "Gold", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [Resolution]);

    public static readonly (double Percent, SlaThresholdKind Kind, Duration After)[] Thresholds =
    [
        (50.0, SlaThresholdKind.Warning, Duration.FromHours(2)),
        (75.0, SlaThresholdKind.Warning, Duration.FromHours(3)),
        (100.0, SlaThresholdKind.Breach, Duration.FromHours(4)),
        (150.0, SlaThresholdKind.Escalation, Duration.FromHours(6)),
    ];

    public SlaWorld(IncidentOptions? incidents = null)
    {
        Options = new ItsmEngineOptions { Agreements = [Gold], Incidents = incidents ?? IncidentOptions.Default };
        Engine = NewEngine(Store);
    }

    public FakeClock Clock { get; } = new(Start);

    public InMemoryAggregateStore Store { get; } = new();

    public ItsmEngineOptions Options { get; }

    public ItsmEngine Engine { get; }

    public IItsmAuthorizer Authorizer { get; set; } = ItsmAuthorizers.AllowAll;

    public ItsmEngine NewEngine(IAggregateStore store) =>
        new(store, new DelegatingAuthorizer(this), Clock, Options);

    public ItsmSlaWorker NewWorker(ItsmEngine? engine = null, Action<ItsmSlaWorkerOptions>? configure = null)
    {
        var options = new ItsmSlaWorkerOptions();
        options.Tenants.Add(Tenant);
        configure?.Invoke(options);
        return new ItsmSlaWorker(engine ?? Engine, Microsoft.Extensions.Options.Options.Create(options), NullLogger<ItsmSlaWorker>.Instance, TimeProvider.System);
    }

    public async Task<IncidentId> OpenAsync()
    {
        var id = IncidentId.New();
        await Engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("alice", "Mail down", Impact.Medium, Urgency.Medium));
        return id;
    }

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(IncidentId id) =>
        await Store.ReadHistoryAsync(Tenant, Incident.RecordType, id.ToString());

    public async Task<IReadOnlyList<SlaThresholdReached>> ThresholdsAsync(IncidentId id) =>
        (await HistoryAsync(id)).Where(e => e.Command == "SlaThreshold").Select(e => (SlaThresholdReached)e.Event).ToList();

    private sealed class DelegatingAuthorizer(SlaWorld world) : IItsmAuthorizer
    {
        public ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmOperation command, ItsmResource resource, System.Threading.CancellationToken cancellationToken) =>
            world.Authorizer.IsAuthorizedAsync(actor, command, resource, cancellationToken);
    }
}
