using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Routing;
using Itsm.Services;
using NodaTime;
using Xunit;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Routing;

/// <summary><see cref="RoutingDefinition.ToJson"/>: what it writes reads back into an equal definition (docs/routing-json.md).</summary>
public sealed class RoutingJsonWriterTests
{
    private static readonly string[] Services = ["vpn", "email", "crm"];
    private static readonly string[] Categories = ["network", "hardware", "Ünïcode \U0001F680"];
    private static readonly string[] Items = ["crm-db", "mx01"];
    private static readonly string[] Locations = ["london", "new-york"];
    private static readonly string[] Groups = ["network", "apps", "service-desk"];
    private static readonly string[] People = ["ann", "ben", "cat", "dan"];

    private static readonly Period[] Lengths =
        [.. RotaArbitraries.Lengths, Period.FromSeconds(90), Period.FromWeeks(1) + Period.FromHours(3), Period.FromDays(366)];

    private static readonly LocalTime[] Times =
        [new(0, 0), new(0, 30), new(9, 0), new(9, 30, 15), new(17, 0), LocalTime.FromHourMinuteSecondNanosecond(23, 59, 59, 500_000_000)];

    private static Gen<T[]> SubsetOf<T>(T[] values) =>
        Gen.Choose(0, (1 << values.Length) - 1).Select(mask => values.Where((_, i) => (mask & (1 << i)) != 0).ToArray());

    private static Gen<AssignmentRuleSet?> RulesGen =>
        from present in Gen.Frequency((1, Gen.Constant(false)), (4, Gen.Constant(true)))
        from count in Gen.Choose(0, 5)
        from specs in Gen.ArrayOf(
            from g in Gen.Elements(Groups)
            from s in SubsetOf(Services)
            from c in SubsetOf(Categories)
            from i in SubsetOf(Items)
            from l in SubsetOf(Locations)
            from p in SubsetOf(new[] { 1, 2, 3, 4, 5 })
            select (g, s, c, i, l, p),
            count)
        from fallback in Gen.Elements(Groups)
        select present
            ? new AssignmentRuleSet(
                specs.Select((x, n) => new AssignmentRule(
                    $"rule-{n}",
                    new SupportGroupId(x.g),
                    x.s.Select(v => new ServiceId(v)),
                    x.c,
                    x.i.Select(v => new ConfigurationItemId(v)),
                    x.l,
                    x.p.Select(v => new Priority(v)))),
                new SupportGroupId(fallback))
            : null;

    private static Gen<RotaRestriction> RestrictionGen =>
        from day in Gen.Frequency((2, Gen.Constant<IsoDayOfWeek?>(null)), (1, Gen.Choose(1, 7).Select(d => (IsoDayOfWeek?)(IsoDayOfWeek)d)))
        from a in Gen.Elements(Times)
        from b in Gen.Elements(Times)
        select a < b ? new RotaRestriction(day, a, b) : new RotaRestriction(day, b, LocalTime.Midnight);

    // A layer given its index (its name and the first participant depend on it).
    private static Gen<Func<int, RotaLayer>> LayerGen =>
        from zone in Gen.Elements(RotaArbitraries.ZoneIds)
        from length in Gen.Elements(Lengths)
        from day in Gen.Choose(0, 365 * 16)
        from second in Gen.Choose(0, (24 * 3600) - 1)
        from fraction in Gen.Elements(0, 0, 0, 250_000_000, 1)
        from wholeMinute in Gen.Elements(true, true, false)
        from count in Gen.Choose(1, 4)
        from restrictionCount in Gen.Choose(0, 3)
        from restrictions in Gen.ArrayOf(RestrictionGen, restrictionCount)
        let time = wholeMinute ? LocalTime.FromMinutesSinceMidnight(second / 60) : LocalTime.FromSecondsSinceMidnight(second).PlusNanoseconds(fraction)
        select (Func<int, RotaLayer>)(index => new RotaLayer(
            $"layer-{index}",
            new Rotation(Enumerable.Range(0, count).Select(i => People[(i + index) % People.Length]), length, new LocalDate(2010, 1, 1).PlusDays(day).At(time), DateTimeZoneProviders.Tzdb[zone]),
            restrictions));

