using System;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Core.Tests.Services;

/// <summary>Typed CI relationships: which way an outage travels, which types must stay acyclic, and how the builder checks them.</summary>
public sealed class RelationshipTests
{
    private static ConfigurationItemRelationship Rel(RelationshipType type, string target) => new(type, target);

    // app runs on vm, vm hosted on host, lb connects to app, ups powers host (host-defined, source to target).
    private static readonly RelationshipType Powers = new("Powers", "Powered by", ImpactFlow.SourceToTarget);
    private static readonly RelationshipType DocumentedBy = new("Documented by", "Documents", ImpactFlow.None);

    private static ServiceModel Model() => new ServiceModelBuilder()
        .Add(new ConfigurationItem("host"))
        .Add(new ConfigurationItem("vm", relationships: [Rel(RelationshipType.HostedOn, "host")]))
        .Add(new ConfigurationItem("app", relationships: [Rel(RelationshipType.RunsOn, "vm"), Rel(DocumentedBy, "wiki")]))
        .Add(new ConfigurationItem("lb", relationships: [Rel(RelationshipType.ConnectsTo, "app")]))
        .Add(new ConfigurationItem("ups", relationships: [Rel(Powers, "host")]))
        .Add(new ConfigurationItem("wiki"))
        .Add(new Service("shop", "Shop", configurationItems: ["lb"]))
        .Add(new Service("intranet", "Intranet", configurationItems: ["wiki"]))
        .Add(new ServiceOffering("shop-gold", "Shop - Gold", "shop"))
        .Build();

    [Fact]
    public void DependsOn_constructor_argument_becomes_depends_on_relationships()
    {
        var item = new ConfigurationItem("mx01", "Mail", ["vm01", "dns01", "vm01"]);

        Assert.Equal(["dns01", "vm01"], item.DependsOn);
        Assert.Equal([Rel(RelationshipType.DependsOn, "dns01"), Rel(RelationshipType.DependsOn, "vm01")], item.Relationships);
        Assert.Equal("Depends on::Used by", RelationshipType.DependsOn.ToString());
    }

    [Fact]
    public void An_outage_of_the_host_reaches_up_through_hosted_on_runs_on_and_connects_to()
    {
        var impact = Model().ImpactOf("host");

        Assert.Equal(["app", "host", "lb", "vm"], impact.AffectedConfigurationItems);
        Assert.Equal(["shop"], impact.AffectedServices);
        Assert.Equal(["shop-gold"], impact.AffectedOfferings);
    }

    [Fact]
    public void Connects_to_carries_an_outage_both_ways_and_a_source_to_target_type_from_source_to_target()
    {
        var model = Model();

        Assert.Equal(["app", "lb"], model.ImpactOf("lb").AffectedConfigurationItems);
        Assert.Equal(["app", "lb"], model.ImpactOf("app").AffectedConfigurationItems);
        Assert.Equal(["app", "host", "lb", "ups", "vm"], model.ImpactOf("ups").AffectedConfigurationItems);
    }

    [Fact]
    public void A_type_that_carries_no_impact_relates_items_without_affecting_them()
    {
        var model = Model();

        Assert.Equal(["wiki"], model.ImpactOf("wiki").AffectedConfigurationItems);
        Assert.Equal(["intranet"], model.ImpactOf("wiki").AffectedServices);
        Assert.Equal(["app", "wiki"], model.RelatedWithin(["wiki"], 1));
    }

