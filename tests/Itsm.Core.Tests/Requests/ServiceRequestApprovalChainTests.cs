using System.Linq;
using Itsm.Approvals;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Requests;
using NodaTime;
using static Itsm.Core.Tests.Requests.ServiceRequestFixtures;

namespace Itsm.Core.Tests.Requests;

/// <summary>A request's approval chain (docs/approvals.md): levels in order, rules, delegation, rejection and the approval SLA.</summary>
public sealed class ServiceRequestApprovalChainTests
{
    private static readonly Actor Manager = new("manager.brown", "manager");
    private static readonly Actor Finance1 = new("fin.one", "finance");
    private static readonly Actor Finance2 = new("fin.two", "finance");
    private static readonly Actor Finance3 = new("fin.three", "finance");

    private static ApprovalChain Purchase { get; } = new("Purchase",
    [
        new ApprovalLevel("Manager", ApprovalRule.Any, [Itsm.Approvals.Approver.Role("manager")], Duration.FromHours(8)),
        new ApprovalLevel("Finance", ApprovalRule.Quorum(2), [Itsm.Approvals.Approver.Role("finance")], Duration.FromHours(16)),
    ]);

    private static ServiceRequest Awaiting(NodaTime.Testing.FakeClock clock, ApprovalChain chain)
    {
        var request = Submit(clock, Laptop);
        request.RequestApproval(Requester, chain);
        return request;
    }

    [Fact]
    public void The_default_chain_is_the_single_approver_of_earlier_versions()
    {
        var clock = NewClock();
        var request = Submit(clock, Laptop);
        request.RequestApproval(Requester);
        Assert.Equal(ApprovalChain.SingleApprover, request.ApprovalChain);
        Assert.Empty(request.UncommittedAuditEntries[^1].Data);

        request.Approve(new Actor("anyone.at.all"), "ok");
        Assert.Equal(ServiceRequestState.Fulfilling, request.State);
        Assert.Equal("Approve", request.UncommittedAuditEntries[^1].Command);
        Assert.Equal(new ApprovalStatus(ApprovalOutcome.Approved, 1, 0), request.ApprovalStatus);
    }

    [Fact]
    public void Levels_are_decided_in_order_and_only_the_last_approval_moves_to_fulfilment()
    {
        var clock = NewClock();
        var request = Awaiting(clock, Purchase);
        Assert.Equal(("Purchase", "Manager: Any of role:manager; Finance: Quorum(2) of role:finance"),
            (request.UncommittedAuditEntries[^1].Data["chain"], request.UncommittedAuditEntries[^1].Data["levels"]));

        var early = Assert.Throws<DomainRuleViolationException>(() => request.Approve(Finance1));
        Assert.Equal("ITSM-REQ-APPROVAL-004", early.Code);

        request.Approve(Manager);
        Assert.Equal(ServiceRequestState.AwaitingApproval, request.State);
        var recorded = request.UncommittedAuditEntries[^1];
        Assert.Equal("RecordApproval", recorded.Command);
        Assert.Equal("Manager", recorded.Data["level"]);
        Assert.Equal("true", recorded.Data["levelCompleted"]);

        request.Approve(Finance1);
        Assert.Equal("false", request.UncommittedAuditEntries[^1].Data["levelCompleted"]);
        var twice = Assert.Throws<DomainRuleViolationException>(() => request.Approve(Finance1));
        Assert.Equal("ITSM-REQ-APPROVAL-005", twice.Code);

        request.Approve(Finance2, "within budget");
        Assert.Equal(ServiceRequestState.Fulfilling, request.State);
        Assert.Equal("Approve", request.UncommittedAuditEntries[^1].Command);
        Assert.Equal("Finance", request.UncommittedAuditEntries[^1].Data["level"]);
        Assert.Equal(["manager.brown", "fin.one", "fin.two"], request.Approvals.Select(a => a.ApproverId));
    }

    [Fact]
    public void A_rejection_at_any_level_rejects_the_request()
    {
        var clock = NewClock();
        var request = Awaiting(clock, Purchase);
        request.Approve(Manager);
        request.Approve(Finance1);
        request.Reject(Finance3, "Over budget.");
        Assert.Equal(ServiceRequestState.Rejected, request.State);
        Assert.Equal(ApprovalOutcome.Rejected, request.ApprovalStatus!.Value.Outcome);
        Assert.Equal("Finance", request.UncommittedAuditEntries[^1].Data["level"]);
    }

