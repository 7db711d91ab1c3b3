using System;
using System.Linq;
using Itsm.Approvals;
using Itsm.Common;
using Itsm.Governance;
using Itsm.Requests;
using Itsm.Services;
using NodaTime;
using static Itsm.Core.Tests.Requests.ServiceRequestFixtures;

namespace Itsm.Core.Tests.Requests;

/// <summary>
/// Voided on edit (docs/approvals.md): the service, offering, configuration items and supplier are what a request's
/// approvers decide on, so editing them while the request awaits approval voids the decisions of the current run and
/// restarts the chain at its first level, timed from the edit, as editing a change's plan or window does.
/// </summary>
public sealed class ServiceRequestApprovalVoidingTests
{
    private static readonly Actor Manager = new("manager.brown", "manager");
    private static readonly Actor Finance1 = new("fin.one", "finance");
    private static readonly Actor Finance2 = new("fin.two", "finance");
    private static readonly Actor Desk = new("desk.agent", "itil");

    private static ApprovalChain Purchase { get; } = new("Purchase",
    [
        new ApprovalLevel("Manager", ApprovalRule.Any, [Itsm.Approvals.Approver.Role("manager")], Duration.FromHours(8)),
        new ApprovalLevel("Finance", ApprovalRule.Quorum(2), [Itsm.Approvals.Approver.Role("finance")], Duration.FromHours(16)),
    ]);

    public static TheoryData<string> Edits => ["ChangeService", "AddConfigurationItem", "RemoveConfigurationItem", "AssignToSupplier"];

    // The request names a CI and a supplier before approval, so each of the four edits has something to change.
    private static ServiceRequest AwaitingFinance(NodaTime.Testing.FakeClock clock)
    {
        var request = Submit(clock, Laptop);
        request.AddConfigurationItem(Desk, new ConfigurationItemId("laptop-0042"));
        request.AssignToSupplier(Desk, new SupplierId("dell"));
        request.RequestApproval(Requester, Purchase);
        clock.Advance(Duration.FromHours(1));
        request.Approve(Manager);
        request.DelegateApproval(Finance2, "fin.deputy");
        clock.Advance(Duration.FromHours(1));
        request.Approve(Finance1);
        return request;
    }

