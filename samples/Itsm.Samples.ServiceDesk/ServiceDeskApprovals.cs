using System.Collections.Generic;
using System.Linq;
using Itsm.Approvals;
using Itsm.Common;
using Itsm.Requests;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

/// <summary>
/// The desk's approval chains (docs/approvals.md): every request that needs approval goes to a line
/// manager; an expensive item then also needs two of the finance team (a quorum of 2).
/// </summary>
public static class ServiceDeskApprovals
{
    /// <summary>The finance team, who approve expensive items after the line manager.</summary>
    public static IReadOnlyList<Actor> Finance { get; } =
    [
        new Actor("priya.shah", "finance"),
        new Actor("tom.berg", "finance"),
        new Actor("ines.vidal", "finance"),
    ];

    /// <summary>The catalog items that need finance's approval too.</summary>
    public static IReadOnlySet<string> ExpensiveItems { get; } = new HashSet<string> { "new-laptop" };

    private static ApprovalLevel LineManager { get; } = new("Line manager", ApprovalRule.Any, [Approver.Role("approver")], Duration.FromHours(8));

    /// <summary>One level: any line manager, within 8 business hours.</summary>
    public static ApprovalChain Standard { get; } = new("Line manager", [LineManager]);

    /// <summary>Two levels: any line manager, then two of finance, within 16 business hours.</summary>
    public static ApprovalChain Expensive { get; } = new("Line manager, then finance",
    [
        LineManager,
        new ApprovalLevel("Finance", ApprovalRule.Quorum(2), [Approver.Role("finance")], Duration.FromHours(16)),
    ]);

    /// <summary>The chain a request for <paramref name="item"/> waits on.</summary>
    /// <param name="item">The catalog item.</param>
    /// <returns>The chain.</returns>
    public static ApprovalChain For(CatalogItem item) => ExpensiveItems.Contains(item.Id) ? Expensive : Standard;

    /// <summary>Who may decide the level <paramref name="request"/> waits on and has yet to approve it.</summary>
    /// <param name="request">A request awaiting approval.</param>
    /// <returns>The people, line managers or finance.</returns>
    public static IReadOnlyList<Actor> Deciders(ServiceRequest request)
    {
        var status = request.ApprovalStatus!.Value;
        var level = request.ApprovalChain!.Levels[status.Level];
        return ServiceDeskModel.Approvers.Concat(Finance)
            .Where(a => level.Accepts(a.Id, a.Roles) && !request.Approvals.Any(x => x.Level == status.Level && x.ApproverId == a.Id))
            .ToList();
    }
}
