using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Itsm.Changes;
using Itsm.Incidents;
using Itsm.Workflows;

namespace Itsm.Core.Tests.Workflows;

/// <summary>Workflow definitions as JSON (docs/workflow-json.md): the documented examples, what reading yields, and what writing writes.</summary>
public sealed class WorkflowJsonTests
{
    internal static readonly Func<WorkflowGuardContext, bool> ChangeIsReleased = _ => true;
    internal static readonly Func<WorkflowGuardContext, bool> ReviewerIsNotRequester = _ => false;

    internal static readonly IReadOnlyDictionary<string, Func<WorkflowGuardContext, bool>> Predicates = new Dictionary<string, Func<WorkflowGuardContext, bool>>
    {
        ["change-is-released"] = ChangeIsReleased,
        ["reviewer-is-not-requester"] = ReviewerIsNotRequester,
    };

    /// <summary>The incident example of docs/workflow-json.md.</summary>
    internal const string IncidentExample = """
        {
          // Version 2 replaces version 1: records waiting for a vendor go back to investigation.
          "id": "acme-incident",
          "lifecycle": "Incident",
          "versions": [
            {
              "version": 1,
              "states": [
                { "name": "Triage", "parent": "New" },
                { "name": "Investigating", "parent": "InProgress" },
                { "name": "Awaiting Vendor", "parent": "InProgress" }
              ],
              "transitions": [
                { "name": "wait-for-vendor", "from": "Investigating", "to": "Awaiting Vendor", "guard": { "requires": ["Supplier"] } },
                { "name": "vendor-replied", "from": "Awaiting Vendor", "to": "Investigating" }
              ]
            },
            {
              "version": 2,
              "states": [
                { "name": "Triage", "parent": "New" },
                { "name": "Investigating", "parent": "InProgress", "entry": true },
                { "name": "Awaiting Change", "parent": "InProgress", "blocks": ["Resolve"] },
                { "name": "Reopened", "parent": "InProgress" },
                { "name": "Pending Confirmation", "parent": "Resolved" }
              ],
              "transitions": [
                { "name": "wait-for-change", "from": "Investigating", "to": "Awaiting Change",
                  "guard": { "roles": ["agent", "major-incident-manager"], "requires": ["AssignmentGroup"] } },
                { "name": "change-released", "from": "Awaiting Change", "to": "Investigating", "guard": { "when": "change-is-released" } },
                { "name": "take-over", "from": "Reopened", "to": "Investigating", "guard": { "roles": ["agent"] } },
                { "on": "Reopen", "from": "Pending Confirmation", "to": "Reopened" }
              ],
              "migration": { "Awaiting Vendor": "Investigating" }
            }
          ]
        }
        """;

