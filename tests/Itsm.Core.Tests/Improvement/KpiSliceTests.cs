using System;
using System.Linq;
using Itsm.Improvement;
using NodaTime;
using Xunit;

namespace Itsm.Core.Tests.Improvement;

/// <summary>
/// Which group and priority an incident counts under when it moves (docs/kpis.md, "Slices"), and the
/// median and percentiles beside each duration KPI, on a fixed history computed by hand.
/// </summary>
public sealed class KpiSliceTests
{
    private static readonly Interval Week = new(Utc(2, 0), Utc(9, 0));

    private static Instant Utc(int day, int hour, int minute = 0) => Instant.FromUtc(2026, 11, day, hour, minute);

    /// <summary>
    /// E1 (P3) acknowledged by Desk after 0.5 h, raised to P1, escalated to Network, resolved after 4 h.
    /// E2 (P4) started after 1 h with no group, assigned to Desk, resolved after 3 h, reopened, escalated to
    /// Network, open at the end. E3 (P2) acknowledged by Network after 2 h, resolved after 8 h, then lowered to P5.
    /// </summary>
    private static KpiReport Report()
    {
        var h = new KpiHistory();
        h.OpenIncident("E1", Utc(2, 9), "Email", 3)
            .Incident("E1", Utc(2, 9, 30), "Assign", "InProgress", ("group", "Desk"))
            .Incident("E1", Utc(2, 10), "ChangeImpactOrUrgency", "InProgress", ("previousPriority", "3"), ("priority", "1"))
            .Incident("E1", Utc(2, 11), "EscalateFunctionally", "InProgress", ("toGroup", "Network"))
            .Incident("E1", Utc(2, 13), "Resolve", "Resolved");
        h.OpenIncident("E2", Utc(2, 9), "Email", 4)
            .Incident("E2", Utc(2, 10), "StartWork", "InProgress")
            .Incident("E2", Utc(2, 10, 30), "Assign", "InProgress", ("group", "Desk"))
            .Incident("E2", Utc(2, 12), "Resolve", "Resolved")
            .Incident("E2", Utc(3, 9), "Reopen", "InProgress")
            .Incident("E2", Utc(3, 10), "EscalateFunctionally", "InProgress", ("toGroup", "Network"));
        h.OpenIncident("E3", Utc(2, 9), "Web", 2)
            .Incident("E3", Utc(2, 11), "Assign", "InProgress", ("group", "Network"))
            .Incident("E3", Utc(2, 17), "Resolve", "Resolved")
            .Incident("E3", Utc(3, 9), "ChangeImpactOrUrgency", "Resolved", ("previousPriority", "2"), ("priority", "5"));
        return KpiCalculator.Compute(h.Entries.OrderBy(e => e.At), KpiHistory.Tenant, Week);
    }

    [Fact]
    public void AnEscalatedIncident_CountsItsResolutionUnderTheGroupThatResolvedIt()
    {
        var groups = Report().ByAssignmentGroup;

        Assert.Equal(["Desk", "Network"], groups.Keys.Order());
        Assert.Equal(new KpiMeasure(4 + 8, 2), groups["Network"][KpiId.MeanTimeToResolve]);
        Assert.Equal(new KpiMeasure(0, 2), groups["Network"][KpiId.ReopenRate]);
        Assert.Equal(new KpiMeasure(3, 1), groups["Desk"][KpiId.MeanTimeToResolve]);
        Assert.Equal(new KpiMeasure(1, 1), groups["Desk"][KpiId.ReopenRate]);
    }

    [Fact]
    public void AnEscalatedIncident_CountsItsAcknowledgementUnderTheGroupThatAcknowledgedIt()
    {
        var groups = Report().ByAssignmentGroup;

        // E2 was acknowledged with no group: in no group slice.
        Assert.Equal(new KpiMeasure(0.5, 1), groups["Desk"][KpiId.MeanTimeToAcknowledge]);
        Assert.Equal(new KpiMeasure(2, 1), groups["Network"][KpiId.MeanTimeToAcknowledge]);
    }

    [Fact]
    public void AnEscalatedIncident_CountsInTheBacklogOfTheGroupItHasAtTheEnd()
    {
        var groups = Report().ByAssignmentGroup;

        Assert.Equal(new KpiMeasure(1, 1), groups["Network"][KpiId.Backlog]);
        Assert.Equal(new KpiMeasure(0, 1), groups["Desk"][KpiId.Backlog]);
    }

