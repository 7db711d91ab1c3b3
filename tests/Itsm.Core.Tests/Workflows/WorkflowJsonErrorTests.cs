using System;
using System.Linq;
using Itsm.Workflows;
using static Itsm.Core.Tests.Workflows.WorkflowJsonTests;

namespace Itsm.Core.Tests.Workflows;

/// <summary>Workflow JSON that is not valid: every documented problem, each with its code and JSON path, all listed at once.</summary>
public sealed class WorkflowJsonErrorTests
{
    private static WorkflowDefinitionException Refused(string json) =>
        Assert.Throws<WorkflowDefinitionException>(() => WorkflowJson.Read(json, Predicates));

    /// <summary>A document of one incident version with the given states and transitions (JSON list bodies).</summary>
    private static string Version(string states, string transitions = "") =>
        $$"""{ "id": "w", "lifecycle": "Incident", "versions": [ { "version": 1, "states": [{{states}}], "transitions": [{{transitions}}] } ] }""";

    private static string[] Messages(string json) => Refused(json).Problems.Select(p => p.Message).ToArray();

    [Fact]
    public void Read_NullText_IsAnArgumentNullException() =>
        Assert.Equal("json", Assert.Throws<ArgumentNullException>(() => WorkflowJson.Read(null!)).ParamName);

    [Fact]
    public void ToJson_NullWorkflow_IsAnArgumentNullException() =>
        Assert.Equal("workflow", Assert.Throws<ArgumentNullException>(() => WorkflowJson.ToJson(null!)).ParamName);

    [Theory]
    [InlineData("", "json")]
    [InlineData("{", "json")]
    [InlineData("{ \"id\": 'w' }", "json")]
    public void Read_MalformedJson_IsOneInvalidJsonProblem(string json, string subject)
    {
        var e = Refused(json);

        var problem = Assert.Single(e.Problems);
        Assert.Equal((WorkflowProblemCode.InvalidJson, subject), (problem.Code, problem.Subject));
        Assert.StartsWith("the text is not valid JSON: ", problem.Message, StringComparison.Ordinal);
        Assert.Equal("json", e.ParamName);
    }

    [Fact]
    public void Read_NotAnObject_IsRefused() =>
        Assert.Equal(["document: must be an object."], Messages("[]"));

    [Fact]
    public void Read_TheDocumentsProperties_AreRequiredKnownAndGivenOnce() =>
        Assert.Equal(
            [
                "document: 'name' is not a property here (expected id, lifecycle, versions).",
                "id: is given twice.",
                "lifecycle: is required.",
                "versions: is required.",
            ],
            Messages("""{ "id": "a", "name": "x", "id": "a" }"""));

    [Fact]
    public void Read_WrongTypesAndAnUnknownLifecycle_AreEachNamed() =>
        Assert.Equal(
            [
                "id: must be a string.",
                "versions: must be a list of at least one version, oldest first.",
                "lifecycle: 'Release' is not a lifecycle this reads (expected Incident, Problem, ServiceRequest, Change.Standard, Change.Normal, Change.Emergency).",
            ],
            Messages("""{ "id": 7, "lifecycle": "Release", "versions": [] }"""));

    [Fact]
    public void Read_AnInvalidId_IsReportedOnce_AndTheVersionsAreStillChecked()
    {
        var e = Refused("""{ "id": " padded ", "lifecycle": "Incident", "versions": [ { "version": 0 } ] }""");

        Assert.Equal(
            [(WorkflowProblemCode.InvalidName, "id"), (WorkflowProblemCode.InvalidVersion, "version")],
            e.Problems.Select(p => (p.Code, p.Subject)));
        Assert.Equal("versions[0]: The version 0 must be 1 or more.", e.Problems[1].Message);
    }

    [Fact]
    public void Read_AVersion_NeedsAWholeNumberAndKnownProperties() =>
        Assert.Equal(
            [
                "versions[0]: 'comment' is not a property here (expected version, states, transitions, migration).",
                "versions[0].version: must be a whole number.",
                "versions[1].version: is required.",
                "versions[2]: must be an object.",
            ],
            Messages("""{ "id": "w", "lifecycle": "Incident", "versions": [ { "version": 1.5, "comment": "" }, { }, 3 ] }"""));

