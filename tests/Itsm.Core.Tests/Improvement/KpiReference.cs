using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Improvement;
using NodaTime;

namespace Itsm.Core.Tests.Improvement;

/// <summary>
/// The KPIs of the whole tenant computed the straightforward way: one LINQ query per KPI over the
/// entries grouped by record, read from docs/kpis.md, to check the single pass against.
/// </summary>
internal static class KpiReference
{
    private static readonly string[] OpenStates = ["New", "InProgress", "OnHold"];

    public static Dictionary<KpiId, KpiMeasure> Compute(IReadOnlyList<AuditEntry> all, TenantId tenant, Instant start, Instant end)
    {
        var entries = all.Where(e => e.Tenant == tenant && e.At < end).ToList();
        bool InPeriod(AuditEntry e) => e.At >= start;
        List<IGrouping<string, AuditEntry>> Records(string type) => entries
            .Where(e => e.RecordType == type)
            .GroupBy(e => e.RecordId)
            .Where(g => g.First().Command == "Open")
            .ToList();

        var incidents = Records("Incident");
        var changes = Records("Change");
        var problems = Records("Problem");
        var interactions = entries.Where(e => e.RecordType == "Interaction" && InPeriod(e)
            && e.Command is "Answer" or "ClassifyAsIncident" or "ClassifyAsServiceRequest").ToList();

        var acknowledged = incidents
            .SelectMany(g => g.Where(e => e.FromState == "New" && e.ToState == "InProgress").Take(1).Where(InPeriod).Select(e => (e.At - g.First().At).TotalHours))
            .ToList();
        var resolved = incidents.Where(g => g.Any(e => e.Command == "Resolve" && InPeriod(e))).ToList();
        var backlog = incidents.Where(g => OpenStates.Contains(g.Last().ToState)).ToList();
        var causing = entries.Where(e => e.RecordType == "Incident" && e.Command == "LinkCausedByChange"
            && incidents.Any(g => g.Key == e.RecordId)).Select(e => e.Data["change"]).ToHashSet();
        var closed = changes.Where(g => g.Any(e => e.Command == "Close" && InPeriod(e))).ToList();
        var opened = changes.Where(g => InPeriod(g.First())).ToList();

        return new Dictionary<KpiId, KpiMeasure>
        {
            [KpiId.MeanTimeToAcknowledge] = new(acknowledged.Sum(), acknowledged.Count),
            [KpiId.MeanTimeToResolve] = new(
                resolved.Sum(g => (g.Last(e => e.Command == "Resolve" && InPeriod(e)).At - g.First().At).TotalHours), resolved.Count),
            [KpiId.ReopenRate] = new(resolved.Count(g => g.Any(e => e.Command == "Reopen" && InPeriod(e))), resolved.Count),
            [KpiId.Backlog] = new(backlog.Count, 1),
            [KpiId.BacklogMeanAge] = new(backlog.Sum(g => (end - g.First().At).TotalHours), backlog.Count),
            [KpiId.IncidentsOpened] = new(incidents.Count(g => InPeriod(g.First())), 1),
            [KpiId.MajorIncidents] = new(incidents.Count(g => g.Any(e => e.Command == "PromoteToMajor" && InPeriod(e))), 1),
            [KpiId.ChangesCausingIncidents] = new(entries
                .Where(e => e.RecordType == "Incident" && e.Command == "LinkCausedByChange" && InPeriod(e) && incidents.Any(g => g.Key == e.RecordId))
                .Select(e => e.Data["change"]).Distinct().Count(), 1),
            [KpiId.ProblemsWithKnownErrors] = new(problems.Count(g => g.Any(e => e.Command == "MarkAsKnownError" && InPeriod(e))), 1),
            [KpiId.ChangeSuccessRate] = new(
                closed.Count(g => g.Last(e => e.Command == "Close").Data["outcome"] is "Successful" or "SuccessfulWithIssues" && !causing.Contains(g.Key)),
                closed.Count),
            [KpiId.EmergencyChangeRatio] = new(opened.Count(g => g.First().Data["type"] == "Emergency"), opened.Count),
            [KpiId.FirstContactResolutionRate] = new(
                interactions.Count(e => e.Command == "Answer" || (e.Command == "ClassifyAsIncident" && e.Data["resolvedOnFirstContact"] == "true")),
                interactions.Count),
        };
    }
}
