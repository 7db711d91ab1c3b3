using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Routing;
using Itsm.Services;
using Xunit;

namespace Itsm.Core.Tests.Routing;

public sealed class AssignmentRuleSetTests
{
    private static readonly SupportGroupId Desk = new("service-desk");
    private static readonly SupportGroupId Network = new("network");
    private static readonly SupportGroupId Apps = new("apps");

    private static AssignmentRuleSet Rules() => new(
        [
            new AssignmentRule("vpn-critical", Network, services: [new ServiceId("vpn")], priorities: [Priority.Critical, Priority.High]),
            new AssignmentRule("london-network", Network, categories: ["network"], locations: ["london"]),
            new AssignmentRule("crm", Apps, configurationItems: [new ConfigurationItemId("crm-db"), new ConfigurationItemId("crm-web")]),
        ],
        Desk);

    [Fact]
    public void Route_FirstMatchingRule_ChoosesItsGroupAndSaysWhy()
    {
        var decision = Rules().Route(new RoutingFacts { Service = new ServiceId("vpn"), Priority = Priority.High, Category = "network", Location = "london" });

        Assert.Equal(Network, decision.Group);
        Assert.Equal(0, decision.RuleIndex);
        Assert.False(decision.IsFallback);
        Assert.Equal("Rule 'vpn-critical' (#1 of 3) matched: service in (vpn) and priority in (1, 2); group 'network'.", decision.Explanation);
    }

    [Fact]
    public void Route_AnyOfTheTicketsConfigurationItems_MatchesTheRule()
    {
        var facts = new RoutingFacts { ConfigurationItems = [new ConfigurationItemId("laptop-7"), new ConfigurationItemId("crm-web")] };

        var decision = Rules().Route(facts);

        Assert.Equal("crm", decision.Rule!.Name);
        Assert.Equal(Apps, decision.Group);
    }

    [Fact]
    public void Route_NoRuleMatches_FallsBackAndSaysSo()
    {
        var decision = Rules().Route(new RoutingFacts { Service = new ServiceId("vpn"), Priority = Priority.Low, Location = "paris" });

        Assert.True(decision.IsFallback);
        Assert.Equal(-1, decision.RuleIndex);
        Assert.Equal(Desk, decision.Group);
        Assert.Equal("No rule of 3 matched; fallback group 'service-desk'.", decision.Explanation);
    }

    [Fact]
    public void Route_AConditionOnAFieldTheTicketLacks_DoesNotHold()
    {
        Assert.True(Rules().Route(new RoutingFacts { Category = "network" }).IsFallback);
    }

    [Fact]
    public void Trace_NamesTheFirstFailedConditionOfEachRuleTried()
    {
        var trace = Rules().Trace(new RoutingFacts { Service = new ServiceId("vpn"), Priority = Priority.Low, Category = "network", Location = "london" });

        Assert.Equal(["'vpn-critical' (#1): no, priority", "'london-network' (#2): yes"], trace);
    }

    [Fact]
    public void RuleWithoutConditions_MatchesEveryTicket()
    {
        var rule = new AssignmentRule("catch-all", Apps);

        Assert.True(rule.Matches(new RoutingFacts()));
        Assert.Equal("any ticket", rule.DescribeConditions());
    }

    [Fact]
    public void Constructor_DuplicateNamesAndNullRules_ListsEveryProblemNamingRules()
    {
        var rule = new AssignmentRule("a", Apps);

        var error = Assert.Throws<ArgumentException>(() => new AssignmentRuleSet([rule, null!, rule], Desk));

        Assert.Equal("rules", error.ParamName);
        Assert.Contains("rule #2 is null", error.Message, StringComparison.Ordinal);
        Assert.Contains("rule #3 repeats the name 'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidArguments_NameTheParameter()
    {
        Assert.Equal("fallback", Assert.Throws<ArgumentException>(() => new AssignmentRuleSet([], default)).ParamName);
        Assert.Equal("group", Assert.Throws<ArgumentException>(() => new AssignmentRule("a", default)).ParamName);
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => new AssignmentRule(" ", Apps)).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentException>(() => new AssignmentRule("a", Apps, services: [default])).ParamName);
        Assert.Equal("categories", Assert.Throws<ArgumentException>(() => new AssignmentRule("a", Apps, categories: [""])).ParamName);
        Assert.Equal("configurationItems", Assert.Throws<ArgumentException>(() => new AssignmentRule("a", Apps, configurationItems: [default])).ParamName);
        Assert.Equal("locations", Assert.Throws<ArgumentException>(() => new AssignmentRule("a", Apps, locations: [" "])).ParamName);
        Assert.Equal("priorities", Assert.Throws<ArgumentException>(() => new AssignmentRule("a", Apps, priorities: [default])).ParamName);
    }

