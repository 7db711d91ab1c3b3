using System.Linq;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Knowledge;
using NodaTime;
using Xunit;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Improvement;

/// <summary>Knowledge use, first-contact resolution by article and CSAT: worked examples, and the generator the reference check relies on.</summary>
public sealed class KpiPracticeTests
{
    private static readonly Instant Start = KpiHistoryGenerator.Origin + Duration.FromDays(2);
    private static readonly Instant End = KpiHistoryGenerator.Origin + Duration.FromDays(6);
    private const string Article = "00000000-0000-0000-0000-0000000000a1";

    private static KpiReport Compute(KpiHistory history) => KpiCalculator.Compute(history.Entries, KpiHistory.Tenant, new Interval(Start, End));

    [Fact]
    public void Knowledge_use_counts_resolved_incidents_that_cite_an_article_and_FCR_by_article_those_resolved_at_first_contact()
    {
        var at = Start + Duration.FromHours(1);
        var history = new KpiHistory();
        string[] ids = [KpiHistoryGenerator.IncidentId(1), KpiHistoryGenerator.IncidentId(2), KpiHistoryGenerator.IncidentId(3)];
        foreach (var id in ids)
        {
            history.OpenIncident(id, at, "Email", 3);
        }

        history.Add("Incident", ids[0], at + Duration.FromMinutes(5), "LinkKnowledgeArticle", "New", ("article", Article));
        history.Add("Incident", ids[0], at + Duration.FromMinutes(6), "Resolve", "Resolved");
        history.Add("Interaction", "N1", at + Duration.FromMinutes(7), "ClassifyAsIncident", "Incident", ("incident", ids[0]), ("resolvedOnFirstContact", "true"));
        history.Add("Incident", ids[1], at + Duration.FromMinutes(8), "Resolve", "Resolved");
        history.Add("Incident", ids[1], at + Duration.FromMinutes(9), "LinkKnowledgeArticle", "Resolved", ("article", Article));
        history.Add("Incident", ids[2], at + Duration.FromMinutes(10), "Resolve", "Resolved");

        var report = Compute(history);

        Assert.Equal(new KpiMeasure(2, 3), report.Overall[KpiId.KnowledgeUseRate]);
        Assert.Equal(new KpiMeasure(1, 2), report.Overall[KpiId.KnowledgeFirstContactResolutionRate]);
        Assert.Equal(new KpiMeasure(1, 2), report.FirstContactResolutionByArticle[new KnowledgeArticleId(System.Guid.Parse(Article))]);
        Assert.Equal(new KpiMeasure(2, 3), report.ByService["Email"][KpiId.KnowledgeUseRate]);
    }

    [Fact]
    public void CSAT_is_the_share_of_results_scoring_four_or_five_recorded_in_the_period()
    {
        var at = Start + Duration.FromHours(1);
        var history = new KpiHistory();
        var id = KpiHistoryGenerator.IncidentId(1);
        history.OpenIncident(id, at - Duration.FromDays(2), "Email", 2);
        history.Add("Incident", id, at - Duration.FromHours(30), "Resolve", "Resolved");
        history.Add("Incident", id, at - Duration.FromHours(29), "RecordSatisfaction", "Resolved", ("score", "1"), ("respondent", "rita"));
        history.Add("Incident", id, at, "Reopen", "InProgress");
        history.Add("Incident", id, at + Duration.FromMinutes(1), "Resolve", "Resolved");
        history.Add("Incident", id, at + Duration.FromMinutes(2), "RecordSatisfaction", "Resolved", ("score", "4"), ("respondent", "rita"));
        history.Add("ServiceRequest", "R1", at, "Submit", "Submitted", ("item", "laptop"), ("priority", "4"));
        history.Add("ServiceRequest", "R1", at + Duration.FromMinutes(1), "StartFulfilment", "Fulfilling");
        history.Add("ServiceRequest", "R1", at + Duration.FromMinutes(2), "Fulfil", "Fulfilled", ("notes", "done"));
        history.Add("ServiceRequest", "R1", at + Duration.FromMinutes(3), "RecordSatisfaction", "Fulfilled", ("score", "3"), ("respondent", "rita"));

        var report = Compute(history);

        Assert.Equal(new KpiMeasure(1, 2), report.Overall[KpiId.CustomerSatisfaction]);
        Assert.Equal(new KpiMeasure(1, 1), report.ByPriority[2][KpiId.CustomerSatisfaction]);
        Assert.Equal(new KpiMeasure(0, 1), report.ByPriority[4][KpiId.CustomerSatisfaction]);
        Assert.Equal(KpiDirection.HigherIsBetter, KpiDefinitions.DirectionOf(KpiId.CustomerSatisfaction));
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Generator_cites_articles_classifies_at_first_contact_and_records_surveys_in_the_period()
    {
        // The reference check is only as good as the histories: knowledge, first contact and surveys must occur.
        var reports = Enumerable.Range(0, 50).Select(seed => KpiCalculator.Compute(KpiHistoryGenerator.Generate(seed, 80), KpiHistory.Tenant, new Interval(Start, End))).ToList();

        Assert.InRange(reports.Sum(r => r.Overall[KpiId.KnowledgeUseRate].Numerator), 30, double.MaxValue);
        Assert.InRange(reports.Sum(r => r.Overall[KpiId.KnowledgeFirstContactResolutionRate].Numerator), 3, double.MaxValue);
        Assert.InRange(reports.Sum(r => r.Overall[KpiId.CustomerSatisfaction].Denominator), 30, long.MaxValue);
        Assert.InRange(reports.Sum(r => r.FirstContactResolutionByArticle.Count), 30, int.MaxValue);
    }
}
