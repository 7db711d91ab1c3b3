using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;

namespace Itsm.Samples.ServiceDesk.Tests;

/// <summary>
/// The desk's approval chains on the seeded month, checked against the audit log: a line manager
/// decides every request that needs approval, and a new laptop also needs two distinct finance approvals
/// after the manager before it is fulfilled.
/// </summary>
[Collection(StoryCollection.Name)]
public sealed class ApprovalChainStoryTests(StoryRun run)
{
    private List<AuditEntry> History(string recordId) => run.History(recordId);

    [Fact]
    public void Expensive_requests_pass_a_line_manager_then_a_finance_quorum_before_fulfilment()
    {
        var requests = run.Audit.Where(e => e.RecordType == "ServiceRequest" && e.Command == "RequestApproval").ToList();
        var laptops = requests.Where(e => e.Data.TryGetValue("chain", out var chain) && chain == ServiceDeskApprovals.Expensive.Name).ToList();
        Assert.NotEmpty(laptops);
        Assert.Contains(requests, e => e.Data["chain"] == ServiceDeskApprovals.Standard.Name);

        int fulfilled = 0;
        foreach (var start in laptops)
        {
            var history = History(start.RecordId);
            var decisions = history.Where(e => e.Command is "RecordApproval" or "Approve" or "Reject").ToList();
            if (decisions.Count == 0)
            {
                continue;
            }

            // The manager decides first.
            Assert.Contains("approver", decisions[0].Actor.Roles);
            if (history.Any(e => e.Command == "Approve"))
            {
                var finance = decisions.Skip(1).ToList();
                Assert.Equal(["RecordApproval", "Approve"], finance.Select(e => e.Command));
                Assert.All(finance, e => Assert.Contains("finance", e.Actor.Roles));
                Assert.Equal(2, finance.Select(e => e.Actor.Id).Distinct(StringComparer.Ordinal).Count());
                Assert.Equal("Finance", finance[^1].Data["level"]);
                int approvedAt = history.IndexOf(finance[^1]);
                Assert.DoesNotContain(history.Take(approvedAt), e => e.Command == "Fulfil");
                fulfilled++;
            }
        }

        Assert.True(fulfilled > 0, "no laptop got through its chain in the month");
    }

    [Fact]
    public void Standard_requests_need_only_the_line_manager()
    {
        var standard = run.Audit.Where(e => e.RecordType == "ServiceRequest" && e.Command == "RequestApproval" && e.Data["chain"] == ServiceDeskApprovals.Standard.Name);
        foreach (var start in standard)
        {
            var decisions = History(start.RecordId).Where(e => e.Command is "RecordApproval" or "Approve" or "Reject").ToList();
            Assert.True(decisions.Count <= 1, start.RecordId);
            Assert.All(decisions, e => Assert.Contains("approver", e.Actor.Roles));
        }
    }
}
