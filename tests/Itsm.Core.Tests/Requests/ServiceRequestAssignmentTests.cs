using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Requests;
using NodaTime;
using static Itsm.Core.Tests.Requests.ServiceRequestFixtures;
using Itsm.Services;

namespace Itsm.Core.Tests.Requests;

/// <summary>
/// Assign and Unassign of service requests (docs/lifecycles/README.md): in every state that is not
/// terminal, without a change of state; the assignment group is also the SLA view's.
/// </summary>
public sealed class ServiceRequestAssignmentTests
{
    public static TheoryData<ServiceRequestState> OpenStates() =>
        new(ServiceRequestState.Submitted, ServiceRequestState.AwaitingApproval, ServiceRequestState.Fulfilling, ServiceRequestState.Fulfilled);

    [Theory]
    [MemberData(nameof(OpenStates))]
    public void Assign_then_reassign_then_unassign_keep_the_state_with_one_entry_each(ServiceRequestState state)
    {
        var clock = NewClock();
        var request = InState(state, clock);

        var assign = request.Probe();
        request.Assign(Fulfiller, new SupportGroupId("Service desk"));
        assign.AssertAccepted("Assign", state, state, Fulfiller, clock.GetCurrentInstant(), ("group", "Service desk"));

        clock.Advance(Duration.FromMinutes(1));
        var reassign = request.Probe();
        request.Assign(Fulfiller, new SupportGroupId("Hardware"), "tech.green");
        reassign.AssertAccepted("Assign", state, state, Fulfiller, clock.GetCurrentInstant(),
            ("group", "Hardware"), ("assignee", "tech.green"), ("fromGroup", "Service desk"));

        clock.Advance(Duration.FromMinutes(1));
        var unassign = request.Probe();
        request.Unassign(Approver);
        var entry = unassign.AssertAccepted("Unassign", state, state, Approver, clock.GetCurrentInstant(), ("fromGroup", "Hardware"), ("fromAssignee", "tech.green"));

        Assert.Equal(new ServiceRequestUnassigned(new SupportGroupId("Hardware"), "tech.green"), AuditAssert.TypedEvent(entry, typeof(ServiceRequestUnassigned)));
        Assert.Equal((null, null), (request.AssignmentGroup, request.AssignedTo));
    }

    [Fact]
    public void Assigning_a_submitted_request_does_not_start_fulfilment_nor_skip_approval()
    {
        var laptop = Submit(NewClock(), Laptop);
        laptop.Assign(Fulfiller, null, "tech.green");

        Assert.Equal(ServiceRequestState.Submitted, laptop.State);
        var e = Assert.Throws<DomainRuleViolationException>(() => laptop.StartFulfilment(Fulfiller));
        Assert.Equal("ITSM-REQ-APPROVAL-001", e.Code);
        laptop.RequestApproval(Fulfiller);
        Assert.Equal((ServiceRequestState.AwaitingApproval, (string?)null, "tech.green"), (laptop.State, laptop.AssignmentGroup?.Value, laptop.AssignedTo));
    }

    [Fact]
    public void The_same_assignment_again_and_an_unassign_of_nothing_are_refused_and_change_nothing()
    {
        var request = InState(ServiceRequestState.Fulfilling, NewClock());
        var nothing = request.Probe();
        var unassign = Assert.Throws<DomainRuleViolationException>(() => request.Unassign(Fulfiller));
        nothing.AssertUnchanged();

        request.Assign(Fulfiller, null, "tech.green");
        var assigned = request.Probe();
        var same = Assert.Throws<DomainRuleViolationException>(() => request.Assign(Approver, null, "tech.green"));
        assigned.AssertUnchanged();

        Assert.Equal(("ITSM-REQ-ASSIGN-002", "The request is not assigned to anyone."), (unassign.Code, unassign.Message));
        Assert.Equal(("ITSM-REQ-ASSIGN-001", "The request is already assigned to tech.green."), (same.Code, same.Message));
    }

