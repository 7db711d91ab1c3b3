using System.Collections.Generic;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Services;
using Itsm.Core.Tests.Common;
using NodaTime;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

namespace Itsm.Core.Tests.Changes;

/// <summary>
/// The change's rules: risk before authorisation, segregation of duties, the change authority and
/// its quorum, voiding approvals on edits, rejection by policy, and conflicts when scheduling.
/// Each refusal has its code and changes nothing.
/// </summary>
public sealed class ChangeRuleTests
{
    private static readonly Dictionary<string, string> NoAnswers = new();

    private static Change NormalInAuthorize(FakeClockHolder holder, bool causesOutage = false, ServiceId? service = null, RiskPolicy? policy = null, RejectionPolicy rejection = RejectionPolicy.ReturnToNew)
    {
        var change = Open(holder.Clock, ChangeType.Normal, rejection, service: service);
        change.Submit(Requester);
        change.AssessRisk(Coordinator, policy ?? RiskPolicy.Default, NoAnswers, causesOutage);
        change.RequestAuthorization(Coordinator);
        return change;
    }

    private static Change HighRiskInAuthorize(FakeClockHolder holder) =>
        NormalInAuthorize(holder, service: new ServiceId("payments"), policy: new RiskPolicy([], 1, 1, ["payments"]));

    private static DomainRuleViolationException Refused(Change change, System.Action command, string code)
    {
        var probe = change.Probe();
        var ex = Assert.Throws<DomainRuleViolationException>(command);
        Assert.Equal(code, ex.Code);
        probe.AssertUnchanged();
        return ex;
    }

    // Risk before authorisation.

    [Fact]
    public void RequestAuthorization_OfANormalChangeWithoutARiskAssessment_IsRefused()
    {
        var change = InState(ChangeType.Normal, ChangeState.Assess, NewClock());

        var ex = Refused(change, () => change.RequestAuthorization(Coordinator), "ITSM-CHG-AUTH-001");

        Assert.Equal("A normal change needs a risk assessment before authorisation; assess its risk first.", ex.Message);
    }

    [Fact]
    public void RequestAuthorization_OfAnEmergencyChange_NeedsNoRiskAssessment()
    {
        var change = InState(ChangeType.Emergency, ChangeState.New, NewClock());

        change.RequestAuthorization(Coordinator);

        Assert.Equal(ChangeState.Authorize, change.State);
    }

    // Segregation of duties.

