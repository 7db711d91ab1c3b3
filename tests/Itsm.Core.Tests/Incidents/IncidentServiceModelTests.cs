using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Services;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Services;
using Itsm.Sla;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Incidents.IncidentFixtures;

namespace Itsm.Core.Tests.Incidents;

/// <summary>An incident's service, offering, configuration items and supplier: commands, audit, snapshot, model checks and the supplier's UC.</summary>
public sealed class IncidentServiceModelTests
{
    private static readonly TenantId Acme = new("acme");

    [Fact]
    public void The_service_model_commands_set_the_fields_audit_shared_events_and_show_in_the_snapshot()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.InProgress, clock);

        incident.ChangeService(Agent, new ServiceId("email"), new ServiceOfferingId("email-gold"));
        incident.AddConfigurationItem(Agent, new ConfigurationItemId("mx01"));
        incident.AddConfigurationItem(Agent, new ConfigurationItemId("dns01"));
        incident.RemoveConfigurationItem(Agent, new ConfigurationItemId("mx01"));
        incident.AssignToSupplier(Agent, new SupplierId("acme-dns"));

        var entries = incident.UncommittedAuditEntries.TakeLast(5).ToList();
        Assert.Equal(["ChangeService", "AddConfigurationItem", "AddConfigurationItem", "RemoveConfigurationItem", "AssignToSupplier"], entries.Select(e => e.Command));
        Assert.Equal(new Dictionary<string, string> { ["service"] = "email", ["offering"] = "email-gold", ["fromService"] = "email" }, entries[0].Data);
        Assert.Equal(new TicketServiceChanged(new ServiceId("email"), new ServiceOfferingId("email-gold"), new ServiceId("email"), null), entries[0].Event);
        Assert.Equal(new TicketConfigurationItemRemoved(new ConfigurationItemId("mx01")), entries[3].Event);
        Assert.Equal(new Dictionary<string, string> { ["supplier"] = "acme-dns" }, entries[4].Data);
        var snapshot = incident.ToTicketSnapshot();
        Assert.Equal(("email", "email-gold", "acme-dns"), (snapshot.Service, snapshot.Offering, snapshot.Supplier));
        Assert.Equal(["dns01"], snapshot.ConfigurationItems);
        Assert.True(Itsm.Sla.TicketSlaProjection.SameValue(snapshot, Incident.ReplayTicketHistory(incident.UncommittedAuditEntries)[^1].Snapshot));
    }

    [Fact]
    public void Repeats_and_unknown_items_are_refused_with_codes_and_change_nothing()
    {
        var incident = InState(IncidentState.InProgress, NewClock());
        incident.AddConfigurationItem(Agent, new ConfigurationItemId("mx01"));
        var probe = incident.Probe();

        Assert.Equal("ITSM-INC-CI-001", Assert.Throws<DomainRuleViolationException>(() => incident.AddConfigurationItem(Agent, new ConfigurationItemId("mx01"))).Code);
        Assert.Equal("ITSM-INC-CI-002", Assert.Throws<DomainRuleViolationException>(() => incident.RemoveConfigurationItem(Agent, new ConfigurationItemId("web01"))).Code);
        Assert.Equal("ITSM-INC-SERVICE-001", Assert.Throws<DomainRuleViolationException>(() => incident.ChangeService(Agent, incident.Service)).Code);
        Assert.Equal("ITSM-INC-SUPPLIER-001", Assert.Throws<DomainRuleViolationException>(() => incident.AssignToSupplier(Agent, null)).Code);
        Assert.Equal("ITSM-INC-HOLD-003", Assert.Throws<DomainRuleViolationException>(() => incident.PutOnHold(Agent, OnHoldReason.AwaitingChange, null, new SupplierId("acme-dns"))).Code);
        Assert.Equal("item", Assert.ThrowsAny<ArgumentException>(() => incident.AddConfigurationItem(Agent, default)).ParamName);
        probe.AssertUnchanged();
    }

    [Fact]
    public void A_resolved_incident_takes_corrections_but_no_supplier()
    {
        var incident = InState(IncidentState.Resolved, NewClock());

        incident.ChangeService(Agent, new ServiceId("web"));
        incident.AddConfigurationItem(Agent, new ConfigurationItemId("web01"));

        var refused = Assert.Throws<InvalidTransitionException>(() => incident.AssignToSupplier(Agent, new SupplierId("acme-dns")));
        Assert.Equal(IncidentState.Resolved.ToString(), refused.State);
    }

    [Fact]
    public void A_configuration_item_list_keeps_to_its_limit()
    {
        var items = Enumerable.Range(0, FieldLimits.Items).Select(i => new ConfigurationItemId($"ci{i}")).ToArray();
        var incident = Incident.Open(Tenant, IncidentId.New(), Agent, "caller", "Everything is down", Impact.High, Urgency.High, NewClock(), configurationItems: items);

        Assert.Equal(FieldLimits.CollectionFullCode, Assert.Throws<DomainRuleViolationException>(() => incident.AddConfigurationItem(Agent, new ConfigurationItemId("one-more"))).Code);
        Assert.Throws<FieldLimitException>(() => Incident.Open(Tenant, IncidentId.New(), Agent, "caller", "x", Impact.High, Urgency.High, NewClock(), configurationItems: [.. items, new ConfigurationItemId("one-more")]));
        Assert.Throws<ArgumentException>(() => Incident.Open(Tenant, IncidentId.New(), Agent, "caller", "x", Impact.High, Urgency.High, NewClock(), configurationItems: [items[0], items[0]]));
    }

    [Fact]
    public async Task With_a_service_model_the_engine_refuses_unknown_items_and_an_offering_of_another_service()
    {
        var engine = new ItsmEngine(new InMemoryAggregateStore(), ItsmAuthorizers.AllowAll, new FakeClock(Instant.FromUtc(2026, 12, 3, 9, 0)), new ItsmEngineOptions { ServiceModel = ServiceFixtures.Model() });
        var id = IncidentId.New();
        var open = new OpenIncident("caller", "Mail down", Impact.Low, Urgency.Low, new ServiceId("email")) { Offering = new ServiceOfferingId("web-std") };

        var refused = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.CreateAsync(Acme, id, Agent, open));
        Assert.Contains("Service offering 'web-std' belongs to service 'web', not 'email'.", refused.Message, StringComparison.Ordinal);

        await engine.Incidents.CreateAsync(Acme, id, Agent, open with { Offering = new ServiceOfferingId("email-gold"), ConfigurationItems = [new ConfigurationItemId("mx01")] });
        var unknown = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Acme, id, Agent, new AddIncidentConfigurationItem(new ConfigurationItemId("mx99"))));
        Assert.Equal(ServiceModel.UnknownReferenceCode, unknown.Code);
        await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Acme, id, Agent, new AssignIncidentToSupplier(new SupplierId("globex"))));
        var supplied = await engine.Incidents.ExecuteAsync(Acme, id, Agent, new AssignIncidentToSupplier(new SupplierId("acme-dns")));
        Assert.Equal(new SupplierId("acme-dns"), supplied.Record.Supplier);
    }

    [Fact]
    public async Task A_suppliers_underpinning_contract_runs_while_the_incident_waits_for_the_supplier()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 3, 9, 0));
        var contract = new Agreement("UC-DNS", "ACME DNS contract", AgreementKind.UnderpinningContract, new AgreementScope { Suppliers = ["acme-dns"] },
        [
            new SlaTarget
            {
                Metric = SlaMetric.Resolution,
                Durations = Enumerable.Range(1, 5).ToDictionary(p => new Priority(p), _ => Duration.FromHours(4)),
                Conditions = new SlaConditions { Start = SlaCondition.Always, Stop = SlaCondition.Not(SlaCondition.FieldIn("supplier", ["acme-dns"])) },
            },
        ]);
        var engine = new ItsmEngine(new InMemoryAggregateStore(), ItsmAuthorizers.AllowAll, clock, new ItsmEngineOptions { Agreements = [contract] });
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Acme, id, Agent, new OpenIncident("caller", "Names do not resolve", Impact.Medium, Urgency.Medium));
        await engine.Incidents.ExecuteAsync(Acme, id, Agent, new StartIncidentWork());
        clock.Advance(Duration.FromMinutes(30));
        var sentAt = clock.GetCurrentInstant();
        await engine.Incidents.ExecuteAsync(Acme, id, Agent, new PutIncidentOnHold(OnHoldReason.AwaitingVendor, "Zone transfer fails") { Supplier = new SupplierId("acme-dns") });
        clock.Advance(Duration.FromHours(1));
        var backAt = clock.GetCurrentInstant();
        await engine.Incidents.ExecuteAsync(Acme, id, Agent, new ResumeIncident());

        var clocks = engine.EvaluateSla(await engine.ReadIncidentTicketHistoryAsync(Acme, id, Agent));

        var uc = Assert.Single(clocks);
        Assert.Equal("UC-DNS", uc.Clock.Agreement.Id);
        Assert.Equal([SlaEvent.Started(sentAt, Duration.FromHours(4)), SlaEvent.Stopped(backAt)], uc.Clock.Timeline.Events);
    }
}
