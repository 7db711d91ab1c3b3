using System;
using System.Linq;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Services;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Services;

public sealed class ServiceModelTests
{
    private static readonly Instant Origin = Instant.FromUtc(2026, 3, 1, 0, 0);

    [Fact]
    public void Build_WithACycle_RejectsItNamingTheCycle()
    {
        var builder = new ServiceModelBuilder()
            .Add(new ConfigurationItem("app", dependsOn: ["db"]))
            .Add(new ConfigurationItem("db", dependsOn: ["storage"]))
            .Add(new ConfigurationItem("storage", dependsOn: ["app"]));

        var ex = Assert.Throws<DomainRuleViolationException>(() => builder.Build());

        Assert.Equal(ServiceModel.CycleCode, ex.Code);
        Assert.Equal("ITSM-SVC-CYCLE-001", ex.Code);
        Assert.Equal("The configuration item dependencies form a cycle: app -> db -> storage -> app.", ex.Message);
    }

    [Fact]
    public void Build_WithASelfDependency_RejectsItAsACycle()
    {
        var builder = new ServiceModelBuilder().Add(new ConfigurationItem("a")).Add(new ConfigurationItem("b", dependsOn: ["b"]));

        var ex = Assert.Throws<DomainRuleViolationException>(() => builder.Build());

        Assert.Equal("The configuration item dependencies form a cycle: b -> b.", ex.Message);
    }

    [Fact]
    public void Build_WithACycleBelowAnAcyclicPart_NamesOnlyTheCycle()
    {
        var builder = new ServiceModelBuilder()
            .Add(new ConfigurationItem("a", dependsOn: ["b"]))
            .Add(new ConfigurationItem("b", dependsOn: ["c"]))
            .Add(new ConfigurationItem("c", dependsOn: ["d"]))
            .Add(new ConfigurationItem("d", dependsOn: ["c"]));

        var ex = Assert.Throws<DomainRuleViolationException>(() => builder.Build());

        Assert.Equal("The configuration item dependencies form a cycle: c -> d -> c.", ex.Message);
    }

    [Fact]
    public void Build_WithDuplicatesAndUnknownReferences_ListsEveryProblem()
    {
        var builder = new ServiceModelBuilder()
            .Add(new ConfigurationItem("a", dependsOn: ["ghost"]))
            .Add(new ConfigurationItem("a"))
            .Add(new Service("email", "Email", "alice", "Nobody", ["a", "b"], valueStreams: ["Unknown stream"]))
            .Add(new ServiceOffering("gold", "Gold", "mail"))
            .Add(new Supplier("acme", "ACME", services: ["web"]));

        var ex = Assert.Throws<DomainRuleViolationException>(() => builder.Build());

        Assert.Equal(ServiceModel.InvalidModelCode, ex.Code);
        string nl = Environment.NewLine;
        Assert.Equal(
            "Invalid service model (7 problems):" + nl +
            "- configuration item 'a' is added more than once." + nl +
            "- configuration item 'a' depends on configuration item 'ghost', which is not in the model." + nl +
            "- service 'email' depends on configuration item 'b', which is not in the model." + nl +
            "- service 'email' is supported by support group 'Nobody', which is not in the model." + nl +
            "- service 'email' takes part in value stream 'Unknown stream', which is not in the model." + nl +
            "- offering 'gold' belongs to service 'mail', which is not in the model." + nl +
            "- supplier 'acme' supports service 'web', which is not in the model.",
            ex.Message);
    }

    [Fact]
    public void ImpactOf_ALeaf_AffectsEverythingAboveItTransitively()
    {
        var impact = ServiceFixtures.Model().ImpactOf("host01");

        Assert.Equal("host01", impact.FailedConfigurationItem);
        Assert.Equal(["host01", "mx01", "vm01", "vm02", "web01"], impact.AffectedConfigurationItems);
        Assert.Equal(["email", "web"], impact.AffectedServices);
        Assert.Equal(["email-gold", "email-std", "web-std"], impact.AffectedOfferings);
    }

    [Fact]
    public void ImpactOf_AnItemOnOneBranch_AffectsOnlyThatBranch()
    {
        var impact = ServiceFixtures.Model().ImpactOf("dns01");

        Assert.Equal(["dns01", "mx01"], impact.AffectedConfigurationItems);
        Assert.Equal(["email"], impact.AffectedServices);
        Assert.Equal(["email-gold", "email-std"], impact.AffectedOfferings);
    }

    [Fact]
    public void ImpactOf_AnItemNothingDependsOn_AffectsOnlyItself()
    {
        var impact = ServiceFixtures.Model().ImpactOf("printer01");

        Assert.Equal(["printer01"], impact.AffectedConfigurationItems);
        Assert.Empty(impact.AffectedServices);
        Assert.Empty(impact.AffectedOfferings);
    }

