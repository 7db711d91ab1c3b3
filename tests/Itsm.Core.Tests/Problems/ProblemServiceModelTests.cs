using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Services;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Services;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Problems.ProblemFixtures;

namespace Itsm.Core.Tests.Problems;

/// <summary>A problem's service, offering, configuration items, supplier and typed group: commands, audit, refusals, storage and model checks.</summary>
public sealed class ProblemServiceModelTests
{
    private static FakeClock NewClock() => new(Monday0900);

    [Fact]
    public void Opening_records_the_service_offering_and_items_and_the_commands_audit_the_shared_events()
    {
        var clock = NewClock();
        var problem = Problem.Open(Tenant, ProblemId.New(), Analyst, "Mail stalls", clock, new ServiceId("email"), new ServiceOfferingId("email-gold"), [new ConfigurationItemId("mx01")]);
        Assert.Equal(
            new Dictionary<string, string> { ["shortDescription"] = "Mail stalls", ["service"] = "email", ["offering"] = "email-gold", ["configurationItems"] = "[\"mx01\"]" },
            problem.UncommittedAuditEntries[0].Data);
        Assert.Equal(
            new ProblemOpened("Mail stalls", new ServiceId("email")) { Offering = new ServiceOfferingId("email-gold"), ConfigurationItems = [new ConfigurationItemId("mx01")] },
            problem.UncommittedAuditEntries[0].Event);

        problem.Assess(Analyst);
        problem.ChangeService(Analyst, new ServiceId("web"));
        problem.AddConfigurationItem(Analyst, new ConfigurationItemId("dns01"));
        problem.RemoveConfigurationItem(Analyst, new ConfigurationItemId("mx01"));
        problem.AssignToSupplier(Analyst, new SupplierId("acme-dns"));

        var entries = problem.UncommittedAuditEntries.TakeLast(4).ToList();
        Assert.Equal(["ChangeService", "AddConfigurationItem", "RemoveConfigurationItem", "AssignToSupplier"], entries.Select(e => e.Command));
        Assert.Equal(new Dictionary<string, string> { ["service"] = "web", ["fromService"] = "email", ["fromOffering"] = "email-gold" }, entries[0].Data);
        Assert.Equal(new TicketServiceChanged(new ServiceId("web"), null, new ServiceId("email"), new ServiceOfferingId("email-gold")), entries[0].Event);
        Assert.Equal(new TicketConfigurationItemAdded(new ConfigurationItemId("dns01")), entries[1].Event);
        Assert.Equal(new TicketConfigurationItemRemoved(new ConfigurationItemId("mx01")), entries[2].Event);
        Assert.Equal(new TicketSupplierAssigned(new SupplierId("acme-dns"), null), entries[3].Event);
        Assert.All(entries, e => Assert.Equal("Assess", e.FromState));
        Assert.Equal((new ServiceId("web"), (ServiceOfferingId?)null, new SupplierId("acme-dns")), (problem.Service, problem.Offering, problem.Supplier));
        Assert.Equal([new ConfigurationItemId("dns01")], problem.ConfigurationItems);
    }

    [Fact]
    public void Repeats_and_unnamed_items_are_refused_with_codes_and_change_nothing()
    {
        var problem = InState(ProblemState.RootCauseAnalysis, NewClock());
        var probe = problem.Probe();

        Assert.Equal("ITSM-PRB-CI-001", Assert.Throws<DomainRuleViolationException>(() => problem.AddConfigurationItem(Analyst, new ConfigurationItemId("mx01"))).Code);
        Assert.Equal("ITSM-PRB-CI-002", Assert.Throws<DomainRuleViolationException>(() => problem.RemoveConfigurationItem(Analyst, new ConfigurationItemId("web01"))).Code);
        Assert.Equal("ITSM-PRB-SERVICE-001", Assert.Throws<DomainRuleViolationException>(() => problem.ChangeService(Analyst, problem.Service)).Code);
        Assert.Equal("ITSM-PRB-SUPPLIER-001", Assert.Throws<DomainRuleViolationException>(() => problem.AssignToSupplier(Analyst, null)).Code);
        Assert.Equal("item", Assert.ThrowsAny<ArgumentException>(() => problem.AddConfigurationItem(Analyst, default)).ParamName);
        Assert.Equal("group", Assert.ThrowsAny<ArgumentException>(() => problem.Assign(Analyst, default(SupportGroupId))).ParamName);
        probe.AssertUnchanged();
    }

