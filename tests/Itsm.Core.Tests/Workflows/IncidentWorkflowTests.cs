using System.Linq;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Services;
using Itsm.Workflows;
using static Itsm.Core.Tests.Incidents.IncidentFixtures;

namespace Itsm.Core.Tests.Workflows;

/// <summary>An incident under a configured workflow: custom states follow library commands, named transitions and guards.</summary>
public sealed class IncidentWorkflowTests
{
    internal static Workflow<IncidentState, IncidentCommand> Triage() => WorkflowBuilder.ForIncidents("acme-incident")
        .State("Triage", IncidentState.New)
        .State("Investigating", IncidentState.InProgress)
        .State("Awaiting Change", IncidentState.InProgress)
        .Block("Awaiting Change", IncidentCommand.Resolve)
        .Transition("wait-for-change", "Investigating", "Awaiting Change", WorkflowGuard.Requires(WorkflowField.AssignmentGroup))
        .Transition("change-released", "Awaiting Change", "Investigating", WorkflowGuard.AnyRole("itil"))
        .Build();

    private static Incident OpenUnder(Workflow<IncidentState, IncidentCommand> workflow)
    {
        var incident = Incident.OpenUnderWorkflow(Tenant, IncidentId.New(), Agent, "caller.jones", "Mail is down", Impact.High, Urgency.High, NewClock(), workflow: workflow);
        return incident;
    }

    [Fact]
    public void A_write_keeps_the_workflow_state_laid_over_an_events_own_data_and_copies_it_over_a_callers_dictionary()
    {
        var incident = OpenUnder(Triage());
        var entry = incident.UncommittedAuditEntries.Single();
        var index = new Itsm.Persistence.RecordIndex("New", true, null, null, null, NodaTime.Instant.FromUnixTimeSeconds(0), null);
        var callers = new System.Collections.Generic.Dictionary<string, string> { ["reason"] = "before" };
        var overCallers = entry with { Data = new WorkflowStateAuditData(callers, "Triage") };

        var kept = new Itsm.Persistence.AggregateWrite(Tenant, Incident.RecordType, incident.Id.ToString(), 0, "{}", index, [entry]);
        var copied = new Itsm.Persistence.AggregateWrite(Tenant, Incident.RecordType, incident.Id.ToString(), 0, "{}", index, [overCallers]);
        callers["reason"] = "after";

        Assert.IsType<WorkflowStateAuditData>(entry.Data);
        Assert.Same(entry.Data, kept.AuditEntries[0].Data);
        Assert.NotSame(overCallers.Data, copied.AuditEntries[0].Data);
        Assert.Equal("before", copied.AuditEntries[0].Data["reason"]);
        Assert.Equal("Triage", copied.AuditEntries[0].Data["workflowState"]);
    }

    [Fact]
    public void Open_UnderAWorkflow_StartsInItsInitialStateAndAuditsIt()
    {
        var incident = OpenUnder(Triage());

        Assert.Equal("Triage", incident.WorkflowState);
        Assert.Equal("Triage", incident.UncommittedAuditEntries.Single().WorkflowState);
        Assert.Equal("Triage", incident.ToTicketSnapshot().WorkflowState);
    }

    [Fact]
    public void LibraryCommand_EnteringAStateWithCustomStates_LandsInItsEntry()
    {
        var incident = OpenUnder(Triage());

        incident.Assign(Agent, new SupportGroupId(DeskGroup), "agent.smith");

        Assert.Equal(IncidentState.InProgress, incident.State);
        Assert.Equal("Investigating", incident.WorkflowState);
        Assert.Equal("Investigating", incident.UncommittedAuditEntries.Last().WorkflowState);
        incident.ChangeImpactOrUrgency(Agent, Impact.Low, Urgency.Low);
        Assert.Null(incident.UncommittedAuditEntries.Last().WorkflowState);
    }

    [Fact]
    public void NamedTransition_MovesInsideTheLibraryState_AndBlockedCommandsAreRefused()
    {
        var incident = OpenUnder(Triage());
        incident.Assign(Agent, new SupportGroupId(DeskGroup), "agent.smith");

        incident.TransitionWorkflow(Agent, "wait-for-change");

        Assert.Equal(IncidentState.InProgress, incident.State);
        Assert.Equal("Awaiting Change", incident.WorkflowState);
        var entry = incident.UncommittedAuditEntries.Last();
        Assert.Equal(new WorkflowTransitioned("wait-for-change", "Investigating", "Awaiting Change"), entry.Event);
        Assert.DoesNotContain(IncidentCommand.Resolve, incident.PermittedCommands);
        Assert.Throws<InvalidTransitionException>(() => incident.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, "fixed"));
    }

    [Fact]
    public void NamedTransition_WhoseGuardFails_IsRefusedNamingEveryRequirement()
    {
        var incident = OpenUnder(Triage());
        incident.StartWork(Agent);
        var version = incident.Version;

        var e = Assert.Throws<DomainRuleViolationException>(() => incident.TransitionWorkflow(Agent, "wait-for-change"));

        Assert.Equal(Workflow.GuardFailedCode, e.Code);
        Assert.Contains("AssignmentGroup", e.Message);
        Assert.Equal(version, incident.Version);
        Assert.Equal("Investigating", incident.WorkflowState);
    }

    [Fact]
    public void WithoutAWorkflow_TransitionWorkflowIsNeverPermitted()
    {
        var incident = Open(NewClock());

        Assert.Null(incident.WorkflowState);
        Assert.DoesNotContain(IncidentCommand.TransitionWorkflow, incident.PermittedCommands);
        Assert.Throws<InvalidTransitionException>(() => incident.TransitionWorkflow(Agent, "x"));
    }

    [Fact]
    public void Build_ListsEveryProblemAtOnce()
    {
        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowBuilder.ForIncidents("acme")
            .State("Triage", IncidentState.New)
            .State("triage", IncidentState.New)
            .State("Done", IncidentState.Closed)
            .State("InProgress", IncidentState.OnHold)
            .Transition("escape", "Triage", "Resolved")
            .Transition("nowhere", "Triage", "Ghost")
            .Build());

        var codes = e.Problems.Select(p => p.Code).ToHashSet();
        Assert.Contains(WorkflowProblemCode.DuplicateState, codes);
        Assert.Contains(WorkflowProblemCode.FinalParent, codes);
        Assert.Contains(WorkflowProblemCode.BreaksLibraryRule, codes);
        Assert.Contains(WorkflowProblemCode.UnknownState, codes);
    }

    [Fact]
    public void Build_ReportsUnreachableStatesAndDeadEnds()
    {
        var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowBuilder.ForIncidents("acme")
            .State("Investigating", IncidentState.InProgress)
            .State("Parked", IncidentState.InProgress)
            .State("Limbo", IncidentState.OnHold)
            .State("Stuck", IncidentState.OnHold)
            .Transition("park", "Limbo", "Stuck")
            .Block("Stuck", IncidentCommand.Resume, IncidentCommand.Resolve, IncidentCommand.Cancel, IncidentCommand.RecordCallerResponse)
            .Build());

        Assert.Contains(e.Problems, p => p.Code == WorkflowProblemCode.Unreachable && p.Subject == "Parked");
        Assert.Contains(e.Problems, p => p.Code == WorkflowProblemCode.DeadEnd && p.Subject == "Stuck");
    }
}
