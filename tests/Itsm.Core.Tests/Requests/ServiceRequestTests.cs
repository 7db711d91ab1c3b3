using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Requests;
using NodaTime;
using static Itsm.Core.Tests.Requests.ServiceRequestFixtures;
using Itsm.Services;

namespace Itsm.Core.Tests.Requests;

/// <summary>
/// Request fulfilment: Submitted → AwaitingApproval (only when the catalog item requires it) →
/// Fulfilling → Fulfilled → Closed; Rejected; Canceled. Every transition and every refusal of
/// docs/lifecycles/README.md.
/// </summary>
public sealed class ServiceRequestTests
{
    public static TheoryData<ServiceRequestState> States() => new(AllStates);

    public static TheoryData<ServiceRequestState, ServiceRequestCommand> RefusedByState()
    {
        var data = new TheoryData<ServiceRequestState, ServiceRequestCommand>();
        foreach (var state in AllStates)
        {
            // RecordApproval has no method of its own: Approve records it, and is refused under its own name.
            foreach (var command in AllCommands.Except(Permitted[state]).Where(c => c != ServiceRequestCommand.RecordApproval))
            {
                data.Add(state, command);
            }
        }

        return data;
    }

    // Submit.

    [Fact]
    public void Submit_CreatesASubmittedRequestAtVersionOneWithOneAuditEntry()
    {
        var clock = NewClock();
        var id = ServiceRequestId.New();

        var request = ServiceRequest.Submit(Tenant, id, Requester, Laptop, clock);

        Assert.Equal(ServiceRequestState.Submitted, request.State);
        Assert.Equal(1, request.Version);
        Assert.Equal(Tenant, request.Tenant);
        Assert.Equal(id, request.Id);
        Assert.Equal("caller.jones", request.RequesterId);
        Assert.Same(Laptop, request.Item);
        Assert.Equal(Priority.Low, request.Priority);
        Assert.Null(request.ApproverId);
        Assert.Equal(Monday0900, request.SubmittedAt);
        Assert.Equal(Permitted[ServiceRequestState.Submitted], request.PermittedCommands);
        RecordProbe.AssertEntry(Assert.Single(request.UncommittedAuditEntries), Tenant, "ServiceRequest", id.ToString(), 1, Monday0900, Requester,
            "Submit", "Submitted", "Submitted", ("item", "laptop-standard"), ("priority", "4"));
        Assert.Equal($"ServiceRequest {id} (Submitted)", request.ToString());
    }

    [Fact]
    public void Submit_WithAPriority_KeepsAndAuditsIt()
    {
        var request = Submit(NewClock(), PasswordReset, Priority.High);

        Assert.Equal(Priority.High, request.Priority);
        RecordProbe.AssertData(Assert.Single(request.UncommittedAuditEntries), ("item", "password-reset"), ("priority", "2"));
    }

    [Fact]
    public void Submit_WithBadArguments_ThrowsNamingThem()
    {
        var clock = NewClock();

        Assert.Equal("tenant", Assert.ThrowsAny<ArgumentException>(() => ServiceRequest.Submit(default, ServiceRequestId.New(), Requester, Laptop, clock)).ParamName);
        var emptyId = Assert.Throws<ArgumentException>(() => ServiceRequest.Submit(Tenant, default, Requester, Laptop, clock));
        Assert.Equal("id", emptyId.ParamName);
        Assert.Equal("The request id must not be empty. (Parameter 'id')", emptyId.Message);
        Assert.Equal("requester", Assert.Throws<ArgumentNullException>(() => ServiceRequest.Submit(Tenant, ServiceRequestId.New(), null!, Laptop, clock)).ParamName);
        Assert.Equal("item", Assert.Throws<ArgumentNullException>(() => ServiceRequest.Submit(Tenant, ServiceRequestId.New(), Requester, null!, clock)).ParamName);
        Assert.Equal("clock", Assert.Throws<ArgumentNullException>(() => ServiceRequest.Submit(Tenant, ServiceRequestId.New(), Requester, Laptop, null!)).ParamName);
        var badPriority = Assert.Throws<ArgumentOutOfRangeException>(() => ServiceRequest.Submit(Tenant, ServiceRequestId.New(), Requester, Laptop, clock, default(Priority)));
        Assert.Equal("priority", badPriority.ParamName);
        Assert.Equal(0, badPriority.ActualValue);
    }

