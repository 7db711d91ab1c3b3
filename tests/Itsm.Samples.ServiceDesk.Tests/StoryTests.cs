using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Changes;
using Itsm.Common;
using NodaTime;

namespace Itsm.Samples.ServiceDesk.Tests;

/// <summary>
/// The ITIL story on a seeded month, checked against the store's audit log: facts of its shape
/// (every problem came from recurring incidents, every caused incident names a failed change, ...)
/// rather than tuned numbers.
/// </summary>
[Collection(StoryCollection.Name)]
public sealed class StoryTests(StoryRun run)
{
    private IEnumerable<AuditEntry> Of(string recordType, string command) =>
        run.Audit.Where(e => e.RecordType == recordType && e.Command == command);

    private List<AuditEntry> History(string recordId) => run.History(recordId);

    [Fact]
    public void Recurring_incidents_raise_problems_that_become_known_errors()
    {
        var problems = Of("Problem", "Open").ToList();
        Assert.True(problems.Count >= 3, $"only {problems.Count} problems");
        Assert.Equal(problems.Count, run.Report.Practices.Problems.Count);
        foreach (var open in problems)
        {
            var history = History(open.RecordId);
            // Opened for a trend: at least three incidents linked, root cause before the known error, which has the workaround.
            Assert.True(history.Count(e => e.Command == "LinkIncident") >= 3, open.RecordId);
            var commands = history.Select(e => e.Command).ToList();
            Assert.True(commands.IndexOf("RecordRootCause") < commands.IndexOf("MarkAsKnownError"), string.Join(", ", commands));
            Assert.True(commands.IndexOf("DocumentWorkaround") < commands.IndexOf("MarkAsKnownError"), string.Join(", ", commands));
        }

        Assert.Equal(problems.Count, run.Report.Practices.KnownErrors);
    }

