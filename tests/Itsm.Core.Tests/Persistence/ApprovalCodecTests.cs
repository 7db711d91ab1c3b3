using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Itsm.Approvals;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Persistence;
using Itsm.Requests;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Persistence;

/// <summary>Approval chains in state documents: a record mid-chain, with delegations, loads as it was and goes on deciding the same way.</summary>
public sealed class ApprovalCodecTests
{
    private static readonly ApprovalChain Purchase = new("Purchase",
    [
        new ApprovalLevel("Manager", ApprovalRule.Any, [Approver.Role("manager"), Approver.Person("ceo")], Duration.FromHours(8) + Duration.FromNanoseconds(7)),
        new ApprovalLevel("Finance", ApprovalRule.Quorum(2), [Approver.Role("finance")]),
        new ApprovalLevel("Owners", ApprovalRule.All, [Approver.Person("o1"), Approver.Person("o2")]),
    ]);

    [Fact]
    public void A_request_mid_chain_round_trips_and_decides_alike()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0));
        var codec = new ServiceRequestCodec();
        var request = ServiceRequest.Submit(new TenantId("acme"), ServiceRequestId.New(), new Actor("caller"), new CatalogItem("laptop", true), clock);
        request.RequestApproval(new Actor("desk"), Purchase);
        clock.Advance(Duration.FromMinutes(5));
        request.DelegateApproval(new Actor("boss", "manager"), "deputy");
        request.Approve(new Actor("deputy"));
        request.Approve(new Actor("f1", "finance"));
        request.DelegateApproval(new Actor("f2", "finance"), "f1.backup");
        request.AcceptAuditEntries();

        string json = codec.Serialize(request);
        var state = JsonNode.Parse(json)!;
        Assert.Equal("Purchase", (string?)state["approvalChain"]!["name"]);
        Assert.Equal(2, state["approvals"]!.AsArray().Count);

        var loaded = codec.Deserialize(request.Tenant, request.Id.ToString(), request.Version, json, clock);
        Assert.Equal(json, codec.Serialize(loaded));
        DeepEqual.Assert(request, loaded, "request");

        foreach (var r in new[] { request, loaded })
        {
            r.Approve(new Actor("f1.backup"));
            Assert.Equal(new ApprovalStatus(ApprovalOutcome.Pending, 2, 0), r.ApprovalStatus);
        }

        Assert.Equal(request.UncommittedAuditEntries[^1].Data, loaded.UncommittedAuditEntries[^1].Data);
    }

    [Fact]
    public void A_request_stored_before_chains_awaits_its_single_approver()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0));
        var codec = new ServiceRequestCodec();
        var request = ServiceRequest.Submit(new TenantId("acme"), ServiceRequestId.New(), new Actor("caller"), new CatalogItem("laptop", true), clock);
        request.RequestApproval(new Actor("desk"));
        var state = JsonNode.Parse(codec.Serialize(request))!.AsObject();
        foreach (var field in new[] { "approvalChain", "approvalStartedAt", "approvals", "approvalDelegations" })
        {
            state.Remove(field);
        }

        var loaded = codec.Deserialize(request.Tenant, request.Id.ToString(), request.Version, state.ToJsonString(), clock);
        Assert.Equal(ApprovalChain.SingleApprover, loaded.ApprovalChain);
        loaded.Approve(new Actor("manager"));
        Assert.Equal(ServiceRequestState.Fulfilling, loaded.State);
    }

    [Fact]
    public void A_change_mid_chain_round_trips_with_levels_and_delegates()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0));
        var d = ChangeAuthorityPolicy.Default;
        var policy = new ChangeAuthorityPolicy(d.Standard, new ChangeAuthority("Peer then CAB", new ApprovalChain("Peer then CAB",
        [
            new ApprovalLevel("Peer", ApprovalRule.Any, [Approver.Role("peer")], Duration.FromHours(4)),
            new ApprovalLevel("CAB", ApprovalRule.Quorum(2), [Approver.Role("cab")]),
        ])), d.Moderate, d.High, d.Emergency);
        var codec = new ChangeCodec(policy);
        var change = Change.Open(new TenantId("acme"), ChangeId.New(), ChangeType.Normal, new Actor("req"), "Patch", "Plan", new Itsm.Services.ServiceId("email"), [], clock, "impl", authority: policy);
        change.Submit(new Actor("req"));
        change.AssessRisk(new Actor("coord"), RiskPolicy.Default, new Dictionary<string, string>(), causesOutage: false);
        change.RequestAuthorization(new Actor("coord"));
        change.Approve(new Actor("p1", "peer"));
        change.DelegateApproval(new Actor("c1", "cab"), "deputy");
        change.Approve(new Actor("deputy"));
        change.AcceptAuditEntries();

        string json = codec.Serialize(change);
        var loaded = codec.Deserialize(change.Tenant, change.Id.ToString(), change.Version, json, clock);
        Assert.Equal(json, codec.Serialize(loaded));
        DeepEqual.Assert(change, loaded, "change");
        Assert.Equal(["p1", "c1"], loaded.Approvals.Select(a => a.ApproverId));
        Assert.Equal([null, "deputy"], loaded.Approvals.Select(a => a.DelegateId));

        // The deputy already decided for c1: approving again is refused alike.
        Assert.Equal("ITSM-CHG-APPROVE-002", Assert.Throws<DomainRuleViolationException>(() => loaded.Approve(new Actor("deputy"))).Code);
        Assert.Equal("ITSM-CHG-APPROVE-002", Assert.Throws<DomainRuleViolationException>(() => change.Approve(new Actor("deputy"))).Code);
    }
}
