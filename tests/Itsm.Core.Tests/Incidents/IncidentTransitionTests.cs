using System.Linq;
using Itsm.Common;
using Itsm.Incidents;
using NodaTime;
using static Itsm.Core.Tests.Incidents.IncidentFixtures;
using Itsm.Services;

namespace Itsm.Core.Tests.Incidents;

/// <summary>
/// Every accepted incident command of docs/lifecycles/README.md: the new state, version + 1, and
/// exactly one audit entry with the command, from-state, to-state, actor, instant and data.
/// </summary>
public sealed class IncidentTransitionTests
{
    // Assign.

    [Fact]
    public void Assign_ANewIncident_AcknowledgesItAndMovesToInProgress()
    {
        var clock = NewClock();
        var incident = Open(clock);
        clock.Advance(Duration.FromMinutes(12));
        var probe = incident.Probe();

        incident.Assign(Agent, new SupportGroupId(DeskGroup), "agent.smith");

        probe.AssertAccepted("Assign", IncidentState.New, IncidentState.InProgress, Agent, Monday0900 + Duration.FromMinutes(12),
            ("group", DeskGroup), ("assignee", "agent.smith"));
        Assert.Equal(DeskGroup, incident.AssignmentGroup?.Value);
        Assert.Equal("agent.smith", incident.AssignedTo);
    }

    [Fact]
    public void Assign_ToAGroupQueue_LeavesTheAssigneeOutOfTheAuditData()
    {
        var clock = NewClock();
        var incident = Open(clock);
        var probe = incident.Probe();

        incident.Assign(Agent, new SupportGroupId(DeskGroup));

        probe.AssertAccepted("Assign", IncidentState.New, IncidentState.InProgress, Agent, clock.GetCurrentInstant(), ("group", DeskGroup));
        Assert.Null(incident.AssignedTo);
    }

