using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Improvement;
using NodaTime;

namespace Itsm.Core.Tests.Improvement;

/// <summary>
/// Every KPI of every slice computed the slow, obvious way, from docs/kpis.md and nothing else: entries
/// grouped by record, every question answered by scanning the record's entries again (the group "at" an
/// entry is the last assignment or escalation up to it), durations kept and sorted per slice, percentiles
/// by Excel's 1-based PERCENTILE.INC formula. Shares no code or state with the single pass it checks.
/// </summary>
internal static class KpiReference
{
    public const string Overall = "overall";

    /// <summary>One slice's figures: each KPI's numerator and denominator, and the durations of the duration KPIs.</summary>
    public sealed class Slice
    {
        public Dictionary<KpiId, (double Numerator, long Denominator)> Measures { get; } = [];

        public Dictionary<KpiId, List<double>> Durations { get; } = [];

        public HashSet<string> CausingChanges { get; } = new(StringComparer.Ordinal);

        /// <summary>First-contact resolution with knowledge per article id (overall slice only).</summary>
        public Dictionary<string, (double Numerator, long Denominator)> ByArticle { get; } = new(StringComparer.Ordinal);

        public void Count(KpiId kpi, bool hit) => Add(kpi, hit ? 1 : 0, 1);

        public void Add(KpiId kpi, double numerator, long denominator)
        {
            var (n, d) = Measures.GetValueOrDefault(kpi);
            Measures[kpi] = (n + numerator, d + denominator);
        }

        public void Duration(KpiId kpi, double hours)
        {
            Add(kpi, hours, 1);
            if (!Durations.TryGetValue(kpi, out var list))
            {
                Durations[kpi] = list = [];
            }

            list.Add(hours);
        }
    }

    public static string ServiceKey(string service) => "service " + service;

    public static string GroupKey(string group) => "group " + group;

    public static string PriorityKey(int priority) => "priority " + priority;

    /// <summary>Excel's PERCENTILE.INC: rank r = 1 + p(n - 1), 1-based, interpolated between the values at floor(r) and ceil(r).</summary>
    public static double PercentileInc(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var rank = 1 + (p * (sorted.Length - 1));
        var below = sorted[(int)Math.Floor(rank) - 1];
        var above = sorted[(int)Math.Ceiling(rank) - 1];
        return below + ((rank - Math.Floor(rank)) * (above - below));
    }

    /// <summary>A ticket's service at the end: the one its opening entry or its last <c>ChangeService</c> names (none when it names none).</summary>
    private static string? ServiceAtEnd(List<AuditEntry> record) =>
        record.Last(e => e.Command is "Open" or "Submit" or "ChangeService").Data.GetValueOrDefault("service");

