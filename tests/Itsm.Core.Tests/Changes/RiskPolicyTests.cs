using System.Collections.Generic;
using Itsm.Changes;

namespace Itsm.Core.Tests.Changes;

/// <summary>Risk: the questionnaire's score against its thresholds, the conditions (critical services, outage), and the higher of both.</summary>
public sealed class RiskPolicyTests
{
    private static readonly RiskPolicy Policy = new(
        [
            new RiskQuestion("tested", "Was the change tested?", new Dictionary<string, int> { ["yes"] = 0, ["no"] = 3 }),
            new RiskQuestion("backout", "Is there a back-out plan?", new Dictionary<string, int> { ["yes"] = 0, ["partial"] = 1, ["no"] = 4 }),
        ],
        moderateFrom: 3,
        highFrom: 6,
        criticalServices: ["payments"]);

    private static Dictionary<string, string> Answers(string tested, string backout) => new() { ["tested"] = tested, ["backout"] = backout };

    [Theory]
    [InlineData("yes", "yes", 0, ChangeRisk.Low)]
    [InlineData("yes", "partial", 1, ChangeRisk.Low)]
    [InlineData("no", "yes", 3, ChangeRisk.Moderate)]
    [InlineData("no", "partial", 4, ChangeRisk.Moderate)]
    [InlineData("no", "no", 7, ChangeRisk.High)]
    public void TheQuestionnaire_ScoresAgainstTheThresholds(string tested, string backout, int score, ChangeRisk risk)
    {
        var assessment = Policy.Assess(Answers(tested, backout), causesOutage: false, ["email"]);

        Assert.Equal(new RiskAssessment(score, risk, ChangeRisk.Low, risk), assessment);
    }

    [Fact]
    public void TouchingACriticalService_IsHigh_WhateverTheQuestionnaireSays()
    {
        var assessment = Policy.Assess(Answers("yes", "yes"), causesOutage: false, ["email", "payments"]);

        Assert.Equal(new RiskAssessment(0, ChangeRisk.Low, ChangeRisk.High, ChangeRisk.High) { ImpactedCriticalServices = ["payments"] }, assessment);
    }

    [Fact]
    public void AnOutage_IsAtLeastModerate()
    {
        var assessment = Policy.Assess(Answers("yes", "yes"), causesOutage: true, ["email"]);

        Assert.Equal(new RiskAssessment(0, ChangeRisk.Low, ChangeRisk.Moderate, ChangeRisk.Moderate), assessment);
    }

    [Fact]
    public void WhenTheQuestionnaireIsHigher_ItWins()
    {
        var assessment = Policy.Assess(Answers("no", "no"), causesOutage: true, ["email"]);

        Assert.Equal(new RiskAssessment(7, ChangeRisk.High, ChangeRisk.Moderate, ChangeRisk.High), assessment);
    }

    [Fact]
    public void TheDefaultPolicy_HasOnlyTheOutageCondition()
    {
        Assert.Equal(ChangeRisk.Low, RiskPolicy.Default.Assess(new Dictionary<string, string>(), false, ["payments"]).Risk);
        Assert.Equal(ChangeRisk.Moderate, RiskPolicy.Default.Assess(new Dictionary<string, string>(), true, ["payments"]).Risk);
    }

    [Fact]
    public void Answers_MustFitTheQuestionnaire()
    {
        Assert.Throws<System.ArgumentException>(() => Policy.Assess(new Dictionary<string, string> { ["tested"] = "yes" }, false, ["email"]));
        Assert.Throws<System.ArgumentException>(() => Policy.Assess(Answers("maybe", "yes"), false, ["email"]));
        var extra = Answers("yes", "yes");
        extra["colour"] = "blue";
        Assert.Throws<System.ArgumentException>(() => Policy.Assess(extra, false, ["email"]));
    }

    [Fact]
    public void APolicy_RefusesBadConfiguration()
    {
        var question = new RiskQuestion("q", "Q?", new Dictionary<string, int> { ["a"] = 1 });
        Assert.Throws<System.ArgumentException>(() => new RiskPolicy([question, question], 1, 2));
        Assert.Throws<System.ArgumentException>(() => new RiskPolicy([], 3, 2));
        Assert.Throws<System.ArgumentException>(() => new RiskPolicy([], 0, 2));
        Assert.Throws<System.ArgumentException>(() => new RiskPolicy([], 1, 2, [" "]));
        Assert.Throws<System.ArgumentException>(() => new RiskQuestion("q", "Q?", new Dictionary<string, int>()));
        Assert.Throws<System.ArgumentException>(() => new RiskQuestion("q", "Q?", new Dictionary<string, int> { ["a"] = -1 }));
    }

    [Fact]
    public void AssessRisk_OnAChange_RecordsTheAssessmentInTheAudit()
    {
        var clock = ChangeFixtures.NewClock();
        var change = ChangeFixtures.Open(clock, service: new Itsm.Services.ServiceId("payments"));
        change.Submit(ChangeFixtures.Requester);

        var assessment = change.AssessRisk(ChangeFixtures.Coordinator, Policy, Answers("no", "yes"), causesOutage: false);

        Assert.Equal(ChangeRisk.High, assessment.Risk);
        Assert.Equal(assessment, change.RiskAssessment);
        Core.Tests.Common.RecordProbe.AssertData(change.UncommittedAuditEntries[^1],
            ("risk", "High"), ("score", "3"), ("questionnaireRisk", "Moderate"), ("conditionRisk", "High"), ("causesOutage", "false"));
    }
}
