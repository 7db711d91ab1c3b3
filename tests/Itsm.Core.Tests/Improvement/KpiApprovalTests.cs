using System.Linq;
using Itsm.Improvement;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Itsm.Core.Tests.Improvement;

/// <summary>
/// The approval SLA KPIs (docs/kpis.md, "Approvals"): levels decided on time, mean time to a level's decision and
/// levels recorded overdue, on requests (sliced by group and priority) and changes (by service), hand-computed.
/// </summary>
public sealed class KpiApprovalTests
{
    private static readonly Interval Week = new(Utc(2, 0), Utc(9, 0));

    private static Instant Utc(int day, int hour, int minute = 0) => Instant.FromUtc(2026, 11, day, hour, minute);

    private static string Iso(Instant at) => InstantPattern.ExtendedIso.Format(at);

    /// <summary>
    /// R1 (P3, group Desk): level Manager 9:00 due 17:00, completed at 11:00 (on time, 2 h); level Finance 11:00 due 19:00,
    /// recorded overdue at 19:00, approved at 21:00 by the Approve that ends the chain (late, 10 h).
    /// R2 (P4, no group): one level without due time, 10:00, rejected at 16:00 (a decision without timing: counts nothing).
    /// C1 (service mail): level Peer 8:00 due 12:00, recorded overdue at 12:00, rejected at 13:00 (late, 5 h); an Approve without
    /// timing decides nothing. R3: decided before the week (counts nothing), recorded overdue before the week too.
    /// </summary>
    private static KpiReport Report()
    {
        var h = new KpiHistory();
        h.Add("ServiceRequest", "R1", Utc(2, 8), "Submit", "Submitted", ("item", "laptop"), ("priority", "3"))
            .Add("ServiceRequest", "R1", Utc(2, 8, 30), "Assign", "Submitted", ("group", "Desk"))
            .Add("ServiceRequest", "R1", Utc(2, 9), "RequestApproval", "AwaitingApproval")
            .Add("ServiceRequest", "R1", Utc(2, 11), "RecordApproval", "AwaitingApproval", ("level", "Manager"), ("levelCompleted", "true"),
                ("levelStartedAt", Iso(Utc(2, 9))), ("levelDueAt", Iso(Utc(2, 17))))
            .Add("ServiceRequest", "R1", Utc(2, 19), "ApprovalOverdue", "AwaitingApproval", ("level", "Finance"), ("levelIndex", "1"), ("dueAt", Iso(Utc(2, 19))))
            .Add("ServiceRequest", "R1", Utc(2, 21), "Approve", "Fulfilling", ("level", "Finance"), ("levelStartedAt", Iso(Utc(2, 11))), ("levelDueAt", Iso(Utc(2, 19))));
        h.Add("ServiceRequest", "R2", Utc(3, 9), "Submit", "Submitted", ("item", "monitor"), ("priority", "4"))
            .Add("ServiceRequest", "R2", Utc(3, 10), "RequestApproval", "AwaitingApproval")
            .Add("ServiceRequest", "R2", Utc(3, 16), "Reject", "Rejected", ("reason", "no budget"));
        h.Add("ServiceRequest", "R3", Utc(1, 8), "Submit", "Submitted", ("item", "phone"), ("priority", "3"))
            .Add("ServiceRequest", "R3", Utc(1, 9), "RequestApproval", "AwaitingApproval")
            .Add("ServiceRequest", "R3", Utc(1, 10), "ApprovalOverdue", "AwaitingApproval", ("level", "Manager"), ("levelIndex", "0"), ("dueAt", Iso(Utc(1, 10))))
            .Add("ServiceRequest", "R3", Utc(1, 11), "Approve", "Fulfilling", ("levelStartedAt", Iso(Utc(1, 9))), ("levelDueAt", Iso(Utc(1, 10))));
        h.OpenChange("C1", Utc(4, 7), "Normal", "mail")
            .Add("Change", "C1", Utc(4, 8), "RequestAuthorization", "Authorize")
            .Add("Change", "C1", Utc(4, 12), "ApprovalOverdue", "Authorize", ("level", "Peer"), ("levelIndex", "0"), ("dueAt", Iso(Utc(4, 12))), ("pendingApprovers", "role:peer"))
            .Add("Change", "C1", Utc(4, 12, 30), "Approve", "Authorize", ("approver", "cab.one"), ("roles", "cab"))
            .Add("Change", "C1", Utc(4, 13), "Reject", "New", ("approver", "peer.parker"), ("reason", "no plan"), ("policy", "ReturnToNew"), ("voidedApprovals", "1"),
                ("levelStartedAt", Iso(Utc(4, 8))), ("levelDueAt", Iso(Utc(4, 12))));
        return KpiCalculator.Compute(h.Entries.OrderBy(e => e.At), KpiHistory.Tenant, Week);
    }

    [Fact]
    public void Levels_decided_on_time_count_the_decided_levels_with_a_due_time()
    {
        var report = Report();

        // R1 Manager on time; R1 Finance late; C1 Peer late. R2 has no due time; R3 was decided before the week.
        Assert.Equal(new KpiMeasure(1, 3), report.Overall[KpiId.ApprovalLevelsDecidedOnTime]);
        Assert.Equal(new KpiMeasure(1, 2), report.ByAssignmentGroup["Desk"][KpiId.ApprovalLevelsDecidedOnTime]);
        Assert.Equal(new KpiMeasure(1, 2), report.ByPriority[3][KpiId.ApprovalLevelsDecidedOnTime]);
        Assert.Equal(new KpiMeasure(0, 1), report.ByService["mail"][KpiId.ApprovalLevelsDecidedOnTime]);
    }

    [Fact]
    public void The_time_to_a_decision_counts_every_decided_level_with_a_due_time_from_its_start()
    {
        var report = Report();

        Assert.Equal(new KpiMeasure(2 + 10 + 5, 3), report.Overall[KpiId.MeanTimeToApprovalDecision]);
        Assert.Equal(new KpiMeasure(12, 2), report.ByAssignmentGroup["Desk"][KpiId.MeanTimeToApprovalDecision]);
        Assert.Equal(new KpiMeasure(5, 1), report.ByService["mail"][KpiId.MeanTimeToApprovalDecision]);
        Assert.Equal(new KpiMeasure(0, 0), report.ByPriority[4][KpiId.MeanTimeToApprovalDecision]);
        Assert.Equal(5, report.Overall.Distribution(KpiId.MeanTimeToApprovalDecision).Median);
    }

    [Fact]
    public void Levels_overdue_count_the_overdue_records_in_the_period()
    {
        var report = Report();

        Assert.Equal(new KpiMeasure(2, 1), report.Overall[KpiId.ApprovalLevelsOverdue]);
        Assert.Equal(new KpiMeasure(1, 1), report.ByAssignmentGroup["Desk"][KpiId.ApprovalLevelsOverdue]);
        Assert.Equal(new KpiMeasure(1, 1), report.ByService["mail"][KpiId.ApprovalLevelsOverdue]);
        Assert.Equal(KpiDirection.LowerIsBetter, KpiDefinitions.DirectionOf(KpiId.ApprovalLevelsOverdue));
        Assert.Equal(KpiDirection.HigherIsBetter, KpiDefinitions.DirectionOf(KpiId.ApprovalLevelsDecidedOnTime));
        Assert.True(KpiDefinitions.IsDuration(KpiId.MeanTimeToApprovalDecision));
    }
}
