using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Requests;
using NodaTime;
using static Itsm.Core.Tests.Requests.ServiceRequestFixtures;

using Itsm.Core.Tests.Incidents;
using Itsm.Services;

namespace Itsm.Core.Tests.Requests;

/// <summary>
/// The typed service request commands through the engine: each one writes the audit entry the
/// request's method of the same name writes, the authorizer sees the command object itself, and an
/// idempotency key replays the same command and refuses a different one.
/// </summary>
public sealed class ServiceRequestCommandTests
{
    public static TheoryData<string> Paths => new(PathsByName.Keys);

    private static readonly Dictionary<string, (CatalogItem Item, Priority? Priority, (Actor Actor, RecordCommand<ServiceRequest> Command, Action<ServiceRequest, Actor> Direct)[] Steps)> PathsByName = new()
    {
        ["approved and closed"] = (Laptop, null,
        [
            (Fulfiller, new RequestServiceRequestApproval(), (r, a) => r.RequestApproval(a)),
            (Approver, new ApproveServiceRequest("Fine."), (r, a) => r.Approve(a, "Fine.")),
            (Fulfiller, new FulfilServiceRequest("Laptop handed over."), (r, a) => r.Fulfil(a, "Laptop handed over.")),
            (Fulfiller, new CloseServiceRequest(), (r, a) => r.Close(a)),
        ]),
        ["approved without comment"] = (Laptop, Priority.High,
        [
            (Fulfiller, new RequestServiceRequestApproval(), (r, a) => r.RequestApproval(a)),
            (Approver, new ApproveServiceRequest(), (r, a) => r.Approve(a)),
        ]),
        ["rejected"] = (Laptop, null,
        [
            (Fulfiller, new RequestServiceRequestApproval(), (r, a) => r.RequestApproval(a)),
            (Approver, new RejectServiceRequest("Not in the budget."), (r, a) => r.Reject(a, "Not in the budget.")),
        ]),
        ["assigned, reassigned and unassigned while waiting for approval, then fulfilled"] = (Laptop, null,
        [
            (Fulfiller, new AssignServiceRequest(new SupportGroupId("Service desk")), (r, a) => r.Assign(a, new SupportGroupId("Service desk"))),
            (Fulfiller, new RequestServiceRequestApproval(), (r, a) => r.RequestApproval(a)),
            (Fulfiller, new AssignServiceRequest(new SupportGroupId("Hardware"), "tech.green"), (r, a) => r.Assign(a, new SupportGroupId("Hardware"), "tech.green")),
            (Fulfiller, new UnassignServiceRequest(), (r, a) => r.Unassign(a)),
            (Approver, new ApproveServiceRequest(), (r, a) => r.Approve(a)),
            (Fulfiller, new AssignServiceRequest(null, "tech.green"), (r, a) => r.Assign(a, null, "tech.green")),
            (Fulfiller, new FulfilServiceRequest("Laptop handed over."), (r, a) => r.Fulfil(a, "Laptop handed over.")),
        ]),
        ["started and canceled"] = (PasswordReset, new Priority(2),
        [
            (Fulfiller, new StartServiceRequestFulfilment(), (r, a) => r.StartFulfilment(a)),
            (Requester, new CancelServiceRequest("No longer needed."), (r, a) => r.Cancel(a, "No longer needed.")),
        ]),
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Each_typed_command_writes_the_entry_its_method_writes(string path)
    {
        var (item, priority, steps) = PathsByName[path];
        var test = new EngineHarness();
        var id = ServiceRequestId.New();
        var direct = ServiceRequest.Submit(Tenant, id, Requester, item, test.Clock, priority);

        var created = await test.Engine.ServiceRequests.CreateAsync(Tenant, id, Requester, new SubmitServiceRequest(item, priority));
        AuditAssert.SameEntry(direct.UncommittedAuditEntries[0], Assert.Single(created.Events));
        foreach (var (actor, command, run) in steps)
        {
            test.Clock.Advance(Duration.FromMinutes(5));
            run(direct, actor);
            var result = await test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, actor, command);
            AuditAssert.SameEntry(direct.UncommittedAuditEntries[^1], Assert.Single(result.Events));
            Assert.Equal(command.Name, result.Events[0].Command);
        }

        await test.AssertHistoryAsync(Tenant, ServiceRequest.RecordType, id, direct.UncommittedAuditEntries);
        var stored = await test.Engine.ServiceRequests.GetAsync(Tenant, id, IncidentFixtures.Agent);
        Assert.Equal((direct.State, direct.Version, direct.ApproverId, direct.Priority), (stored.State, stored.Version, stored.ApproverId, stored.Priority));
        Assert.Equal((direct.AssignmentGroup, direct.AssignedTo), (stored.AssignmentGroup, stored.AssignedTo));
        Assert.Equal(
            ServiceRequest.ReplayTicketHistory(direct.UncommittedAuditEntries).Select(c => (c.At, c.Snapshot.State, c.Snapshot.AssignmentGroup)),
            (await test.Engine.ReadServiceRequestTicketHistoryAsync(Tenant, id, IncidentFixtures.Agent)).Select(c => (c.At, c.Snapshot.State, c.Snapshot.AssignmentGroup)));
    }