    [Fact]
    public void AReprioritisedIncident_CountsEachFigureUnderThePriorityItHadWhenMeasured()
    {
        var priorities = Report().ByPriority;

        // E1: acknowledged at P3, resolved at P1. E3: acknowledged and resolved at P2, P5 at the end.
        Assert.Equal([1, 2, 3, 4, 5], priorities.Keys.Order());
        Assert.Equal(new KpiMeasure(0.5, 1), priorities[3][KpiId.MeanTimeToAcknowledge]);
        Assert.Equal(new KpiMeasure(0, 0), priorities[3][KpiId.MeanTimeToResolve]);
        Assert.Equal(new KpiMeasure(4, 1), priorities[1][KpiId.MeanTimeToResolve]);
        Assert.Equal(new KpiMeasure(0, 0), priorities[1][KpiId.MeanTimeToAcknowledge]);
        Assert.Equal(new KpiMeasure(8, 1), priorities[2][KpiId.MeanTimeToResolve]);
        Assert.Equal(new KpiMeasure(0, 0), priorities[5][KpiId.MeanTimeToResolve]);
        Assert.Equal(new KpiMeasure(0, 1), priorities[5][KpiId.Backlog]);
        Assert.Equal(new KpiMeasure(1, 1), priorities[4][KpiId.Backlog]);
    }

    [Fact]
    public void DurationKpis_HaveMedianAndPercentilesInterpolatedAsPercentileInc()
    {
        var overall = Report().Overall;

        // Resolved after 3, 4 and 8 h: mean 5; rank h = 2p, so p90 = 4 + 0.8 * 4 and p95 = 4 + 0.9 * 4.
        Assert.Equal(5, overall[KpiId.MeanTimeToResolve].Value);
        AssertDistribution(3, 4, 7.2, 7.6, overall.Distribution(KpiId.MeanTimeToResolve));

        // Acknowledged after 0.5, 1 and 2 h.
        AssertDistribution(3, 1, 1.8, 1.9, overall.Distribution(KpiId.MeanTimeToAcknowledge));

        // E2 is the backlog: 1 incident, 159 h old at the end.
        AssertDistribution(1, 159, 159, 159, overall.Distribution(KpiId.BacklogMeanAge));
    }

    [Fact]
    public void Distribution_OfAnEvenCount_InterpolatesBetweenTheMiddleValues()
    {
        var distribution = KpiDistribution.Of(new double[] { 4, 1, 3, 2 });

        AssertDistribution(4, 2.5, 3.7, 3.85, distribution);
    }

    [Fact]
    public void Distribution_WithNothingMeasured_IsDefault()
    {
        var overall = Report().Overall;

        Assert.Equal(default, overall.Distribution(KpiId.MeanBusinessTimeToResolve));
        Assert.Equal(new KpiDistribution(0, null, null, null), KpiDistribution.Of([]));
    }

    [Fact]
    public void Distribution_OfAKpiThatIsNotADuration_ThrowsNamingKpi()
    {
        var overall = Report().Overall;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => overall.Distribution(KpiId.ReopenRate));

        Assert.Equal("kpi", error.ParamName);
        Assert.StartsWith("The KPI is not a duration, so it has no distribution.", error.Message, StringComparison.Ordinal);
        Assert.Equal("kpi", Assert.Throws<ArgumentOutOfRangeException>(() => overall.Distribution((KpiId)99)).ParamName);
    }

    [Fact]
    public void IsDuration_HoldsForTheTimesAndTheBacklogAgeOnly()
    {
        Assert.Equal(
            [KpiId.MeanTimeToAcknowledge, KpiId.MeanTimeToResolve, KpiId.MeanBusinessTimeToAcknowledge, KpiId.MeanBusinessTimeToResolve, KpiId.BacklogMeanAge,
                KpiId.MeanTimeToFulfil, KpiId.MeanBusinessTimeToFulfil, KpiId.MeanTimeToApprove, KpiId.MeanTimeToApprovalDecision],
            KpiDefinitions.All.Where(KpiDefinitions.IsDuration));
    }

    private static void AssertDistribution(long count, double median, double p90, double p95, KpiDistribution actual)
    {
        Assert.Equal(count, actual.Count);
        Assert.Equal(median, actual.Median!.Value, 9);
        Assert.Equal(p90, actual.P90!.Value, 9);
        Assert.Equal(p95, actual.P95!.Value, 9);
    }
}
