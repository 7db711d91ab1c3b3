using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Services;
using Itsm.Sla;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Sla.SlaFixtures;

namespace Itsm.Core.Tests.Sla;

/// <summary>An underpinning contract's supplier is part of its scope: the contract applies only while that supplier has the ticket.</summary>
public sealed class AgreementSupplierTests
{
    private static readonly SlaTarget WhileWithSupplier = new()
    {
        Metric = SlaMetric.Resolution,
        Durations = Enumerable.Range(1, 5).ToDictionary(p => new Priority(p), _ => Duration.FromHours(4)),
        Conditions = new SlaConditions { Start = SlaCondition.Always, Stop = SlaCondition.StateIn("Resolved") },
    };

    private static Agreement Uc(AgreementScope scope, string? supplier = "acme-dns") =>
        new("UC-DNS", "ACME DNS contract", AgreementKind.UnderpinningContract, scope, [WhileWithSupplier]) { Supplier = supplier is null ? null : new SupplierId(supplier) };

    [Fact]
    public void A_contract_naming_its_supplier_covers_only_that_suppliers_tickets_even_with_an_everything_scope()
    {
        var uc = Uc(AgreementScope.Everything);

        Assert.True(uc.Covers(Ticket("InProgress", supplier: "acme-dns")));
        Assert.False(uc.Covers(Ticket("InProgress")));
        Assert.False(uc.Covers(Ticket("InProgress", supplier: "globex")));
        Assert.True(uc.Scope.Covers(Ticket("InProgress")));
        Assert.True(Uc(AgreementScope.Everything, supplier: null).Covers(Ticket("InProgress")));
    }

    [Fact]
    public void The_supplier_combines_with_the_rest_of_the_scope()
    {
        var uc = Uc(new AgreementScope { Services = ["email"], Suppliers = ["acme-dns", "globex"] });

        Assert.True(uc.Covers(Ticket("InProgress", service: "email", supplier: "acme-dns")));
        Assert.False(uc.Covers(Ticket("InProgress", service: "email", supplier: "globex")));
        Assert.False(uc.Covers(Ticket("InProgress", service: "web", supplier: "acme-dns")));
    }

    [Fact]
    public void A_scope_listing_only_other_suppliers_is_refused_in_code_and_in_json()
    {
        var ex = Assert.Throws<SlaDefinitionException>(() => Uc(new AgreementScope { Suppliers = ["globex", "initech"] }));
        Assert.Equal(["supplier: 'acme-dns' is not among the scope's suppliers ('globex', 'initech'); an underpinning contract applies only to its supplier's tickets."], ex.Errors);
        Assert.Equal(SlaDefinitionException.ErrorCode, ex.Code);

        var json = Assert.Throws<SlaDefinitionException>(() => Agreement.FromJson(
            """{ "id": "UC-DNS", "kind": "underpinningContract", "supplier": "acme-dns", "scope": { "suppliers": ["globex"] }, "targets": [ { "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "start": true, "stop": { "stateIn": ["Resolved"] } } } ] }"""));
        Assert.Equal(["agreement.supplier: 'acme-dns' is not among the scope's suppliers ('globex'); an underpinning contract applies only to its supplier's tickets."], json.Errors);
    }

    [Fact]
    public void The_json_round_trip_keeps_the_supplier_and_the_scope_as_given()
    {
        foreach (var uc in new[] { Uc(AgreementScope.Everything), Uc(new AgreementScope { Suppliers = ["acme-dns"] }) })
        {
            var json = uc.ToJson();
            var read = Agreement.FromJson(json);

            Assert.Equal(uc.Supplier, read.Supplier);
            Assert.Equal(uc.Scope.Suppliers, read.Scope.Suppliers);
            Assert.Equal(json, read.ToJson());
        }
    }

    [Fact]
    public void The_tracker_starts_the_contracts_clock_when_the_supplier_gets_the_ticket_and_not_before()
    {
        var tracker = new SlaTracker([Uc(AgreementScope.Everything)]);
        var history = new[]
        {
            Ticket("InProgress").At(Mon(9)),
            Ticket("InProgress", supplier: "acme-dns").At(Mon(10)),
            Ticket("Resolved", supplier: "acme-dns").At(Mon(12)),
        };

        Assert.Empty(tracker.ApplicableTo(history[0].Snapshot));
        var clock = Assert.Single(tracker.Track(history));
        Assert.Equal([SlaEvent.Started(Mon(10), Duration.FromHours(4)), SlaEvent.Stopped(Mon(12))], clock.Timeline.Events);
    }

    [Fact]
    public async Task In_the_engine_an_incident_on_hold_for_the_supplier_starts_the_contract_whose_scope_is_everything()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 3, 9, 0));
        var engine = new ItsmEngine(new InMemoryAggregateStore(), ItsmAuthorizers.AllowAll, clock, new ItsmEngineOptions { Agreements = [Uc(AgreementScope.Everything)] });
        var actor = new Actor("agent.smith", "itil");
        var tenant = new TenantId("acme");
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(tenant, id, actor, new OpenIncident("caller", "Names do not resolve", Impact.Medium, Urgency.Medium));
        await engine.Incidents.ExecuteAsync(tenant, id, actor, new StartIncidentWork());
        clock.Advance(Duration.FromMinutes(30));
        var sentAt = clock.GetCurrentInstant();
        await engine.Incidents.ExecuteAsync(tenant, id, actor, new PutIncidentOnHold(OnHoldReason.AwaitingVendor, "Zone transfer fails") { Supplier = new SupplierId("acme-dns") });

        var uc = Assert.Single(engine.EvaluateSla(await engine.ReadIncidentTicketHistoryAsync(tenant, id, actor)));

        Assert.Equal([SlaEvent.Started(sentAt, Duration.FromHours(4))], uc.Clock.Timeline.Events);
    }
}