    [Fact]
    public void Read_StatesOfTheWrongShape_AreEachNamedWithTheirCode()
    {
        var e = Refused(Version("""
            { "name": "A", "parent": "Doing" },
            { "name": "B", "parent": "InProgress", "entry": "yes", "blocks": ["Resolve", "Fly", 4] },
            { "parent": "InProgress", "colour": "red" },
            "C"
            """));

        Assert.Equal(
            [
                                (WorkflowProblemCode.MissingParent, "versions[0].states[0].parent", "versions[0].states[0].parent: 'Doing' is not a state of Incident (expected New, InProgress, OnHold, Resolved, Closed, Canceled)."),
                (WorkflowProblemCode.InvalidJson, "versions[0].states[1].entry", "versions[0].states[1].entry: must be true or false."),
                (WorkflowProblemCode.BlocksUnpermittedCommand, "versions[0].states[1].blocks[1]", "versions[0].states[1].blocks[1]: 'Fly' is not a command of Incident (see IncidentCommand)."),
                (WorkflowProblemCode.InvalidJson, "versions[0].states[1].blocks[2]", "versions[0].states[1].blocks[2]: must be a string."),
                (WorkflowProblemCode.InvalidJson, "versions[0].states[2]", "versions[0].states[2]: 'colour' is not a property here (expected name, parent, entry, blocks)."),
                (WorkflowProblemCode.InvalidJson, "versions[0].states[2].name", "versions[0].states[2].name: is required."),
                (WorkflowProblemCode.InvalidJson, "versions[0].states[3]", "versions[0].states[3]: must be an object."),
            ],
            e.Problems.Select(p => (p.Code, p.Subject, p.Message)));
    }

    [Fact]
    public void Read_TransitionsOfTheWrongShape_AreEachNamedWithTheirCode()
    {
        var e = Refused(Version(
            """{ "name": "A", "parent": "InProgress" }, { "name": "B", "parent": "InProgress" }""",
            """
            { "name": "go", "on": "Resolve", "from": "A", "to": "B" },
            { "from": "A", "to": "B" },
            { "on": "Fly", "from": "A", "to": "B" },
            { "on": "Resolve", "from": "A", "to": "B", "guard": {} },
            { "name": "go", "from": "A", "to": 2 },
            { "name": "go", "from": "A", "to": "B", "guard": { "roles": "agent", "requires": ["Colour"], "when": "moon-is-full", "unless": "x" } }
            """));

        Assert.Equal(
            [
                (WorkflowProblemCode.InvalidJson, "versions[0].transitions[0]", "versions[0].transitions[0]: gives both name and on: a transition is named (taken with TransitionWorkflow) or bound to a library command, not both."),
                (WorkflowProblemCode.InvalidJson, "versions[0].transitions[1]", "versions[0].transitions[1]: needs a name (a named transition) or on (a library command it binds)."),
                (WorkflowProblemCode.BreaksLibraryRule, "versions[0].transitions[2].on", "versions[0].transitions[2].on: 'Fly' is not a command of Incident (see IncidentCommand)."),
                (WorkflowProblemCode.InvalidJson, "versions[0].transitions[3].guard", "versions[0].transitions[3].guard: a bound transition has no guard: the library command's own rules apply."),
                (WorkflowProblemCode.InvalidJson, "versions[0].transitions[4].to", "versions[0].transitions[4].to: must be a string."),
                (WorkflowProblemCode.InvalidJson, "versions[0].transitions[5].guard", "versions[0].transitions[5].guard: 'unless' is not a property here (expected roles, requires, when)."),
                (WorkflowProblemCode.InvalidJson, "versions[0].transitions[5].guard.roles", "versions[0].transitions[5].guard.roles: must be a list."),
                (WorkflowProblemCode.InvalidName, "versions[0].transitions[5].guard.requires[0]", "versions[0].transitions[5].guard.requires[0]: 'Colour' is not a workflow field (expected Service, Offering, ConfigurationItem, Supplier, AssignmentGroup, Assignee)."),
                (WorkflowProblemCode.UnknownPredicate, "versions[0].transitions[5].guard.when", "versions[0].transitions[5].guard.when: 'moon-is-full' is not one of the predicates passed to the reader."),
            ],
            e.Problems.Select(p => (p.Code, p.Subject, p.Message)));
    }

    [Fact]
    public void Read_APredicateName_ResolvesOnlyFromThePredicatesPassed()
    {
        var json = Version(
            """{ "name": "A", "parent": "InProgress" }, { "name": "B", "parent": "InProgress" }""",
            """{ "name": "go", "from": "A", "to": "B", "guard": { "when": "change-is-released" } }, { "name": "back", "from": "B", "to": "A" }""");

        Assert.Equal(WorkflowProblemCode.UnknownPredicate, Assert.Single(Assert.Throws<WorkflowDefinitionException>(() => WorkflowJson.Read(json)).Problems).Code);
        Assert.Same(ChangeIsReleased, WorkflowJson.ReadIncident(json, Predicates).Transitions[0].Guard.Predicate);
    }

    [Fact]
    public void Read_AMigration_MustMapStatesToStatesOnceAndNotInTheFirstVersion() =>
        Assert.Equal(
            [
                "versions[0].migration: the first version replaces none, so it maps no states.",
                "versions[0].migration.A: is given twice.",
                "versions[0].migration.B: must be a string.",
                "versions[1].migration: must be an object mapping each removed state to a state of this version.",
            ],
            Messages("""
                { "id": "w", "lifecycle": "Incident", "versions": [
                  { "version": 1, "migration": { "A": "New", "A": "New", "B": 1 } },
                  { "version": 2, "migration": ["A"] } ] }
                """));