    [Fact]
    public void ImpactOf_AnUnknownItem_ThrowsNamingTheParameter()
    {
        var ex = Assert.Throws<ArgumentException>(() => ServiceFixtures.Model().ImpactOf("nope"));

        Assert.Equal("configurationItem", ex.ParamName);
        Assert.StartsWith("Configuration item 'nope' is not in the model.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangesTouching_FindsChangesOnAffectedItemsServicesAndOfferings()
    {
        var onVm = Change(0, [], ["vm01"]);
        var onWeb = Change(10, ["web"], []);
        var onOffering = Change(20, ["email-gold"], []);
        var unrelated = Change(5, ["payroll"], ["printer01"]);
        var calendar = new ChangeCalendar([onOffering, unrelated, onWeb, onVm]);

        var model = ServiceFixtures.Model();

        Assert.Equal([onVm.Id, onWeb.Id, onOffering.Id], model.ImpactOf("host01").ChangesTouching(calendar).Select(c => c.Id));
        Assert.Equal([onOffering.Id], model.ImpactOf("dns01").ChangesTouching(calendar).Select(c => c.Id));
        Assert.Equal([unrelated.Id], model.ImpactOf("printer01").ChangesTouching(calendar).Select(c => c.Id));
        Assert.Empty(model.ImpactOf("dns01").ChangesTouching(ChangeCalendar.Empty));
    }

    [Fact]
    public void DependenciesOf_IsTransitive()
    {
        Assert.Equal(["dns01", "host01", "mx01", "vm01"], ServiceFixtures.Model().DependenciesOf("email"));
    }

    [Fact]
    public void OfferingsOf_ListsTheServicesOfferings()
    {
        Assert.Equal(["email-gold", "email-std"], ServiceFixtures.Model().OfferingsOf("email").Select(o => o.Id));
    }

    [Fact]
    public void SuppliersOf_FindsSuppliersOfTransitiveDependencies()
    {
        var model = ServiceFixtures.Model();

        Assert.Equal(["acme-dns"], model.SuppliersOf("email").Select(s => s.Id));
        Assert.Empty(model.SuppliersOf("web"));
    }

    [Fact]
    public void UnknownService_ThrowsNamingTheParameter()
    {
        var ex = Assert.Throws<ArgumentException>(() => ServiceFixtures.Model().ReadinessGaps("nope"));

        Assert.Equal("service", ex.ParamName);
    }

    [Fact]
    public void RolesOf_ListsOwnershipsAndMemberships()
    {
        var model = ServiceFixtures.Builder()
            .Add(new Practice(Practices.ServiceDesk, "alice"))
            .Build();

        Assert.Equal(
            [
                new RoleAssignment(ServiceRole.ServiceOwner, "email"),
                new RoleAssignment(ServiceRole.ProcessOwner, Practices.ServiceDesk),
                new RoleAssignment(ServiceRole.Practitioner, "Messaging"),
            ],
            model.RolesOf("alice"));
        Assert.Equal([new RoleAssignment(ServiceRole.ProcessOwner, Practices.IncidentManagement)], model.RolesOf("dave"));
        Assert.Empty(model.RolesOf("zed"));
    }

    [Fact]
    public void Practices_HaveOwnersAndKpis()
    {
        var practice = ServiceFixtures.Model().Practices[Practices.IncidentManagement];

        Assert.Equal("dave", practice.ProcessOwner);
        Assert.Equal(["Mean time to resolve", "Reopen rate"], practice.Kpis);
        Assert.Equal("processOwner", Assert.Throws<ArgumentException>(() => new Practice("X", " ")).ParamName);
    }

    [Fact]
    public void Parts_RejectBadInputNamingTheParameter()
    {
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => new Service(" ", "Email")).ParamName);
        Assert.Equal("owner", Assert.Throws<ArgumentException>(() => new Service("e", "Email", owner: "")).ParamName);
        Assert.Equal("dependsOn", Assert.Throws<ArgumentException>(() => new ConfigurationItem("a", dependsOn: ["b", " "])).ParamName);
        Assert.Equal("service", Assert.Throws<ArgumentException>(() => new ServiceOffering("o", "O", "")).ParamName);
        Assert.Equal("contracts", Assert.Throws<ArgumentException>(() => new Supplier("s", "S", contracts: [null!])).ParamName);
        Assert.Equal("members", Assert.Throws<ArgumentException>(() => new SupportGroup("g", [""])).ParamName);
        Assert.Equal("kind", Assert.Throws<ArgumentOutOfRangeException>(() => new Supplier("s", "S", (SupplierKind)7)).ParamName);
        Assert.Equal("service", Assert.Throws<ArgumentNullException>(() => new ServiceModelBuilder().Add((Service)null!)).ParamName);
    }

    [Fact]
    public void Service_NormalizesItsLists()
    {
        var service = new Service("e", "Email", configurationItems: ["b", "a", "b"], agreements: ["SLA-2", "OLA-1"]);

        Assert.Equal(["a", "b"], service.ConfigurationItems);
        Assert.Equal(["OLA-1", "SLA-2"], service.Agreements);
        Assert.Equal(ServiceStatus.Pipeline, service.Status);
    }

    private static ScheduledChange Change(int startMinutes, string[] services, string[] items) =>
        new(ChangeId.New(), ChangeType.Normal, new Interval(Origin + Duration.FromMinutes(startMinutes), Origin + Duration.FromMinutes(startMinutes + 30)), services, items);
}