    [Fact]
    public async Task The_approver_is_the_engine_s_actor_and_may_not_be_the_requester()
    {
        var test = new EngineHarness();
        var id = ServiceRequestId.New();
        await test.Engine.ServiceRequests.CreateAsync(Tenant, id, Requester, new SubmitServiceRequest(Laptop));
        await test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Fulfiller, new RequestServiceRequestApproval());

        var own = await Assert.ThrowsAsync<DomainRuleViolationException>(() => test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Requester, new ApproveServiceRequest()));
        var approved = await test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Approver, new ApproveServiceRequest());

        Assert.Equal("ITSM-REQ-APPROVAL-003", own.Code);
        Assert.Equal(Approver.Id, approved.Record.ApproverId);
        Assert.Equal(Approver, approved.Events[0].Actor);
    }

    [Fact]
    public async Task The_authorizer_sees_the_typed_command_and_a_refusal_writes_nothing()
    {
        var test = new EngineHarness((actor, command, resource) => command is not ApproveServiceRequest);
        var id = ServiceRequestId.New();
        var submit = new SubmitServiceRequest(Laptop);
        await test.Engine.ServiceRequests.CreateAsync(Tenant, id, Requester, submit);
        await test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Fulfiller, new RequestServiceRequestApproval());
        var approve = new ApproveServiceRequest("Fine.");

        var error = await Assert.ThrowsAsync<ItsmAuthorizationException>(() => test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Approver, approve));

        Assert.Same(approve, error.Command);
        Assert.Same(submit, test.Asked[0]);
        Assert.Same(approve, test.Asked[^1]);
        Assert.Equal(["Submit", "RequestApproval"], (await test.HistoryAsync(Tenant, ServiceRequest.RecordType, id)).Select(e => e.Command));
        var stored = await test.Engine.ServiceRequests.GetAsync(Tenant, id, IncidentFixtures.Agent);
        Assert.Equal((ServiceRequestState.AwaitingApproval, 2L, (string?)null), (stored.State, stored.Version, stored.ApproverId));
        // The rule refuses approvals only: a rejection goes through.
        await test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Approver, new RejectServiceRequest("No."));
    }

    [Fact]
    public async Task A_refused_submission_creates_nothing()
    {
        var test = new EngineHarness((actor, command, resource) => command is not SubmitServiceRequest { Item.RequiresApproval: true });
        var refused = ServiceRequestId.New();
        var allowed = ServiceRequestId.New();

        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => test.Engine.ServiceRequests.CreateAsync(Tenant, refused, Requester, new SubmitServiceRequest(Laptop)));
        await test.Engine.ServiceRequests.CreateAsync(Tenant, allowed, Requester, new SubmitServiceRequest(PasswordReset));

        Assert.Null(await test.Engine.ServiceRequests.FindAsync(Tenant, refused, IncidentFixtures.Agent));
        Assert.Empty(await test.HistoryAsync(Tenant, ServiceRequest.RecordType, refused));
        Assert.NotNull(await test.Engine.ServiceRequests.FindAsync(Tenant, allowed, IncidentFixtures.Agent));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_same_command_and_refuses_other_arguments()
    {
        var test = new EngineHarness();
        var id = ServiceRequestId.New();
        await test.Engine.ServiceRequests.CreateAsync(Tenant, id, Requester, new SubmitServiceRequest(PasswordReset));
        await test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Fulfiller, new StartServiceRequestFulfilment());
        var options = new CommandOptions { IdempotencyKey = "fulfil-1" };

        var first = await test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Fulfiller, new FulfilServiceRequest("Password reset."), options);
        var again = await test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Fulfiller, new FulfilServiceRequest("Password reset."), options);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Fulfiller, new FulfilServiceRequest("Something else."), options));
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            test.Engine.ServiceRequests.ExecuteAsync(Tenant, id, Fulfiller, new CancelServiceRequest("Password reset."), options));

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Version, again.Version);
        Assert.Empty(again.Events);
        Assert.Equal(3, (await test.HistoryAsync(Tenant, ServiceRequest.RecordType, id)).Count);
    }

    [Fact]
    public async Task An_idempotency_key_on_a_submission_replays_the_first_request_and_refuses_other_arguments()
    {
        var test = new EngineHarness();
        var first = ServiceRequestId.New();
        var options = new CommandOptions { IdempotencyKey = "submit-1" };

        await test.Engine.ServiceRequests.CreateAsync(Tenant, first, Requester, new SubmitServiceRequest(Laptop, Priority.High), options);
        var retry = await test.Engine.ServiceRequests.CreateAsync(Tenant, ServiceRequestId.New(), Requester, new SubmitServiceRequest(new CatalogItem("laptop-standard", true), Priority.High), options);
        var otherPriority = await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            test.Engine.ServiceRequests.CreateAsync(Tenant, ServiceRequestId.New(), Requester, new SubmitServiceRequest(Laptop, Priority.Low), options));
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            test.Engine.ServiceRequests.CreateAsync(Tenant, ServiceRequestId.New(), Requester, new SubmitServiceRequest(new CatalogItem("laptop-standard", false), Priority.High), options));

        Assert.True(retry.Replayed);
        Assert.Equal(first, retry.Record.Id);
        Assert.Equal("submit-1", otherPriority.Key);
        Assert.Single(await test.Store.QueryAsync(Tenant, new RecordQuery { RecordType = ServiceRequest.RecordType }));
    }
}
