using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Itsm.Common;
using Itsm.Sla;
using NodaTime;
using static Itsm.Core.Tests.Sla.SlaFixtures;

namespace Itsm.Core.Tests.Sla;

/// <summary>Agreement definitions as JSON (docs/sla-definitions-json.md): round trips, and the exact errors.</summary>
public sealed class AgreementJsonTests
{
    // Snapshots that tell conditions apart, for comparing conditions by what they do.
    private static readonly TicketSnapshot[] Probes =
    [
        Ticket("New", P1),
        Ticket("InProgress", P2, group: "Network", service: "Email"),
        Ticket("OnHold", P3, onHoldReason: "AwaitingCaller", group: "Messaging", supplier: "Contoso"),
        Ticket("OnHold", P4, onHoldReason: "AwaitingVendor").WithAttribute("callerReplied", "true"),
        Ticket("Resolved", P5, service: "Web").WithAttribute("reopened", "true"),
        Ticket("Canceled", P1, supplier: "Fabrikam").WithAttribute("callerReplied", "false"),
    ];

    /// <summary>An agreement that uses every feature of the format.</summary>
    private static Agreement Everything()
    {
        var response = new SlaTarget
        {
            Metric = SlaMetric.Response,
            Durations = new Dictionary<Priority, Duration> { [P1] = Minutes(15), [P2] = Minutes(90), [P3] = Duration.FromMilliseconds(1500) },
            CalendarId = "uk-office",
            WarningThresholds = [25, 50, 12.5, 150],
            Conditions = new SlaConditions
            {
                Start = SlaCondition.Any(SlaCondition.StateIn("New", "InProgress"), SlaCondition.All()),
                Stop = SlaCondition.Not(SlaCondition.StateIn("New")),
                Pause = SlaCondition.All(SlaCondition.StateIn("OnHold"), SlaCondition.OnHoldReasonIn("AwaitingCaller", "AwaitingVendor")),
                Resume = SlaCondition.FieldIn("attributes.callerReplied", ["true"]),
                Cancel = SlaCondition.Any(SlaCondition.StateIn("Canceled"), SlaCondition.Any()),
                Reset = SlaCondition.Never,
            },
            PriorityChangePolicy = PriorityChangePolicy.Retarget,
        };
        var resolution = new SlaTarget
        {
            Metric = SlaMetric.Resolution,
            Durations = new Dictionary<Priority, Duration> { [P4] = Hours(40), [P1] = Hours(4) },
            WarningThresholds = [],
            Conditions = new SlaConditions
            {
                Start = SlaCondition.Always,
                Stop = SlaCondition.PriorityIn(P5),
                Pause = SlaCondition.FieldIn("assignmentGroup", ["Messaging"]),
                Cancel = SlaCondition.FieldIn("supplier", ["Fabrikam"]),
                Reset = SlaCondition.FieldIn("attributes.reopened", ["true"]),
            },
            PriorityChangePolicy = PriorityChangePolicy.CancelAndRestartRetroactive,
            RetroactivePauses = true,
        };
        var callback = new SlaTarget
        {
            Metric = new SlaMetric("FirstCallback"),
            Durations = new Dictionary<Priority, Duration> { [P5] = Hours(52) + Duration.FromSeconds(7) },
            Conditions = new SlaConditions
            {
                Start = SlaCondition.All(SlaCondition.PriorityIn(P1, P2, P5), SlaCondition.Not(SlaCondition.FieldIn("service", ["Web"]))),
                Stop = SlaCondition.FieldIn("priority", ["1", "x"]),
                Pause = SlaCondition.Never,
                Resume = SlaCondition.Always,
            },
            PriorityChangePolicy = PriorityChangePolicy.CancelAndRestartRetroactive,
            RetroactivePauses = false,
        };
        var scope = new AgreementScope
        {
            Services = ["Email", "Web"],
            Offerings = ["Email Gold"],
            AssignmentGroups = ["Messaging"],
            Suppliers = ["Contoso"],
            Priorities = [P1, P2, P5],
        };
        return new Agreement("SLA-EMAIL-GOLD", "E-mail, gold \"support\" — ünïcode", AgreementKind.UnderpinningContract, scope, [response, resolution, callback]);
    }