    /// <param name="businessHours">The business hours between two instants, or null for no calendar.</param>
    public static Dictionary<string, Slice> Compute(
        IReadOnlyList<AuditEntry> all, TenantId tenant, Instant start, Instant end, Func<Instant, Instant, double>? businessHours)
    {
        var slices = new Dictionary<string, Slice>(StringComparer.Ordinal);
        Slice At(string key) => slices.TryGetValue(key, out var s) ? s : slices[key] = new Slice();
        bool InPeriod(AuditEntry e) => e.At >= start && e.At < end;

        var entries = all.Where(e => e.Tenant == tenant && e.At < end).ToList();
        List<List<AuditEntry>> Records(string type) => entries
            .Where(e => e.RecordType == type)
            .GroupBy(e => e.RecordId)
            .Select(g => g.ToList())
            .Where(r => r[0].Command is "Open" or "Submit")
            .ToList();

        var incidents = Records("Incident");
        At(Overall);

        var linkedChanges = incidents.SelectMany(r => r.Where(e => e.Command == "LinkCausedByChange").Select(e => e.Data["change"])).ToHashSet();

        foreach (var record in incidents)
        {
            var opened = record[0].At;
            var service = ServiceAtEnd(record);

            // The keys an incident has right after entry i: scan everything up to it.
            string? GroupAfter(int i)
            {
                string? group = null;
                for (var j = 0; j <= i; j++)
                {
                    group = record[j].Command switch
                    {
                        "Assign" => record[j].Data.GetValueOrDefault("group"),
                        "Unassign" => null,
                        "EscalateFunctionally" => record[j].Data["toGroup"],
                        _ => group,
                    };
                }

                return group;
            }

            int PriorityAfter(int i) => int.Parse(record.Take(i + 1).Last(e => e.Command is "Open" or "ChangeImpactOrUrgency").Data["priority"], System.Globalization.CultureInfo.InvariantCulture);

            List<Slice> SlicesAfter(int i)
            {
                var list = new List<Slice> { At(Overall) };
                if (service is not null)
                {
                    list.Add(At(ServiceKey(service)));
                }

                if (GroupAfter(i) is { } group)
                {
                    list.Add(At(GroupKey(group)));
                }

                list.Add(At(PriorityKey(PriorityAfter(i))));
                return list;
            }

            var lastIndex = record.Count - 1;
            var atEnd = SlicesAfter(lastIndex);
            var state = record[lastIndex].ToState;
            foreach (var slice in atEnd)
            {
                if (state is "New" or "InProgress" or "OnHold")
                {
                    slice.Add(KpiId.Backlog, 1, 0);
                    slice.Duration(KpiId.BacklogMeanAge, (end - opened).TotalHours);
                }

                slice.Add(KpiId.IncidentsOpened, InPeriod(record[0]) ? 1 : 0, 0);
                slice.Add(KpiId.MajorIncidents, record.Any(e => e.Command == "PromoteToMajor" && InPeriod(e)) ? 1 : 0, 0);
                foreach (var link in record.Where(e => e.Command == "LinkCausedByChange" && InPeriod(e)))
                {
                    slice.CausingChanges.Add(link.Data["change"]);
                }
            }

            var acknowledgement = record.FindIndex(e => e.FromState == "New" && e.ToState == "InProgress");
            if (acknowledgement >= 0 && InPeriod(record[acknowledgement]))
            {
                var at = record[acknowledgement].At;
                foreach (var slice in SlicesAfter(acknowledgement))
                {
                    slice.Duration(KpiId.MeanTimeToAcknowledge, (at - opened).TotalHours);
                    if (businessHours is not null)
                    {
                        slice.Duration(KpiId.MeanBusinessTimeToAcknowledge, businessHours(opened, at));
                    }
                }
            }

            // Knowledge use and first-contact resolution with knowledge: the incidents last resolved in the period,
            // by the articles they cite by the end and whether an interaction says they were resolved at first contact.
            var resolvedHere = record.FindLastIndex(e => e.Command == "Resolve" && InPeriod(e));
            if (resolvedHere >= 0)
            {
                var articles = record.Where(e => e.Command == "LinkKnowledgeArticle").Select(e => e.Data["article"]).ToList();
                var firstContact = entries.Any(e => e.RecordType == "Interaction" && e.Command == "ClassifyAsIncident"
                    && e.Data["incident"] == record[0].RecordId && e.Data["resolvedOnFirstContact"] == "true");
                foreach (var slice in SlicesAfter(resolvedHere))
                {
                    slice.Count(KpiId.KnowledgeUseRate, articles.Count > 0);
                    if (articles.Count > 0)
                    {
                        slice.Count(KpiId.KnowledgeFirstContactResolutionRate, firstContact);
                    }
                }

                foreach (var article in articles.Distinct())
                {
                    var byArticle = At(Overall).ByArticle;
                    var (n, d) = byArticle.GetValueOrDefault(article);
                    byArticle[article] = (n + (firstContact ? 1 : 0), d + 1);
                }
            }

            for (var i = 0; i < record.Count; i++)
            {
                if (record[i].Command == "RecordSatisfaction" && InPeriod(record[i]))
                {
                    var satisfied = int.Parse(record[i].Data["score"], System.Globalization.CultureInfo.InvariantCulture) >= 4;
                    SlicesAfter(i).ForEach(slice => slice.Count(KpiId.CustomerSatisfaction, satisfied));
                }
            }

            var resolution = record.FindLastIndex(e => e.Command == "Resolve" && InPeriod(e));
            if (resolution >= 0)
            {
                var at = record[resolution].At;
                var reopened = record.Any(e => e.Command == "Reopen" && InPeriod(e));
                foreach (var slice in SlicesAfter(resolution))
                {
                    slice.Duration(KpiId.MeanTimeToResolve, (at - opened).TotalHours);
                    if (businessHours is not null)
                    {
                        slice.Duration(KpiId.MeanBusinessTimeToResolve, businessHours(opened, at));
                    }

                    slice.Count(KpiId.ReopenRate, reopened);
                }
            }
        }

        foreach (var record in Records("Change"))
        {
            var keys = new List<string> { Overall };
            if (record[0].Data.TryGetValue("service", out var service))
            {
                keys.Add(ServiceKey(service));
            }
            var close = record.LastOrDefault(e => e.Command == "Close" && InPeriod(e));
            foreach (var slice in keys.Select(At))
            {
                if (InPeriod(record[0]))
                {
                    slice.Count(KpiId.EmergencyChangeRatio, record[0].Data["type"] == "Emergency");
                }

                if (close is not null)
                {
                    slice.Count(KpiId.ChangeSuccessRate,
                        close.Data["outcome"] is "Successful" or "SuccessfulWithIssues" && !linkedChanges.Contains(record[0].RecordId));
                }
            }
        }

        foreach (var record in Records("Problem").Where(r => r.Any(e => e.Command == "MarkAsKnownError" && InPeriod(e))))
        {
            At(Overall).Add(KpiId.ProblemsWithKnownErrors, 1, 0);
            if (ServiceAtEnd(record) is { } service)
            {
                At(ServiceKey(service)).Add(KpiId.ProblemsWithKnownErrors, 1, 0);
            }
        }

        foreach (var record in Records("ServiceRequest"))
        {
            var submitted = record[0].At;
            var priority = int.Parse(record[0].Data["priority"], System.Globalization.CultureInfo.InvariantCulture);
            string? GroupAfter(int i)
            {
                string? group = null;
                for (var j = 0; j <= i; j++)
                {
                    group = record[j].Command switch { "Assign" => record[j].Data.GetValueOrDefault("group"), "Unassign" => null, _ => group };
                }

                return group;
            }

            var service = ServiceAtEnd(record);
            List<Slice> SlicesAfter(int i)
            {
                var list = new List<Slice> { At(Overall) };
                if (service is not null)
                {
                    list.Add(At(ServiceKey(service)));
                }

                if (GroupAfter(i) is { } group)
                {
                    list.Add(At(GroupKey(group)));
                }

                list.Add(At(PriorityKey(priority)));
                return list;
            }

            if (InPeriod(record[0]))
            {
                SlicesAfter(record.Count - 1).ForEach(slice => slice.Add(KpiId.RequestsSubmitted, 1, 0));
            }

            var fulfil = record.FindIndex(e => e.Command == "Fulfil");
            if (fulfil >= 0 && InPeriod(record[fulfil]))
            {
                foreach (var slice in SlicesAfter(fulfil))
                {
                    slice.Duration(KpiId.MeanTimeToFulfil, (record[fulfil].At - submitted).TotalHours);
                    if (businessHours is not null)
                    {
                        slice.Duration(KpiId.MeanBusinessTimeToFulfil, businessHours(submitted, record[fulfil].At));
                    }
                }
            }

            for (var i = 0; i < record.Count; i++)
            {
                if (record[i].Command == "RecordSatisfaction" && InPeriod(record[i]))
                {
                    var satisfied = int.Parse(record[i].Data["score"], System.Globalization.CultureInfo.InvariantCulture) >= 4;
                    SlicesAfter(i).ForEach(slice => slice.Count(KpiId.CustomerSatisfaction, satisfied));
                }
            }

            var decision = record.FindIndex(e => e.Command is "Approve" or "Reject");
            if (decision >= 0 && InPeriod(record[decision]))
            {
                var asked = record.Take(decision).Last(e => e.Command == "RequestApproval").At;
                SlicesAfter(decision).ForEach(slice => slice.Duration(KpiId.MeanTimeToApprove, (record[decision].At - asked).TotalHours));
            }
        }

        var classified = entries.Where(e => e.RecordType == "Interaction" && InPeriod(e) && e.Command is "Answer" or "ClassifyAsIncident" or "ClassifyAsServiceRequest").ToList();
        At(Overall).Add(KpiId.FirstContactResolutionRate,
            classified.Count(e => e.Command == "Answer" || (e.Command == "ClassifyAsIncident" && e.Data["resolvedOnFirstContact"] == "true")),
            classified.Count);

        foreach (var slice in slices.Values)
        {
            slice.Measures[KpiId.ChangesCausingIncidents] = (slice.CausingChanges.Count, 1);
            foreach (var count in new[] { KpiId.Backlog, KpiId.IncidentsOpened, KpiId.MajorIncidents, KpiId.ProblemsWithKnownErrors, KpiId.RequestsSubmitted, KpiId.ApprovalLevelsOverdue })
            {
                slice.Measures[count] = (slice.Measures.GetValueOrDefault(count).Numerator, 1);
            }
        }

        return slices;
    }
}