    /// <summary>The change example of docs/workflow-json.md.</summary>
    internal const string ChangeExample = """
        {
          "id": "acme-normal-change",
          "lifecycle": "Change.Normal",
          "versions": [
            {
              "version": 1,
              "states": [
                { "name": "Draft", "parent": "New" },
                { "name": "Rework", "parent": "New" },
                { "name": "Peer Review", "parent": "Assess", "blocks": ["RequestAuthorization"] },
                { "name": "Ready for CAB", "parent": "Assess" }
              ],
              "transitions": [
                { "name": "peer-approved", "from": "Peer Review", "to": "Ready for CAB",
                  "guard": { "roles": ["change-peer"], "when": "reviewer-is-not-requester" } },
                { "name": "back-to-peer-review", "from": "Ready for CAB", "to": "Peer Review" },
                { "on": "Reject", "from": "Authorize", "to": "Rework" }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void TheExamplesOfTheDocs_AreTheOnesTestedHere()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Itsm.Core.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("The repository root is not above the test binaries.");
        }

        var doc = File.ReadAllText(Path.Combine(root.FullName, "docs", "workflow-json.md"));
        var examples = Regex.Matches(doc, "```json\\n(?<json>.*?)```", RegexOptions.Singleline).Select(m => WorkflowJson.ToJson(WorkflowJson.Read(m.Groups["json"].Value, Predicates))).ToArray();

        Assert.Equal([WorkflowJson.ToJson(WorkflowJson.Read(IncidentExample, Predicates)), WorkflowJson.ToJson(WorkflowJson.Read(ChangeExample, Predicates))], examples);
    }

    [Fact]
    public void ReadIncident_TheDocumentedExample_YieldsTheNewestVersionWithItsChain()
    {
        var workflow = WorkflowJson.ReadIncident(IncidentExample, Predicates);

        Assert.Equal(("acme-incident", 2, "Incident"), (workflow.Id, workflow.Version, workflow.Lifecycle));
        Assert.Equal(["Triage", "Investigating", "Awaiting Change", "Reopened", "OnHold", "Pending Confirmation", "Closed", "Canceled"], workflow.StateNames);
        Assert.Equal("Investigating", workflow.EntryStateOf(IncidentState.InProgress));
        Assert.Equal([IncidentCommand.Resolve], workflow.States.Single(s => s.Name == "Awaiting Change").Blocks);
        var wait = workflow.NamedTransitionsFrom("Investigating").Single();
        Assert.Equal(["agent", "major-incident-manager"], wait.Guard.Roles);
        Assert.Equal([WorkflowField.AssignmentGroup], wait.Guard.RequiredFields);
        var released = workflow.NamedTransitionsFrom("Awaiting Change").Single();
        Assert.Same(ChangeIsReleased, released.Guard.Predicate);
        Assert.Equal("change-is-released", released.Guard.PredicateName);
        var reopen = workflow.Transitions.Single(t => !t.IsNamed);
        Assert.Equal((IncidentCommand.Reopen, "Pending Confirmation", "Reopened"), (reopen.Command!.Value, reopen.From, reopen.To));
        Assert.Equal(new Dictionary<string, string> { ["Awaiting Vendor"] = "Investigating" }, workflow.Migration);
        var first = Assert.IsType<Workflow<IncidentState, IncidentCommand>>(workflow.Previous);
        Assert.Equal(1, first.Version);
        Assert.Null(first.Previous);
        Assert.Equal([WorkflowField.Supplier], first.NamedTransitionsFrom("Investigating").Single().Guard.RequiredFields);
    }

    [Fact]
    public void ReadChange_TheDocumentedExample_RefinesTheNormalChangeLifecycle()
    {
        var workflow = WorkflowJson.ReadChange(ChangeExample, Predicates);

        Assert.Equal(("acme-normal-change", 1, "Change.Normal", "Change"), (workflow.Id, workflow.Version, workflow.Lifecycle, workflow.RecordType));
        Assert.Equal("Draft", workflow.InitialState);
        Assert.Equal("Peer Review", workflow.EntryStateOf(ChangeState.Assess));
        Assert.Equal([ChangeCommand.RequestAuthorization], workflow.States.Single(s => s.Name == "Peer Review").Blocks);
        Assert.Same(ReviewerIsNotRequester, workflow.NamedTransitionsFrom("Peer Review").Single().Guard.Predicate);
        Assert.Equal(ChangeCommand.Reject, workflow.Transitions.Single(t => t.To == "Rework").Command);
        Assert.Null(workflow.Previous);
    }

    [Theory]
    [InlineData("Change.Normal", ChangeType.Normal)]
    [InlineData("Change.Standard", ChangeType.Standard)]
    [InlineData("Change.Emergency", ChangeType.Emergency)]
    public void ReadChange_EachChangeLifecycle_MatchesTheBuildersLifecycleForThatType(string lifecycle, ChangeType type)
    {
        var json = $$"""{ "id": "c", "lifecycle": "{{lifecycle}}", "versions": [ { "version": 1 } ] }""";

        var workflow = WorkflowJson.ReadChange(json);

        Assert.Equal(WorkflowBuilder.ForChanges(type, "c").Build().Lifecycle, workflow.Lifecycle);
        Assert.Empty(workflow.States);
    }

    [Fact]
    public void Read_ReturnsTheTypedWorkflowOfTheDocumentsLifecycle()
    {
        Assert.IsType<Workflow<Itsm.Problems.ProblemState, Itsm.Problems.ProblemCommand>>(WorkflowJson.ReadProblem("""{ "id": "p", "lifecycle": "Problem", "versions": [ { "version": 1 } ] }"""));
        Assert.Equal("ServiceRequest", WorkflowJson.ReadServiceRequest("""{ "id": "r", "lifecycle": "ServiceRequest", "versions": [ { "version": 1 } ] }""").Lifecycle);
        Assert.IsType<Workflow<IncidentState, IncidentCommand>>(WorkflowJson.Read(IncidentExample, Predicates));
        Assert.IsType<Workflow<ChangeState, ChangeCommand>>(WorkflowJson.Read(ChangeExample, Predicates));
    }

    [Fact]
    public void ReadIncident_OnAChangeDocument_IsRefusedNamingTheLifecycles()
    {
        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowJson.ReadIncident(ChangeExample, Predicates));

        Assert.Equal("json", e.ParamName);
        var problem = Assert.Single(e.Problems);
        Assert.Equal(new WorkflowProblem(WorkflowProblemCode.InvalidJson, "lifecycle", "lifecycle: 'Change.Normal' is not a lifecycle this reads (expected Incident)."), problem);
    }

    [Fact]
    public void ReadChange_OnAnIncidentDocument_IsRefusedNamingTheChangeLifecycles()
    {
        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowJson.ReadChange(IncidentExample, Predicates));

        Assert.Equal("lifecycle: 'Incident' is not a lifecycle this reads (expected Change.Standard, Change.Normal, Change.Emergency).", Assert.Single(e.Problems).Message);
    }

    [Fact]
    public void ToJson_WritesEveryVersionOldestFirst_AndReadingItGivesTheSameDocument()
    {
        var workflow = WorkflowJson.ReadIncident(IncidentExample, Predicates);

        var json = WorkflowJson.ToJson(workflow);
        var again = WorkflowJson.ReadIncident(json, Predicates);

        Assert.True(WorkflowJsonPropertyTests.Same(workflow, again));
        Assert.Equal(json, WorkflowJson.ToJson(again));
        Assert.Equal(WorkflowJson.ToJson(workflow, indented: false), WorkflowJson.ToJson(WorkflowJson.Read(WorkflowJson.ToJson(workflow, indented: false), Predicates), indented: false));
    }

    [Fact]
    public void Names_with_paired_surrogates_build_and_round_trip_through_the_writer_and_reader()
    {
        // U+1F680 (an emoji) and U+2000B (CJK Extension B) are each a pair of UTF-16 surrogates.
        const string Rocket = "Launch \U0001F680";
        const string Cjk = "\U0002000B 待機";
        var workflow = WorkflowBuilder.ForIncidents("acme-\U0001F680")
            .State(Rocket, IncidentState.InProgress, isEntry: true)
            .State(Cjk, IncidentState.InProgress)
            .Transition("wait \U0001F6A6", Rocket, Cjk, WorkflowGuard.AnyRole("agent-\U0002000B"))
            .Transition("go", Cjk, Rocket)
            .Build();

        var json = WorkflowJson.ToJson(workflow);
        var again = WorkflowJson.ReadIncident(json);

        Assert.Equal(["Launch \uD83D\uDE80", "\uD840\uDC0B 待機"], workflow.States.Select(s => s.Name).ToArray());
        Assert.Equal("acme-\U0001F680", again.Id);
        Assert.Equal(workflow.States.Select(s => s.Name), again.States.Select(s => s.Name));
        Assert.True(WorkflowJsonPropertyTests.Same(workflow, again));
        Assert.Equal(json, WorkflowJson.ToJson(again));
    }

    [Fact]
    public void Names_with_an_unpaired_surrogate_or_a_control_character_are_refused_by_the_builder_and_the_reader()
    {
        // A fact, not a theory: xunit's test case serialisation turns a lone surrogate into U+FFFD.
        foreach (var name in new[] { "Tri\uD800age", "Tri\uDC00age", "Tri\uDE80\uD83Dage", "Tri\u0007age" })
        {
            var built = Assert.Throws<WorkflowDefinitionException>(() => WorkflowBuilder.ForIncidents("acme").State(name, IncidentState.InProgress).Build());
            var read = Assert.Throws<WorkflowDefinitionException>(() => WorkflowJson.Read(
                $$"""{ "id": "w", "lifecycle": "Incident", "versions": [ { "version": 1, "states": [ { "name": "{{Escaped(name)}}", "parent": "New" } ] } ] }"""));

            Assert.Contains(built.Problems, p => p.Code == WorkflowProblemCode.InvalidName);
            Assert.Contains(read.Problems, p => p.Code is WorkflowProblemCode.InvalidName or WorkflowProblemCode.InvalidJson);
        }
    }

    // Every character outside printable ASCII as a JSON escape: the serializer refuses to write an unpaired surrogate.
    private static string Escaped(string text) =>
        string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    [Fact]
    public void ToJson_WritesTheDocumentedShape_LeavingOutWhatIsEmpty()
    {
        var workflow = WorkflowBuilder.ForIncidents("acme-incident")
            .State("Triage", IncidentState.New)
            .State("Investigating", IncidentState.InProgress, isEntry: true)
            .State("Awaiting Change", IncidentState.InProgress)
            .Block("Awaiting Change", IncidentCommand.Resolve, IncidentCommand.PutOnHold)
            .Transition("wait-for-change", "Investigating", "Awaiting Change", WorkflowGuard.AnyRole("agent") with { RequiredFields = [WorkflowField.Service] })
            .Transition("change-released", "Awaiting Change", "Investigating")
            .On(IncidentCommand.Resume, "OnHold", "Awaiting Change")
            .Build();

        Assert.Equal(
            """
            {"id":"acme-incident","lifecycle":"Incident","versions":[{"version":1,"states":[{"name":"Triage","parent":"New"},{"name":"Investigating","parent":"InProgress","entry":true},{"name":"Awaiting Change","parent":"InProgress","blocks":["PutOnHold","Resolve"]}],"transitions":[{"name":"wait-for-change","from":"Investigating","to":"Awaiting Change","guard":{"roles":["agent"],"requires":["Service"]}},{"name":"change-released","from":"Awaiting Change","to":"Investigating"},{"on":"Resume","from":"OnHold","to":"Awaiting Change"}]}]}
            """,
            WorkflowJson.ToJson(workflow, indented: false));
    }

    [Fact]
    public void Read_WithoutStatesOrTransitions_IsTheLibraryLifecycleItself()
    {
        var workflow = WorkflowJson.ReadIncident("""{ "id": "plain", "lifecycle": "Incident", "versions": [ { "version": 3, "states": [], "transitions": [], } ] }""");

        Assert.Equal(3, workflow.Version);
        Assert.Equal(Enum.GetNames<IncidentState>(), workflow.StateNames);
    }

    [Fact]
    public void Read_AGuardWithEmptyLists_RequiresNothing()
    {
        var workflow = WorkflowJson.ReadIncident("""
            { "id": "w", "lifecycle": "Incident", "versions": [ { "version": 1,
              "states": [ { "name": "A", "parent": "InProgress" }, { "name": "B", "parent": "InProgress" } ],
              "transitions": [ { "name": "go", "from": "A", "to": "B", "guard": { "roles": [], "requires": [] } },
                               { "name": "back", "from": "B", "to": "A", "guard": {} } ] } ] }
            """);

        Assert.All(workflow.Transitions, t => Assert.True(t.Guard.IsEmpty));
    }

    [Fact]
    public void Read_ALaterVersion_MigratesRecordsOfTheRemovedStateAsMapped()
    {
        var workflow = WorkflowJson.ReadIncident(IncidentExample, Predicates);

        Assert.Equal("Investigating", workflow.MigrateFrom(workflow.Previous, "Awaiting Vendor", IncidentState.InProgress));
        Assert.Equal("Triage", workflow.MigrateFrom(workflow.Previous, "Triage", IncidentState.New));
    }
}