    // Transitions.

    [Fact]
    public void RequestApproval_ForAnItemThatRequiresIt_MovesToAwaitingApproval()
    {
        var clock = NewClock();
        var request = Submit(clock, Laptop);
        clock.Advance(Duration.FromMinutes(3));
        var probe = request.Probe();

        request.RequestApproval(Fulfiller);

        probe.AssertAccepted("RequestApproval", ServiceRequestState.Submitted, ServiceRequestState.AwaitingApproval, Fulfiller, clock.GetCurrentInstant());
    }

    [Fact]
    public void StartFulfilment_ForAnItemThatNeedsNoApproval_MovesToFulfilling()
    {
        var clock = NewClock();
        var request = Submit(clock, PasswordReset);
        clock.Advance(Duration.FromMinutes(3));
        var probe = request.Probe();

        request.StartFulfilment(Fulfiller);

        probe.AssertAccepted("StartFulfilment", ServiceRequestState.Submitted, ServiceRequestState.Fulfilling, Fulfiller, clock.GetCurrentInstant());
    }

    [Fact]
    public void Approve_ByAnotherPerson_MovesToFulfillingAndRecordsTheApprover()
    {
        var clock = NewClock();
        var request = InState(ServiceRequestState.AwaitingApproval, clock);
        var probe = request.Probe();

        request.Approve(Approver, "Within budget.");

        probe.AssertAccepted("Approve", ServiceRequestState.AwaitingApproval, ServiceRequestState.Fulfilling, Approver, clock.GetCurrentInstant(), ("comment", "Within budget."));
        Assert.Equal("manager.brown", request.ApproverId);
    }

    [Fact]
    public void Approve_WithoutAComment_LeavesTheCommentOutOfTheAuditData()
    {
        var clock = NewClock();
        var request = InState(ServiceRequestState.AwaitingApproval, clock);
        var probe = request.Probe();

        request.Approve(Approver);

        probe.AssertAccepted("Approve", ServiceRequestState.AwaitingApproval, ServiceRequestState.Fulfilling, Approver, clock.GetCurrentInstant());
    }

    [Fact]
    public void Reject_ByAnotherPerson_MovesToRejectedAndRecordsTheApprover()
    {
        var clock = NewClock();
        var request = InState(ServiceRequestState.AwaitingApproval, clock);
        var probe = request.Probe();

        request.Reject(Approver, "Not in the budget.");

        probe.AssertAccepted("Reject", ServiceRequestState.AwaitingApproval, ServiceRequestState.Rejected, Approver, clock.GetCurrentInstant(), ("reason", "Not in the budget."));
        Assert.Equal("manager.brown", request.ApproverId);
        Assert.Empty(request.PermittedCommands);
    }

    [Fact]
    public void Fulfil_ARequestBeingFulfilled_MovesToFulfilled()
    {
        var clock = NewClock();
        var request = InState(ServiceRequestState.Fulfilling, clock);
        var probe = request.Probe();

        request.Fulfil(Fulfiller, "Password reset.");

        probe.AssertAccepted("Fulfil", ServiceRequestState.Fulfilling, ServiceRequestState.Fulfilled, Fulfiller, clock.GetCurrentInstant(), ("notes", "Password reset."));
    }

    [Fact]
    public void Fulfil_AnApprovedRequest_MovesToFulfilled()
    {
        var clock = NewClock();
        var request = InState(ServiceRequestState.AwaitingApproval, clock);
        request.Approve(Approver);
        var probe = request.Probe();

        request.Fulfil(Fulfiller, "Laptop delivered.");

        probe.AssertAccepted("Fulfil", ServiceRequestState.Fulfilling, ServiceRequestState.Fulfilled, Fulfiller, clock.GetCurrentInstant(), ("notes", "Laptop delivered."));
    }