    [Fact]
    public void TheRequester_CannotApprove()
    {
        var change = NormalInAuthorize(new());
        var requesterWithRole = new Actor(Requester.Id, "peer");

        var ex = Refused(change, () => change.Approve(requesterWithRole), "ITSM-CHG-SOD-001");

        Assert.Contains("is the requester", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ThePlannedImplementer_CannotApprove()
    {
        var change = NormalInAuthorize(new());
        var implementerWithRole = new Actor(Implementer.Id, "peer");

        var ex = Refused(change, () => change.Approve(implementerWithRole), "ITSM-CHG-SOD-001");

        Assert.Contains("is the implementer", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TheRequesterOrImplementer_CannotReject()
    {
        var change = NormalInAuthorize(new());

        Refused(change, () => change.Reject(new Actor(Requester.Id, "peer"), "No."), "ITSM-CHG-SOD-001");
        Refused(change, () => change.Reject(new Actor(Implementer.Id, "peer"), "No."), "ITSM-CHG-SOD-001");
    }

    [Fact]
    public void AnApprover_CannotImplement()
    {
        var clock = NewClock();
        var change = Open(clock, ChangeType.Normal);
        change.Submit(Requester);
        change.AssessRisk(Coordinator, RiskPolicy.Default, NoAnswers, false);
        change.RequestAuthorization(Coordinator);
        change.Approve(Peer);
        change.Schedule(Coordinator, Window, ChangeCalendar.Empty);

        var ex = Refused(change, () => change.StartImplementation(Peer), "ITSM-CHG-SOD-002");

        Assert.Equal($"{Peer.Id} approved change {change.Id} and may not implement it.", ex.Message);
    }

    [Fact]
    public void TheSamePersonApprovingTwice_IsRefusedAndCountsOnce()
    {
        var change = HighRiskInAuthorize(new());
        change.Approve(Cab1);

        var ex = Refused(change, () => change.Approve(Cab1), "ITSM-CHG-APPROVE-001");

        Assert.Equal($"{Cab1.Id} already approved change {change.Id}; one person's approval counts once.", ex.Message);
        Assert.Single(change.Approvals);
    }

    [Fact]
    public void AnApproverWithoutARoleTheAuthorityAccepts_IsRefused()
    {
        var change = NormalInAuthorize(new(), causesOutage: true); // Moderate: the change manager

        var ex = Refused(change, () => change.Approve(Peer), "ITSM-CHG-APPROVE-002");

        Assert.Contains("Change manager", ex.Message, System.StringComparison.Ordinal);
        Refused(change, () => change.Reject(Peer, "No."), "ITSM-CHG-APPROVE-002");
    }

    // The change authority.

    [Theory]
    [InlineData(false, "peer")]
    [InlineData(false, "group_manager")]
    [InlineData(true, "change_manager")]
    public void ALowOrModerateRiskChange_IsScheduledAfterOneApprovalOfTheRightRole(bool causesOutage, string role)
    {
        var change = NormalInAuthorize(new(), causesOutage);

        change.Approve(new Actor("someone", role));
        change.Schedule(Coordinator, Window, ChangeCalendar.Empty);

        Assert.Equal(ChangeState.Scheduled, change.State);
    }

    [Fact]
    public void AHighRiskChange_NeedsACabQuorumOfThreeDistinctApprovers()
    {
        var change = HighRiskInAuthorize(new());
        Assert.Equal(ChangeRisk.High, change.Risk);
        change.Approve(Cab1);
        change.Approve(Cab2);

        var ex = Refused(change, () => change.Schedule(Coordinator, Window, ChangeCalendar.Empty), "ITSM-CHG-SCHEDULE-001");
        Assert.Equal($"Change {change.Id} needs the approval of CAB (3 of cab) before it is scheduled; it has 2 approval(s).", ex.Message);

        change.Approve(Cab3);
        change.Schedule(Coordinator, Window, ChangeCalendar.Empty);
        Assert.Equal(ChangeState.Scheduled, change.State);
    }

    [Fact]
    public void TheCabQuorum_IsConfigurable()
    {
        var clock = NewClock();
        var change = Open(clock, ChangeType.Normal, authority: ChangeAuthorityPolicy.CreateDefault(cabQuorum: 1), service: new ServiceId("payments"));
        change.Submit(Requester);
        change.AssessRisk(Coordinator, new RiskPolicy([], 1, 1, ["payments"]), NoAnswers, false);
        change.RequestAuthorization(Coordinator);
        change.Approve(Cab1);

        change.Schedule(Coordinator, Window, ChangeCalendar.Empty);

        Assert.Equal(ChangeState.Scheduled, change.State);
    }

    [Fact]
    public void AnEmergencyChange_NeedsAnEcabQuorumOfTwo()
    {
        var change = InState(ChangeType.Emergency, ChangeState.Authorize, NewClock());
        Refused(change, () => change.Approve(Cab1), "ITSM-CHG-APPROVE-002");
        change.Approve(Ecab1);

        Refused(change, () => change.Schedule(Coordinator, Window, ChangeCalendar.Empty), "ITSM-CHG-SCHEDULE-001");

        change.Approve(Ecab2);
        change.Schedule(Coordinator, Window, ChangeCalendar.Empty);
        Assert.Equal(ChangeState.Scheduled, change.State);
    }

    [Fact]
    public void ANormalChangeWithoutApproval_IsNotScheduled()
    {
        var change = NormalInAuthorize(new());

        Refused(change, () => change.Schedule(Coordinator, Window, ChangeCalendar.Empty), "ITSM-CHG-SCHEDULE-001");
    }

    // Edits void approvals.

    [Fact]
    public void EditPlan_AfterApproval_VoidsTheApprovals()
    {
        var change = NormalInAuthorize(new());
        change.Approve(Peer);

        change.EditPlan(Coordinator, "A revised plan.");

        Assert.Empty(change.Approvals);
        Assert.Equal("A revised plan.", change.Plan);
        Assert.Equal(ChangeState.Authorize, change.State);
        RecordProbe.AssertData(change.UncommittedAuditEntries[^1], ("plan", "A revised plan."), ("voidedApprovals", "1"));
        Refused(change, () => change.Schedule(Coordinator, Window, ChangeCalendar.Empty), "ITSM-CHG-SCHEDULE-001");
    }

    [Theory]
    [InlineData(ChangeType.Normal)]
    [InlineData(ChangeType.Emergency)]
    public void EditWindow_OfAScheduledChange_VoidsTheApprovalsAndReturnsToAuthorize(ChangeType type)
    {
        var change = InState(type, ChangeState.Scheduled, NewClock());
        Assert.NotEmpty(change.Approvals);

        change.EditWindow(Coordinator, OtherWindow);

        Assert.Equal(ChangeState.Authorize, change.State);
        Assert.Empty(change.Approvals);
        Assert.Equal(OtherWindow, change.Window);
        Assert.False(change.HasRequiredApprovals);
    }

    [Fact]
    public void EditPlan_OfAScheduledStandardChange_ReturnsToNewToBeScheduledAgain()
    {
        var change = InState(ChangeType.Standard, ChangeState.Scheduled, NewClock());

        change.EditPlan(Coordinator, "A revised plan.");

        Assert.Equal(ChangeState.New, change.State);
    }

    [Fact]
    public void EditWindow_RefusesAnEmptyOrUnboundedWindow()
    {
        var change = InState(ChangeType.Normal, ChangeState.New, NewClock());
        var probe = change.Probe();

        Assert.Throws<System.ArgumentException>(() => change.EditWindow(Coordinator, new Interval(Window.Start, Window.Start)));
        Assert.Throws<System.ArgumentException>(() => change.EditWindow(Coordinator, new Interval(Window.Start, null)));
        probe.AssertUnchanged();
    }

    // Rejection.

    [Fact]
    public void Reject_UnderReturnToNew_ReturnsToNewAndVoidsTheApprovals()
    {
        var change = HighRiskInAuthorize(new());
        change.Approve(Cab1);

        change.Reject(Cab2, "No back-out plan.");

        Assert.Equal(ChangeState.New, change.State);
        Assert.Empty(change.Approvals);
        RecordProbe.AssertData(change.UncommittedAuditEntries[^1], ("approver", Cab2.Id), ("reason", "No back-out plan."), ("policy", "ReturnToNew"), ("voidedApprovals", "1"));
        change.Submit(Requester); // and it can go round again
        Assert.Equal(ChangeState.Assess, change.State);
    }

    [Fact]
    public void Reject_UnderCancel_CancelsTheChange()
    {
        var change = NormalInAuthorize(new(), rejection: RejectionPolicy.Cancel);

        change.Reject(Peer, "Not now.");

        Assert.Equal(ChangeState.Canceled, change.State);
        Assert.Empty(change.PermittedCommands);
    }

    // Scheduling against the calendar.

    [Fact]
    public void Schedule_WithOverlappingChanges_IsRefusedListingEveryConflict()
    {
        var change = InState(ChangeType.Standard, ChangeState.New, NewClock());
        var first = new ScheduledChange(ChangeId.New(), ChangeType.Normal, Window, ["email"], []);
        var second = new ScheduledChange(ChangeId.New(), ChangeType.Normal, Window, [], ["ci:mail-relay-01"]);
        var calendar = new ChangeCalendar([first, second]);

        var ex = Refused(change, () => change.Schedule(Coordinator, Window, calendar), "ITSM-CHG-SCHEDULE-002");

        Assert.Contains(first.Id.ToString(), ex.Message, System.StringComparison.Ordinal);
        Assert.Contains(second.Id.ToString(), ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_IgnoresTheChangesOwnCalendarEntry()
    {
        var change = InState(ChangeType.Standard, ChangeState.Scheduled, NewClock());
        var calendar = ChangeCalendar.Empty.With(change.ToScheduledChange()!);
        change.EditWindow(Coordinator, Window);

        change.Schedule(Coordinator, Window, calendar);

        Assert.Equal(ChangeState.Scheduled, change.State);
    }

    [Fact]
    public void Schedule_InABlackout_IsRefusedForANormalChange()
    {
        var change = NormalInAuthorize(new());
        change.Approve(Peer);
        var calendar = new ChangeCalendar([], [new BlackoutWindow("Year-end freeze", Window, [])]);

        var ex = Refused(change, () => change.Schedule(Coordinator, Window, calendar), "ITSM-CHG-SCHEDULE-002");

        Assert.Contains("Year-end freeze", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_InABlackout_IsAllowedForAnEmergencyChangeAndAudited()
    {
        var change = Ready(ChangeType.Emergency, ChangeState.Authorize, NewClock());
        var calendar = new ChangeCalendar([], [new BlackoutWindow("Year-end freeze", Window, [])]);

        var passed = change.Schedule(Coordinator, Window, calendar);

        Assert.Equal(ChangeState.Scheduled, change.State);
        var conflict = Assert.Single(passed);
        Assert.Equal(ScheduleConflictKind.Blackout, conflict.Kind);
        RecordProbe.AssertData(change.UncommittedAuditEntries[^1], ("window", Window.ToString()), ("approvals", "2"), ("passedBlackouts", "Year-end freeze"));
    }

    [Fact]
    public void Schedule_RulesAreCheckedInOrder_ApprovalsBeforeConflicts()
    {
        var change = NormalInAuthorize(new());
        var calendar = new ChangeCalendar([], [new BlackoutWindow("Year-end freeze", Window, [])]);

        Refused(change, () => change.Schedule(Coordinator, Window, calendar), "ITSM-CHG-SCHEDULE-001");
    }

    /// <summary>A fresh fake clock, for helpers that take one by default.</summary>
    private sealed class FakeClockHolder
    {
        public NodaTime.Testing.FakeClock Clock { get; } = NewClock();
    }
}
