using System;
using Itsm.Common;
using Itsm.Services;
using Xunit;

namespace Itsm.Core.Tests.Services;

public sealed class ServiceReadinessTests
{
    [Fact]
    public void ReadinessGaps_OfACompleteService_IsEmpty()
    {
        Assert.Empty(ServiceFixtures.Model().ReadinessGaps("email"));
    }

    [Fact]
    public void ReadinessGaps_OfABareService_ReportsEachGapByDimension()
    {
        var model = ServiceFixtures.Builder().Add(new Service("bare", "Bare")).Build();

        Assert.Equal(
            [
                new ReadinessGap(ServiceDimension.OrganizationsAndPeople, "Service 'bare' has no service owner."),
                new ReadinessGap(ServiceDimension.OrganizationsAndPeople, "Service 'bare' has no support group."),
                new ReadinessGap(ServiceDimension.InformationAndTechnology, "Service 'bare' depends on no configuration item."),
                new ReadinessGap(ServiceDimension.InformationAndTechnology, "Service 'bare' has no knowledge article."),
                new ReadinessGap(ServiceDimension.ValueStreamsAndProcesses, "Service 'bare' takes part in no value stream."),
            ],
            model.ReadinessGaps("bare"));
    }

    [Fact]
    public void ReadinessGaps_WithASupportGroupWithoutMembers_IsAPeopleGap()
    {
        var model = ServiceFixtures.Builder()
            .Add(new Service("s", "S", "alice", "Empty team", ["printer01"], knowledgeArticles: ["KB9"], valueStreams: ["Restore a service"]))
            .Build();

        Assert.Equal(
            [new ReadinessGap(ServiceDimension.OrganizationsAndPeople, "Support group 'Empty team' of service 's' has no members.")],
            model.ReadinessGaps("s"));
    }

    [Fact]
    public void ReadinessGaps_WithATransitiveExternalDependencyWithoutContract_IsASupplierGap()
    {
        var model = ServiceFixtures.Model(dnsContract: false);

        Assert.Equal(
            [new ReadinessGap(ServiceDimension.PartnersAndSuppliers, "Configuration item 'dns01' is supported by supplier 'acme-dns', which has no underpinning contract.")],
            model.ReadinessGaps("email"));
        Assert.Empty(model.ReadinessGaps("web"));
    }

    [Fact]
    public void ReadinessGaps_WithAPartnerSupportingTheServiceWithoutContract_IsASupplierGap()
    {
        var model = ServiceFixtures.Builder()
            .Add(new Supplier("cdn", "CDN partner", SupplierKind.Partner, services: ["web"]))
            .Build();

        Assert.Equal(
            [new ReadinessGap(ServiceDimension.PartnersAndSuppliers, "Service 'web' is supported by partner 'cdn', which has no underpinning contract.")],
            model.ReadinessGaps("web"));
    }

    [Fact]
    public void GoLive_WhenReady_MakesTheServiceLiveInANewModel()
    {
        var model = ServiceFixtures.Model();

        var live = model.GoLive("email");

        Assert.Equal(ServiceStatus.Live, live.Services["email"].Status);
        Assert.Equal(ServiceStatus.Pipeline, model.Services["email"].Status);
        Assert.Equal(ServiceStatus.Pipeline, live.Services["web"].Status);
    }

    [Fact]
    public void GoLive_WithGaps_RefusesListingEachGapByDimension()
    {
        var model = ServiceFixtures.Builder().Add(new Service("bare", "Bare", "zed", knowledgeArticles: ["KB1"])).Build();

        var ex = Assert.Throws<DomainRuleViolationException>(() => model.GoLive("bare"));

        Assert.Equal(ServiceModel.NotReadyCode, ex.Code);
        Assert.Equal("ITSM-SVC-READY-001", ex.Code);
        string nl = Environment.NewLine;
        Assert.Equal(
            "Invalid Live transition of service 'bare' (3 problems):" + nl +
            "- OrganizationsAndPeople: Service 'bare' has no support group." + nl +
            "- InformationAndTechnology: Service 'bare' depends on no configuration item." + nl +
            "- ValueStreamsAndProcesses: Service 'bare' takes part in no value stream.",
            ex.Message);
        Assert.Equal(ServiceStatus.Pipeline, model.Services["bare"].Status);
    }

    [Fact]
    public void GoLive_WhenAlreadyLive_IsAnInvalidTransition()
    {
        var live = ServiceFixtures.Model().GoLive("email");

        var ex = Assert.Throws<InvalidTransitionException>(() => live.GoLive("email"));

        Assert.Equal("Service in state Live cannot GoLive; it permits: Retire.", ex.Message);
    }

    [Fact]
    public void Retire_FromPipelineOrLive_RetiresAndIsTerminal()
    {
        var model = ServiceFixtures.Model();

        var retired = model.GoLive("email").Retire("email").Retire("web");

        Assert.Equal(ServiceStatus.Retired, retired.Services["email"].Status);
        Assert.Equal(ServiceStatus.Retired, retired.Services["web"].Status);
        var ex = Assert.Throws<InvalidTransitionException>(() => retired.Retire("email"));
        Assert.Equal("Service in state Retired cannot Retire: the state is terminal and permits no command.", ex.Message);
        Assert.Throws<InvalidTransitionException>(() => retired.GoLive("web"));
    }
}
