using System.Collections.Generic;
using System.Linq;
using Itsm.Approvals;
using Itsm.Changes;
using Itsm.Common;
using NodaTime;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

namespace Itsm.Core.Tests.Changes;

/// <summary>A change's approval chain (docs/approvals.md): the CAB quorum as a one-level chain, multi-level authorities, delegation, voiding and the approval SLA.</summary>
public sealed class ChangeApprovalChainTests
{
    private static readonly ChangeAuthority PeerThenCab = new("Peer then CAB", new ApprovalChain("Peer then CAB",
    [
        new ApprovalLevel("Peer review", ApprovalRule.Any, [Approver.Role("peer")], Duration.FromHours(4)),
        new ApprovalLevel("CAB", ApprovalRule.Quorum(2), [Approver.Role("cab")], Duration.FromHours(24)),
    ]));

    private static Change Authorizing(NodaTime.Testing.FakeClock clock, ChangeAuthority low)
    {
        var d = ChangeAuthorityPolicy.Default;
        var change = Open(clock, authority: new ChangeAuthorityPolicy(d.Standard, low, d.Moderate, d.High, d.Emergency));
        change.Submit(Requester);
        change.AssessRisk(Coordinator, RiskPolicy.Default, new Dictionary<string, string>(), causesOutage: false);
        change.RequestAuthorization(Coordinator);
        return change;
    }

    [Fact]
    public void The_default_authorities_are_one_level_quorum_chains()
    {
        var cab = ChangeAuthorityPolicy.Default.High;
        Assert.Equal(ApprovalChain.Single("CAB", ApprovalRule.Quorum(3), Approver.Role("cab")), cab.Chain);
        Assert.Null(ChangeAuthority.None.Chain);
        Assert.Equal("CAB (3 of cab)", cab.ToString());
        Assert.Equal(3, PeerThenCab.Quorum);
        Assert.Equal(["peer", "cab"], PeerThenCab.Roles);
    }

    [Fact]
    public void A_multi_level_authority_is_met_level_by_level_before_scheduling()
    {
        var clock = NewClock();
        var change = Authorizing(clock, PeerThenCab);
        Assert.Equal(new ApprovalStatus(ApprovalOutcome.Pending, 0, 0), change.ApprovalStatus);

        var early = Assert.Throws<DomainRuleViolationException>(() => change.Approve(Cab1));
        Assert.Equal("ITSM-CHG-APPROVE-002", early.Code);

        change.Approve(Peer);
        Assert.Equal("Peer review", change.UncommittedAuditEntries[^1].Data["level"]);
        change.Approve(Cab1);
        var notYet = Assert.Throws<DomainRuleViolationException>(() => change.Schedule(Coordinator, Window, ChangeCalendar.Empty));
        Assert.Equal("ITSM-CHG-SCHEDULE-001", notYet.Code);

        change.Approve(Cab2);
        Assert.True(change.HasRequiredApprovals);
        Assert.Equal([0, 1, 1], change.Approvals.Select(a => a.Level));
        change.Schedule(Coordinator, Window, ChangeCalendar.Empty);
        Assert.Equal(ChangeState.Scheduled, change.State);
    }

    [Fact]
    public void A_delegate_approves_for_a_cab_member_and_may_not_implement()
    {
        var clock = NewClock();
        var change = Authorizing(clock, ChangeAuthorityPolicy.Default.High);
        change.DelegateApproval(Cab1, "deputy.white");
        Assert.Equal("DelegateApproval", change.UncommittedAuditEntries[^1].Command);
        Assert.Equal(ChangeState.Authorize, change.State);

        var deputy = new Actor("deputy.white");
        change.Approve(deputy);
        var entry = change.UncommittedAuditEntries[^1];
        Assert.Equal(("deputy.white", "cab.one"), (entry.Data["approver"], entry.Data["onBehalfOf"]));
        Assert.Equal(new ChangeApproval("cab.one", Cab1.Roles, clock.GetCurrentInstant()) { DelegateId = "deputy.white" }, change.Approvals[0], ApprovalComparer.Instance);

        change.Approve(Cab2);
        change.Approve(Cab3);
        change.Schedule(Coordinator, Window, ChangeCalendar.Empty);
        var sod = Assert.Throws<DomainRuleViolationException>(() => change.StartImplementation(deputy));
        Assert.Equal("ITSM-CHG-SOD-002", sod.Code);
    }

    [Fact]
    public void Delegating_to_the_requester_or_implementer_or_in_a_loop_is_refused()
    {
        var clock = NewClock();
        var change = Authorizing(clock, ChangeAuthorityPolicy.Default.High);
        Assert.Equal("ITSM-CHG-SOD-001", Assert.Throws<DomainRuleViolationException>(() => change.DelegateApproval(Cab1, Requester.Id)).Code);
        Assert.Equal("ITSM-CHG-SOD-001", Assert.Throws<DomainRuleViolationException>(() => change.DelegateApproval(Cab1, Implementer.Id)).Code);
        change.DelegateApproval(Cab1, Cab2.Id);
        Assert.Equal("ITSM-APPROVAL-001", Assert.Throws<DomainRuleViolationException>(() => change.DelegateApproval(Cab2, Cab1.Id)).Code);
        Assert.Equal("ITSM-APPROVAL-002", Assert.Throws<DomainRuleViolationException>(() => change.DelegateApproval(Peer, "x")).Code);

        // cab.two now decides for cab.one as well.
        change.Approve(Cab2);
        Assert.Equal(2, change.ApprovalStatus!.Value.Approvals);
    }

    [Fact]
    public void Editing_the_plan_restarts_the_chain_and_its_clock()
    {
        var clock = NewClock();
        var change = Authorizing(clock, PeerThenCab);
        Assert.Equal(clock.GetCurrentInstant() + Duration.FromHours(4), change.ApprovalDueAt());
        change.Approve(Peer);
        change.DelegateApproval(Cab1, "deputy.white");
        clock.Advance(Duration.FromHours(1));
        Assert.Equal(clock.GetCurrentInstant() - Duration.FromHours(1) + Duration.FromHours(24), change.ApprovalDueAt());

        change.EditPlan(Coordinator, "A safer plan.");
        Assert.Equal("1", change.UncommittedAuditEntries[^1].Data["voidedApprovals"]);
        Assert.Empty(change.Approvals);
        Assert.Empty(change.ApprovalDelegations);
        Assert.Equal(new ApprovalStatus(ApprovalOutcome.Pending, 0, 0), change.ApprovalStatus);
        Assert.Equal(clock.GetCurrentInstant(), change.ApprovalStartedAt);
        Assert.True(change.IsApprovalOverdue(clock.GetCurrentInstant() + Duration.FromHours(4)));
    }

    private sealed class ApprovalComparer : IEqualityComparer<ChangeApproval>
    {
        public static ApprovalComparer Instance { get; } = new();

        public bool Equals(ChangeApproval? x, ChangeApproval? y) =>
            x!.ApproverId == y!.ApproverId && x.Roles.SequenceEqual(y.Roles) && x.At == y.At && x.Level == y.Level && x.DelegateId == y.DelegateId;

        public int GetHashCode(ChangeApproval obj) => obj.ApproverId.GetHashCode(System.StringComparison.Ordinal);
    }
}