    [Fact]
    public void Close_AFulfilledRequest_MovesToClosed()
    {
        var clock = NewClock();
        var request = InState(ServiceRequestState.Fulfilled, clock);
        var probe = request.Probe();

        request.Close(Fulfiller);

        probe.AssertAccepted("Close", ServiceRequestState.Fulfilled, ServiceRequestState.Closed, Fulfiller, clock.GetCurrentInstant());
        Assert.Equal([ServiceRequestCommand.RecordSatisfaction], request.PermittedCommands);
    }

    [Theory]
    [InlineData(ServiceRequestState.Submitted)]
    [InlineData(ServiceRequestState.AwaitingApproval)]
    [InlineData(ServiceRequestState.Fulfilling)]
    public void Cancel_AnOpenRequest_MovesToCanceled(ServiceRequestState from)
    {
        var clock = NewClock();
        var request = InState(from, clock);
        var probe = request.Probe();

        request.Cancel(Requester, "No longer needed.");

        probe.AssertAccepted("Cancel", from, ServiceRequestState.Canceled, Requester, clock.GetCurrentInstant(), ("reason", "No longer needed."));
        Assert.Empty(request.PermittedCommands);
    }

    [Fact]
    public void AFullApprovedLifecycle_NumbersItsAuditEntriesOneByOne()
    {
        var request = Submit(NewClock(), Laptop);
        request.RequestApproval(Fulfiller);
        request.Approve(Approver);
        request.Fulfil(Fulfiller, "Delivered.");
        request.Close(Fulfiller);

        Assert.Equal(5, request.Version);
        Assert.Equal(["Submit", "RequestApproval", "Approve", "Fulfil", "Close"], request.UncommittedAuditEntries.Select(e => e.Command));
        Assert.Equal([1L, 2, 3, 4, 5], request.UncommittedAuditEntries.Select(e => e.Version));
        Assert.Equal(["Submitted", "AwaitingApproval", "Fulfilling", "Fulfilled", "Closed"], request.UncommittedAuditEntries.Select(e => e.ToState));
    }

    [Fact]
    public void AcceptAuditEntries_ClearsTheUncommittedEntriesAndKeepsTheVersion()
    {
        var request = InState(ServiceRequestState.Fulfilling, NewClock());

        request.AcceptAuditEntries();

        Assert.Empty(request.UncommittedAuditEntries);
        Assert.Equal(2, request.Version);
        request.Fulfil(Fulfiller, "Done.");
        Assert.Equal(3, Assert.Single(request.UncommittedAuditEntries).Version);
    }

    // Refusals by state.

    [Theory]
    [MemberData(nameof(States))]
    public void PermittedCommands_InEachState_AreTheCommandsTheReadmeLists(ServiceRequestState state)
    {
        var request = InState(state, NewClock());

        Assert.Equal(Permitted[state], request.PermittedCommands);
        foreach (var command in AllCommands)
        {
            Assert.Equal(Permitted[state].Contains(command), request.Permits(command));
        }
    }

    [Theory]
    [MemberData(nameof(RefusedByState))]
    public void ACommandTheStateDoesNotPermit_IsRefusedNamingTheStateAndChangesNothing(ServiceRequestState state, ServiceRequestCommand command)
    {
        var request = InState(state, NewClock());
        var probe = request.Probe();

        var ex = Assert.Throws<InvalidTransitionException>(() => Issue(request, command));

        TransitionAssert.Names(ex, "ServiceRequest", state.ToString(), command.ToString(), Names(Permitted[state]));
        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(ServiceRequestState.Closed)]
    [InlineData(ServiceRequestState.Rejected)]
    [InlineData(ServiceRequestState.Canceled)]
    public void ATerminalRequest_RefusesEveryCommand(ServiceRequestState state)
    {
        var request = InState(state, NewClock());
        var probe = request.Probe();

        // A closed request still takes its survey result (docs/kpis.md, "Customer satisfaction"); nothing else.
        foreach (var command in AllCommands.Where(c => c != ServiceRequestCommand.RecordSatisfaction))
        {
            var ex = Assert.Throws<InvalidTransitionException>(() => Issue(request, command));
            var named = command == ServiceRequestCommand.RecordApproval ? ServiceRequestCommand.Approve : command;
            Assert.Equal(
                state == ServiceRequestState.Closed
                    ? $"ServiceRequest in state Closed cannot {named}; it permits: RecordSatisfaction."
                    : $"ServiceRequest in state {state} cannot {named}: the state is terminal and permits no command.",
                ex.Message);
        }

        probe.AssertUnchanged();
    }

