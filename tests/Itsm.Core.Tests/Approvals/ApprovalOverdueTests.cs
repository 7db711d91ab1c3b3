using System.Collections.Generic;
using System.Linq;
using Itsm.Approvals;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Core.Tests.Requests;
using Itsm.Persistence;
using Itsm.Requests;
using NodaTime;
using NodaTime.Testing;
using ChangeFixtures = Itsm.Core.Tests.Changes.ChangeFixtures;
using RequestFixtures = Itsm.Core.Tests.Requests.ServiceRequestFixtures;

namespace Itsm.Core.Tests.Approvals;

/// <summary>
/// The approval SLA on the records (docs/approvals.md, "Approval SLA"): a waiting level recorded overdue once, at or
/// after its due instant and not before, never once decided; decisions carry their level's timing, late or not.
/// </summary>
public sealed class ApprovalOverdueTests
{
    private static readonly Actor Worker = new("system:sla-worker");
    private static readonly Actor Manager = new("manager.brown", "manager");
    private static readonly Actor Finance1 = new("fin.one", "finance");

    private static readonly ApprovalChain Purchase = new("Purchase",
    [
        new ApprovalLevel("Manager", ApprovalRule.Any, [Approver.Role("manager"), Approver.Person("ceo")], Duration.FromHours(8)),
        new ApprovalLevel("Finance", ApprovalRule.Quorum(2), [Approver.Role("finance")], Duration.FromHours(16)),
        new ApprovalLevel("Owner", ApprovalRule.Any, [Approver.Person("owner")]),
    ]);

    private static ServiceRequest Awaiting(FakeClock clock)
    {
        var request = RequestFixtures.Submit(clock, RequestFixtures.Laptop);
        request.RequestApproval(RequestFixtures.Requester, Purchase);
        return request;
    }

    [Fact]
    public void A_request_level_is_recorded_overdue_once_at_its_due_instant_with_its_pending_approvers()
    {
        var clock = RequestFixtures.NewClock();
        var request = Awaiting(clock);
        var started = clock.GetCurrentInstant();
        Assert.Equal(started + Duration.FromHours(8), request.UnrecordedApprovalDueAt());

        clock.Advance(Duration.FromHours(8) - Duration.Epsilon);
        var early = Assert.Throws<DomainRuleViolationException>(() => request.RecordApprovalOverdue(Worker));
        Assert.Equal("ITSM-APPROVAL-003", early.Code);

        clock.Advance(Duration.Epsilon);
        var probe = request.Probe();
        request.RecordApprovalOverdue(Worker);
        probe.AssertAccepted("ApprovalOverdue", ServiceRequestState.AwaitingApproval, ServiceRequestState.AwaitingApproval, Worker, started + Duration.FromHours(8),
            ("level", "Manager"), ("levelIndex", "0"), ("dueAt", "2026-11-30T17:00:00Z"), ("pendingApprovers", "role:manager, ceo"));
        Assert.Equal(new ApprovalLevelOverdue("Manager", 0, started + Duration.FromHours(8), ["role:manager", "ceo"]), request.UncommittedAuditEntries[^1].Event);
        Assert.Null(request.UnrecordedApprovalDueAt());

        var twice = Assert.Throws<DomainRuleViolationException>(() => request.RecordApprovalOverdue(Worker));
        Assert.Equal("ITSM-APPROVAL-004", twice.Code);
    }