    // A schedule given its group.
    private static Gen<Func<string, OnCallSchedule>> ScheduleGen =>
        from layerCount in Gen.Choose(1, 3)
        from layers in Gen.ArrayOf(LayerGen, layerCount)
        from overrideCount in Gen.Choose(0, 3)
        from overrides in Gen.ArrayOf(
            from start in Gen.Choose(0, 400 * 24 * 60)
            from minutes in Gen.Choose(1, 7 * 24 * 60)
            from nanos in Gen.Elements(0L, 1L, 123_456_789L)
            from person in Gen.Elements("omar", "pia")
            let begin = Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromMinutes(start) + Duration.FromNanoseconds(nanos)
            select new RotaOverride(new Interval(begin, begin + Duration.FromMinutes(minutes)), person),
            overrideCount)
        select (Func<string, OnCallSchedule>)(name => new OnCallSchedule(new SupportGroupId(name), layers.Select((layer, i) => layer(i)), overrides));

    private static Gen<OnCallRota> RotaGen =>
        from groups in SubsetOf(Groups)
        from schedules in Gen.ArrayOf(ScheduleGen, groups.Length)
        select new OnCallRota(groups.Select((name, i) => schedules[i](name)));

    public static Arbitrary<RoutingDefinition> Definitions() =>
        (from rules in RulesGen from rota in RotaGen select new RoutingDefinition(rules, rota)).ToArbitrary();

    [Property(Arbitrary = [typeof(RoutingJsonWriterTests)], MaxTest = 200)]
    public void Reading_what_ToJson_writes_gives_an_equal_definition(RoutingDefinition definition)
    {
        var json = definition.ToJson();
        var read = RoutingDefinition.FromJson(json);

        Assert.True(Same(definition, read), json);
        Assert.Equal(json, read.ToJson());
    }

    // Any order of any number of groups (names that a hash would scatter), each with a one-layer schedule.
    private static Gen<string[]> GroupOrderGen =>
        from count in Gen.Choose(0, 40)
        from seeds in Gen.ArrayOf(Gen.Choose(0, 1_000_000), count)
        select seeds.Distinct().Select(n => $"group-{n}").ToArray();

    [Property(MaxTest = 200)]
    public Property The_rota_keeps_its_schedules_in_the_order_given_across_a_JSON_round_trip() =>
        Prop.ForAll(GroupOrderGen.ToArbitrary(), groups =>
        {
            var rotation = new Rotation(["ann"], Period.FromDays(1), new LocalDateTime(2026, 4, 13, 9, 0), DateTimeZoneProviders.Tzdb["Europe/London"]);
            var rota = new OnCallRota(groups.Select(g => new OnCallSchedule(new SupportGroupId(g), [new RotaLayer("l", rotation)])));
            var read = RoutingDefinition.FromJson(new RoutingDefinition(null, rota).ToJson());

            return rota.Groups.Select(g => g.Value).SequenceEqual(groups)
                && read.Rota.Groups.Select(g => g.Value).SequenceEqual(groups);
        });