    private static void Edit(ServiceRequest request, string edit)
    {
        switch (edit)
        {
            case "ChangeService": request.ChangeService(Desk, new ServiceId("workplace")); break;
            case "AddConfigurationItem": request.AddConfigurationItem(Desk, new ConfigurationItemId("dock-0007")); break;
            case "RemoveConfigurationItem": request.RemoveConfigurationItem(Desk, new ConfigurationItemId("laptop-0042")); break;
            case "AssignToSupplier": request.AssignToSupplier(Desk, new SupplierId("lenovo")); break;
            default: throw new ArgumentOutOfRangeException(nameof(edit));
        }
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public void An_edit_while_awaiting_approval_voids_the_run_and_restarts_the_chain_at_its_first_level(string edit)
    {
        var clock = NewClock();
        var request = AwaitingFinance(clock);
        Assert.Equal(new ApprovalStatus(ApprovalOutcome.Pending, 1, 1), request.ApprovalStatus);
        clock.Advance(Duration.FromHours(1));
        var editedAt = clock.GetCurrentInstant();
        long version = request.Version;

        Edit(request, edit);

        Assert.Equal((ServiceRequestState.AwaitingApproval, version + 1), (request.State, request.Version));
        Assert.Equal(new ApprovalStatus(ApprovalOutcome.Pending, 0, 0), request.ApprovalStatus);
        Assert.Empty(request.Approvals);
        Assert.Empty(request.ApprovalDelegations);
        Assert.Equal(editedAt, request.ApprovalStartedAt);
        Assert.Equal(Purchase, request.ApprovalChain);
        var entry = request.UncommittedAuditEntries[^1];
        Assert.Equal((edit, "AwaitingApproval", "AwaitingApproval"), (entry.Command, entry.FromState, entry.ToState));
        Assert.Equal("2", entry.Data["voidedApprovals"]);
        int? voided = entry.Event switch
        {
            TicketServiceChanged e => e.VoidedApprovals,
            TicketConfigurationItemAdded e => e.VoidedApprovals,
            TicketConfigurationItemRemoved e => e.VoidedApprovals,
            TicketSupplierAssigned e => e.VoidedApprovals,
            _ => throw new InvalidOperationException(entry.Event.GetType().Name),
        };
        Assert.Equal(2, voided);
    }

    [Fact]
    public void The_restarted_chain_is_decided_again_from_its_first_level_and_the_old_delegation_no_longer_counts()
    {
        var clock = NewClock();
        var request = AwaitingFinance(clock);
        request.ChangeService(Desk, new ServiceId("workplace"));

        var early = Assert.Throws<DomainRuleViolationException>(() => request.Approve(Finance2));
        Assert.Equal("ITSM-REQ-APPROVAL-004", early.Code);
        var deputy = Assert.Throws<DomainRuleViolationException>(() => request.Approve(new Actor("fin.deputy")));
        Assert.Equal("ITSM-REQ-APPROVAL-004", deputy.Code);

        request.Approve(Manager);
        request.Approve(Finance1);
        request.Approve(Finance2);
        Assert.Equal(ServiceRequestState.Fulfilling, request.State);
        Assert.Equal(["manager.brown", "fin.one", "fin.two"], request.Approvals.Select(a => a.ApproverId));
    }

    [Fact]
    public void The_first_level_is_due_again_from_the_edit_and_may_be_recorded_overdue_again()
    {
        var clock = NewClock();
        var request = Submit(clock, Laptop);
        request.RequestApproval(Requester, Purchase);
        clock.Advance(Duration.FromHours(9));
        var worker = new Actor("system:sla-worker");
        request.RecordApprovalOverdue(worker);
        Assert.Null(request.UnrecordedApprovalDueAt());

        var editedAt = clock.GetCurrentInstant();
        request.AddConfigurationItem(Desk, new ConfigurationItemId("dock-0007"));

        Assert.Equal("0", request.UncommittedAuditEntries[^1].Data["voidedApprovals"]);
        Assert.Equal(editedAt + Duration.FromHours(8), request.ApprovalDueAt());
        Assert.Equal(editedAt + Duration.FromHours(8), request.UnrecordedApprovalDueAt());
        clock.Advance(Duration.FromHours(8));
        request.RecordApprovalOverdue(worker);
        Assert.Equal(new ApprovalLevelOverdue("Manager", 0, editedAt + Duration.FromHours(8), ["role:manager"]), request.UncommittedAuditEntries[^1].Event);
    }

    [Fact]
    public void An_edit_outside_approval_or_an_assignment_voids_nothing()
    {
        var clock = NewClock();
        var request = Submit(clock, Laptop);
        request.ChangeService(Desk, new ServiceId("workplace"));
        Assert.False(request.UncommittedAuditEntries[^1].Data.ContainsKey("voidedApprovals"));
        Assert.Null(Assert.IsType<TicketServiceChanged>(request.UncommittedAuditEntries[^1].Event).VoidedApprovals);

        request.RequestApproval(Requester, Purchase);
        request.Approve(Manager);
        var started = request.ApprovalStartedAt;
        request.Assign(Desk, new SupportGroupId("workplace-services"), null);
        Assert.Equal(new ApprovalStatus(ApprovalOutcome.Pending, 1, 0), request.ApprovalStatus);
        Assert.Equal(started, request.ApprovalStartedAt);

        request.Approve(Finance1);
        request.Approve(Finance2);
        request.AssignToSupplier(Desk, new SupplierId("dell"));
        Assert.False(request.UncommittedAuditEntries[^1].Data.ContainsKey("voidedApprovals"));
        Assert.Equal(3, request.Approvals.Count);
    }

    [Fact]
    public void The_voided_count_reads_back_from_the_audit_entry_and_governance_reads_it_as_a_voiding()
    {
        var clock = NewClock();
        var request = AwaitingFinance(clock);
        request.AssignToSupplier(Desk, null);
        var entry = request.UncommittedAuditEntries[^1];

        // As a store hands it back: the data alone, read into the typed event.
        var read = Assert.IsType<TicketSupplierAssigned>((entry with { Data = new System.Collections.Generic.Dictionary<string, string>(entry.Data) }).Event);

        Assert.Equal(new TicketSupplierAssigned(null, new SupplierId("dell")) { VoidedApprovals = 2 }, read);
        Assert.Equal(ApprovalStep.Voided, ApprovalReading.Of(read, entry.Actor).Step);
        Assert.Equal(ApprovalStep.None, ApprovalReading.Of(read with { VoidedApprovals = null }, entry.Actor).Step);
    }
}