    private static void AssertSameDefinition(Agreement expected, Agreement actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Scope.Services, actual.Scope.Services);
        Assert.Equal(expected.Scope.Offerings, actual.Scope.Offerings);
        Assert.Equal(expected.Scope.AssignmentGroups, actual.Scope.AssignmentGroups);
        Assert.Equal(expected.Scope.Suppliers, actual.Scope.Suppliers);
        Assert.Equal(expected.Scope.Priorities, actual.Scope.Priorities);
        Assert.Equal(expected.Targets.Count, actual.Targets.Count);
        for (int i = 0; i < expected.Targets.Count; i++)
        {
            var e = expected.Targets[i];
            var a = actual.Targets[i];
            Assert.Equal(e.Metric, a.Metric);
            Assert.Equal(e.Durations.OrderBy(d => d.Key.Value), a.Durations.OrderBy(d => d.Key.Value));
            Assert.Equal(e.CalendarId, a.CalendarId);
            Assert.Equal(e.WarningThresholds, a.WarningThresholds);
            Assert.Equal(e.PriorityChangePolicy, a.PriorityChangePolicy);
            Assert.Equal(e.RetroactivePauses, a.RetroactivePauses);
            AssertSameCondition(e.Conditions.Start, a.Conditions.Start);
            AssertSameCondition(e.Conditions.Stop, a.Conditions.Stop);
            AssertSameCondition(e.Conditions.Pause, a.Conditions.Pause);
            AssertSameCondition(e.Conditions.Cancel, a.Conditions.Cancel);
            AssertSameCondition(e.Conditions.Reset, a.Conditions.Reset);
            Assert.Equal(e.Conditions.Resume is null, a.Conditions.Resume is null);
            if (e.Conditions.Resume is not null)
            {
                AssertSameCondition(e.Conditions.Resume, a.Conditions.Resume!);
            }
        }
    }

    private static void AssertSameCondition(SlaCondition expected, SlaCondition actual)
    {
        Assert.Equal(expected.ToString(), actual.ToString());
        Assert.Equal(Probes.Select(expected.IsMetBy), Probes.Select(actual.IsMetBy));
    }

    private static string Minimal(string target = """{ "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "start": true, "stop": { "stateIn": ["Resolved"] } } }""", string extra = "") =>
        $$"""{ "id": "SLA-1", {{extra}} "targets": [ {{target}} ] }""";

    private static SlaDefinitionException ReadError(string json) => Assert.Throws<SlaDefinitionException>(() => Agreement.FromJson(json));

    // Round trips.

    [Fact]
    public void ToJsonThenFromJson_GivesTheSameDefinition()
    {
        var agreement = Everything();

        var json = agreement.ToJson();
        var read = Agreement.FromJson(json);

        AssertSameDefinition(agreement, read);
        Assert.Equal(json, read.ToJson());
    }

    [Fact]
    public void ListToJsonThenListFromJson_GivesTheSameDefinitionsInOrder()
    {
        var agreements = new[]
        {
            Everything(),
            AgreementOf(ResolutionTarget(), "OLA-NET", AgreementKind.OperationalLevelAgreement, new AgreementScope { AssignmentGroups = ["Network"] }),
            AgreementOf(ResolutionTarget(), "SLA-PLAIN"),
        };

        var json = Agreement.ListToJson(agreements);
        var read = Agreement.ListFromJson(json);

        Assert.Equal(agreements.Length, read.Count);
        for (int i = 0; i < agreements.Length; i++)
        {
            AssertSameDefinition(agreements[i], read[i]);
        }

        Assert.Equal(json, Agreement.ListToJson(read));
    }

    [Fact]
    public void ListToJson_OfNoAgreements_RoundTrips()
    {
        var json = Agreement.ListToJson([]);

        Assert.Empty(Agreement.ListFromJson(json));
    }

    [Fact]
    public void ToJson_WritesDurationsInHoursMinutesAndSeconds()
    {
        using var document = JsonDocument.Parse(Everything().ToJson());
        var targets = document.RootElement.GetProperty("targets");

        Assert.Equal("PT15M", targets[0].GetProperty("durations").GetProperty("1").GetString());
        Assert.Equal("PT1H30M", targets[0].GetProperty("durations").GetProperty("2").GetString());
        Assert.Equal("PT1.5S", targets[0].GetProperty("durations").GetProperty("3").GetString());
        Assert.Equal("PT40H", targets[1].GetProperty("durations").GetProperty("4").GetString());
        Assert.Equal("PT52H7S", targets[2].GetProperty("durations").GetProperty("5").GetString());
    }

    [Fact]
    public void ToJson_WritesTheKindsPoliciesAndConditionFormsOfTheFormat()
    {
        using var document = JsonDocument.Parse(Everything().ToJson());
        var root = document.RootElement;
        var targets = root.GetProperty("targets");
        var response = targets[0].GetProperty("conditions");
        var resolution = targets[1].GetProperty("conditions");

        Assert.Equal("underpinningContract", root.GetProperty("kind").GetString());
        Assert.Equal("retarget", targets[0].GetProperty("priorityChange").GetString());
        Assert.Equal("cancelAndRestartRetroactive", targets[1].GetProperty("priorityChange").GetString());
        Assert.True(targets[1].GetProperty("retroactivePauses").GetBoolean());
        Assert.Equal("uk-office", targets[0].GetProperty("calendar").GetString());
        Assert.False(targets[1].TryGetProperty("calendar", out _));
        Assert.Equal(JsonValueKind.True, resolution.GetProperty("start").ValueKind);
        Assert.Equal(JsonValueKind.False, response.GetProperty("reset").ValueKind);
        Assert.Equal("New", response.GetProperty("stop").GetProperty("not").GetProperty("stateIn")[0].GetString());
        Assert.Equal("AwaitingCaller", response.GetProperty("pause").GetProperty("all")[1].GetProperty("onHoldReasonIn")[0].GetString());
        Assert.Equal("attributes.callerReplied", response.GetProperty("resume").GetProperty("field").GetString());
        Assert.Equal(5, resolution.GetProperty("stop").GetProperty("priorityIn")[0].GetInt32());
        Assert.False(resolution.TryGetProperty("resume", out _));
        Assert.Equal(12.5, targets[0].GetProperty("warningThresholds")[2].GetDouble());
    }

    [Fact]
    public void FromJson_ReadsTheFormsOfTheFormat()
    {
        var agreement = Agreement.FromJson("""
            {
              // comments and trailing commas are accepted
              "id": "SLA-1",
              "kind": "ola",
              "scope": { "priorities": [1, 2], },
              "targets": [
                {
                  "metric": "Resolution",
                  "durations": { "1": "PT4H", "2": "P2DT4H", "3": "PT1.5S", "4": "PT90M" },
                  "calendar": "uk-office",
                  "warningThresholds": [10, 90.5],
                  "conditions": {
                    "start": { "any": [ { "stateIn": ["New"] }, { "priorityIn": [1] } ] },
                    "pause": { "all": [ { "stateIn": ["OnHold"] }, { "not": { "onHoldReasonIn": ["AwaitingVendor"] } } ] },
                    "resume": { "field": "attributes.callerReplied", "in": ["true"] },
                    "stop": false,
                    "cancel": { "all": [] },
                    "reset": { "any": [] },
                  },
                  "priorityChange": "cancelAndRestartRetroactive",
                  "retroactivePauses": true,
                },
              ],
            }
            """);

        Assert.Equal("SLA-1", agreement.Name);
        Assert.Equal(AgreementKind.OperationalLevelAgreement, agreement.Kind);
        Assert.Equal(new[] { P1, P2 }, agreement.Scope.Priorities);
        Assert.Empty(agreement.Scope.Services);
        var target = Assert.Single(agreement.Targets);
        Assert.Equal(Hours(4), target.DurationFor(P1));
        Assert.Equal(Hours(52), target.DurationFor(P2));
        Assert.Equal(Duration.FromMilliseconds(1500), target.DurationFor(P3));
        Assert.Equal(Minutes(90), target.DurationFor(P4));
        Assert.Null(target.DurationFor(P5));
        Assert.Equal("uk-office", target.CalendarId);
        Assert.Equal(new[] { 10, 90.5 }, target.WarningThresholds);
        Assert.Equal(PriorityChangePolicy.CancelAndRestartRetroactive, target.PriorityChangePolicy);
        Assert.True(target.RetroactivePauses);

        var c = target.Conditions;
        Assert.True(c.Start.IsMetBy(Ticket("New", P3)));
        Assert.True(c.Start.IsMetBy(Ticket("InProgress", P1)));
        Assert.False(c.Start.IsMetBy(Ticket("InProgress", P2)));
        Assert.True(c.Pause.IsMetBy(Ticket("OnHold", onHoldReason: "AwaitingCaller")));
        Assert.True(c.Pause.IsMetBy(Ticket("OnHold")));
        Assert.False(c.Pause.IsMetBy(Ticket("OnHold", onHoldReason: "AwaitingVendor")));
        Assert.True(c.Resume!.IsMetBy(Ticket("OnHold").WithAttribute("callerReplied", "true")));
        Assert.False(c.Resume.IsMetBy(Ticket("InProgress")));
        Assert.False(c.Stop.IsMetBy(Ticket("Resolved")));
        Assert.True(c.Cancel.IsMetBy(Ticket("New")));
        Assert.False(c.Reset.IsMetBy(Ticket("New")));
    }

    [Fact]
    public void FromJson_OmittedOptionalProperties_TakeTheirDefaults()
    {
        var agreement = Agreement.FromJson(Minimal());

        Assert.Equal("SLA-1", agreement.Name);
        Assert.Equal(AgreementKind.ServiceLevelAgreement, agreement.Kind);
        Assert.True(agreement.Scope.Covers(Ticket("New", P5)));
        var target = Assert.Single(agreement.Targets);
        Assert.Null(target.CalendarId);
        Assert.Equal(new[] { 50.0, 75.0 }, target.WarningThresholds);
        Assert.Equal(PriorityChangePolicy.Retarget, target.PriorityChangePolicy);
        Assert.False(target.RetroactivePauses);
        Assert.False(target.Conditions.Pause.IsMetBy(Ticket("OnHold")));
        Assert.False(target.Conditions.Cancel.IsMetBy(Ticket("Canceled")));
        Assert.False(target.Conditions.Reset.IsMetBy(Ticket("New")));
        Assert.Null(target.Conditions.Resume);
    }

    [Fact]
    public void ListFromJson_ReadsTheDocumentedExample()
    {
        var agreements = Agreement.ListFromJson(DocumentedExample);

        Assert.Equal(new[] { "SLA-EMAIL-GOLD", "OLA-NETWORK" }, agreements.Select(a => a.Id));
        var gold = agreements[0];
        Assert.Equal(new[] { SlaMetric.Response, SlaMetric.Resolution }, gold.Targets.Select(t => t.Metric));
        Assert.Equal(Minutes(15), gold.Targets[0].DurationFor(P1));
        Assert.Equal(Hours(24), gold.Targets[1].DurationFor(P3));
        Assert.True(gold.Targets[1].Conditions.Reset.IsMetBy(Ticket("InProgress").WithAttribute("reopened", "true")));
        Assert.Equal(AgreementKind.OperationalLevelAgreement, agreements[1].Kind);
        Assert.True(agreements[1].Targets[0].Conditions.Cancel.IsMetBy(Ticket("InProgress", group: "ServiceDesk")));
        Assert.False(agreements[1].Targets[0].Conditions.Cancel.IsMetBy(Ticket("InProgress", group: "Network")));
    }

    [Fact]
    public void ToJson_WithAConditionWrittenInCode_ThrowsInvalidOperation()
    {
        var vip = SlaCondition.Predicate(s => s.Attributes.ContainsKey("vip"), "the caller is a VIP");
        var agreement = AgreementOf(ResolutionTarget(conditions: IncidentConditions with { Pause = SlaCondition.All(SlaCondition.StateIn("OnHold"), SlaCondition.Not(vip)) }));

        var ex = Assert.Throws<InvalidOperationException>(() => agreement.ToJson());
        var listEx = Assert.Throws<InvalidOperationException>(() => Agreement.ListToJson([agreement]));

        Assert.Equal(
            "SLA-1.targets[0].conditions.pause[1].not: the condition 'the caller is a VIP' is written in code (SlaCondition.Predicate) and cannot be written as JSON.",
            ex.Message);
        Assert.Equal(ex.Message, listEx.Message);
    }

    [Fact]
    public void FromJsonAndListJson_Null_ThrowArgumentNull()
    {
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => Agreement.FromJson(null!)).ParamName);
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => Agreement.ListFromJson(null!)).ParamName);
        Assert.Equal("agreements", Assert.Throws<ArgumentNullException>(() => Agreement.ListToJson(null!)).ParamName);
    }

    // Errors.

    [Fact]
    public void FromJson_TheDocumentedTwoProblems_GivesTheDocumentedMessage()
    {
        var ex = ReadError(Minimal("""{ "metric": "Resolution", "durations": { "1": "4 hours" }, "conditions": { "start": { "stateIn": [] }, "stop": true } }"""));

        Assert.Equal("json", ex.ParamName);
        Assert.Equal("ITSM-SLA-DEF-001", ex.Code);
        Assert.Equal(
            "Invalid agreement (2 problems):" + Environment.NewLine
            + "- agreement.targets[0].durations.1: '4 hours' is not an ISO 8601 duration of days, hours, minutes and seconds (for example \"PT4H\", \"PT30M\", \"P2DT4H\")." + Environment.NewLine
            + "- agreement.targets[0].conditions.start.stateIn: must list at least one value. (Parameter 'json')",
            ex.Message);
    }

    [Fact]
    public void FromJson_AnUnknownAgreementProperty_IsAnError()
    {
        var ex = ReadError(Minimal(extra: "\"colour\": \"red\","));

        Assert.Equal(new[] { "agreement: 'colour' is not an agreement property (expected id, name, kind, supplier, scope, targets)." }, ex.Errors);
        Assert.Equal("Invalid agreement: agreement: 'colour' is not an agreement property (expected id, name, kind, supplier, scope, targets). (Parameter 'json')", ex.Message);
    }

    [Fact]
    public void FromJson_AnUnknownTargetProperty_IsAnError()
    {
        var ex = ReadError(Minimal("""{ "metric": "Resolution", "target": "PT4H", "durations": { "1": "PT4H" }, "conditions": { "start": true, "stop": true } }"""));

        Assert.Equal(
            new[] { "agreement.targets[0]: 'target' is not a target property (expected metric, durations, calendar, warningThresholds, conditions, priorityChange, retroactivePauses, profile, whenToCancel, retroactiveStart)." },
            ex.Errors);
    }

    [Fact]
    public void FromJson_AnUnknownScopeProperty_IsAnError()
    {
        var ex = ReadError(Minimal(extra: "\"scope\": { \"customers\": [\"ACME\"] },"));

        Assert.Equal(new[] { "agreement.scope: 'customers' is not a scope property (expected services, offerings, assignmentGroups, suppliers, configurationItems, priorities)." }, ex.Errors);
    }

    [Fact]
    public void FromJson_AnUnknownConditionName_IsAnError()
    {
        var ex = ReadError(Minimal("""{ "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "start": true, "stop": true, "suspend": true } }"""));

        Assert.Equal(new[] { "agreement.targets[0].conditions: 'suspend' is not a condition (expected start, pause, resume, stop, cancel, reset)." }, ex.Errors);
    }

    [Fact]
    public void FromJson_AnUnknownConditionForm_IsAnError()
    {
        var ex = ReadError(Minimal("""{ "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "start": { "stateNotIn": ["New"] }, "stop": true } }"""));

        Assert.Equal(
            new[] { "agreement.targets[0].conditions.start: 'stateNotIn' is not a condition (expected stateIn, priorityIn, onHoldReasonIn, all, any, not, or field with in)." },
            ex.Errors);
    }

    [Fact]
    public void FromJson_AConditionThatIsNeitherABooleanNorAnObject_IsAnError()
    {
        var ex = ReadError(Minimal("""{ "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "start": "New", "stop": true } }"""));

        Assert.Equal(new[] { "agreement.targets[0].conditions.start: a condition is true, false, or an object such as { \"stateIn\": [\"New\"] }." }, ex.Errors);
    }

    [Fact]
    public void FromJson_AConditionObjectWithTwoForms_IsAnError()
    {
        var ex = ReadError(Minimal("""{ "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "start": { "stateIn": ["New"], "priorityIn": [1] }, "stop": true } }"""));

        Assert.Equal(
            new[] { "agreement.targets[0].conditions.start: a condition object has one of stateIn, priorityIn, onHoldReasonIn, all, any, not, or both field and in." },
            ex.Errors);
    }

    [Fact]
    public void FromJson_ABadKind_IsAnError()
    {
        var ex = ReadError(Minimal(extra: "\"kind\": \"contract\","));

        Assert.Equal(new[] { "agreement.kind: 'contract' is not an agreement kind (expected sla, ola or underpinningContract)." }, ex.Errors);
    }

    [Fact]
    public void FromJson_ABadPriorityChangePolicy_IsAnError()
    {
        var ex = ReadError(Minimal("""{ "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "start": true, "stop": true }, "priorityChange": "restart", "retroactivePauses": "yes" }"""));

        Assert.Equal(
            new[]
            {
                "agreement.targets[0].priorityChange: 'restart' is not a policy (expected retarget, cancelAndRestartRetroactive, cancelAndAttach).",
                "agreement.targets[0].retroactivePauses: must be true or false.",
            },
            ex.Errors);
    }

    [Theory]
    [InlineData("6")]
    [InlineData("0")]
    [InlineData("P1")]
    [InlineData("-1")]
    public void FromJson_ABadPriorityKey_IsAnError(string key)
    {
        var ex = ReadError(Minimal($$"""{ "metric": "Resolution", "durations": { "{{key}}": "PT4H" }, "conditions": { "start": true, "stop": true } }"""));

        Assert.Equal(new[] { $"agreement.targets[0].durations: '{key}' is not a priority (\"1\" to \"5\")." }, ex.Errors);
    }

    [Theory]
    [InlineData("4 hours")]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("")]
    public void FromJson_ABadDuration_IsAnError(string duration)
    {
        var ex = ReadError(Minimal($$"""{ "metric": "Resolution", "durations": { "1": "{{duration}}" }, "conditions": { "start": true, "stop": true } }"""));

        Assert.Equal(
            new[] { $"agreement.targets[0].durations.1: '{duration}' is not an ISO 8601 duration of days, hours, minutes and seconds (for example \"PT4H\", \"PT30M\", \"P2DT4H\")." },
            ex.Errors);
    }

    [Fact]
    public void FromJson_ADurationThatIsNotAString_IsAnError()
    {
        var ex = ReadError(Minimal("""{ "metric": "Resolution", "durations": { "1": 4 }, "conditions": { "start": true, "stop": true } }"""));

        Assert.Equal(new[] { "agreement.targets[0].durations.1: must be a string." }, ex.Errors);
    }

    [Fact]
    public void FromJson_ANonPositiveDuration_IsAnError()
    {
        var ex = ReadError(Minimal("""{ "metric": "Resolution", "durations": { "1": "PT0S", "2": "PT4H" }, "conditions": { "start": true, "stop": true } }"""));

        Assert.Equal(new[] { "agreement.targets[0].durations: the target for priority 1 must be positive, not 0:00:00:00." }, ex.Errors);
    }

    [Fact]
    public void FromJson_NoDurations_IsAnError()
    {
        var ex = ReadError(Minimal("""{ "metric": "Resolution", "durations": { }, "conditions": { "start": true, "stop": true } }"""));

        Assert.Equal(new[] { "agreement.targets[0].durations: give a target duration for at least one priority." }, ex.Errors);
    }

    [Theory]
    [InlineData("stateIn")]
    [InlineData("onHoldReasonIn")]
    [InlineData("priorityIn")]
    public void FromJson_AnEmptyValueList_IsAnError(string form)
    {
        var ex = ReadError(Minimal($$"""{ "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "start": true, "stop": { "{{form}}": [] } } }"""));

        Assert.Equal(new[] { $"agreement.targets[0].conditions.stop.{form}: must list at least one value." }, ex.Errors);
    }

    [Fact]
    public void FromJson_AnEmptyFieldInList_IsAnError()
    {
        var ex = ReadError(Minimal("""{ "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "start": true, "stop": { "field": "service", "in": [] } } }"""));

        Assert.Equal(new[] { "agreement.targets[0].conditions.stop.in: must list at least one value." }, ex.Errors);
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("attributes.")]
    [InlineData("onholdreason")]
    public void FromJson_AnUnknownField_IsAnError(string field)
    {
        var ex = ReadError(Minimal($$"""{ "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "start": { "field": "{{field}}", "in": ["x"] }, "stop": true } }"""));

        Assert.Equal(
            new[] { $"agreement.targets[0].conditions.start.field: '{field}' is not a field (expected state, workflowState, priority, caller, onHoldReason, service, offering, assignmentGroup, supplier, configurationItem or attributes.<name>)." },
            ex.Errors);
    }

    [Fact]
    public void FromJson_AnInvalidPriorityInAList_IsAnError()
    {
        var ex = ReadError(Minimal(
            """{ "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "start": { "priorityIn": [1, 6, "2"] }, "stop": true } }""",
            "\"scope\": { \"priorities\": [0] },"));

        Assert.Equal(
            new[]
            {
                "agreement.scope.priorities[0]: must be a priority, 1 to 5.",
                "agreement.targets[0].conditions.start.priorityIn[1]: must be a priority, 1 to 5.",
                "agreement.targets[0].conditions.start.priorityIn[2]: must be a priority, 1 to 5.",
            },
            ex.Errors);
    }

    [Fact]
    public void FromJson_MissingStartAndStop_AreErrors()
    {
        var ex = ReadError(Minimal("""{ "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "pause": true } }"""));

        Assert.Equal(new[] { "agreement.targets[0].conditions.start: is missing.", "agreement.targets[0].conditions.stop: is missing." }, ex.Errors);
    }

    [Fact]
    public void FromJson_MissingRequiredProperties_AreErrors()
    {
        var noTargetFields = ReadError(Minimal("{ }"));
        var noIdOrTargets = ReadError("{ \"name\": \"Gold\" }");

        Assert.Equal(
            new[] { "agreement.targets[0].metric: is missing.", "agreement.targets[0].durations: is missing.", "agreement.targets[0].conditions: is missing." },
            noTargetFields.Errors);
        Assert.Equal(new[] { "agreement.id: is missing.", "agreement.targets: is missing." }, noIdOrTargets.Errors);
    }

    [Fact]
    public void FromJson_AnEmptyIdOrTargetList_IsAnError()
    {
        var ex = ReadError("""{ "id": "", "targets": [] }""");

        Assert.Equal(new[] { "agreement.id: must not be empty.", "agreement.targets: an agreement needs at least one target." }, ex.Errors);
    }

    [Fact]
    public void FromJson_TwoTargetsForOneMetric_IsAnError()
    {
        const string target = """{ "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "start": true, "stop": true } }""";

        var ex = ReadError(Minimal(target + ", " + target));

        Assert.Equal(new[] { "agreement.targets[1].metric: 'Resolution' appears more than once; an agreement has one target per metric." }, ex.Errors);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-5", "-5")]
    [InlineData("1000.5", "1000.5")]
    public void FromJson_AThresholdOutOfRange_IsAnError(string json, string shown)
    {
        var ex = ReadError(Minimal($$"""{ "metric": "Resolution", "durations": { "1": "PT4H" }, "warningThresholds": [50, {{json}}], "conditions": { "start": true, "stop": true } }"""));

        Assert.Equal(new[] { $"agreement.targets[0].warningThresholds: {shown} is not a percentage above 0 and at most 1000." }, ex.Errors);
    }

    [Fact]
    public void FromJson_AThresholdOf1000_IsAllowed()
    {
        var agreement = Agreement.FromJson(Minimal("""{ "metric": "Resolution", "durations": { "1": "PT4H" }, "warningThresholds": [1000], "conditions": { "start": true, "stop": true } }"""));

        Assert.Equal(new[] { 1000.0 }, agreement.Targets[0].WarningThresholds);
    }

    [Fact]
    public void FromJson_AThresholdThatIsNotANumber_IsAnError()
    {
        var ex = ReadError(Minimal("""{ "metric": "Resolution", "durations": { "1": "PT4H" }, "warningThresholds": [50, "75"], "conditions": { "start": true, "stop": true } }"""));

        Assert.Equal(new[] { "agreement.targets[0].warningThresholds[1]: must be a number (a percentage of the target)." }, ex.Errors);
    }

    [Fact]
    public void FromJson_ABlankMetric_IsAnError()
    {
        var ex = ReadError(Minimal("""{ "metric": " ", "durations": { "1": "PT4H" }, "conditions": { "start": true, "stop": true } }"""));

        Assert.Equal(new[] { "agreement.targets[0].metric: must not be empty." }, ex.Errors);
    }

    [Fact]
    public void FromJson_ABlankCalendar_IsAnError()
    {
        var ex = ReadError(Minimal("""{ "metric": "Resolution", "durations": { "1": "PT4H" }, "calendar": " ", "conditions": { "start": true, "stop": true } }"""));

        Assert.Equal(new[] { "agreement.targets[0].calendar: must not be blank (omit it for 24x7)." }, ex.Errors);
    }

    [Fact]
    public void FromJson_NotAnObject_IsAnError()
    {
        Assert.Equal(new[] { "agreement: must be an object." }, ReadError("[]").Errors);
    }

    [Fact]
    public void FromJson_MalformedJson_IsAnErrorQuotingTheParser()
    {
        const string json = """{ "id": "SLA-1", """;
        string parserMessage;
        try
        {
            // Parsed as the reader documents it: comments and trailing commas are accepted.
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            throw new InvalidOperationException("The text should not parse.");
        }
        catch (JsonException parserError)
        {
            parserMessage = parserError.Message;
        }

        var ex = ReadError(json);

        Assert.Equal(new[] { "the text is not valid JSON: " + parserMessage }, ex.Errors);
        Assert.Equal("json", ex.ParamName);
    }

    [Fact]
    public void ListFromJson_TwoAgreementsWithOneId_IsAnError()
    {
        var ex = Assert.Throws<SlaDefinitionException>(() => Agreement.ListFromJson($$"""{ "agreements": [ {{Minimal()}}, {{Minimal()}} ] }"""));

        Assert.Equal(new[] { "agreements[1].id: 'SLA-1' is used by an earlier agreement." }, ex.Errors);
        Assert.Equal("json", ex.ParamName);
    }

    [Fact]
    public void ListFromJson_ListsTheProblemsOfEveryAgreement()
    {
        var ex = Assert.Throws<SlaDefinitionException>(() => Agreement.ListFromJson($$"""{ "agreements": [ {{Minimal(extra: "\"kind\": \"x\",")}}, 5 ], "version": 2 }"""));

        Assert.Equal(
            new[]
            {
                "'version' is not a property of the document (expected agreements).",
                "agreements[0].kind: 'x' is not an agreement kind (expected sla, ola or underpinningContract).",
                "agreements[1]: must be an object.",
            },
            ex.Errors);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{ }")]
    [InlineData("{ \"agreements\": { } }")]
    public void ListFromJson_NotADocumentWithAnAgreementsList_IsAnError(string json)
    {
        var ex = Assert.Throws<SlaDefinitionException>(() => Agreement.ListFromJson(json));

        Assert.Equal(new[] { "the document must be an object with an 'agreements' list." }, ex.Errors);
    }

    internal const string DocumentedExample = """
        {
          "agreements": [
            {
              "id": "SLA-EMAIL-GOLD",
              "name": "E-mail, gold support",
              "kind": "sla",
              "scope": { "services": ["Email"], "priorities": [1, 2, 3] },
              "targets": [
                {
                  "metric": "Response",
                  "durations": { "1": "PT15M", "2": "PT30M", "3": "PT2H" },
                  "calendar": "uk-office",
                  "warningThresholds": [50, 75],
                  "conditions": {
                    "start": { "stateIn": ["New", "InProgress", "OnHold"] },
                    "stop": { "not": { "stateIn": ["New"] } },
                    "cancel": { "stateIn": ["Canceled"] }
                  }
                },
                {
                  "metric": "Resolution",
                  "durations": { "1": "PT4H", "2": "PT8H", "3": "PT24H" },
                  "calendar": "uk-office",
                  "conditions": {
                    "start": { "stateIn": ["New", "InProgress", "OnHold"] },
                    "pause": { "all": [ { "stateIn": ["OnHold"] }, { "onHoldReasonIn": ["AwaitingCaller", "AwaitingVendor"] } ] },
                    "stop": { "stateIn": ["Resolved", "Closed"] },
                    "cancel": { "stateIn": ["Canceled"] },
                    "reset": { "field": "attributes.reopened", "in": ["true"] }
                  },
                  "priorityChange": "cancelAndRestartRetroactive",
                  "retroactivePauses": true
                }
              ]
            },
            {
              "id": "OLA-NETWORK",
              "name": "Network team",
              "kind": "ola",
              "scope": { "assignmentGroups": ["Network"] },
              "targets": [
                {
                  "metric": "Resolution",
                  "durations": { "1": "PT2H", "2": "PT6H" },
                  "conditions": {
                    "start": true,
                    "stop": { "stateIn": ["Resolved", "Closed"] },
                    "cancel": { "not": { "field": "assignmentGroup", "in": ["Network"] } }
                  }
                }
              ]
            }
          ]
        }
        """;
}