    [Fact]
    public void Incidents_matching_a_known_error_get_its_workaround_and_resolve_faster()
    {
        var knownErrorAt = Of("Problem", "MarkAsKnownError").ToDictionary(e => e.RecordId, e => e.At);
        var workarounds = Of("Incident", "Resolve").Where(e => e.Data["notes"].StartsWith("Known error workaround: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(workarounds);
        Assert.Equal(workarounds.Count, run.Report.Activity.ResolvedByWorkaround);
        foreach (var resolve in workarounds)
        {
            // Resolved with the workaround only once its problem was a known error.
            var link = Assert.Single(History(resolve.RecordId), e => e.Command == "LinkProblem");
            var problem = link.Data.Values.Single(v => knownErrorAt.ContainsKey(v));
            Assert.True(resolve.At >= knownErrorAt[problem]);
            Assert.Equal("SolvedWorkaround", resolve.Data["resolutionCode"]);
        }

        var practices = run.Report.Practices;
        Assert.True(practices.WithKnownError.Count > 0 && practices.BeforeKnownError.Count > 0);
        Assert.True(practices.WithKnownError.Hours < practices.BeforeKnownError.Hours, $"{practices.WithKnownError} vs {practices.BeforeKnownError}");
    }

    [Fact]
    public void Changes_of_every_type_take_their_own_path_to_authorisation()
    {
        var changes = Of("Change", "Open").GroupBy(e => e.Data["type"]).ToDictionary(g => g.Key, g => g.Select(e => History(e.RecordId)).ToList());
        Assert.Equal(["Emergency", "Normal", "Standard"], changes.Keys.Order(StringComparer.Ordinal));

        // Standard: pre-authorised, straight from New to Scheduled.
        Assert.All(changes["Standard"], h => Assert.DoesNotContain(h, e => e.Command is "Submit" or "Approve" or "RequestAuthorization"));
        Assert.All(changes["Standard"], h => Assert.Equal(("New", "Scheduled"), h.Where(e => e.Command == "Schedule").Select(e => (e.FromState, e.ToState)).First()));

        // Normal: assessed, then the authority its risk needs (a high risk goes to the CAB: three approvals by "cab").
        foreach (var h in changes["Normal"].Where(h => h.Any(e => e.Command == "Schedule")))
        {
            var risk = h.Single(e => e.Command == "AssessRisk").Data["risk"];
            var approvals = h.Where(e => e.Command == "Approve").ToList();
            Assert.Equal(risk == "High" ? 3 : 1, approvals.Count);
            if (risk == "High")
            {
                Assert.All(approvals, a => Assert.Contains("cab", a.Actor.Roles));
            }
        }

        Assert.Contains(changes["Normal"], h => h.Any(e => e.Command == "AssessRisk" && e.Data["risk"] == "High"));

        // Emergency: the ECAB, two distinct approvers.
        foreach (var h in changes["Emergency"].Where(h => h.Any(e => e.Command == "Schedule")))
        {
            var approvers = h.Where(e => e.Command == "Approve").Select(e => e.Actor).ToList();
            Assert.Equal(2, approvers.Select(a => a.Id).Distinct().Count());
            Assert.All(approvers, a => Assert.Contains("ecab", a.Roles));
        }

        var byType = run.Report.Practices.ChangesByType.ToDictionary(t => t.Type.ToString(), t => t.Opened);
        Assert.All(changes, p => Assert.Equal(p.Value.Count, byType[p.Key]));
    }

    [Fact]
    public void Failed_changes_cause_incidents_linked_to_them()
    {
        var links = Of("Incident", "LinkCausedByChange").ToList();
        Assert.NotEmpty(links);
        var closes = Of("Change", "Close").ToDictionary(e => e.RecordId);
        foreach (var link in links)
        {
            // The change named exists, failed, and the incident came after its implementation.
            string change = link.Data["change"];
            Assert.Contains(closes[change].Data["outcome"], new[] { "Failed", "BackedOut" });
            var implemented = History(change).Single(e => e.Command == "CompleteImplementation").At;
            var opened = History(link.RecordId).First().At;
            Assert.True(opened >= implemented && opened < closes[change].At);
        }

        // And every failed change caused at least one incident.
        var failed = closes.Values.Where(e => e.Data["outcome"] is "Failed" or "BackedOut").Select(e => e.RecordId).ToHashSet();
        Assert.Equal(failed, links.Select(l => l.Data["change"]).ToHashSet());

        var practices = run.Report.Practices;
        Assert.Equal(links.Select(l => l.RecordId).Distinct().Count(), practices.IncidentsCausedByChanges);
        Assert.Equal(failed.Count, practices.ChangesCausingIncidents);
        var period = run.Report.Period;
        int closedInPeriod = closes.Values.Count(e => period.Contains(e.At));
        Assert.Equal(new ChangeSuccessRate(closedInPeriod, closedInPeriod - failed.Count), practices.ChangeSuccess);
    }

    [Fact]
    public void A_fix_stops_its_symptom_and_lowers_the_service_incident_rate()
    {
        var effects = run.Report.Practices.FixEffects;
        Assert.True(effects.Count >= 3, $"only {effects.Count} fixes measured");
        var opens = Of("Incident", "Open").ToList();
        var calendar = ServiceDeskModel.Calendar;
        foreach (var effect in effects)
        {
            // The symptom does not come back once its root cause is removed.
            Assert.True(effect.SymptomBefore > 0);
            Assert.Equal(0, effect.SymptomAfter);

            // The rates, recounted from the audit log: incidents opened on the service per ten business hours.
            Assert.True(effect.Span >= Duration.FromDays(3));
            double Rate(Interval w) => opens.Count(e => e.Data["service"] == effect.Service && w.Contains(e.At)) / (calendar.Between(w.Start, w.End).TotalHours / 10);
            Assert.Equal(Rate(new Interval(effect.FixedAt - effect.Span, effect.FixedAt)), effect.RateBefore, 9);
            Assert.Equal(Rate(new Interval(effect.FixedAt, effect.FixedAt + effect.Span)), effect.RateAfter, 9);
        }

        Assert.True(effects.Sum(e => e.RateAfter) < effects.Sum(e => e.RateBefore), string.Join("; ", effects));
    }

    [Fact]
    public void The_improvement_register_records_an_action_per_problem_decided_by_another_person()
    {
        var proposals = Of("ImprovementItem", "Propose").ToList();
        Assert.Equal(Of("Problem", "Open").Count(), proposals.Count);
        foreach (var proposal in proposals)
        {
            var history = History(proposal.RecordId);
            var approve = Assert.Single(history, e => e.Command == "Approve");
            Assert.NotEqual(proposal.Actor.Id, approve.Actor.Id);
            Assert.StartsWith("IncidentsPerWorkingDay:", proposal.Data["kpi"], StringComparison.Ordinal);
        }

        Assert.Contains(run.Report.Practices.Improvements, i => i.State == "Done" && i.Measured is not null && i.TargetReached is not null);
    }
}
