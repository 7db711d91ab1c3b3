using System;
using System.Linq;
using Itsm.Common;
using Itsm.Governance;
using Itsm.Improvement;
using Itsm.Persistence;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Itsm.Core.Tests.Governance;

/// <summary>The seven guiding principles as a reference list, and their citation by improvement items (audited, stored) and the adoption assessment.</summary>
public sealed class GuidingPrinciplesTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Proposer = new("analyst.king", "itil");

    [Fact]
    public void All_ListsTheSevenPrinciples_InItilsOrder()
    {
        Assert.Equal(
            ["Focus on value", "Start where you are", "Progress iteratively with feedback", "Collaborate and promote visibility", "Think and work holistically", "Keep it simple and practical", "Optimize and automate"],
            GuidingPrinciples.All.Select(p => p.Name));
        Assert.Equal(Enum.GetValues<GuidingPrinciple>(), GuidingPrinciples.All.Select(p => p.Principle));
        Assert.All(GuidingPrinciples.All, p => Assert.Same(p, GuidingPrinciples.Get(p.Principle)));
        Assert.All(GuidingPrinciples.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
        Assert.Equal("principle", Assert.Throws<ArgumentOutOfRangeException>(() => GuidingPrinciples.Get((GuidingPrinciple)8)).ParamName);
    }

    [Fact]
    public void Propose_CitesEachPrincipleOnce_InItilsOrder_AndAuditsThem()
    {
        var item = Propose(GuidingPrinciple.OptimizeAndAutomate, GuidingPrinciple.FocusOnValue, GuidingPrinciple.OptimizeAndAutomate);

        Assert.Equal([GuidingPrinciple.FocusOnValue, GuidingPrinciple.OptimizeAndAutomate], item.Principles);
        var entry = Assert.Single(item.UncommittedAuditEntries);
        Assert.Equal("FocusOnValue, OptimizeAndAutomate", entry.Data["principles"]);
        Assert.Equal([GuidingPrinciple.FocusOnValue, GuidingPrinciple.OptimizeAndAutomate], Assert.IsType<ImprovementItemProposed>(entry.Event).Principles);
    }

    [Fact]
    public void Propose_WithoutPrinciples_WritesTheEntryItAlwaysWrote()
    {
        var entry = Assert.Single(Propose().UncommittedAuditEntries);

        Assert.False(entry.Data.ContainsKey("principles"));
        Assert.Empty(Assert.IsType<ImprovementItemProposed>(entry.Event).Principles);
    }

    [Fact]
    public void Update_ReplacesTheCitations_OrKeepsThemWhenNotGiven()
    {
        var item = Propose(GuidingPrinciple.FocusOnValue);

        item.Update(Proposer, "Password reset, phase 1", 10m, 6m);
        Assert.Equal([GuidingPrinciple.FocusOnValue], item.Principles);
        Assert.Null(Assert.IsType<ImprovementItemUpdated>(item.UncommittedAuditEntries[^1].Event).Principles);

        item.Update(Proposer, "Password reset, phase 1", 10m, 6m, [GuidingPrinciple.KeepItSimpleAndPractical]);
        Assert.Equal([GuidingPrinciple.KeepItSimpleAndPractical], item.Principles);
        Assert.Equal("KeepItSimpleAndPractical", item.UncommittedAuditEntries[^1].Data["principles"]);

        item.Update(Proposer, "Password reset, phase 1", 10m, 6m, []);
        Assert.Empty(item.Principles);
        Assert.Equal("", item.UncommittedAuditEntries[^1].Data["principles"]);
        Assert.Empty(Assert.IsType<ImprovementItemUpdated>(item.UncommittedAuditEntries[^1].Event).Principles!);
    }

    [Fact]
    public void Update_ThatChangesNothing_IsRefused_EvenWithTheSamePrinciples()
    {
        var item = Propose(GuidingPrinciple.FocusOnValue);

        var ex = Assert.Throws<DomainRuleViolationException>(() => item.Update(Proposer, item.Title, item.Baseline, item.Target, [GuidingPrinciple.FocusOnValue]));

        Assert.Equal("ITSM-IMP-UPDATE-001", ex.Code);
        Assert.Equal(1, item.Version);
    }

    [Fact]
    public void UndefinedPrinciple_IsRefused_NamingTheParameter()
    {
        Assert.Equal("principles", Assert.Throws<ArgumentOutOfRangeException>(() => Propose((GuidingPrinciple)0)).ParamName);
    }

    [Fact]
    public void Codec_RoundTripsTheCitations_AndReadsOldDocumentsAsNone()
    {
        var codec = new ImprovementItemCodec();
        var item = Propose(GuidingPrinciple.StartWhereYouAre, GuidingPrinciple.CollaborateAndPromoteVisibility);
        var json = codec.Serialize(item);

        var restored = codec.Deserialize(Tenant, item.Id.ToString(), item.Version, json, new FakeClock(Instant.FromUtc(2026, 12, 1, 0, 0)));
        var old = codec.Deserialize(Tenant, item.Id.ToString(), item.Version, codec.Serialize(Propose()), new FakeClock(Instant.FromUtc(2026, 12, 1, 0, 0)));

        Assert.Contains("\"principles\":[\"StartWhereYouAre\",\"CollaborateAndPromoteVisibility\"]", json, StringComparison.Ordinal);
        Assert.Equal(item.Principles, restored.Principles);
        Assert.Empty(old.Principles);
        Assert.Throws<System.Text.Json.JsonException>(() => codec.Deserialize(Tenant, item.Id.ToString(), item.Version, json.Replace("StartWhereYouAre", "StartAnywhere", StringComparison.Ordinal), new FakeClock(Instant.FromUtc(2026, 12, 1, 0, 0))));
    }

    [Fact]
    public void AdoptionAssessment_CitesTheRoadmapsPrinciples()
    {
        Assert.Equal(
            [GuidingPrinciple.FocusOnValue, GuidingPrinciple.StartWhereYouAre, GuidingPrinciple.ProgressIterativelyWithFeedback],
            AdoptionAssessment.CitedPrinciples);
    }

    private static ImprovementItem Propose(params GuidingPrinciple[] principles) =>
        ImprovementItem.Propose(Tenant, ImprovementItemId.New(), Proposer, "Password reset", "MeanTimeToResolve", KpiDirection.LowerIsBetter, 10m, 6.5m, new FakeClock(Instant.FromUtc(2026, 12, 1, 0, 0)), principles);
}
