using System.Collections.Generic;
using System.Linq;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Services;
using Itsm.Core.Tests.Common;
using NodaTime;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

namespace Itsm.Core.Tests.Changes;

/// <summary>The three paths end to end, opening, the audit data and the calendar view of a change.</summary>
public sealed class ChangePathTests
{
    [Fact]
    public void Open_StartsInNewAtVersionOneWithAnOpenEntry()
    {
        var clock = NewClock();
        var id = ChangeId.New();

        var change = Change.Open(Tenant, id, ChangeType.Normal, Requester, "Patch the mail relay", PlanText, new ServiceId("email"), [new ConfigurationItemId("ci:mail-relay-01")], clock, Implementer.Id);

        Assert.Equal(ChangeState.New, change.State);
        Assert.Equal(1, change.Version);
        Assert.Equal(ChangeType.Normal, change.Type);
        Assert.Equal(Requester.Id, change.RequesterId);
        Assert.Equal(Implementer.Id, change.ImplementerId);
        Assert.Equal(new ServiceId("email"), change.Service);
        Assert.Equal([new ConfigurationItemId("ci:mail-relay-01")], change.ConfigurationItems);
        Assert.Equal(PlanText, change.Plan);
        Assert.Null(change.Window);
        Assert.Null(change.Risk);
        Assert.Empty(change.Approvals);
        Assert.Null(change.Outcome);
        Assert.Null(change.ToScheduledChange());
        Assert.Equal(RejectionPolicy.ReturnToNew, change.RejectionPolicy);
        var entry = Assert.Single(change.UncommittedAuditEntries);
        RecordProbe.AssertEntry(entry, Tenant, "Change", id.ToString(), 1, Monday0900, Requester, "Open", "New", "New",
            ("type", "Normal"), ("shortDescription", "Patch the mail relay"), ("plan", PlanText), ("service", "email"),
            ("configurationItems", "[\"ci:mail-relay-01\"]"), ("implementer", Implementer.Id), ("rejectionPolicy", "ReturnToNew"));
    }

    [Fact]
    public void Open_RefusesBadArguments()
    {
        var clock = NewClock();
        Assert.Throws<System.ArgumentException>(() => Change.Open(Tenant, default, ChangeType.Normal, Requester, "x", "p", new ServiceId("s"), [], clock));
        Assert.Throws<System.ArgumentException>(() => Change.Open(Tenant, ChangeId.New(), ChangeType.Normal, Requester, " ", "p", new ServiceId("s"), [], clock));
        Assert.Throws<System.ArgumentException>(() => Change.Open(Tenant, ChangeId.New(), ChangeType.Normal, Requester, "x", "", new ServiceId("s"), [], clock));
        Assert.Throws<System.ArgumentException>(() => Change.Open(Tenant, ChangeId.New(), ChangeType.Normal, Requester, "x", "p", null, [], clock));
        Assert.Throws<System.ArgumentOutOfRangeException>(() => Change.Open(Tenant, ChangeId.New(), (ChangeType)7, Requester, "x", "p", new ServiceId("s"), [], clock));
    }

    [Fact]
    public void NormalPath_NewAssessAuthorizeScheduledImplementReviewClosed()
    {
        var clock = NewClock();
        var change = Open(clock);

        Step(clock, () => change.Submit(Requester));
        Step(clock, () => change.AssessRisk(Coordinator, RiskPolicy.Default, new Dictionary<string, string>(), causesOutage: true));
        Assert.Equal(ChangeRisk.Moderate, change.Risk);
        Step(clock, () => change.RequestAuthorization(Coordinator));
        Assert.Equal("Change manager", change.RequiredAuthority.Name);
        Step(clock, () => change.Approve(ChangeManager));
        Assert.True(change.HasRequiredApprovals);
        Step(clock, () => change.Schedule(Coordinator, Window, ChangeCalendar.Empty));
        Step(clock, () => change.StartImplementation(Implementer));
        Step(clock, () => change.CompleteImplementation(Implementer));
        Step(clock, () => change.Close(Coordinator, ChangeReviewOutcome.SuccessfulWithIssues, "One node restarted twice."));

        Assert.Equal(ChangeState.Closed, change.State);
        Assert.Equal(ChangeReviewOutcome.SuccessfulWithIssues, change.Outcome);
        Assert.Equal(Window, change.Window);
        Assert.Equal(9, change.Version);
        Assert.Equal(
            ["Open", "Submit", "AssessRisk", "RequestAuthorization", "Approve", "Schedule", "StartImplementation", "CompleteImplementation", "Close"],
            change.UncommittedAuditEntries.Select(e => e.Command));
        Assert.Equal(
            ["New", "Assess", "Assess", "Authorize", "Authorize", "Scheduled", "Implement", "Review", "Closed"],
            change.UncommittedAuditEntries.Select(e => e.ToState));
        RecordProbe.AssertData(change.UncommittedAuditEntries[4], ("approver", ChangeManager.Id), ("roles", "change_manager"));
        RecordProbe.AssertData(change.UncommittedAuditEntries[^1], ("outcome", "SuccessfulWithIssues"), ("notes", "One node restarted twice."));
    }