    [Fact]
    public void A_late_decision_still_counts_and_carries_its_timing_and_the_next_level_is_due_again()
    {
        var clock = RequestFixtures.NewClock();
        var request = Awaiting(clock);
        var started = clock.GetCurrentInstant();
        clock.Advance(Duration.FromHours(9));
        request.RecordApprovalOverdue(Worker);

        request.Approve(Manager);
        var completed = Assert.IsType<ServiceRequestApprovalRecorded>(request.UncommittedAuditEntries[^1].Event);
        Assert.Equal(new ApprovalLevelTiming(started, started + Duration.FromHours(8)), completed.Timing);
        Assert.True(completed.Timing!.IsLate(clock.GetCurrentInstant()));

        // The finance level starts at the manager's approval; the first of its two approvals decides nothing yet.
        var financeDue = clock.GetCurrentInstant() + Duration.FromHours(16);
        Assert.Equal(financeDue, request.UnrecordedApprovalDueAt());
        clock.Advance(Duration.FromHours(1));
        request.Approve(Finance1);
        Assert.Null(Assert.IsType<ServiceRequestApprovalRecorded>(request.UncommittedAuditEntries[^1].Event).Timing);
        clock.Advance(Duration.FromHours(15));
        request.RecordApprovalOverdue(Worker);
        Assert.Equal(1, Assert.IsType<ApprovalLevelOverdue>(request.UncommittedAuditEntries[^1].Event).LevelIndex);
        Assert.Equal(["role:finance"], ((ApprovalLevelOverdue)request.UncommittedAuditEntries[^1].Event).PendingApprovers);
    }

    [Fact]
    public void An_on_time_decision_is_not_late_and_a_level_without_due_time_is_never_overdue()
    {
        var clock = RequestFixtures.NewClock();
        var request = Awaiting(clock);
        clock.Advance(Duration.FromHours(1));
        request.Approve(Manager);
        Assert.False(((ServiceRequestApprovalRecorded)request.UncommittedAuditEntries[^1].Event).Timing!.IsLate(clock.GetCurrentInstant()));
        request.Approve(Finance1);
        request.Approve(new Actor("fin.two", "finance"));

        // The owner level has no due time: nothing to index, nothing to record, its decision carries no timing.
        Assert.Null(request.UnrecordedApprovalDueAt());
        clock.Advance(Duration.FromDays(30));
        Assert.Equal("ITSM-APPROVAL-003", Assert.Throws<DomainRuleViolationException>(() => request.RecordApprovalOverdue(Worker)).Code);
        request.Approve(new Actor("owner"));
        Assert.Null(Assert.IsType<ServiceRequestApproved>(request.UncommittedAuditEntries[^1].Event).Timing);
        Assert.DoesNotContain("levelStartedAt", request.UncommittedAuditEntries[^1].Data.Keys);
    }

    [Fact]
    public void A_rejected_or_decided_request_has_nothing_due_and_refuses_the_command_by_its_state()
    {
        var clock = RequestFixtures.NewClock();
        var request = Awaiting(clock);
        clock.Advance(Duration.FromHours(2));
        request.Reject(Manager, "Not this year.");
        Assert.Equal(new ApprovalLevelTiming(RequestFixtures.Monday0900, RequestFixtures.Monday0900 + Duration.FromHours(8)),
            ((ServiceRequestRejected)request.UncommittedAuditEntries[^1].Event).Timing);

        clock.Advance(Duration.FromHours(10));
        Assert.Null(request.UnrecordedApprovalDueAt());
        Assert.Throws<InvalidTransitionException>(() => request.RecordApprovalOverdue(Worker));
    }