    [Fact]
    public void Every_documented_and_shipped_example_round_trips()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "routing-json.md"));
        var examples = Regex.Matches(doc, "```json\\n(?<json>.*?)```", RegexOptions.Singleline).Select(m => m.Groups["json"].Value)
            .Append(Hardening.ValidDocuments.Routing).ToArray();

        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            var definition = RoutingDefinition.FromJson(example);
            var json = definition.ToJson();

            Assert.True(Same(definition, RoutingDefinition.FromJson(json)), json);
            Assert.Equal(json, RoutingDefinition.FromJson(json).ToJson());
        }
    }

    [Fact]
    public void ToJson_writes_the_documented_shape_leaving_out_empty_lists()
    {
        var definition = new RoutingDefinition(
            new AssignmentRuleSet([new AssignmentRule("vpn-critical", new SupportGroupId("network"), [new ServiceId("vpn")], priorities: [Priority.Critical])], new SupportGroupId("service-desk")),
            new OnCallRota([
                new OnCallSchedule(
                    new SupportGroupId("network"),
                    [new RotaLayer("weekly", new Rotation(["george", "farah"], Period.FromWeeks(1), new LocalDateTime(2026, 4, 13, 9, 0), DateTimeZoneProviders.Tzdb["Europe/London"]), [new RotaRestriction(IsoDayOfWeek.Saturday, new LocalTime(9, 0), LocalTime.Midnight)])]),
            ]));

        var json = definition.ToJson().Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.Equal(
            """
            {
              "rules": {
                "fallback": "service-desk",
                "list": [
                  {
                    "name": "vpn-critical",
                    "group": "network",
                    "services": [
                      "vpn"
                    ],
                    "priorities": [
                      1
                    ]
                  }
                ]
              },
              "schedules": [
                {
                  "group": "network",
                  "layers": [
                    {
                      "name": "weekly",
                      "participants": [
                        "george",
                        "farah"
                      ],
                      "handoffEvery": "P7D",
                      "firstHandoff": "2026-04-13T09:00",
                      "timeZone": "Europe/London",
                      "restrictions": [
                        {
                          "day": "Saturday",
                          "from": "09:00",
                          "to": "24:00"
                        }
                      ]
                    }
                  ]
                }
              ]
            }
            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            json);
        Assert.Equal("{}", new RoutingDefinition(null).ToJson().Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_zone_outside_TZDB_cannot_be_written()
    {
        var rota = new OnCallRota([new OnCallSchedule(new SupportGroupId("network"), [new RotaLayer("mars", new Rotation(["ann"], Period.FromDays(1), new LocalDateTime(2026, 4, 13, 9, 0), new MarsZone()))])]);

        var e = Assert.Throws<RoutingDefinitionException>(() => new RoutingDefinition(null, rota).ToJson());

        Assert.Equal("schedules[0].layers[0].timeZone: 'Mars/Olympus' is not a TZDB time zone id, so the document could not be read back.", Assert.Single(e.Errors));
    }

    internal static bool Same(RoutingDefinition a, RoutingDefinition b)
    {
        if ((a.Rules is null) != (b.Rules is null))
        {
            return false;
        }

        if (a.Rules is { } x && b.Rules is { } y
            && (x.Fallback != y.Fallback || x.Rules.Count != y.Rules.Count || !x.Rules.Zip(y.Rules).All(p =>
                p.First.Name == p.Second.Name && p.First.Group == p.Second.Group && p.First.Services.SequenceEqual(p.Second.Services)
                && p.First.Categories.SequenceEqual(p.Second.Categories) && p.First.ConfigurationItems.SequenceEqual(p.Second.ConfigurationItems)
                && p.First.Locations.SequenceEqual(p.Second.Locations) && p.First.Priorities.SequenceEqual(p.Second.Priorities))))
        {
            return false;
        }

        if (!a.Rota.Groups.SequenceEqual(b.Rota.Groups))
        {
            return false;
        }

        foreach (var group in a.Rota.Groups)
        {
            a.Rota.TryGetSchedule(group, out var s);
            b.Rota.TryGetSchedule(group, out var t);
            if (!s!.Overrides.SequenceEqual(t!.Overrides) || s.Layers.Count != t.Layers.Count || !s.Layers.Zip(t.Layers).All(p =>
                p.First.Name == p.Second.Name && p.First.Rotation.Participants.SequenceEqual(p.Second.Rotation.Participants)
                && p.First.Rotation.HandoffEvery.Normalize() == p.Second.Rotation.HandoffEvery.Normalize() && p.First.Rotation.FirstHandoff == p.Second.Rotation.FirstHandoff
                && p.First.Rotation.Zone.Id == p.Second.Rotation.Zone.Id && p.First.Restrictions.SequenceEqual(p.Second.Restrictions)))
            {
                return false;
            }
        }

        return true;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Itsm.Core.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (Itsm.Core.sln) was not found.");
    }

    private sealed class MarsZone() : DateTimeZone("Mars/Olympus", true, Offset.FromHours(3), Offset.FromHours(3))
    {
        public override NodaTime.TimeZones.ZoneInterval GetZoneInterval(Instant instant) => new("MST", null, null, Offset.FromHours(3), Offset.Zero);
    }
}
