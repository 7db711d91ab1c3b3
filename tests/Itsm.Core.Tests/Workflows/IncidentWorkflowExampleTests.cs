using System;
using System.Linq;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Services;
using Itsm.Workflows;
using static Itsm.Core.Tests.Incidents.IncidentFixtures;

namespace Itsm.Core.Tests.Workflows;

/// <summary>What docs/workflows.md says of its worked example and of each validation problem holds (its diagram: WorkflowDiagramTests).</summary>
public sealed class IncidentWorkflowExampleTests
{
    private static Incident Open() =>
        Incident.OpenUnderWorkflow(Tenant, IncidentId.New(), Agent, "caller.jones", "VPN is down", Impact.High, Urgency.High, NewClock(), null, null, null, null, IncidentWorkflowExample.Build());

    [Fact]
    public void WorkedExample_RunsAsTheGuideTabulatesIt()
    {
        var incident = Open();
        Assert.Equal((IncidentState.New, "Triage"), (incident.State, incident.WorkflowState));

        incident.Assign(Agent, new SupportGroupId(DeskGroup), "agent.smith");
        Assert.Equal((IncidentState.InProgress, "Investigating"), (incident.State, incident.WorkflowState));

        incident.TransitionWorkflow(Agent, "wait-for-change");
        Assert.Equal((IncidentState.InProgress, "Awaiting Change"), (incident.State, incident.WorkflowState));
        Assert.Throws<InvalidTransitionException>(() => incident.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, "fixed"));

        incident.TransitionWorkflow(Agent, "change-released");
        Assert.Equal((IncidentState.InProgress, "Investigating"), (incident.State, incident.WorkflowState));

        incident.LinkCausedByChange(Agent, "CHG0001");
        Assert.Equal((IncidentState.InProgress, "Awaiting Change"), (incident.State, incident.WorkflowState));

        incident.PutOnHold(Agent, OnHoldReason.AwaitingVendor);
        Assert.Equal((IncidentState.OnHold, "OnHold"), (incident.State, incident.WorkflowState));

        incident.Resume(Agent);
        Assert.Equal((IncidentState.InProgress, "Investigating"), (incident.State, incident.WorkflowState));
    }

    [Fact]
    public void WorkedExample_WaitForChange_WithoutAnAssignmentGroup_IsRefusedWithTheGuardCode()
    {
        var incident = Open();
        incident.StartWork(Agent);

        var e = Assert.Throws<DomainRuleViolationException>(() => incident.TransitionWorkflow(Agent, "wait-for-change"));

        Assert.Equal("ITSM-WF-GUARD-001", e.Code);
    }

    [Fact]
    public void WorkedExample_UnknownTransition_IsRefusedWithItsCode()
    {
        var incident = Open();
        incident.Assign(Agent, new SupportGroupId(DeskGroup), "agent.smith");

        var e = Assert.Throws<DomainRuleViolationException>(() => incident.TransitionWorkflow(Agent, "change-released"));

        Assert.Equal("ITSM-WF-TRANSITION-001", e.Code);
        Assert.Equal("Investigating", incident.WorkflowState);
    }

    public static TheoryData<WorkflowProblemCode> DocumentedProblems => new(Enum.GetValues<WorkflowProblemCode>());

    // Each example of the guide's problem table, built: it fails with the code the table gives.
    [Theory]
    [MemberData(nameof(DocumentedProblems))]
    public void Guide_ProblemExample_FailsWithItsCode(WorkflowProblemCode code)
    {
        var e = Assert.Throws<WorkflowDefinitionException>(() => Example(code));

        Assert.Contains(e.Problems, p => p.Code == code);
    }

    private static Workflow Example(WorkflowProblemCode code)
    {
        var triage = WorkflowBuilder.ForIncidents("acme").State("Triage", IncidentState.New);
        var v1 = IncidentWorkflowExample.Build();
        return code switch
        {
            WorkflowProblemCode.InvalidName => WorkflowBuilder.ForIncidents("acme").State("  ", IncidentState.New).Build(),
            WorkflowProblemCode.InvalidVersion => WorkflowBuilder.ForIncidents("acme", version: 0).Build(),
            WorkflowProblemCode.MissingParent => WorkflowBuilder.ForIncidents("acme").State("X", (IncidentState)42).Build(),
            WorkflowProblemCode.FinalParent => WorkflowBuilder.ForIncidents("acme").State("Done", IncidentState.Closed).Build(),
            WorkflowProblemCode.DuplicateState => triage.State("triage", IncidentState.New).Build(),
            WorkflowProblemCode.MultipleEntries => WorkflowBuilder.ForIncidents("acme")
                .State("A", IncidentState.InProgress, isEntry: true).State("B", IncidentState.InProgress, isEntry: true)
                .Transition("ab", "A", "B").Transition("ba", "B", "A").Build(),
            WorkflowProblemCode.UnknownState => triage.Transition("t", "Triage", "Ghost").Build(),
            WorkflowProblemCode.ConflictingTransition => WorkflowBuilder.ForIncidents("acme")
                .State("A", IncidentState.InProgress).State("B", IncidentState.InProgress)
                .Transition("escalate", "A", "B").Transition("escalate", "A", "B").Transition("back", "B", "A").Build(),
            WorkflowProblemCode.BreaksLibraryRule => triage.Transition("escape", "Triage", "Resolved").Build(),
            WorkflowProblemCode.BlocksUnpermittedCommand => triage.Block("Triage", IncidentCommand.Close).Build(),
            WorkflowProblemCode.Unreachable => WorkflowBuilder.ForIncidents("acme")
                .State("Investigating", IncidentState.InProgress).State("Parked", IncidentState.InProgress).Build(),
            WorkflowProblemCode.DeadEnd => WorkflowBuilder.ForIncidents("acme")
                .State("Limbo", IncidentState.OnHold).State("Stuck", IncidentState.OnHold).Transition("park", "Limbo", "Stuck")
                .Block("Stuck", IncidentCommand.Resume, IncidentCommand.Resolve, IncidentCommand.Cancel, IncidentCommand.RecordCallerResponse).Build(),
            WorkflowProblemCode.UnmappedRemovedState => WorkflowBuilder.ForIncidents("acme-incident", version: 2)
                .State("Triage", IncidentState.New).State("Investigating", IncidentState.InProgress).Replaces(v1).Build(),
            WorkflowProblemCode.InvalidMigration => WorkflowBuilder.ForIncidents("acme").State("Triage", IncidentState.New).Maps("Old", "Triage").Build(),
            WorkflowProblemCode.UnknownPredicate => triage.State("Checked", IncidentState.New)
                .Transition("check", "Triage", "Checked", new WorkflowGuard { PredicateName = "is-peer" }).Transition("uncheck", "Checked", "Triage").Build(),
            WorkflowProblemCode.SelfTransition => triage.Transition("again", "Triage", "Triage").Build(),
            WorkflowProblemCode.InvalidJson => WorkflowJson.Read("{\"id\": \"acme\", \"id\": \"again\"}"),
            _ => throw new ArgumentOutOfRangeException(nameof(code), code, "No documented example."),
        };
    }
}
