using System;
using Itsm.Common;
using Itsm.Routing;
using Itsm.Services;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Routing;

public sealed class RoutingDefinitionTests
{
    private const string Example = """
        {
          // Comments and trailing commas are accepted.
          "rules": {
            "fallback": "service-desk",
            "list": [
              { "name": "vpn-critical", "group": "network", "services": ["vpn"], "priorities": [1, 2] },
              { "name": "london-network", "group": "network", "categories": ["network"], "locations": ["london"] },
              { "name": "crm", "group": "apps", "configurationItems": ["crm-db"] },
            ]
          },
          "schedules": [
            {
              "group": "network",
              "layers": [
                { "name": "weekly", "participants": ["george", "farah"], "handoffEvery": "P1W", "firstHandoff": "2026-04-13T09:00", "timeZone": "Europe/London" },
                { "name": "weekend-days", "participants": ["wendy", "xavier"], "handoffEvery": "P1D", "firstHandoff": "2026-04-13T09:00:00", "timeZone": "Europe/London",
                  "restrictions": [ { "day": "Saturday", "from": "09:00", "to": "17:00" }, { "day": "Sunday", "from": "09:00", "to": "24:00" } ] }
              ],
              "overrides": [ { "start": "2026-04-15T17:00:00Z", "end": "2026-04-16T08:00:00Z", "person": "omar" } ]
            }
          ]
        }
        """;

    [Fact]
    public void FromJson_TheDocumentedExample_RoutesAndAnswersLikeTheTypes()
    {
        var definition = RoutingDefinition.FromJson(Example);
        var network = new SupportGroupId("network");

        Assert.Equal(3, definition.Rules!.Rules.Count);
        Assert.Equal("vpn-critical", definition.Rules.Route(new RoutingFacts { Service = new ServiceId("vpn"), Priority = Priority.High }).Rule!.Name);
        Assert.Equal(new SupportGroupId("service-desk"), definition.Rules.Route(new RoutingFacts()).Group);
        Assert.Equal("george", definition.Rota.OnCallAt(network, Instant.FromUtc(2026, 4, 13, 9, 0)).Person);
        Assert.Equal("omar", definition.Rota.OnCallAt(network, Instant.FromUtc(2026, 4, 15, 20, 0)).Person);
        Assert.Equal("xavier", definition.Rota.OnCallAt(network, Instant.FromUtc(2026, 4, 18, 11, 0)).Person);
        Assert.Equal(LocalTime.Midnight, definition.Rota.TryGetSchedule(network, out var schedule) ? schedule.Layers[1].Restrictions[1].To : default);
    }

    [Fact]
    public void FromJson_EmptyDocument_HasNoRulesAndNoSchedules()
    {
        var definition = RoutingDefinition.FromJson("{}");

        Assert.Null(definition.Rules);
        Assert.Empty(definition.Rota.Groups);
    }

    [Fact]
    public void FromJson_EveryProblem_ListedWithItsPath()
    {
        const string bad = """
            {
              "rules": { "list": [ { "name": "a", "group": "g", "priorities": [9] }, { "group": "g", "colour": "red" } ] },
              "schedules": [ { "group": "n", "layers": [ { "name": "l", "participants": ["x"], "handoffEvery": "P1M", "firstHandoff": "13/04/2026", "timeZone": "Mars/Olympus",
                  "restrictions": [ { "day": "Caturday", "from": "09:00", "to": "17:00" }, { "from": "17:00", "to": "09:00" } ] } ],
                  "overrides": [ { "start": "2026-04-16T08:00:00Z", "end": "2026-04-15T17:00:00Z", "person": "o" } ] } ],
              "extra": 1
            }
            """;

        var error = Assert.Throws<RoutingDefinitionException>(() => RoutingDefinition.FromJson(bad));

        Assert.Equal("json", error.ParamName);
        Assert.Equal("ITSM-ROUTE-DEF-001", error.Code);
        Assert.Contains("document: 'extra' is not a property (expected rules, schedules).", error.Errors);
        Assert.Contains("rules.fallback: is required.", error.Errors);
        Assert.Contains(error.Errors, e => e.StartsWith("rules.list[0]: ", StringComparison.Ordinal));
        Assert.Contains("rules.list[1]: 'colour' is not a property (expected name, group, services, categories, configurationItems, locations, priorities).", error.Errors);
        Assert.Contains("rules.list[1].name: is required.", error.Errors);
        Assert.Contains("schedules[0].layers[0].firstHandoff: '13/04/2026' is not a local date and time such as 2026-04-13T09:00.", error.Errors);
        Assert.Contains("schedules[0].layers[0].timeZone: 'Mars/Olympus' is not a TZDB time zone id.", error.Errors);
        Assert.Contains("schedules[0].layers[0].restrictions[0].day: must be a weekday name such as \"Saturday\".", error.Errors);
        Assert.Contains(error.Errors, e => e.StartsWith("schedules[0].layers[0].restrictions[1]: The window closes at 09:00:00", StringComparison.Ordinal));
        Assert.Contains("schedules[0].overrides[0].end: must be after start.", error.Errors);
    }

    [Fact]
    public void FromJson_APeriodWithMonths_IsRefusedNamingTheLayer()
    {
        var error = Assert.Throws<RoutingDefinitionException>(() => RoutingDefinition.FromJson(
            """{ "schedules": [ { "group": "n", "layers": [ { "name": "l", "participants": ["x"], "handoffEvery": "P1M", "firstHandoff": "2026-04-13T09:00", "timeZone": "UTC" } ] } ] }"""));

        Assert.Equal(["schedules[0].layers[0]: The handoff length must be in weeks, days, hours, minutes or seconds: months and years have no fixed length. (Parameter 'handoffEvery')"], error.Errors);
    }

    [Fact]
    public void FromJson_NotJson_OneProblem()
    {
        var error = Assert.Throws<RoutingDefinitionException>(() => RoutingDefinition.FromJson("{ nope"));

        Assert.Single(error.Errors);
        Assert.StartsWith("the text is not valid JSON: ", error.Errors[0], StringComparison.Ordinal);
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => RoutingDefinition.FromJson(null!)).ParamName);
    }
}
