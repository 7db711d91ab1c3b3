using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using NodaTime;
using NodaTime.Testing;
using Itsm.Services;

namespace Itsm.Core.Tests.Engine;

/// <summary>Per-tenant incident options and <see cref="AggregateService{TAggregate, TId}.SaveAllAsync"/>.</summary>
public sealed class IncidentPolicyEngineTests
{
    private static readonly TenantId Acme = new("acme");
    private static readonly TenantId Globex = new("globex");
    private static readonly Actor Agent = new("agent.smith", "itil");

    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 11, 30, 9, 0));
    private readonly InMemoryAggregateStore _store = new();

    private ItsmEngine NewEngine(ItsmEngineOptions? options = null) => new(_store, ItsmAuthorizers.AllowAll, _clock, options);

    [Fact]
    public async Task Each_tenant_follows_its_own_incident_policies_when_created_and_when_loaded()
    {
        var options = new ItsmEngineOptions
        {
            IncidentsByTenant = new Dictionary<TenantId, IncidentOptions> { [Globex] = new() { WorkStart = IncidentWorkStart.Explicit } },
        };
        var engine = NewEngine(options);
        var acme = IncidentId.New();
        var globex = IncidentId.New();
        await engine.Incidents.CreateAsync(Acme, acme, Agent, new OpenIncident("caller", "Mail down", Impact.Low, Urgency.Low));
        await engine.Incidents.CreateAsync(Globex, globex, Agent, new OpenIncident("caller", "Mail down", Impact.Low, Urgency.Low));

        var acmeAssigned = await engine.Incidents.ExecuteAsync(Acme, acme, Agent, new AssignIncident(new SupportGroupId("Desk")));
        var globexAssigned = await engine.Incidents.ExecuteAsync(Globex, globex, Agent, new AssignIncident(new SupportGroupId("Desk")));

        Assert.Equal(IncidentState.InProgress, acmeAssigned.Record.State);
        Assert.Equal(IncidentState.New, globexAssigned.Record.State);
        Assert.Same(options.IncidentsByTenant[Globex], globexAssigned.Record.Options);
        Assert.Same(options.Incidents, options.IncidentOptionsFor(Acme));
        var started = await engine.Incidents.ExecuteAsync(Globex, globex, Agent, new StartIncidentWork());
        Assert.Equal(IncidentState.InProgress, started.Record.State);
    }

    [Fact]
    public void Per_tenant_options_are_validated_with_the_rest()
    {
        var options = new ItsmEngineOptions
        {
            IncidentsByTenant = new Dictionary<TenantId, IncidentOptions>
            {
                [Acme] = null!,
                [Globex] = new() { AutoClose = new IncidentAutoClosePolicy(3), AutoCloseCalendarId = "nowhere" },
            },
        };

        Assert.Equal(
            ["IncidentsByTenant: the incident options of tenant 'acme' are null.", "IncidentsByTenant: the auto-close calendar 'nowhere' of tenant 'globex' is not among the calendars."],
            options.Validate());
    }

    [Fact]
    public async Task SaveAllAsync_commits_every_record_or_none()
    {
        var engine = NewEngine();
        var existing = IncidentId.New();
        await engine.Incidents.CreateAsync(Acme, existing, Agent, new OpenIncident("caller", "Printer", Impact.Low, Urgency.Low));

        Incident Build(IncidentId id)
        {
            var incident = Incident.Open(Acme, id, Agent, "caller", "Imported", Impact.Low, Urgency.Low, _clock);
            incident.Assign(Agent, new SupportGroupId("Desk"));
            return incident;
        }

        var first = Build(IncidentId.New());
        var clash = Build(existing);
        await Assert.ThrowsAsync<ConcurrencyException>(() => engine.Incidents.SaveAllAsync([first, clash], Agent));
        Assert.Null(await engine.Incidents.FindAsync(Acme, first.Id, Agent));
        Assert.Equal(2, first.UncommittedAuditEntries.Count);

        var second = Build(IncidentId.New());
        var result = await engine.Incidents.SaveAllAsync([first, second], Agent);

        Assert.Equal([2L, 2L], result.Records.Select(r => r.Version));
        Assert.Equal(4, result.Events.Count);
        Assert.Empty(first.UncommittedAuditEntries);
        Assert.Equal(IncidentState.InProgress, (await engine.Incidents.GetAsync(Acme, second.Id, Agent)).State);
    }

    [Fact]
    public async Task SaveAllAsync_refuses_bad_batches_naming_the_records()
    {
        var engine = NewEngine();
        var one = Incident.Open(Acme, IncidentId.New(), Agent, "caller", "x", Impact.Low, Urgency.Low, _clock);
        var other = Incident.Open(Globex, IncidentId.New(), Agent, "caller", "x", Impact.Low, Urgency.Low, _clock);

        Assert.Equal("records", (await Assert.ThrowsAsync<ArgumentException>(() => engine.Incidents.SaveAllAsync([], Agent))).ParamName);
        Assert.Equal("records", (await Assert.ThrowsAsync<ArgumentException>(() => engine.Incidents.SaveAllAsync([one, one], Agent))).ParamName);
        Assert.Equal("records", (await Assert.ThrowsAsync<ArgumentException>(() => engine.Incidents.SaveAllAsync([one, other], Agent))).ParamName);
        Assert.Equal("records", (await Assert.ThrowsAsync<ArgumentException>(() => engine.Incidents.SaveAllAsync([one, null!], Agent))).ParamName);
        var tooMany = Enumerable.Range(0, UnitOfWork.MaxWrites + 1).Select(_ => one).ToArray();
        Assert.Equal("records", (await Assert.ThrowsAsync<ArgumentException>(() => engine.Incidents.SaveAllAsync(tooMany, Agent))).ParamName);
        await Assert.ThrowsAsync<ArgumentNullException>(() => engine.Incidents.SaveAllAsync([one], null!));
        Assert.Null(await engine.Incidents.FindAsync(Acme, one.Id, Agent));
    }

    [Fact]
    public async Task SaveAllAsync_asks_the_authorizer_about_every_record_before_writing_any()
    {
        var asked = new List<string?>();
        var engine = new ItsmEngine(_store, ItsmAuthorizers.FromRule((actor, operation, resource) =>
        {
            asked.Add(resource.RecordId);
            return asked.Count < 2;
        }), _clock);
        var one = Incident.Open(Acme, IncidentId.New(), Agent, "caller", "x", Impact.Low, Urgency.Low, _clock);
        var two = Incident.Open(Acme, IncidentId.New(), Agent, "caller", "y", Impact.Low, Urgency.Low, _clock);

        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.Incidents.SaveAllAsync([one, two], Agent));

        Assert.Equal([one.Id.ToString(), two.Id.ToString()], asked);
        Assert.Null(await _store.LoadAsync(Acme, Incident.RecordType, one.Id.ToString()));
    }
}