    [Fact]
    public void StandardPath_NewScheduledImplementReviewClosed_WithoutApproval()
    {
        var clock = NewClock();
        var change = Open(clock, ChangeType.Standard);

        Assert.Equal(0, change.RequiredAuthority.Quorum);
        Step(clock, () => change.Schedule(Coordinator, Window, ChangeCalendar.Empty));
        Step(clock, () => change.StartImplementation(Implementer));
        Step(clock, () => change.CompleteImplementation(Implementer));
        Step(clock, () => change.Close(Coordinator, ChangeReviewOutcome.Successful));

        Assert.Equal(ChangeState.Closed, change.State);
        Assert.Equal(["New", "Scheduled", "Implement", "Review", "Closed"], change.UncommittedAuditEntries.Select(e => e.ToState));
    }

    [Fact]
    public void EmergencyPath_NewAuthorizeScheduledImplementReviewClosed_WithTheEcab()
    {
        var clock = NewClock();
        var change = Open(clock, ChangeType.Emergency);

        Step(clock, () => change.RequestAuthorization(Coordinator));
        Step(clock, () => change.Approve(Ecab1));
        Step(clock, () => change.Approve(Ecab2));
        Step(clock, () => change.Schedule(Coordinator, Window, ChangeCalendar.Empty));
        Step(clock, () => change.StartImplementation(Implementer));
        Step(clock, () => change.CompleteImplementation(Implementer));
        Step(clock, () => change.Close(Coordinator, ChangeReviewOutcome.BackedOut));

        Assert.Equal(ChangeState.Closed, change.State);
        Assert.Equal(ChangeReviewOutcome.BackedOut, change.Outcome);
        Assert.Equal(["New", "Authorize", "Authorize", "Authorize", "Scheduled", "Implement", "Review", "Closed"], change.UncommittedAuditEntries.Select(e => e.ToState));
    }

    [Fact]
    public void AnEmergencyChange_MayAssessItsRiskInNewAndAuthorize()
    {
        var clock = NewClock();
        var change = Open(clock, ChangeType.Emergency);

        change.AssessRisk(Coordinator, RiskPolicy.Default, new Dictionary<string, string>(), causesOutage: false);
        change.RequestAuthorization(Coordinator);
        change.AssessRisk(Coordinator, RiskPolicy.Default, new Dictionary<string, string>(), causesOutage: true);

        Assert.Equal(ChangeRisk.Moderate, change.Risk);
        Assert.Equal("ECAB", change.RequiredAuthority.Name);
    }

    [Fact]
    public void Close_RecordsEachOutcome_AndRefusesAnUndefinedOne()
    {
        foreach (var outcome in System.Enum.GetValues<ChangeReviewOutcome>())
        {
            var change = InState(ChangeType.Standard, ChangeState.Review, NewClock());
            change.Close(Coordinator, outcome);
            Assert.Equal(outcome, change.Outcome);
        }

        var review = InState(ChangeType.Standard, ChangeState.Review, NewClock());
        var probe = review.Probe();
        Assert.Throws<System.ArgumentOutOfRangeException>(() => review.Close(Coordinator, (ChangeReviewOutcome)0));
        probe.AssertUnchanged();
    }

    [Fact]
    public void ToScheduledChange_GivesTheCalendarEntry()
    {
        var change = InState(ChangeType.Normal, ChangeState.Scheduled, NewClock());

        var scheduled = change.ToScheduledChange();

        Assert.NotNull(scheduled);
        Assert.Equal(change.Id, scheduled.Id);
        Assert.Equal(ChangeType.Normal, scheduled.Type);
        Assert.Equal(Window, scheduled.Window);
        Assert.Equal(["email"], scheduled.Services);
        Assert.Equal(["ci:mail-relay-01"], scheduled.ConfigurationItems);
    }

    [Fact]
    public void StartImplementation_RecordsWhoImplements()
    {
        var change = InState(ChangeType.Standard, ChangeState.Scheduled, NewClock());

        change.StartImplementation(Coordinator);

        Assert.Equal(Coordinator.Id, change.ImplementerId);
        RecordProbe.AssertData(change.UncommittedAuditEntries[^1], ("implementer", Coordinator.Id));
    }
}