    [Fact]
    public void A_resolved_problem_takes_corrections_but_no_supplier_and_a_closed_one_takes_neither()
    {
        var problem = InState(ProblemState.Resolved, NewClock());

        problem.ChangeService(Analyst, new ServiceId("web"));
        problem.AddConfigurationItem(Analyst, new ConfigurationItemId("web01"));
        Assert.Equal(ProblemState.Resolved.ToString(), Assert.Throws<InvalidTransitionException>(() => problem.AssignToSupplier(Analyst, new SupplierId("acme-dns"))).State);

        problem.Close(Manager);
        Assert.Equal(ProblemState.Closed.ToString(), Assert.Throws<InvalidTransitionException>(() => problem.ChangeService(Analyst, null)).State);
        Assert.Equal(ProblemState.Closed.ToString(), Assert.Throws<InvalidTransitionException>(() => problem.RemoveConfigurationItem(Analyst, new ConfigurationItemId("web01"))).State);
    }

    [Fact]
    public void The_state_document_round_trips_the_fields_and_a_document_saved_before_them_loads_with_none()
    {
        var clock = NewClock();
        var problem = InState(ProblemState.FixInProgress, clock);
        problem.ChangeService(Analyst, new ServiceId("email"), new ServiceOfferingId("email-gold"));
        problem.AssignToSupplier(Analyst, new SupplierId("acme-dns"));
        var codec = new ProblemCodec();
        var json = codec.Serialize(problem);

        var loaded = codec.Deserialize(Tenant, problem.Id.ToString(), problem.Version, json, clock);
        Assert.Equal(json, codec.Serialize(loaded));
        Assert.Equal((problem.Service, problem.Offering, problem.Supplier, problem.AssignmentGroup), (loaded.Service, loaded.Offering, loaded.Supplier, loaded.AssignmentGroup));
        Assert.Equal(problem.ConfigurationItems, loaded.ConfigurationItems);
        Assert.Equal("email", codec.IndexOf(loaded, null).Service);

        var root = JsonNode.Parse(json)!.AsObject();
        root.Remove("offering");
        root.Remove("configurationItems");
        root.Remove("supplier");
        var older = codec.Deserialize(Tenant, problem.Id.ToString(), problem.Version, root.ToJsonString(), clock);
        Assert.Equal(((ServiceOfferingId?)null, (SupplierId?)null, 0), (older.Offering, older.Supplier, older.ConfigurationItems.Count));
        Assert.Equal(new ServiceId("email"), older.Service);
    }

    [Fact]
    public async Task With_a_service_model_the_engine_refuses_unknown_references_and_an_offering_of_another_service()
    {
        var engine = new ItsmEngine(new InMemoryAggregateStore(), ItsmAuthorizers.AllowAll, NewClock(), new ItsmEngineOptions { ServiceModel = ServiceFixtures.Model() });
        var id = ProblemId.New();
        var open = new OpenProblem("Mail stalls", new ServiceId("email")) { Offering = new ServiceOfferingId("web-std") };

        var refused = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Problems.CreateAsync(Tenant, id, Analyst, open));
        Assert.Contains("Service offering 'web-std' belongs to service 'web', not 'email'.", refused.Message, StringComparison.Ordinal);

        await engine.Problems.CreateAsync(Tenant, id, Analyst, open with { Offering = new ServiceOfferingId("email-gold"), ConfigurationItems = [new ConfigurationItemId("mx01")] });
        var unknown = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Problems.ExecuteAsync(Tenant, id, Analyst, new AddProblemConfigurationItem(new ConfigurationItemId("mx99"))));
        Assert.Equal(ServiceModel.UnknownReferenceCode, unknown.Code);
        await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Problems.ExecuteAsync(Tenant, id, Analyst, new AssignProblemToSupplier(new SupplierId("globex"))));
        await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Problems.ExecuteAsync(Tenant, id, Analyst, new ChangeProblemService(new ServiceId("nope"))));
        await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Problems.ExecuteAsync(Tenant, id, Analyst, new AssignProblem(new SupportGroupId("Nobody"))));

        var supplied = await engine.Problems.ExecuteAsync(Tenant, id, Analyst, new AssignProblemToSupplier(new SupplierId("acme-dns")));
        var grouped = await engine.Problems.ExecuteAsync(Tenant, id, Analyst, new AssignProblem(new SupportGroupId("Messaging")));
        var moved = await engine.Problems.ExecuteAsync(Tenant, id, Analyst, new ChangeProblemService(new ServiceId("web"), new ServiceOfferingId("web-std")));
        var removed = await engine.Problems.ExecuteAsync(Tenant, id, Analyst, new RemoveProblemConfigurationItem(new ConfigurationItemId("mx01")));
        Assert.Equal(new SupplierId("acme-dns"), supplied.Record.Supplier);
        Assert.Equal(new SupportGroupId("Messaging"), grouped.Record.AssignmentGroup);
        Assert.Equal((new ServiceId("web"), new ServiceOfferingId("web-std")), (moved.Record.Service!.Value, moved.Record.Offering!.Value));
        Assert.Empty(removed.Record.ConfigurationItems);
        Assert.Equal(5, removed.Record.Version);
    }
}