    [Fact]
    public void Approve_ASubmittedRequest_IsRefusedWithAMessageListingWhatSubmittedPermits()
    {
        var request = Submit(NewClock(), Laptop);

        var ex = Assert.Throws<InvalidTransitionException>(() => request.Approve(Approver));

        Assert.Equal("ServiceRequest in state Submitted cannot Approve; it permits: RequestApproval, StartFulfilment, Cancel, SlaThreshold, Assign, Unassign, ChangeService, AddConfigurationItem, RemoveConfigurationItem, AssignToSupplier, AddWorkNote, AddComment, LogTime.", ex.Message);
    }

    [Fact]
    public void Cancel_AFulfilledRequest_IsRefusedWithAMessageListingWhatFulfilledPermits()
    {
        var request = InState(ServiceRequestState.Fulfilled, NewClock());

        var ex = Assert.Throws<InvalidTransitionException>(() => request.Cancel(Requester, "Too late."));

        Assert.Equal("ServiceRequest in state Fulfilled cannot Cancel; it permits: Close, SlaThreshold, Assign, Unassign, ChangeService, AddConfigurationItem, RemoveConfigurationItem, RecordSatisfaction, AddWorkNote, AddComment, LogTime.", ex.Message);
    }

    [Fact]
    public void Approve_ByTheRequesterOnARejectedRequest_IsRefusedByTheStateNotTheRule()
    {
        var request = InState(ServiceRequestState.Rejected, NewClock());

        Assert.Throws<InvalidTransitionException>(() => request.Approve(Requester));
    }

    // Refusals by rule.

    [Fact]
    public void RequestApproval_ForAnItemThatNeedsNone_IsRefusedWithApproval002()
    {
        var request = Submit(NewClock(), PasswordReset);
        var probe = request.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => request.RequestApproval(Fulfiller));