    [Fact]
    public void Bad_arguments_name_the_parameter_before_the_state_is_checked()
    {
        var request = InState(ServiceRequestState.Closed, NewClock());
        var probe = request.Probe();

        Assert.Equal("group", Assert.ThrowsAny<ArgumentException>(() => request.Assign(Fulfiller, null)).ParamName);
        Assert.Equal("group", Assert.ThrowsAny<ArgumentException>(() => request.Assign(Fulfiller, default(SupportGroupId), "tech.green")).ParamName);
        Assert.Equal("assignee", Assert.ThrowsAny<ArgumentException>(() => request.Assign(Fulfiller, new SupportGroupId("Hardware"), " ")).ParamName);
        Assert.Equal("actor", Assert.ThrowsAny<ArgumentException>(() => request.Unassign(null!)).ParamName);
        var terminal = Assert.Throws<InvalidTransitionException>(() => request.Assign(Fulfiller, new SupportGroupId("Hardware")));

        Assert.Equal("ServiceRequest in state Closed cannot Assign; it permits: RecordSatisfaction.", terminal.Message);
        probe.AssertUnchanged();
    }

    [Fact]
    public void The_SLA_view_follows_the_assignment_group()
    {
        var clock = NewClock();
        var request = InState(ServiceRequestState.Fulfilling, clock);
        request.Assign(Fulfiller, new SupportGroupId("Service desk"));
        clock.Advance(Duration.FromMinutes(1));
        request.Assign(Fulfiller, new SupportGroupId("Service desk"), "tech.green");
        clock.Advance(Duration.FromMinutes(1));
        request.Assign(Fulfiller, new SupportGroupId("Hardware"));
        clock.Advance(Duration.FromMinutes(1));
        request.Unassign(Fulfiller);

        // A new person in the same group leaves the SLA view as it was (one change per command all the same).
        Assert.Equal([null, null, "Service desk", "Service desk", "Hardware", null], ServiceRequest.ReplayTicketHistory(request.UncommittedAuditEntries).Select(c => c.Snapshot.AssignmentGroup));
        Assert.All(ServiceRequest.ReplayTicketHistory(request.UncommittedAuditEntries).Skip(1), c => Assert.Equal("Fulfilling", c.Snapshot.State));
        Assert.Equal(request.AssignmentGroup?.Value, request.ToTicketSnapshot().AssignmentGroup);
    }

    [Fact]
    public void The_state_document_holds_the_assignment_and_an_older_document_without_it_loads_as_unassigned()
    {
        var clock = NewClock();
        var request = InState(ServiceRequestState.Fulfilling, clock);
        request.Assign(Fulfiller, new SupportGroupId("Hardware"), "tech.green");
        var codec = new ServiceRequestCodec();
        var root = JsonNode.Parse(codec.Serialize(request))!.AsObject();

        var loaded = codec.Deserialize(Tenant, request.Id.ToString(), request.Version, root.ToJsonString(), clock);
        root.Remove("assignmentGroup");
        root.Remove("assignedTo");
        var older = codec.Deserialize(Tenant, request.Id.ToString(), request.Version, root.ToJsonString(), clock);

        Assert.Equal(("Hardware", "tech.green"), (loaded.AssignmentGroup?.Value, loaded.AssignedTo));
        Assert.Equal("Hardware", codec.IndexOf(loaded, null).AssignmentGroup);
        Assert.Equal((null, null), (older.AssignmentGroup, older.AssignedTo));
        Assert.Equal(ServiceRequestState.Fulfilling, older.State);
    }

    [Fact]
    public async Task The_typed_commands_keep_their_arguments_apart_under_an_idempotency_key()
    {
        var test = new EngineHarness();
        var id = ServiceRequestId.New();
        await test.Engine.ServiceRequests.CreateAsync(Tenant, id, Requester, new SubmitServiceRequest(PasswordReset));
        var key = new CommandOptions { IdempotencyKey = "assign-1" };

        var first = await test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Fulfiller, new AssignServiceRequest(new SupportGroupId("Service desk"), "tech.green"), key);
        var again = await test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Fulfiller, new AssignServiceRequest(new SupportGroupId("Service desk"), "tech.green"), key);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Fulfiller, new AssignServiceRequest(new SupportGroupId("Service desk")), key));
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Fulfiller, new UnassignServiceRequest(), key));

        Assert.Equal(new ServiceRequestAssigned(new SupportGroupId("Service desk"), "tech.green", null, null), Assert.Single(first.Events).Event);
        Assert.True(again.Replayed);
        Assert.Equal((ServiceRequestState.Submitted, 2L), (first.Record.State, first.Version));
        var found = await test.Store.QueryAsync(Tenant, new RecordQuery { RecordType = ServiceRequest.RecordType, AssignmentGroup = "Service desk" });
        Assert.Equal(id.ToString(), Assert.Single(found).RecordId);
    }
}