    [Fact]
    public void ImpactOf_several_items_is_their_union_and_names_every_unknown_item()
    {
        var model = Model();

        var impact = model.ImpactOf(["wiki", "lb", "wiki"]);

        Assert.Equal(["lb", "wiki"], impact.FailedConfigurationItems);
        Assert.Equal("lb", impact.FailedConfigurationItem);
        Assert.Equal(["app", "lb", "wiki"], impact.AffectedConfigurationItems);
        Assert.Equal(["intranet", "shop"], impact.AffectedServices);
        Assert.Empty(model.ImpactOf([]).AffectedServices);
        var ex = Assert.Throws<ArgumentException>(() => model.ImpactOf(["lb", "db9", "db8"]));
        Assert.Equal("configurationItems", ex.ParamName);
        Assert.StartsWith("Configuration item 'db8', 'db9' are not in the model.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RelatedWithin_follows_any_relationship_either_way_up_to_the_depth()
    {
        var model = Model();

        Assert.Equal(["app"], model.RelatedWithin(["app"], 0));
        Assert.Equal(["app", "lb", "vm", "wiki"], model.RelatedWithin(["app"], 1));
        Assert.Equal(["app", "host", "lb", "vm", "wiki"], model.RelatedWithin(["app"], 2));
        Assert.Equal(["app", "host", "lb", "ups", "vm", "wiki"], model.RelatedWithin(["app", "unknown"], 3));
        Assert.Throws<ArgumentException>(() => model.RelatedWithin(["app"], -1));
    }

    [Fact]
    public void Connects_to_may_form_a_cycle_but_runs_on_and_hosted_on_together_may_not()
    {
        var mesh = new ServiceModelBuilder()
            .Add(new ConfigurationItem("a", relationships: [Rel(RelationshipType.ConnectsTo, "b")]))
            .Add(new ConfigurationItem("b", relationships: [Rel(RelationshipType.ConnectsTo, "a")]))
            .Build();
        Assert.Equal(["a", "b"], mesh.ImpactOf("a").AffectedConfigurationItems);

        var ex = Assert.Throws<DomainRuleViolationException>(() => new ServiceModelBuilder()
            .Add(new ConfigurationItem("app", relationships: [Rel(RelationshipType.RunsOn, "vm")]))
            .Add(new ConfigurationItem("vm", relationships: [Rel(RelationshipType.HostedOn, "app")]))
            .Build());
        Assert.Equal(ServiceModel.CycleCode, ex.Code);
        Assert.Equal("The configuration item dependencies form a cycle: app -> vm -> app.", ex.Message);
    }

    [Fact]
    public void A_source_to_target_cycle_is_followed_from_the_dependent()
    {
        // ups powers rack, and rack depends on ups: the same dependency twice, not a cycle.
        var model = new ServiceModelBuilder()
            .Add(new ConfigurationItem("ups", relationships: [Rel(Powers, "rack")]))
            .Add(new ConfigurationItem("rack", dependsOn: ["ups"]))
            .Build();
        Assert.Equal(["rack", "ups"], model.ImpactOf("ups").AffectedConfigurationItems);

        var ex = Assert.Throws<DomainRuleViolationException>(() => new ServiceModelBuilder()
            .Add(new ConfigurationItem("ups", dependsOn: ["rack"], relationships: [Rel(Powers, "rack")]))
            .Add(new ConfigurationItem("rack"))
            .Build());
        Assert.Equal(ServiceModel.CycleCode, ex.Code);
    }

    [Fact]
    public void The_builder_lists_unknown_targets_and_clashing_type_definitions()
    {
        var clash = new RelationshipType("Runs on", "Runs", ImpactFlow.None);

        var ex = Assert.Throws<DomainRuleViolationException>(() => new ServiceModelBuilder()
            .Add(new ConfigurationItem("app", relationships: [Rel(RelationshipType.RunsOn, "vm9"), Rel(clash, "vm8")]))
            .Build());

        Assert.Equal(ServiceModel.InvalidModelCode, ex.Code);
        Assert.Contains("relationship type 'Runs on' is defined twice: as 'Runs on::Runs' (TargetToSource, acyclic) and as 'Runs on::Runs' (None, acyclic).", ex.Message, StringComparison.Ordinal);
        Assert.Contains("configuration item 'app' runs on configuration item 'vm9', which is not in the model.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("configuration item 'app' runs on configuration item 'vm8', which is not in the model.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_defined_types_are_known_to_the_model_beside_the_built_in_ones()
    {
        var model = new ServiceModelBuilder().Add(Powers).Build();

        Assert.Equal(["Connects to", "Depends on", "Hosted on", "Powers", "Runs on"], model.RelationshipTypes.Keys);
        Assert.Throws<ArgumentException>(() => new RelationshipType("Peers", "Peers", ImpactFlow.Both));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RelationshipType("X", "Y", (ImpactFlow)9));
        Assert.Throws<ArgumentNullException>(() => new ConfigurationItemRelationship(null!, "a"));
        Assert.Throws<ArgumentException>(() => new ConfigurationItem("a", relationships: [null!]));
    }
}
