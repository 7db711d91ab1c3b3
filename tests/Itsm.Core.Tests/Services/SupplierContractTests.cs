using System;
using System.Collections.Generic;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Services;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Core.Tests.Services;

/// <summary>An underpinning contract names its supplier; the model's suppliers name their UCs; broken links are listed.</summary>
public sealed class SupplierContractTests
{
    private static readonly SlaTarget Resolution = new()
    {
        Metric = SlaMetric.Resolution,
        Durations = new Dictionary<Priority, Duration> { [Itsm.Core.Tests.Sla.SlaFixtures.P1] = Duration.FromHours(4) },
        Conditions = new SlaConditions { Start = SlaCondition.Always, Stop = SlaCondition.StateIn("Resolved") },
    };

    private static Agreement Uc(string id, string? supplier) =>
        new(id, id, AgreementKind.UnderpinningContract, AgreementScope.Everything, [Resolution]) { Supplier = supplier is null ? null : new SupplierId(supplier) };

    private static Agreement Sla(string id) => new(id, id, AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [Resolution]);

    [Fact]
    public void Only_an_underpinning_contract_names_a_supplier()
    {
        Assert.Equal(new SupplierId("acme-dns"), Uc("UC-DNS", "acme-dns").Supplier);
        Assert.Null(Sla("SLA-1").Supplier);
        var ex = Assert.Throws<ArgumentException>(() => new Agreement("SLA-1", "x", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [Resolution]) { Supplier = new SupplierId("acme") });
        Assert.StartsWith("Agreement 'SLA-1' is ServiceLevelAgreement; only an underpinning contract names a supplier.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_supplier_round_trips_through_the_agreement_json_and_is_refused_on_an_sla()
    {
        var json = Uc("UC-DNS", "acme-dns").ToJson();

        Assert.Contains("\"supplier\": \"acme-dns\"", json, StringComparison.Ordinal);
        Assert.Equal(new SupplierId("acme-dns"), Agreement.FromJson(json).Supplier);
        Assert.Null(Agreement.FromJson(Sla("SLA-1").ToJson()).Supplier);
        var ex = Assert.Throws<SlaDefinitionException>(() => Agreement.FromJson(
            """{ "id": "SLA-1", "kind": "sla", "supplier": "acme", "targets": [ { "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "start": true, "stop": { "stateIn": ["Resolved"] } } } ] }"""));
        Assert.Equal(["agreement.supplier: only an underpinning contract names a supplier."], ex.Errors);
    }

    [Fact]
    public void CheckAgreements_lists_every_broken_link_between_suppliers_contracts_and_services()
    {
        var builder = ServiceFixtures.Builder()
            .Add(new Supplier("fabrikam", "Fabrikam", contracts: ["UC-NET", "SLA-EMAIL", "UC-MISSING", "UC-DNS"]))
            .CheckAgreements([Uc("UC-DNS", "acme-dns"), Uc("UC-NET", null), Uc("UC-GHOST", "ghost"), Sla("SLA-EMAIL"), Sla("SLA-WEB")]);

        var ex = Assert.Throws<DomainRuleViolationException>(builder.Build);

        Assert.Equal(ServiceModel.InvalidModelCode, ex.Code);
        foreach (var line in new[]
        {
            "supplier 'fabrikam' names contract 'SLA-EMAIL', which is ServiceLevelAgreement, not an underpinning contract.",
            "supplier 'fabrikam' names contract 'UC-DNS', an underpinning contract with supplier 'acme-dns'.",
            "supplier 'fabrikam' names contract 'UC-MISSING', which is not an agreement.",
            "supplier 'fabrikam' names contract 'UC-NET', an underpinning contract with no supplier.",
            "underpinning contract 'UC-GHOST' names supplier 'ghost', which is not in the service model.",
            "service 'email' names agreement 'OLA-MSG', which is not an agreement.",
            "offering 'email-gold' names agreement 'SLA-EMAIL-GOLD', which is not an agreement.",
        })
        {
            Assert.Contains(line, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CheckAgreements_passes_a_model_whose_links_hold()
    {
        var model = ServiceFixtures.Builder()
            .CheckAgreements([Uc("UC-DNS", "acme-dns"), Sla("SLA-EMAIL"), Sla("OLA-MSG"), Sla("SLA-WEB"), Sla("SLA-EMAIL-GOLD")])
            .Build();

        Assert.Equal(["UC-DNS"], model.Suppliers["acme-dns"].Contracts);
    }

    [Fact]
    public void Engine_options_report_every_broken_link_the_builders_check_reports_services_and_offerings_included()
    {
        var options = new ItsmEngineOptions { ServiceModel = ServiceFixtures.Model(), Agreements = [Uc("UC-DNS", "acme"), Uc("UC-X", "acme-dns"), Sla("SLA-EMAIL")] };

        Assert.Equal(
            [
                "ServiceModel: supplier 'acme-dns' names contract 'UC-DNS', an underpinning contract with supplier 'acme'.",
                "ServiceModel: underpinning contract 'UC-DNS' names supplier 'acme', which is not in the service model.",
                "ServiceModel: service 'email' names agreement 'OLA-MSG', which is not an agreement.",
                "ServiceModel: service 'web' names agreement 'SLA-WEB', which is not an agreement.",
                "ServiceModel: offering 'email-gold' names agreement 'SLA-EMAIL-GOLD', which is not an agreement.",
            ],
            options.Validate());
        Assert.Empty((options with { Agreements = [Uc("UC-DNS", "acme-dns"), Sla("SLA-EMAIL"), Sla("OLA-MSG"), Sla("SLA-WEB"), Sla("SLA-EMAIL-GOLD")] }).Validate());
        Assert.Empty((options with { Agreements = [] }).Validate());
    }
}
