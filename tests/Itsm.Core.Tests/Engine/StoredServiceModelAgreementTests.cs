using System.Collections.Generic;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Services;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.ServiceModelRecords;
using Itsm.Services;
using Itsm.Sla;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Engine;

/// <summary>Edits of the stored service model through the engine are checked against the engine's agreements, as <see cref="ServiceModelBuilder.CheckAgreements"/> checks a model built in code.</summary>
public sealed class StoredServiceModelAgreementTests
{
    private static readonly TenantId Acme = new("acme");
    private static readonly Actor Admin = new("cmdb.admin", "admin");

    private static readonly SlaTarget Resolution = new()
    {
        Metric = SlaMetric.Resolution,
        Durations = new Dictionary<Priority, Duration> { [Itsm.Core.Tests.Sla.SlaFixtures.P1] = Duration.FromHours(4) },
        Conditions = new SlaConditions { Start = SlaCondition.Always, Stop = SlaCondition.StateIn("Resolved") },
    };

    // Every agreement the fixture model names, and the DNS supplier's contract.
    private static readonly Agreement[] Agreements =
    [
        new("UC-DNS", "DNS", AgreementKind.UnderpinningContract, AgreementScope.Everything, [Resolution]) { Supplier = new SupplierId("acme-dns") },
        Sla("SLA-EMAIL"), Sla("OLA-MSG"), Sla("SLA-WEB"), Sla("SLA-EMAIL-GOLD"),
    ];

    private static Agreement Sla(string id) => new(id, id, AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [Resolution]);

    private static ItsmEngine Engine(InMemoryAggregateStore store, IReadOnlyList<Agreement> agreements) =>
        new(store, ItsmAuthorizers.AllowAll, new FakeClock(Instant.FromUtc(2026, 12, 4, 9, 0)), new ItsmEngineOptions { Agreements = agreements });

    [Fact]
    public async Task Adding_a_supplier_whose_contract_is_not_an_agreement_is_refused_and_nothing_is_written()
    {
        var store = new InMemoryAggregateStore();
        var engine = Engine(store, Agreements);
        await engine.ServiceModels.CreateAsync(Acme, ServiceModelRecordId.Only, Admin, new CreateServiceModel(ServiceFixtures.Model()));

        var ex = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.ServiceModels.ExecuteAsync(Acme, ServiceModelRecordId.Only, Admin,
            new AddSupplier(new Supplier("fabrikam", "Fabrikam", contracts: ["UC-NOPE"]))));

