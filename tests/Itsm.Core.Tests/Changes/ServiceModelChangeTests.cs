using System;
using System.Collections.Generic;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Services;
using NodaTime;

namespace Itsm.Core.Tests.Changes;

/// <summary>Change risk and the change calendar with a service model: criticality through the CI graph, and conflicts between related items.</summary>
public sealed class ServiceModelChangeTests
{
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 30, 0, 0);
    private static readonly Dictionary<string, string> NoAnswers = [];

    // pay runs on app01, which runs on vm01 hosted on host01; hr runs on hr01 on vm02 on host01; wiki stands alone.
    private static ServiceModel Model() => new ServiceModelBuilder()
        .Add(new ConfigurationItem("host01"))
        .Add(new ConfigurationItem("vm01", relationships: [new(RelationshipType.HostedOn, "host01")]))
        .Add(new ConfigurationItem("vm02", relationships: [new(RelationshipType.HostedOn, "host01")]))
        .Add(new ConfigurationItem("app01", relationships: [new(RelationshipType.RunsOn, "vm01")]))
        .Add(new ConfigurationItem("hr01", relationships: [new(RelationshipType.RunsOn, "vm02")]))
        .Add(new ConfigurationItem("wiki01"))
        .Add(new Service("pay", "Payments", configurationItems: ["app01"]) { Criticality = BusinessCriticality.MostCritical })
        .Add(new Service("hr", "HR", configurationItems: ["hr01"]) { Criticality = BusinessCriticality.SomewhatCritical })
        .Add(new Service("wiki", "Wiki", configurationItems: ["wiki01"]))
        .Build();

    private static ScheduledChange Change(int from, int to, params string[] items) =>
        new(ChangeId.New(), ChangeType.Normal, new Interval(Monday + Duration.FromHours(from), Monday + Duration.FromHours(to)), [], items);

    [Fact]
    public void A_change_on_a_host_under_a_most_critical_service_is_high_and_names_it()
    {
        var policy = new RiskPolicy([], 1, 1) { ServiceModel = Model() };

        var assessment = policy.Assess(NoAnswers, causesOutage: false, [], ["host01"]);

        Assert.Equal(ChangeRisk.High, assessment.ConditionRisk);
        Assert.Equal(ChangeRisk.High, assessment.Risk);
        Assert.Equal(["pay"], assessment.ImpactedCriticalServices);
    }

    [Fact]
    public void Assessing_a_change_counts_the_services_its_own_configuration_items_reach()
    {
        var clock = new NodaTime.Testing.FakeClock(Monday);
        var change = Itsm.Changes.Change.Open(new TenantId("acme"), ChangeId.New(), ChangeType.Normal, new Actor("req.ross"), "Patch the host", "Patch and reboot", null, [new ConfigurationItemId("host01")], clock);
        change.Submit(new Actor("req.ross"));

        var assessment = change.AssessRisk(new Actor("coord.cole"), new RiskPolicy([], 1, 1) { ServiceModel = Model() }, NoAnswers, causesOutage: false);

        Assert.Equal(ChangeRisk.High, assessment.Risk);
        Assert.Equal(["pay"], assessment.ImpactedCriticalServices);
        Assert.Equal(ChangeRisk.High, change.RiskAssessment!.Risk);
    }

    [Fact]
    public void A_change_reaching_only_a_somewhat_critical_service_is_moderate()
    {
        var policy = new RiskPolicy([], 1, 1) { ServiceModel = Model() };

        var assessment = policy.Assess(NoAnswers, causesOutage: false, [], ["vm02"]);

        Assert.Equal(ChangeRisk.Moderate, assessment.Risk);
        Assert.Empty(assessment.ImpactedCriticalServices);
    }

    [Fact]
    public void Without_a_model_only_the_named_critical_services_count_as_before()
    {
        var plain = new RiskPolicy([], 1, 1, ["wiki"]);
        var withModel = new RiskPolicy([], 1, 1, ["wiki"]) { ServiceModel = Model() };

        Assert.Equal(ChangeRisk.Low, plain.Assess(NoAnswers, false, [], ["host01"]).Risk);
        Assert.Equal(ChangeRisk.High, plain.Assess(NoAnswers, false, ["wiki"]).Risk);
        Assert.Equal(["wiki"], withModel.Assess(NoAnswers, false, [], ["wiki01"]).ImpactedCriticalServices);
        Assert.Equal(["pay"], withModel.Assess(NoAnswers, false, ["pay"]).ImpactedCriticalServices);
        Assert.Equal(ChangeRisk.Low, withModel.Assess(NoAnswers, false, [], ["not-in-model"]).Risk);
    }

    [Fact]
    public void Criticality_is_not_critical_unless_set_and_refuses_undefined_values()
    {
        Assert.Equal(BusinessCriticality.NotCritical, new Service("s", "S").Criticality);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Service("s", "S") { Criticality = (BusinessCriticality)7 });
    }

    [Fact]
    public void Without_a_model_or_at_depth_zero_changes_on_related_items_do_not_conflict()
    {
        var calendar = new ChangeCalendar([Change(1, 3, "vm01")]);

        Assert.Empty(calendar.CheckConflicts(Change(2, 4, "app01")));
        Assert.Empty(calendar.WithServiceModel(Model(), relatedDepth: 0).CheckConflicts(Change(2, 4, "app01")));
        Assert.Equal(0, calendar.RelatedDepth);
        Assert.Null(calendar.ServiceModel);
    }

    [Fact]
    public void With_a_model_a_change_on_a_directly_related_item_in_the_same_window_conflicts()
    {
        var server = Change(1, 3, "vm01");
        var calendar = new ChangeCalendar([server]).WithServiceModel(Model());

        var conflict = Assert.Single(calendar.CheckConflicts(Change(2, 4, "app01")));

        Assert.Equal(ScheduleConflictKind.RelatedChange, conflict.Kind);
        Assert.True(conflict.IsBlocking);
        Assert.Equal(server.Id, conflict.OtherChange);
        Assert.Equal(["ci:vm01"], conflict.SharedItems);
        Assert.Empty(calendar.CheckConflicts(Change(3, 5, "app01")));
    }

    [Fact]
    public void The_depth_bounds_how_far_related_items_conflict_and_survives_with_and_without()
    {
        var host = Change(1, 3, "host01");
        var calendar = new ChangeCalendar([host]).WithServiceModel(Model());

        Assert.Empty(calendar.CheckConflicts(Change(2, 4, "app01")));
        var deeper = calendar.WithServiceModel(Model(), relatedDepth: 2);
        Assert.Equal(ScheduleConflictKind.RelatedChange, Assert.Single(deeper.CheckConflicts(Change(2, 4, "app01"))).Kind);

        var moved = deeper.With(Change(5, 6, "wiki01")).Without(ChangeId.New());
        Assert.Equal(2, moved.RelatedDepth);
        Assert.Single(moved.CheckConflicts(Change(2, 4, "app01")));
    }

    [Fact]
    public void A_change_sharing_an_item_is_reported_once_as_an_overlap_not_also_as_related()
    {
        var both = Change(1, 3, "app01", "vm01");
        var calendar = new ChangeCalendar([both]).WithServiceModel(Model());

        var conflict = Assert.Single(calendar.CheckConflicts(Change(2, 4, "app01")));

        Assert.Equal(ScheduleConflictKind.OverlappingChange, conflict.Kind);
    }

    [Fact]
    public void The_next_free_slot_waits_for_a_change_on_a_related_item()
    {
        var server = Change(1, 3, "vm01");
        var calendar = new ChangeCalendar([server]).WithServiceModel(Model());

        var slot = calendar.FindNextFreeSlot(Change(0, 1, "app01"), Monday + Duration.FromHours(1), Monday + Duration.FromHours(10));

        Assert.Equal(new Interval(Monday + Duration.FromHours(3), Monday + Duration.FromHours(4)), slot);
    }
}