    [Fact]
    public void Assign_AnIncidentInProgress_ReassignsItAndStaysInProgress()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.InProgress, clock);
        var probe = incident.Probe();

        incident.Assign(Agent, new SupportGroupId(NetworkGroup), "net.ops");

        probe.AssertAccepted("Assign", IncidentState.InProgress, IncidentState.InProgress, Agent, clock.GetCurrentInstant(),
            ("group", NetworkGroup), ("assignee", "net.ops"), ("fromGroup", DeskGroup), ("fromAssignee", "agent.smith"));
        Assert.Equal(NetworkGroup, incident.AssignmentGroup?.Value);
        Assert.Equal("net.ops", incident.AssignedTo);
    }

    [Fact]
    public void Assign_AnIncidentOnHold_ReassignsItAndStaysOnHoldForTheSameReason()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.OnHold, clock);
        var probe = incident.Probe();

        incident.Assign(Agent, new SupportGroupId(NetworkGroup), "net.ops");

        probe.AssertAccepted("Assign", IncidentState.OnHold, IncidentState.OnHold, Agent, clock.GetCurrentInstant(),
            ("group", NetworkGroup), ("assignee", "net.ops"), ("fromGroup", DeskGroup), ("fromAssignee", "agent.smith"));
        Assert.Equal(OnHoldReason.AwaitingVendor, incident.OnHoldReason);
    }

    // PutOnHold.

    [Theory]
    [InlineData(IncidentState.New, OnHoldReason.AwaitingChange)]
    [InlineData(IncidentState.New, OnHoldReason.AwaitingProblem)]
    [InlineData(IncidentState.New, OnHoldReason.AwaitingVendor)]
    [InlineData(IncidentState.InProgress, OnHoldReason.AwaitingChange)]
    [InlineData(IncidentState.InProgress, OnHoldReason.AwaitingProblem)]
    [InlineData(IncidentState.InProgress, OnHoldReason.AwaitingVendor)]
    public void PutOnHold_ForAReasonOtherThanTheCaller_MovesToOnHoldWithoutAComment(IncidentState from, OnHoldReason reason)
    {
        var clock = NewClock();
        var incident = InState(from, clock);
        var probe = incident.Probe();

        incident.PutOnHold(Agent, reason);

        probe.AssertAccepted("PutOnHold", from, IncidentState.OnHold, Agent, clock.GetCurrentInstant(), ("onHoldReason", reason.ToString()));
        Assert.Equal(reason, incident.OnHoldReason);
    }

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    public void PutOnHold_AwaitingTheCallerWithAComment_MovesToOnHoldAndRecordsTheComment(IncidentState from)
    {
        var clock = NewClock();
        var incident = InState(from, clock);
        var probe = incident.Probe();

        incident.PutOnHold(Agent, OnHoldReason.AwaitingCaller, "Which mail client do you use?");

        probe.AssertAccepted("PutOnHold", from, IncidentState.OnHold, Agent, clock.GetCurrentInstant(),
            ("onHoldReason", "AwaitingCaller"), ("comment", "Which mail client do you use?"));
        Assert.Equal(OnHoldReason.AwaitingCaller, incident.OnHoldReason);
    }

    // Resume.

    [Theory]
    [InlineData(OnHoldReason.AwaitingCaller)]
    [InlineData(OnHoldReason.AwaitingChange)]
    [InlineData(OnHoldReason.AwaitingProblem)]
    [InlineData(OnHoldReason.AwaitingVendor)]
    public void Resume_AnIncidentOnHold_MovesToInProgressAndClearsTheReason(OnHoldReason reason)
    {
        var clock = NewClock();
        var incident = InState(IncidentState.InProgress, clock);
        incident.PutOnHold(Agent, reason, "A question for the caller.");
        clock.Advance(Duration.FromHours(1));
        var probe = incident.Probe();

        incident.Resume(Agent);

        probe.AssertAccepted("Resume", IncidentState.OnHold, IncidentState.InProgress, Agent, clock.GetCurrentInstant());
        Assert.Null(incident.OnHoldReason);
    }

    // RecordCallerResponse.

    [Fact]
    public void RecordCallerResponse_WhileAwaitingTheCaller_ResumesTheIncident()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.InProgress, clock);
        incident.PutOnHold(Agent, OnHoldReason.AwaitingCaller, "Which mail client do you use?");
        clock.Advance(Duration.FromHours(3));
        var probe = incident.Probe();

        incident.RecordCallerResponse(Caller, "Outlook.");

        probe.AssertAccepted("RecordCallerResponse", IncidentState.OnHold, IncidentState.InProgress, Caller, clock.GetCurrentInstant(), ("comment", "Outlook."));
        Assert.Null(incident.OnHoldReason);
    }

    [Theory]
    [InlineData(OnHoldReason.AwaitingChange)]
    [InlineData(OnHoldReason.AwaitingProblem)]
    [InlineData(OnHoldReason.AwaitingVendor)]
    public void RecordCallerResponse_WhileOnHoldForAnotherReason_OnlyRecordsTheResponse(OnHoldReason reason)
    {
        var clock = NewClock();
        var incident = InState(IncidentState.InProgress, clock);
        incident.PutOnHold(Agent, reason);
        clock.Advance(Duration.FromHours(3));
        var probe = incident.Probe();

        incident.RecordCallerResponse(Caller, "Any news?");

        probe.AssertAccepted("RecordCallerResponse", IncidentState.OnHold, IncidentState.OnHold, Caller, clock.GetCurrentInstant(), ("comment", "Any news?"));
        Assert.Equal(reason, incident.OnHoldReason);
    }

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    public void RecordCallerResponse_WhileNotOnHold_OnlyRecordsTheResponse(IncidentState state)
    {
        var clock = NewClock();
        var incident = InState(state, clock);
        var probe = incident.Probe();

        incident.RecordCallerResponse(Caller, "It also fails on my phone.");

        probe.AssertAccepted("RecordCallerResponse", state, state, Caller, clock.GetCurrentInstant(), ("comment", "It also fails on my phone."));
    }

    // Resolve.

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    public void Resolve_AnOpenIncident_MovesToResolvedAndRecordsTheResolution(IncidentState from)
    {
        var clock = NewClock();
        var incident = InState(from, clock);
        var at = clock.GetCurrentInstant();
        var probe = incident.Probe();

        incident.Resolve(Agent, IncidentResolutionCode.SolvedWorkaround, "Use webmail until the relay is fixed.");

        probe.AssertAccepted("Resolve", from, IncidentState.Resolved, Agent, at,
            ("resolutionCode", "SolvedWorkaround"), ("notes", "Use webmail until the relay is fixed."));
        Assert.Equal(IncidentResolutionCode.SolvedWorkaround, incident.ResolutionCode);
        Assert.Equal("Use webmail until the relay is fixed.", incident.ResolutionNotes);
        Assert.Equal(at, incident.ResolvedAt);
        Assert.Null(incident.OnHoldReason);
    }

    // Reopen.

    [Fact]
    public void Reopen_ByTheCallerWithinTheWindow_MovesToInProgressAndClearsTheResolution()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.Resolved, clock);
        clock.Advance(Duration.FromDays(2));
        var probe = incident.Probe();

        incident.Reopen(Caller, "It fails again.");

        probe.AssertAccepted("Reopen", IncidentState.Resolved, IncidentState.InProgress, Caller, clock.GetCurrentInstant(), ("reason", "It fails again."));
        Assert.Null(incident.ResolutionCode);
        Assert.Null(incident.ResolutionNotes);
        Assert.Null(incident.ResolvedAt);
        Assert.Equal(DeskGroup, incident.AssignmentGroup?.Value);
    }

    // Close.

    [Fact]
    public void Close_AResolvedIncident_MovesToClosed()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.Resolved, clock);
        var probe = incident.Probe();

        incident.Close(Agent);

        probe.AssertAccepted("Close", IncidentState.Resolved, IncidentState.Closed, Agent, clock.GetCurrentInstant());
        Assert.Equal(IncidentResolutionCode.SolvedPermanently, incident.ResolutionCode);
        Assert.Equal([IncidentCommand.RecordSatisfaction], incident.PermittedCommands);
    }

    // Cancel.

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    public void Cancel_AnOpenIncident_MovesToCanceled(IncidentState from)
    {
        var clock = NewClock();
        var incident = InState(from, clock);
        var probe = incident.Probe();

        incident.Cancel(Agent, "Logged twice.");

        probe.AssertAccepted("Cancel", from, IncidentState.Canceled, Agent, clock.GetCurrentInstant(), ("reason", "Logged twice."));
        Assert.Null(incident.OnHoldReason);
        Assert.Empty(incident.PermittedCommands);
    }

    // ChangeImpactOrUrgency.

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    public void ChangeImpactOrUrgency_OnAnOpenIncident_DerivesThePriorityAgainAndKeepsTheState(IncidentState state)
    {
        var clock = NewClock();
        var incident = InState(state, clock);
        var probe = incident.Probe();

        incident.ChangeImpactOrUrgency(Agent, Impact.High, Urgency.High);

        probe.AssertAccepted("ChangeImpactOrUrgency", state, state, Agent, clock.GetCurrentInstant(),
            ("impact", "1"), ("urgency", "1"), ("previousPriority", "3"), ("priority", "1"));
        Assert.Equal(Impact.High, incident.Impact);
        Assert.Equal(Urgency.High, incident.Urgency);
        Assert.Equal(Priority.Critical, incident.Priority);
    }

    [Fact]
    public void ChangeImpactOrUrgency_ChangingOnlyTheUrgency_IsAccepted()
    {
        var clock = NewClock();
        var incident = Open(clock, Impact.Medium, Urgency.Medium);
        var probe = incident.Probe();

        incident.ChangeImpactOrUrgency(Agent, Impact.Medium, Urgency.Low);

        probe.AssertAccepted("ChangeImpactOrUrgency", IncidentState.New, IncidentState.New, Agent, clock.GetCurrentInstant(),
            ("impact", "2"), ("urgency", "3"), ("previousPriority", "3"), ("priority", "4"));
    }

    [Fact]
    public void ChangeImpactOrUrgency_ChangingOnlyTheImpactWithoutChangingThePriority_IsStillAudited()
    {
        var clock = NewClock();
        var incident = Open(clock, Impact.Medium, Urgency.Low);
        var probe = incident.Probe();

        incident.ChangeImpactOrUrgency(Agent, Impact.Low, Urgency.Low);

        probe.AssertAccepted("ChangeImpactOrUrgency", IncidentState.New, IncidentState.New, Agent, clock.GetCurrentInstant(),
            ("impact", "3"), ("urgency", "3"), ("previousPriority", "4"), ("priority", "4"));
        Assert.Equal(Impact.Low, incident.Impact);
    }

    // EscalateFunctionally.

    [Theory]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    public void EscalateFunctionally_ToAnotherGroup_ReassignsItAndClearsTheAssignee(IncidentState state)
    {
        var clock = NewClock();
        var incident = InState(state, clock);
        var probe = incident.Probe();

        incident.EscalateFunctionally(Agent, new SupportGroupId(NetworkGroup), "The relay sits behind the firewall.");

        probe.AssertAccepted("EscalateFunctionally", state, state, Agent, clock.GetCurrentInstant(),
            ("fromGroup", DeskGroup), ("toGroup", NetworkGroup), ("reason", "The relay sits behind the firewall."));
        Assert.Equal(NetworkGroup, incident.AssignmentGroup?.Value);
        Assert.Null(incident.AssignedTo);
    }

    [Fact]
    public void EscalateFunctionally_ANewUnassignedIncident_StaysNewAndLeavesFromGroupOut()
    {
        var clock = NewClock();
        var incident = Open(clock);
        var probe = incident.Probe();

        incident.EscalateFunctionally(Agent, new SupportGroupId(NetworkGroup), "Obviously a network fault.");

        probe.AssertAccepted("EscalateFunctionally", IncidentState.New, IncidentState.New, Agent, clock.GetCurrentInstant(),
            ("toGroup", NetworkGroup), ("reason", "Obviously a network fault."));
        Assert.Equal(NetworkGroup, incident.AssignmentGroup?.Value);
    }

    // EscalateHierarchically.

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    public void EscalateHierarchically_RecordsTheManagerAndRaisesTheLevel(IncidentState state)
    {
        var clock = NewClock();
        var incident = InState(state, clock);
        var probe = incident.Probe();

        incident.EscalateHierarchically(Agent, "manager.brown", "The resolution target is close.");

        probe.AssertAccepted("EscalateHierarchically", state, state, Agent, clock.GetCurrentInstant(),
            ("manager", "manager.brown"), ("reason", "The resolution target is close."), ("level", "1"));
        Assert.Equal(1, incident.EscalationLevel);
    }

    [Fact]
    public void EscalateHierarchically_Twice_ReachesLevelTwo()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.InProgress, clock);
        incident.EscalateHierarchically(Agent, "manager.brown", "Close to breach.");
        clock.Advance(Duration.FromHours(1));
        var probe = incident.Probe();

        incident.EscalateHierarchically(Agent, "director.white", "Breached.");

        probe.AssertAccepted("EscalateHierarchically", IncidentState.InProgress, IncidentState.InProgress, Agent, clock.GetCurrentInstant(),
            ("manager", "director.white"), ("reason", "Breached."), ("level", "2"));
        Assert.Equal(2, incident.EscalationLevel);
    }

    // Links.

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    [InlineData(IncidentState.Resolved)]
    public void LinkCausedByChange_RecordsTheChangeAndKeepsTheState(IncidentState state)
    {
        var clock = NewClock();
        var incident = InState(state, clock);
        var probe = incident.Probe();

        incident.LinkCausedByChange(Agent, "CHG0042");

        probe.AssertAccepted("LinkCausedByChange", state, state, Agent, clock.GetCurrentInstant(), ("change", "CHG0042"));
        Assert.Equal("CHG0042", incident.CausedByChange);
    }

    [Theory]
    [InlineData(IncidentState.New)]
    [InlineData(IncidentState.InProgress)]
    [InlineData(IncidentState.OnHold)]
    [InlineData(IncidentState.Resolved)]
    public void LinkProblem_RecordsTheProblemAndKeepsTheState(IncidentState state)
    {
        var clock = NewClock();
        var incident = InState(state, clock);
        var probe = incident.Probe();

        incident.LinkProblem(Agent, "PRB0007");

        probe.AssertAccepted("LinkProblem", state, state, Agent, clock.GetCurrentInstant(), ("problem", "PRB0007"));
        Assert.Equal("PRB0007", incident.RelatedProblem);
    }

    // The audit trail as a whole.

    [Fact]
    public void AFullLifecycle_NumbersItsAuditEntriesOneByOne()
    {
        var clock = NewClock();
        var incident = Open(clock);
        incident.Assign(Agent, new SupportGroupId(DeskGroup));
        incident.PutOnHold(Agent, OnHoldReason.AwaitingCaller, "Screenshot, please.");
        incident.RecordCallerResponse(Caller, "Attached.");
        incident.Resolve(Agent, IncidentResolutionCode.SolvedPermanently, Resolution);
        incident.Close(Agent);

        Assert.Equal(6, incident.Version);
        Assert.Equal([1L, 2, 3, 4, 5, 6], incident.UncommittedAuditEntries.Select(e => e.Version));
        Assert.Equal(["Open", "Assign", "PutOnHold", "RecordCallerResponse", "Resolve", "Close"], incident.UncommittedAuditEntries.Select(e => e.Command));
        Assert.Equal(["New", "New", "InProgress", "OnHold", "InProgress", "Resolved"], incident.UncommittedAuditEntries.Select(e => e.FromState));
        Assert.Equal(["New", "InProgress", "OnHold", "InProgress", "Resolved", "Closed"], incident.UncommittedAuditEntries.Select(e => e.ToState));
    }

    [Fact]
    public void AcceptAuditEntries_ClearsTheUncommittedEntriesAndKeepsNumberingFromTheVersion()
    {
        var clock = NewClock();
        var incident = InState(IncidentState.InProgress, clock);

        incident.AcceptAuditEntries();

        Assert.Empty(incident.UncommittedAuditEntries);
        Assert.Equal(2, incident.Version);
        incident.LinkProblem(Agent, "PRB0001");
        Assert.Equal(3, Assert.Single(incident.UncommittedAuditEntries).Version);
    }
}