    /// <summary>A rule as plain sets over small domains, so random tickets often meet some rules and miss others.</summary>
    public sealed record RuleSpec(int[] Services, int[] Categories, int[] Items, int[] Locations, int[] Priorities, int Group);

    public sealed record Case(RuleSpec[] Rules, int? Service, int? Category, int[] Items, int? Location, int? Priority)
    {
        public override string ToString() =>
            $"rules [{string.Join("; ", Rules.Select(r => $"s{string.Join(",", r.Services)} c{string.Join(",", r.Categories)} i{string.Join(",", r.Items)} l{string.Join(",", r.Locations)} p{string.Join(",", r.Priorities)}"))}] ticket s{Service} c{Category} i{string.Join(",", Items)} l{Location} p{Priority}";
    }

    public static class Arbitraries
    {
        private static Gen<int[]> Subset(int size) =>
            Gen.Frequency((2, Gen.Constant(Array.Empty<int>())), (3, Gen.Choose(0, size - 1).ArrayOf().Select(a => a.Distinct().Take(2).ToArray())));

        private static Gen<int?> Optional(int size) =>
            Gen.Frequency((1, Gen.Constant<int?>(null)), (4, Gen.Choose(0, size - 1).Select(i => (int?)i)));

        public static Arbitrary<Case> Cases() =>
            (from rules in (from s in Subset(3) from c in Subset(3) from i in Subset(4) from l in Subset(2) from p in Subset(5) from g in Gen.Choose(0, 2)
                            select new RuleSpec(s, c, i, l, p.Select(x => x + 1).ToArray(), g)).ArrayOf()
             from service in Optional(3)
             from category in Optional(3)
             from items in Gen.Choose(0, 3).ArrayOf().Select(a => a.Distinct().Take(3).ToArray())
             from location in Optional(2)
             from priority in Optional(5)
             select new Case(rules.Take(8).ToArray(), service, category, items, location, priority is null ? null : priority + 1)).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 500)]
    public bool Route_PicksTheFirstRuleWhoseConditionsAllHold(Case c)
    {
        var groups = new[] { Network, Apps, new SupportGroupId("dba") };
        var set = new AssignmentRuleSet(
            c.Rules.Select((r, i) => new AssignmentRule(
                $"r{i}",
                groups[r.Group],
                r.Services.Select(s => new ServiceId($"s{s}")),
                r.Categories.Select(x => $"c{x}"),
                r.Items.Select(x => new ConfigurationItemId($"i{x}")),
                r.Locations.Select(x => $"l{x}"),
                r.Priorities.Select(p => new Priority(p)))),
            Desk);
        var facts = new RoutingFacts
        {
            Service = c.Service is { } s ? new ServiceId($"s{s}") : null,
            Category = c.Category is { } cat ? $"c{cat}" : null,
            ConfigurationItems = c.Items.Select(x => new ConfigurationItemId($"i{x}")).ToArray(),
            Location = c.Location is { } l ? $"l{l}" : null,
            Priority = c.Priority is { } p ? new Priority(p) : null,
        };

        static bool Holds(int[] accepted, int? value) => accepted.Length == 0 || (value is { } v && accepted.Contains(v));
        int expected = Array.FindIndex(c.Rules, r =>
            Holds(r.Services, c.Service) && Holds(r.Categories, c.Category) && Holds(r.Locations, c.Location) && Holds(r.Priorities, c.Priority)
            && (r.Items.Length == 0 || r.Items.Intersect(c.Items).Any()));

        var decision = set.Route(facts);
        return decision.RuleIndex == expected
            && decision.Group == (expected < 0 ? Desk : groups[c.Rules[expected].Group])
            && decision.Explanation.Contains(expected < 0 ? "fallback" : $"'r{expected}'", StringComparison.Ordinal);
    }
}