    [Fact]
    public void Read_TheBuildersProblems_AreListedUnderTheirVersionsPath()
    {
        var e = Refused(Version(
            """{ "name": "New", "parent": "New" }, { "name": "X", "parent": "Closed" }, { "name": "A", "parent": "InProgress" }, { "name": "B", "parent": "InProgress" }""",
            """{ "name": "leave", "from": "A", "to": "Nowhere" }, { "on": "Resolve", "from": "A", "to": "B" }"""));

        Assert.Equal(
            [
                (WorkflowProblemCode.DuplicateState, "New", "versions[0]: The state 'New' is named like a library state of Incident; custom states need their own names."),
                (WorkflowProblemCode.FinalParent, "X", "versions[0]: The state 'X' is inside Closed, a final state of Incident; final states hold no custom states."),
                (WorkflowProblemCode.UnknownState, "Nowhere", "versions[0]: The transition 'leave' enters 'Nowhere', which is not a state of the workflow."),
                (WorkflowProblemCode.BreaksLibraryRule, "Resolve from 'A'", "versions[0]: The bound transition Resolve from 'A' to 'B' would break a library rule: Resolve does not lead from InProgress to InProgress in Incident."),
            ],
            e.Problems.Select(p => (p.Code, p.Subject, p.Message)));
    }

    [Fact]
    public void Read_GraphProblems_AreFoundOnceTheRestIsRight()
    {
        var e = Refused(Version("""{ "name": "A", "parent": "InProgress" }, { "name": "Lost", "parent": "InProgress" }"""));

        var problem = Assert.Single(e.Problems);
        Assert.Equal((WorkflowProblemCode.Unreachable, "Lost"), (problem.Code, problem.Subject));
        Assert.StartsWith("versions[0]: The state 'Lost' (InProgress) cannot be reached", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ACustomStateInALibraryStateItsLifecycleNeverEnters_IsUnreachable()
    {
        // A standard change never enters Assess: left alone it is no problem, refined it is.
        var e = Refused("""{ "id": "w", "lifecycle": "Change.Standard", "versions": [ { "version": 1, "states": [ { "name": "Review Prep", "parent": "Assess" } ] } ] }""");

        var problem = Assert.Single(e.Problems);
        Assert.Equal((WorkflowProblemCode.Unreachable, "Review Prep"), (problem.Code, problem.Subject));
    }

    [Fact]
    public void Read_ALaterVersion_IsCheckedAgainstTheOneBefore()
    {
        var e = Refused("""
            { "id": "w", "lifecycle": "Incident", "versions": [
              { "version": 2, "states": [ { "name": "Triage", "parent": "New" } ] },
              { "version": 2, "states": [ { "name": "Sorting", "parent": "New" } ] },
              { "version": 3, "states": [ { "name": "Sorting", "parent": "New" } ], "migration": { "Gone": "Sorting" } } ] }
            """);

        Assert.Equal(
            [
                "versions[1]: Version 2 of 'w' (Incident) cannot replace w v2 (Incident): it must be an older version of the same workflow and lifecycle.",
            ],
            e.Problems.Select(p => p.Message));
    }

    [Fact]
    public void Read_AfterAVersionThatFails_LaterVersionsAreStillCheckedOnTheirOwn()
    {
        var e = Refused("""
            { "id": "w", "lifecycle": "Incident", "versions": [
              { "version": 1, "states": [ { "name": "Triage", "parent": "Nowhere" } ] },
              { "version": 2, "states": [ { "name": "Sorting", "parent": "New" }, { "name": "Sorting", "parent": "New" } ], "migration": { "Triage": "Sorting" } } ] }
            """);

        Assert.Equal(
            [
                (WorkflowProblemCode.MissingParent, "versions[0].states[0].parent"),
                (WorkflowProblemCode.DuplicateState, "Sorting"),
            ],
            e.Problems.Select(p => (p.Code, p.Subject)));
    }

    [Fact]
    public void Read_AVersionRemovingAStateWithoutMappingIt_IsRefused()
    {
        var e = Refused("""
            { "id": "w", "lifecycle": "Incident", "versions": [
              { "version": 1, "states": [ { "name": "Triage", "parent": "New" } ] },
              { "version": 2, "states": [ { "name": "Sorting", "parent": "New" } ] } ] }
            """);

        Assert.Equal(
            (WorkflowProblemCode.UnmappedRemovedState, "Triage", "versions[1]: Version 2 removes 'Triage' (in New) without mapping it: say where its records go with Maps."),
            e.Problems.Select(p => (p.Code, p.Subject, p.Message)).Single());
    }

    [Fact]
    public void Read_EveryProblemOfEveryVersion_IsListedAtOnce()
    {
        var e = Refused("""
            { "id": "w", "lifecycle": "Incident", "extra": 1, "versions": [
              { "version": 1, "states": [ { "name": "A", "parent": "Nowhere" } ] },
              { "version": 2, "states": [ { "name": "B", "parent": "New", "entry": 1 } ] },
              { "version": 3, "states": [ { "name": "C", "parent": "Closed" } ] } ] }
            """);

        Assert.Equal(
            ["document", "versions[0].states[0].parent", "versions[1].states[0].entry", "C"],
            e.Problems.Select(p => p.Subject));
    }
}
