using System;
using Itsm.Improvement;
using Xunit;

namespace Itsm.Core.Tests.Improvement;

/// <summary>The status rule: met at or past the target, at risk within the band, missed beyond it.</summary>
public sealed class KpiTargetTests
{
    [Theory]
    [InlineData(0.80, KpiStatus.Met)]
    [InlineData(0.75, KpiStatus.Met)]
    [InlineData(0.60, KpiStatus.AtRisk)]
    [InlineData(0.50, KpiStatus.AtRisk)]
    [InlineData(0.49, KpiStatus.Missed)]
    public void Evaluate_HigherIsBetter_ComparesFromBelow(double value, KpiStatus expected)
    {
        var target = new KpiTarget(KpiId.SlaCompliance, 0.75, 0.25);

        Assert.Equal(KpiDirection.HigherIsBetter, target.Direction);
        Assert.Equal(expected, target.Evaluate(value));
    }

    [Theory]
    [InlineData(3.0, KpiStatus.Met)]
    [InlineData(4.0, KpiStatus.Met)]
    [InlineData(5.0, KpiStatus.AtRisk)]
    [InlineData(5.5, KpiStatus.Missed)]
    public void Evaluate_LowerIsBetter_ComparesFromAbove(double value, KpiStatus expected)
    {
        var target = new KpiTarget(KpiId.MeanTimeToResolve, 4, 1);

        Assert.Equal(KpiDirection.LowerIsBetter, target.Direction);
        Assert.Equal(expected, target.Evaluate(value));
    }

    [Fact]
    public void Evaluate_WithoutBand_IsMetOrMissed()
    {
        var target = new KpiTarget(KpiId.ReopenRate, 0.05);

        Assert.Equal(KpiStatus.Met, target.Evaluate(0.05));
        Assert.Equal(KpiStatus.Missed, target.Evaluate(0.0501));
    }

    [Fact]
    public void Evaluate_NoValue_HasNoStatus()
    {
        var target = new KpiTarget(KpiId.ChangeSuccessRate, 0.9, 0.05);

        Assert.Null(target.Evaluate((double?)null));
        Assert.Null(target.Evaluate(double.NaN));
    }

    [Fact]
    public void Evaluate_OnAReport_ReadsTheKpiOfTheSet()
    {
        var report = KpiCalculator.Compute(KpiCalculatorTests.History().Entries, KpiHistory.Tenant, new NodaTime.Interval(NodaTime.Instant.FromUtc(2026, 11, 2, 0, 0), NodaTime.Instant.FromUtc(2026, 11, 9, 0, 0)));

        // Change success 1/3 against 0.9 with a band of 0.05: missed; reopen rate 2/3 against 0.7: met.
        Assert.Equal(KpiStatus.Missed, new KpiTarget(KpiId.ChangeSuccessRate, 0.9, 0.05).Evaluate(report.Overall));
        Assert.Equal(KpiStatus.Met, new KpiTarget(KpiId.ReopenRate, 0.7).Evaluate(report.Overall));
        Assert.Null(new KpiTarget(KpiId.SlaCompliance, 0.9).Evaluate(report.Overall));
    }

    [Fact]
    public void Directions_AreAsDocumented()
    {
        foreach (var kpi in KpiDefinitions.All)
        {
            var expected = kpi is KpiId.FirstContactResolutionRate or KpiId.ProblemsWithKnownErrors or KpiId.ChangeSuccessRate or KpiId.SlaCompliance
                    or KpiId.KnowledgeUseRate or KpiId.KnowledgeFirstContactResolutionRate or KpiId.CustomerSatisfaction or KpiId.ApprovalLevelsDecidedOnTime
                ? KpiDirection.HigherIsBetter
                : KpiDirection.LowerIsBetter;
            Assert.Equal(expected, KpiDefinitions.DirectionOf(kpi));
        }

        Assert.Equal("kpi", Assert.Throws<ArgumentOutOfRangeException>(() => KpiDefinitions.DirectionOf((KpiId)99)).ParamName);
    }

    [Fact]
    public void Constructor_BadArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("kpi", Assert.Throws<ArgumentException>(() => new KpiTarget((KpiId)99, 1)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => new KpiTarget(KpiId.Backlog, double.NaN)).ParamName);
        Assert.Equal("atRiskBand", Assert.Throws<ArgumentException>(() => new KpiTarget(KpiId.Backlog, 1, -1)).ParamName);
        Assert.Equal("atRiskBand", Assert.Throws<ArgumentException>(() => new KpiTarget(KpiId.Backlog, 1, double.PositiveInfinity)).ParamName);
        Assert.Equal("set", Assert.Throws<ArgumentException>(() => new KpiTarget(KpiId.Backlog, 1).Evaluate((KpiSet)null!)).ParamName);
    }
}