    [Fact]
    public void Due_instants_count_in_the_approval_calendar_when_the_record_has_one()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 4, 16, 0));
        var request = Awaiting(clock);
        request.ApprovalCalendar = OfficeHours();

        // Friday 16:00 plus 8 working hours on 09:00-17:00 (UTC) is Monday 16:00.
        Assert.Equal(Instant.FromUtc(2026, 12, 7, 16, 0), request.UnrecordedApprovalDueAt());
    }

    [Fact]
    public void A_change_level_is_recorded_overdue_once_and_an_edit_restarts_the_run()
    {
        var clock = ChangeFixtures.NewClock();
        var change = Authorizing(clock);
        var started = clock.GetCurrentInstant();
        clock.Advance(Duration.FromHours(4));

        change.RecordApprovalOverdue(Worker);
        var overdue = Assert.IsType<ApprovalLevelOverdue>(change.UncommittedAuditEntries[^1].Event);
        Assert.Equal(new ApprovalLevelOverdue("Peer review", 0, started + Duration.FromHours(4), ["role:peer"]), overdue);
        Assert.Equal("ITSM-APPROVAL-004", Assert.Throws<DomainRuleViolationException>(() => change.RecordApprovalOverdue(Worker)).Code);

        change.EditPlan(ChangeFixtures.Coordinator, "A better plan.");
        var restarted = clock.GetCurrentInstant();
        Assert.Equal(restarted + Duration.FromHours(4), change.UnrecordedApprovalDueAt());
        clock.Advance(Duration.FromHours(5));
        change.Approve(ChangeFixtures.Peer);
        var approved = Assert.IsType<ChangeApproved>(change.UncommittedAuditEntries[^1].Event);
        Assert.Equal(new ApprovalLevelTiming(restarted, restarted + Duration.FromHours(4)), approved.Timing);

        // A CAB approval that leaves the quorum short decides nothing; the rejection decides the level.
        change.Approve(ChangeFixtures.Cab1);
        Assert.Null(((ChangeApproved)change.UncommittedAuditEntries[^1].Event).Timing);
        change.Reject(ChangeFixtures.Cab2, "Back-out plan missing.");
        Assert.Equal(clock.GetCurrentInstant() + Duration.FromHours(24),
            ((ChangeRejected)change.UncommittedAuditEntries[^1].Event).Timing!.DueAt);
        Assert.Null(change.UnrecordedApprovalDueAt());
    }

    [Fact]
    public void The_recorded_overdue_round_trips_through_the_state_documents()
    {
        var clock = RequestFixtures.NewClock();
        var request = Awaiting(clock);
        clock.Advance(Duration.FromHours(8));
        request.RecordApprovalOverdue(Worker);
        request.AcceptAuditEntries();
        var codec = new ServiceRequestCodec();
        var loaded = codec.Deserialize(request.Tenant, request.Id.ToString(), request.Version, codec.Serialize(request), clock);
        Assert.Equal(request.ApprovalOverdueRecorded, loaded.ApprovalOverdueRecorded);
        Assert.Equal("ITSM-APPROVAL-004", Assert.Throws<DomainRuleViolationException>(() => loaded.RecordApprovalOverdue(Worker)).Code);

        var changeClock = ChangeFixtures.NewClock();
        var change = Authorizing(changeClock);
        changeClock.Advance(Duration.FromHours(4));
        change.RecordApprovalOverdue(Worker);
        change.AcceptAuditEntries();
        var changeCodec = new ChangeCodec(PeerThenCabPolicy);
        var reloaded = changeCodec.Deserialize(change.Tenant, change.Id.ToString(), change.Version, changeCodec.Serialize(change), changeClock);
        Assert.Equal(change.ApprovalOverdueRecorded, reloaded.ApprovalOverdueRecorded);
        Assert.Null(reloaded.UnrecordedApprovalDueAt());
    }

    private static readonly ChangeAuthorityPolicy PeerThenCabPolicy = Policy();

    private static ChangeAuthorityPolicy Policy()
    {
        var d = ChangeAuthorityPolicy.Default;
        var peerThenCab = new ChangeAuthority("Peer then CAB", new ApprovalChain("Peer then CAB",
        [
            new ApprovalLevel("Peer review", ApprovalRule.Any, [Approver.Role("peer")], Duration.FromHours(4)),
            new ApprovalLevel("CAB", ApprovalRule.Quorum(2), [Approver.Role("cab")], Duration.FromHours(24)),
        ]));
        return new ChangeAuthorityPolicy(d.Standard, peerThenCab, d.Moderate, d.High, d.Emergency);
    }

    private static Change Authorizing(FakeClock clock)
    {
        var change = ChangeFixtures.Open(clock, authority: PeerThenCabPolicy);
        change.Submit(ChangeFixtures.Requester);
        change.AssessRisk(ChangeFixtures.Coordinator, RiskPolicy.Default, new Dictionary<string, string>(), causesOutage: false);
        change.RequestAuthorization(ChangeFixtures.Coordinator);
        return change;
    }

    private static BusinessCalendar OfficeHours() =>
        BusinessCalendar.CreateBuilder(DateTimeZone.Utc).AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0)).Build();
}
