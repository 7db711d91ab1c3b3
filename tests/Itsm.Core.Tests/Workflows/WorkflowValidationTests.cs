using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Incidents;
using Itsm.Workflows;
using Xunit;

namespace Itsm.Core.Tests.Workflows;

/// <summary>
/// Validation lists every problem of a definition in one pass: the graph checks run over the structurally sound part,
/// and a structural problem is never reported again as an unknown state, an unreachable state or a dead end.
/// </summary>
public sealed class WorkflowValidationTests
{
    private const int Megabyte = 1 << 20;

    [Fact]
    public void Build_StructuralAndGraphMistakes_AreListedTogether()
    {
        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowBuilder.ForIncidents("acme")
            .State("Investigating", IncidentState.InProgress)
            .State("Parked", IncidentState.InProgress)
            .State("Stuck", IncidentState.InProgress)
            .State("Orphan", (IncidentState)42)
            .State("Done", IncidentState.Closed)
            .Transition("stick", "Investigating", "Stuck")
            .Block("Stuck", IncidentCommand.PutOnHold, IncidentCommand.Resolve, IncidentCommand.Cancel)
            .Transition("escape", "Investigating", "Resolved")
            .Transition("lost", "Investigating", "Ghost")
            .Build());

        Assert.Equal(
            [
                (WorkflowProblemCode.MissingParent, "Orphan"),
                (WorkflowProblemCode.FinalParent, "Done"),
                (WorkflowProblemCode.BreaksLibraryRule, "escape"),
                (WorkflowProblemCode.UnknownState, "Ghost"),
                (WorkflowProblemCode.Unreachable, "Parked"),
                (WorkflowProblemCode.DeadEnd, "Stuck"),
            ],
            e.Problems.Select(p => (p.Code, p.Subject)));
    }

    [Fact]
    public void Build_AStateWithAMissingParent_IsReportedOnce_NotAgainByWhatNamesIt()
    {
        // Everything that names Orphan is a consequence of its parent: only the parent is reported, and
        // Waiting, entered only from Orphan, is not called unreachable.
        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowBuilder.ForIncidents("acme", 2)
            .State("Investigating", IncidentState.InProgress)
            .State("Waiting", IncidentState.InProgress)
            .State("Orphan", (IncidentState)42)
            .Block("Orphan", IncidentCommand.Resolve)
            .Transition("adopt", "Investigating", "Orphan")
            .Transition("return", "Orphan", "Waiting")
            .Transition("resume", "Waiting", "Investigating")
            .Replaces(WorkflowBuilder.ForIncidents("acme").State("Orphan", IncidentState.InProgress).Build())
            .Build());

        var problem = Assert.Single(e.Problems);
        Assert.Equal((WorkflowProblemCode.MissingParent, "Orphan"), (problem.Code, problem.Subject));
    }

    [Fact]
    public void Build_ADuplicateState_IsReportedOnce_AndTransitionsNamingItAreNotUnknown()
    {
        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowBuilder.ForIncidents("acme")
            .State("Investigating", IncidentState.InProgress)
            .State("Twin", IncidentState.InProgress)
            .State("TWIN", IncidentState.InProgress)
            .Transition("twin", "Investigating", "Twin")
            .Transition("other-twin", "Investigating", "TWIN")
            .Transition("back", "TWIN", "Investigating")
            .Build());

        var problem = Assert.Single(e.Problems);
        Assert.Equal((WorkflowProblemCode.DuplicateState, "TWIN"), (problem.Code, problem.Subject));
    }

    [Fact]
    public void Build_MultipleEntries_DoNotMakeTheSecondEntryUnreachable()
    {
        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowBuilder.ForIncidents("acme")
            .State("Paused", IncidentState.OnHold, isEntry: true)
            .State("Waiting", IncidentState.OnHold, isEntry: true)
            .State("Parked", IncidentState.OnHold)
            .Build());

        Assert.Equal(
            [(WorkflowProblemCode.MultipleEntries, "OnHold"), (WorkflowProblemCode.Unreachable, "Parked")],
            e.Problems.Select(p => (p.Code, p.Subject)));
    }

    [Fact]
    public void Build_ARefusedTransition_StillCountsAsTheWayItMeant()
    {
        // The misspelt target and the transition leaving its library state are the problems; the states they
        // connect are not reported as dead ends or unreachable as well.
        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowBuilder.ForIncidents("acme")
            .State("Investigating", IncidentState.InProgress)
            .State("Stuck", IncidentState.InProgress)
            .State("Limbo", IncidentState.OnHold)
            .State("Unseen", IncidentState.OnHold)
            .Transition("stick", "Investigating", "Stuck")
            .Block("Stuck", IncidentCommand.PutOnHold, IncidentCommand.Resolve, IncidentCommand.Cancel)
            .Transition("leave", "Stuck", "Investigatin")
            .Transition("sneak", "Investigating", "Unseen")
            .Build());

        Assert.Equal(
            [(WorkflowProblemCode.UnknownState, "Investigatin"), (WorkflowProblemCode.BreaksLibraryRule, "sneak")],
            e.Problems.Select(p => (p.Code, p.Subject)));
    }

    [Fact]
    public void Build_ANamedTransitionWithABadName_IsStillCheckedForWhereItLeads()
    {
        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowBuilder.ForIncidents("acme")
            .State("Investigating", IncidentState.InProgress)
            .Transition(" again ", "Investigating", "Investigating")
            .Build());

        Assert.Equal([WorkflowProblemCode.InvalidName, WorkflowProblemCode.SelfTransition], e.Problems.Select(p => p.Code));
    }

    [Fact]
    public void Build_TheSameMistakeMadeTwice_IsListedOnce()
    {
        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowBuilder.ForIncidents("acme")
            .State("A", IncidentState.InProgress)
            .State("B", IncidentState.InProgress)
            .Transition("go", "A", "B")
            .Transition("go", "A", "B")
            .Transition("go", "A", "B")
            .Transition("back", "B", "A")
            .Block("A", IncidentCommand.Reopen)
            .Block("A", IncidentCommand.Reopen)
            .Build());

        Assert.Equal([WorkflowProblemCode.BlocksUnpermittedCommand, WorkflowProblemCode.ConflictingTransition], e.Problems.Select(p => p.Code));
        Assert.Equal(e.Problems.Count, e.Problems.Distinct().Count());
    }

    [Fact]
    public void Build_ABadHeader_IsNotReportedAgainAsABadMigration()
    {
        var v1 = WorkflowBuilder.ForIncidents("acme").State("Triage", IncidentState.New).Build();

        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowBuilder.ForIncidents(" acme ", 0)
            .State("Triage", IncidentState.New).Replaces(v1).Build());
        var nothingToReplace = Assert.Throws<WorkflowDefinitionException>(() => WorkflowBuilder.ForIncidents("acme", 2)
            .State("Triage", IncidentState.New).Replaces(null!).Maps("Old", "Triage").Build());

        Assert.Equal([WorkflowProblemCode.InvalidName, WorkflowProblemCode.InvalidVersion], e.Problems.Select(p => p.Code));
        Assert.Equal("The previous version is null.", Assert.Single(nothingToReplace.Problems).Message);
    }

    [Fact]
    public void Read_AWellFormedDocument_ListsTheSameProblemsAsTheBuilder()
    {
        const string json = """
            {
              "id": "acme", "lifecycle": "Incident",
              "versions": [ {
                "version": 1,
                "states": [
                  { "name": "Investigating", "parent": "InProgress" },
                  { "name": "Parked", "parent": "InProgress" },
                  { "name": "Stuck", "parent": "InProgress", "blocks": ["PutOnHold", "Resolve", "Cancel", "Fly"] },
                  { "name": "Orphan", "parent": "Doing" }
                ],
                "transitions": [
                  { "name": "stick", "from": "Investigating", "to": "Stuck" },
                  { "name": "adopt", "from": "Investigating", "to": "Orphan" },
                  { "on": "Teleport", "from": "Orphan", "to": "Investigating" },
                  { "name": "check", "from": "Investigating", "to": "Investigating", "guard": { "requires": ["Colour"], "when": "is-peer" } }
                ]
              } ]
            }
            """;
        var builder = WorkflowBuilder.ForIncidents("acme")
            .State("Investigating", IncidentState.InProgress)
            .State("Parked", IncidentState.InProgress)
            .State("Stuck", IncidentState.InProgress)
            .Block("Stuck", IncidentCommand.PutOnHold, IncidentCommand.Resolve, IncidentCommand.Cancel, (IncidentCommand)99)
            .State("Orphan", (IncidentState)42)
            .Transition("stick", "Investigating", "Stuck")
            .Transition("adopt", "Investigating", "Orphan")
            .On((IncidentCommand)98, "Orphan", "Investigating")
            .Transition("check", "Investigating", "Investigating", new WorkflowGuard { RequiredFields = [(WorkflowField)97], PredicateName = "is-peer" });

        var read = Assert.Throws<WorkflowDefinitionException>(() => WorkflowJson.Read(json));
        var built = Assert.Throws<WorkflowDefinitionException>(() => builder.Build());

        var expected = new[]
        {
            WorkflowProblemCode.BlocksUnpermittedCommand, WorkflowProblemCode.MissingParent, WorkflowProblemCode.BreaksLibraryRule, WorkflowProblemCode.InvalidName,
            WorkflowProblemCode.SelfTransition, WorkflowProblemCode.UnknownPredicate, WorkflowProblemCode.Unreachable, WorkflowProblemCode.DeadEnd,
        };
        Assert.Equal(expected.Order(), built.Problems.Select(p => p.Code).Order());
        Assert.Equal(expected.Order(), read.Problems.Select(p => p.Code).Order());
        Assert.Contains(read.Problems, p => p.Message == "versions[0]: The state 'Parked' (InProgress) cannot be reached from the initial state 'New'.");
        Assert.Contains(read.Problems, p => p.Subject == "versions[0].states[3].parent");
    }

    [Fact]
    public void Build_EveryMessage_IsBoundedWhateverTheInput()
    {
        var huge = new string('x', Megabyte);
        var hugeName = " " + huge;
        var v1 = WorkflowBuilder.ForIncidents("acme").State("Old", IncidentState.InProgress).Build();

        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowBuilder.ForIncidents(huge, 2)
            .State(huge, IncidentState.InProgress)
            .State(hugeName, (IncidentState)42)
            .State("A", IncidentState.InProgress)
            .State("B", IncidentState.InProgress)
            .Block(huge + "!", IncidentCommand.Resolve)
            .Transition(huge, "A", "B", new WorkflowGuard { Roles = [huge], PredicateName = huge })
            .Transition("lost", huge + "?", "A")
            .On(IncidentCommand.Resolve, huge + "#", "B")
            .Replaces(v1)
            .Maps(huge, "A")
            .Maps("Old", huge + "%")
            .Build());

        Assert.True(e.Problems.Count >= 8, string.Join("\n", e.Problems));
        Assert.All(e.Problems, p => Assert.InRange(p.Message.Length, 1, 1_500));
        Assert.All(e.Problems, p => Assert.InRange(p.Subject.Length, 1, 500));
        Assert.InRange(e.Message.Length, 1, 30_000);
    }

    [Fact]
    public void Read_EveryMessage_IsBoundedWhateverTheInput()
    {
        // 500 times the longest valid name, in eight places: a megabyte each would only make the test slow.
        var huge = new string('x', 100_000);
        var json = $$"""
            { "id": "{{huge}}", "lifecycle": "Incident", "versions": [ { "version": 1,
              "states": [ { "name": "{{huge}}", "parent": "{{huge}}", "blocks": ["{{huge}}"] }, { "name": "A", "parent": "InProgress" } ],
              "transitions": [ { "name": "{{huge}}", "from": "A", "to": "{{huge}}y", "guard": { "requires": ["{{huge}}"], "when": "{{huge}}" } },
                               { "on": "{{huge}}", "from": "A", "to": "A" } ] } ] }
            """;

        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowJson.Read(json));

        Assert.True(e.Problems.Count >= 6, string.Join("\n", e.Problems));
        Assert.All(e.Problems, p => Assert.InRange(p.Message.Length, 1, 1_500));
        Assert.All(e.Problems, p => Assert.InRange(p.Subject.Length, 1, 500));
        Assert.InRange(e.Message.Length, 1, 30_000);
    }
}
