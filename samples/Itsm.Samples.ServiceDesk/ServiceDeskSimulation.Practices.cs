using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Services;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

// The report's ITIL story: problems and known errors, changes by type and outcome, what the fixes did
// to each service's incident rate, and the improvement register, all read back through the engine.
public sealed partial class ServiceDeskSimulation
{
    private async Task<PracticeReport> BuildPracticesAsync(IReadOnlyList<AuditEntry> all, IReadOnlyList<Incident> incidents)
    {
        var period = new Interval(_runStart, _runEnd);
        bool InPeriod(Instant t) => t >= period.Start && t < period.End;

        var problems = new List<Problem>();
        foreach (var summary in await _engine.Problems.QueryAsync(_tenant, Dispatcher, new RecordQuery(), _ct).ConfigureAwait(false))
        {
            problems.Add(await _engine.Problems.GetAsync(_tenant, new ProblemId(Guid.Parse(summary.RecordId)), Dispatcher, _ct).ConfigureAwait(false));
        }

        problems.Sort((a, b) => a.OpenedAt.CompareTo(b.OpenedAt));

        // One pass over the audit log, switching on each entry's typed event (never on its command name or data keys):
        // when each problem first became a known error, the incidents linked in the period to the change that caused
        // them, and when each change was last closed.
        var knownErrorAt = new Dictionary<string, Instant>(StringComparer.Ordinal);
        var causedLinks = new List<(string Incident, string Change)>();
        var closedAt = new Dictionary<string, Instant>(StringComparer.Ordinal);
        foreach (var entry in all)
        {
            switch (entry.Event)
            {
                case ProblemMarkedAsKnownError:
                    knownErrorAt.TryAdd(entry.RecordId, entry.At);
                    break;
                case IncidentLinkedToCausingChange link when InPeriod(entry.At):
                    causedLinks.Add((entry.RecordId, link.Change));
                    break;
                case ChangeClosed:
                    closedAt[entry.RecordId] = entry.At;
                    break;
            }
        }

        // Incidents of a known error, split by whether the known error existed when they were opened.
        var before = new List<double>();
        var with = new List<double>();
        foreach (var incident in incidents)
        {
            if (incident.RelatedProblem is { } problemId && knownErrorAt.TryGetValue(problemId, out var at) && incident.ResolvedAt is { } resolved && InPeriod(resolved))
            {
                (incident.OpenedAt < at ? before : with).Add((resolved - incident.OpenedAt).TotalHours);
            }
        }

        var changes = new List<Change>();
        foreach (var summary in await _engine.Changes.QueryAsync(_tenant, Dispatcher, new RecordQuery(), _ct).ConfigureAwait(false))
        {
            changes.Add(await _engine.Changes.GetAsync(_tenant, new ChangeId(Guid.Parse(summary.RecordId)), Dispatcher, _ct).ConfigureAwait(false));
        }

        var causing = causedLinks.Select(l => l.Change).Distinct(StringComparer.Ordinal).ToList();
        var causedIds = incidents.Where(i => i.CausedByChange is not null).Select(i => new ChangeId(Guid.Parse(i.CausedByChange!))).ToHashSet();
        var closedInPeriod = changes.Where(c => closedAt.TryGetValue(c.Id.ToString(), out var t) && InPeriod(t)).ToList();
        var opened = changes.Where(c => InPeriod(c.OpenedAt)).ToList();
        var byType = Enum.GetValues<ChangeType>().Select(type =>
        {
            var ofType = opened.Where(c => c.Type == type).ToList();
            var rate = ChangeSuccessRate.Of(ofType, causedIds);
            return new ChangeTypeLine(type, ofType.Count, rate.Reviewed, rate.Successful, ofType.Count(c => c.Outcome is ChangeReviewOutcome.Failed or ChangeReviewOutcome.BackedOut));
        }).ToArray();

        var effects = new List<FixEffect>();
        var historyStart = all.Count > 0 ? all[0].At : period.Start;
        foreach (var problem in problems)
        {
            if (problem.ResolutionCode != ProblemResolutionCode.FixApplied || problem.ResolvedAt is not { } fixedAt || !InPeriod(fixedAt) || problem.Service?.Value is not { } service)
            {
                continue;
            }

            // Equal windows either side of the fix, as long as the history allows, at most four weeks.
            var span = Duration.Min(Duration.Min(fixedAt - historyStart, period.End - fixedAt), Duration.FromDays(28));
            var beforeWindow = new Interval(fixedAt - span, fixedAt);
            var afterWindow = new Interval(fixedAt, fixedAt + span);
            if (IncidentRate(all, _tenant, service, beforeWindow, _calendar) is not { } rateBefore || IncidentRate(all, _tenant, service, afterWindow, _calendar) is not { } rateAfter)
            {
                continue;
            }

            int Symptom(Interval w) => incidents.Count(i => i.Service?.Value == service && i.ShortDescription == problem.ShortDescription && w.Contains(i.OpenedAt));
            effects.Add(new FixEffect(service, problem.ShortDescription, fixedAt, span, _calendar.Between(beforeWindow.Start, beforeWindow.End).TotalHours / 10,
                rateBefore, rateAfter, Symptom(beforeWindow), Symptom(afterWindow)));
        }

        var improvements = new List<ImprovementLine>();
        foreach (var summary in await _engine.ImprovementItems.QueryAsync(_tenant, Dispatcher, new RecordQuery(), _ct).ConfigureAwait(false))
        {
            var item = await _engine.ImprovementItems.GetAsync(_tenant, new ImprovementItemId(Guid.Parse(summary.RecordId)), Dispatcher, _ct).ConfigureAwait(false);
            improvements.Add(new ImprovementLine(item.Title, item.Kpi, item.Baseline, item.Target, item.State.ToString(), item.MeasuredEffect, item.TargetReached));
        }

        // Each incident's impact (ServiceModel.ImpactOfTicket: its CIs' outage and its own service; the engine's
        // ImpactOfIncidentAsync reads the same for one incident), gathered per configuration item named.
        var model = ServiceDeskModel.ServiceModel;
        var ciImpacts = incidents
            .Where(i => i.ConfigurationItems.Count > 0)
            .Select(i => (Incident: i, Impact: model.ImpactOfTicket(i.ConfigurationItems, i.Service)))
            .SelectMany(x => x.Impact.FailedConfigurationItems.Select(ci => (ConfigurationItem: ci, x.Impact)))
            .GroupBy(x => x.ConfigurationItem, StringComparer.Ordinal)
            .Select(g =>
            {
                static string[] Union(IEnumerable<IReadOnlyList<string>> lists) => lists.SelectMany(l => l).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                var suppliers = model.Suppliers.Values.Where(s => s.ConfigurationItems.Contains(g.Key, StringComparer.Ordinal)).Select(s => s.Name).ToArray();
                return new ConfigurationItemImpact(g.Key, g.Count(), Union(g.Select(x => x.Impact.AffectedConfigurationItems)), Union(g.Select(x => x.Impact.AffectedServices)),
                    Union(g.Select(x => x.Impact.AffectedOfferings)), suppliers);
            })
            .OrderByDescending(c => c.Incidents).ThenBy(c => c.ConfigurationItem, StringComparer.Ordinal)
            .ToArray();

        return new PracticeReport
        {
            ConfigurationItems = ciImpacts,
            Problems = problems.Select(p => new ProblemLine(p.Id.ToString(), p.ShortDescription, p.Service?.Value, p.State.ToString(), p.LinkedIncidents.Count, p.RootCause,
                p.KnownError?.Workaround, knownErrorAt.TryGetValue(p.Id.ToString(), out var k) ? k : null, p.Changes.Count, p.ResolutionCode?.ToString())).ToArray(),
            KnownErrors = problems.Count(p => p.KnownError is not null),
            ResolvedByWorkaround = incidents.Count(i => i.RelatedProblem is not null && i.ResolutionCode == IncidentResolutionCode.SolvedWorkaround && i.ResolvedAt is { } r && InPeriod(r)),
            BeforeKnownError = (before.Count > 0 ? before.Average() : null, before.Count),
            WithKnownError = (with.Count > 0 ? with.Average() : null, with.Count),
            ChangesByType = byType,
            ChangeSuccess = ChangeSuccessRate.Of(closedInPeriod, causedIds),
            IncidentsCausedByChanges = causedLinks.Select(l => l.Incident).Distinct(StringComparer.Ordinal).Count(),
            ChangesCausingIncidents = causing.Count,
            FixEffects = effects,
            Improvements = improvements,
        };
    }
}