        Assert.Equal(ServiceModel.InvalidModelCode, ex.Code);
        Assert.Equal("Invalid service model: supplier 'fabrikam' names contract 'UC-NOPE', which is not an agreement.", ex.Message);
        Assert.Single(await store.ReadHistoryAsync(Acme, ServiceModelRecord.RecordType, ServiceModelRecordId.Text));
    }

    [Fact]
    public async Task A_contract_of_another_kind_or_supplier_and_an_offerings_unknown_agreement_are_refused()
    {
        var engine = Engine(new InMemoryAggregateStore(), Agreements);
        await engine.ServiceModels.CreateAsync(Acme, ServiceModelRecordId.Only, Admin, new CreateServiceModel(ServiceFixtures.Model()));

        var kind = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.ServiceModels.ExecuteAsync(Acme, ServiceModelRecordId.Only, Admin,
            new AddSupplier(new Supplier("fabrikam", "Fabrikam", contracts: ["SLA-WEB", "UC-DNS"]))));
        var offering = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.ServiceModels.ExecuteAsync(Acme, ServiceModelRecordId.Only, Admin,
            new UpdateServiceOffering(new ServiceOffering("web-std", "Web - Standard", "web", agreements: ["SLA-NOPE"]))));

        Assert.Equal(
            "Invalid service model (2 problems):" + System.Environment.NewLine
            + "- supplier 'fabrikam' names contract 'SLA-WEB', which is ServiceLevelAgreement, not an underpinning contract." + System.Environment.NewLine
            + "- supplier 'fabrikam' names contract 'UC-DNS', an underpinning contract with supplier 'acme-dns'.",
            kind.Message);
        Assert.Equal("Invalid service model: offering 'web-std' names agreement 'SLA-NOPE', which is not an agreement.", offering.Message);
        Assert.Equal(ServiceModel.InvalidModelCode, offering.Code);
    }

    [Fact]
    public async Task Removing_the_supplier_an_underpinning_contract_names_is_refused()
    {
        var engine = Engine(new InMemoryAggregateStore(), Agreements);
        await engine.ServiceModels.CreateAsync(Acme, ServiceModelRecordId.Only, Admin, new CreateServiceModel(ServiceFixtures.Model()));

        var ex = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.ServiceModels.ExecuteAsync(Acme, ServiceModelRecordId.Only, Admin,
            new RemoveSupplier(new SupplierId("acme-dns"))));

        Assert.Equal("Invalid service model: underpinning contract 'UC-DNS' names supplier 'acme-dns', which is not in the service model.", ex.Message);
    }

    [Fact]
    public async Task Creating_or_replacing_with_a_broken_link_is_refused()
    {
        var engine = Engine(new InMemoryAggregateStore(), [.. Agreements[1..], Sla("UC-DNS")]);

        var create = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.ServiceModels.CreateAsync(Acme, ServiceModelRecordId.Only, Admin,
            new CreateServiceModel(ServiceFixtures.Model())));
        Assert.Equal("Invalid service model: supplier 'acme-dns' names contract 'UC-DNS', which is ServiceLevelAgreement, not an underpinning contract.", create.Message);

        await engine.ServiceModels.CreateAsync(Acme, ServiceModelRecordId.Only, Admin, new CreateServiceModel());
        var replace = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.ServiceModels.ExecuteAsync(Acme, ServiceModelRecordId.Only, Admin,
            new ReplaceServiceModel(ServiceFixtures.Model())));
        Assert.Equal(create.Message, replace.Message);
    }

    [Fact]
    public async Task A_model_filled_in_edit_by_edit_is_accepted_and_problems_already_stored_block_no_other_edit()
    {
        var store = new InMemoryAggregateStore();

        // Empty, the model lacks UC-DNS's supplier: a problem it already has, so adding parts one by one works.
        var engine = Engine(store, Agreements);
        await engine.ServiceModels.CreateAsync(Acme, ServiceModelRecordId.Only, Admin, new CreateServiceModel());
        await engine.ServiceModels.ExecuteAsync(Acme, ServiceModelRecordId.Only, Admin, new AddConfigurationItem(new ConfigurationItem("dns01")));
        var added = await engine.ServiceModels.ExecuteAsync(Acme, ServiceModelRecordId.Only, Admin,
            new AddSupplier(new Supplier("acme-dns", "ACME DNS", contracts: ["UC-DNS"], configurationItems: ["dns01"])));
        Assert.Equal(["UC-DNS"], added.Record.Model.Suppliers["acme-dns"].Contracts);

        // A model stored by an engine without agreements keeps its unknown agreement; an unrelated edit still goes through.
        var other = new TenantId("globex");
        await Engine(store, []).ServiceModels.CreateAsync(other, ServiceModelRecordId.Only, Admin, new CreateServiceModel(
            new ServiceModelBuilder().Add(new Service("chat", "Chat", agreements: ["SLA-OLD"])).Build()));
        var edited = await engine.ServiceModels.ExecuteAsync(other, ServiceModelRecordId.Only, Admin, new AddSupportGroup(new SupportGroup("Chat team")));
        Assert.Equal(2, edited.Record.Version);

        // ... but an edit that adds a second unknown agreement is refused, naming only the new one.
        var ex = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.ServiceModels.ExecuteAsync(other, ServiceModelRecordId.Only, Admin,
            new AddServiceOffering(new ServiceOffering("chat-std", "Chat - Std", "chat", agreements: ["SLA-NEW"]))));
        Assert.Equal("Invalid service model: offering 'chat-std' names agreement 'SLA-NEW', which is not an agreement.", ex.Message);
    }

    [Fact]
    public async Task Without_agreements_the_engine_checks_no_agreement_link()
    {
        var engine = Engine(new InMemoryAggregateStore(), []);
        await engine.ServiceModels.CreateAsync(Acme, ServiceModelRecordId.Only, Admin, new CreateServiceModel(ServiceFixtures.Model()));

        var result = await engine.ServiceModels.ExecuteAsync(Acme, ServiceModelRecordId.Only, Admin, new AddSupplier(new Supplier("fabrikam", "Fabrikam", contracts: ["UC-NOPE"])));

        Assert.Equal(2, result.Record.Version);
    }
}