    [Fact]
    public void A_delegate_decides_for_the_delegator_and_the_delegation_is_audited()
    {
        var clock = NewClock();
        var request = Awaiting(clock, Purchase);
        var probe = request.Probe();
        request.DelegateApproval(Manager, "deputy.white");
        probe.AssertAccepted("DelegateApproval", ServiceRequestState.AwaitingApproval, ServiceRequestState.AwaitingApproval, Manager, clock.GetCurrentInstant(),
            ("delegate", "deputy.white"), ("level", "Manager"));

        request.Approve(new Actor("deputy.white"));
        var entry = request.UncommittedAuditEntries[^1];
        Assert.Equal("manager.brown", entry.Data["onBehalfOf"]);
        Assert.Equal(new ApprovalEntry(0, "manager.brown", "deputy.white", clock.GetCurrentInstant()), request.Approvals[0]);
        Assert.Equal(1, request.ApprovalStatus!.Value.Level);
    }

    [Fact]
    public void Delegations_chain_but_never_loop()
    {
        var clock = NewClock();
        var request = Awaiting(clock, ApprovalChain.Single("Owners", ApprovalRule.All, Itsm.Approvals.Approver.Person("a"), Itsm.Approvals.Approver.Person("b"), Itsm.Approvals.Approver.Person("c")));
        request.DelegateApproval(new Actor("a"), "b");
        request.DelegateApproval(new Actor("b"), "c");
        var loop = Assert.Throws<DomainRuleViolationException>(() => request.DelegateApproval(new Actor("c"), "a"));
        Assert.Equal("ITSM-APPROVAL-001", loop.Code);
        var self = Assert.Throws<DomainRuleViolationException>(() => request.DelegateApproval(new Actor("c"), "c"));
        Assert.Equal("ITSM-APPROVAL-001", self.Code);

        // c decides for b, and through b for a: All is met by one decision.
        request.Approve(new Actor("c"));
        Assert.Equal(ServiceRequestState.Fulfilling, request.State);
        Assert.Equal("a, b", request.UncommittedAuditEntries[^1].Data["onBehalfOf"]);
    }

    [Fact]
    public void Nobody_decides_their_own_request_not_even_as_a_delegate()
    {
        var clock = NewClock();
        var request = Awaiting(clock, Purchase);
        var toRequester = Assert.Throws<DomainRuleViolationException>(() => request.DelegateApproval(Manager, Requester.Id));
        Assert.Equal("ITSM-REQ-APPROVAL-003", toRequester.Code);
        var outsider = Assert.Throws<DomainRuleViolationException>(() => request.DelegateApproval(Finance1, "someone"));
        Assert.Equal("ITSM-APPROVAL-002", outsider.Code);
        var own = Assert.Throws<DomainRuleViolationException>(() => request.Approve(new Actor(Requester.Id, "manager")));
        Assert.Equal("ITSM-REQ-APPROVAL-003", own.Code);
    }

    [Fact]
    public void The_approval_SLA_follows_the_waiting_level_in_business_time()
    {
        var clock = NewClock();
        var request = Awaiting(clock, Purchase);
        var started = clock.GetCurrentInstant();
        Assert.Equal(started + Duration.FromHours(8), request.ApprovalDueAt());
        Assert.False(request.IsApprovalOverdue(started + Duration.FromHours(7)));
        Assert.True(request.IsApprovalOverdue(started + Duration.FromHours(8)));

        clock.Advance(Duration.FromHours(1));
        request.Approve(Manager);
        var calendar = BusinessCalendar.CreateBuilder(DateTimeZone.Utc).AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0)).Build();

        // Monday 10:00 plus 16 working hours: Wednesday 10:00.
        Assert.Equal(Instant.FromUtc(2026, 12, 2, 10, 0), request.ApprovalDueAt(calendar));
        request.Approve(Finance1);
        request.Approve(Finance2);
        Assert.Null(request.ApprovalDueAt());
    }
}