        Assert.Equal("ITSM-REQ-APPROVAL-002", ex.Code);
        Assert.Equal("Catalog item password-reset needs no approval; start fulfilment instead.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void StartFulfilment_ForAnItemThatRequiresApproval_IsRefusedWithApproval001()
    {
        var request = Submit(NewClock(), Laptop);
        var probe = request.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => request.StartFulfilment(Fulfiller));

        Assert.Equal("ITSM-REQ-APPROVAL-001", ex.Code);
        Assert.Equal("Catalog item laptop-standard needs an approval before fulfilment; request approval first.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Approve_ByTheRequester_IsRefusedWithApproval003()
    {
        var request = InState(ServiceRequestState.AwaitingApproval, NewClock());
        var probe = request.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => request.Approve(new Actor("caller.jones", "approver_user")));

        Assert.Equal("ITSM-REQ-APPROVAL-003", ex.Code);
        Assert.Equal("caller.jones requested this; a requester cannot approve or reject their own request.", ex.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void Reject_ByTheRequester_IsRefusedWithApproval003()
    {
        var request = InState(ServiceRequestState.AwaitingApproval, NewClock());
        var probe = request.Probe();

        var ex = Assert.Throws<DomainRuleViolationException>(() => request.Reject(Requester, "Changed my mind."));

        Assert.Equal("ITSM-REQ-APPROVAL-003", ex.Code);
        Assert.Equal("caller.jones requested this; a requester cannot approve or reject their own request.", ex.Message);
        probe.AssertUnchanged();
    }

    // Refusals by argument (checked before the state).

    [Fact]
    public void EveryCommand_WithoutAnActor_ThrowsNamingItEvenInATerminalState()
    {
        var request = InState(ServiceRequestState.Closed, NewClock());
        var probe = request.Probe();
        var commands = new (string Parameter, Action Command)[]
        {
            ("actor", () => request.RequestApproval(null!)),
            ("approver", () => request.Approve(null!)),
            ("approver", () => request.Reject(null!, "x")),
            ("actor", () => request.StartFulfilment(null!)),
            ("actor", () => request.Fulfil(null!, "x")),
            ("actor", () => request.Close(null!)),
            ("actor", () => request.Cancel(null!, "x")),
            ("actor", () => request.RecordSlaThreshold(null!, new("ola-desk", Itsm.Sla.SlaMetric.Resolution, 50.0, Itsm.Sla.SlaThresholdKind.Warning, Monday0900))),
            ("actor", () => request.Assign(null!, new SupportGroupId("Service desk"))),
            ("actor", () => request.Unassign(null!)),
            ("actor", () => request.ChangeService(null!, new ServiceId("email"))),
            ("actor", () => request.AddConfigurationItem(null!, new ConfigurationItemId("mx01"))),
            ("actor", () => request.RemoveConfigurationItem(null!, new ConfigurationItemId("mx01"))),
            ("actor", () => request.AssignToSupplier(null!, new SupplierId("acme-dns"))),
            ("actor", () => request.AddWorkNote(null!, "x")),
            ("actor", () => request.AddComment(null!, "x")),
            ("actor", () => request.LogTime(null!, Duration.FromMinutes(1))),
            ("approver", () => request.DelegateApproval(null!, "deputy")),
            ("actor", () => request.RecordApprovalOverdue(null!)),
            ("actor", () => request.RecordSatisfaction(null!, 5, null, "rita")),
            ("actor", () => request.TransitionWorkflow(null!, "x")),
        };

        // RecordApproval is Approve's (an approval that leaves the chain waiting).
        Assert.Equal(AllCommands.Count - 1, commands.Length);
        foreach (var (parameter, command) in commands)
        {
            Assert.Equal(parameter, Assert.Throws<ArgumentNullException>(command).ParamName);
        }

        probe.AssertUnchanged();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void ACommand_WithABlankRequiredText_ThrowsNamingIt(string? blank)
    {
        var awaiting = InState(ServiceRequestState.AwaitingApproval, NewClock());
        var fulfilling = InState(ServiceRequestState.Fulfilling, NewClock());
        var probes = new[] { awaiting.Probe(), fulfilling.Probe() };

        Assert.Equal("reason", Assert.ThrowsAny<ArgumentException>(() => awaiting.Reject(Approver, blank!)).ParamName);
        Assert.Equal("reason", Assert.ThrowsAny<ArgumentException>(() => awaiting.Cancel(Requester, blank!)).ParamName);
        Assert.Equal("notes", Assert.ThrowsAny<ArgumentException>(() => fulfilling.Fulfil(Fulfiller, blank!)).ParamName);

        foreach (var probe in probes)
        {
            probe.AssertUnchanged();
        }
    }

    // SLA snapshot.

    [Fact]
    public void ToTicketSnapshot_ShowsTheStatePriorityAndItem()
    {
        var request = InState(ServiceRequestState.Fulfilling, NewClock());

        var snapshot = request.ToTicketSnapshot();

        Assert.Equal("Fulfilling", snapshot.State);
        Assert.Equal(Priority.Low, snapshot.Priority);
        Assert.Null(snapshot.OnHoldReason);
        Assert.Equal(new Dictionary<string, string> { ["item"] = "password-reset" }, snapshot.Attributes);
    }

    // The catalog item.

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void CatalogItem_WithABlankId_ThrowsNamingId(string? id)
    {
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => new CatalogItem(id!, true)).ParamName);
    }
}
