using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Improvement;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// The full KPI set over 1,000,000 audit entries (issue 6: a single pass, under 1 s), beside a naive
/// baseline that runs one LINQ query per KPI, each grouping the entries again.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class KpiBenchmarks
{
    private const int EntryCount = 1_000_000;
    private static readonly Instant Origin = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("agent.smith", "itil");
    private static readonly string[] OpenStates = ["New", "InProgress", "OnHold"];
    private static readonly IReadOnlyDictionary<string, string> NoData = new Dictionary<string, string>();

    private readonly Instant _start = Origin + Duration.FromDays(30);
    private readonly Instant _end = Origin + Duration.FromDays(60);
    private AuditEntry[] _entries = [];
    private BusinessCalendar _calendar = null!;

    /// <summary>
    /// 1,000,000 entries over 90 days (fixed seed): incidents (about 6 entries each) on 50 services, 20
    /// groups and 5 priorities, changes, problems and interactions; the period is the middle 30 days.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        _calendar = BenchmarkCalendars.SmallLondon();
        var random = new Random(20261126);
        var entries = new List<AuditEntry>(EntryCount + 16);
        var record = 0;
        while (entries.Count < EntryCount)
        {
            record++;
            var at = Origin + Duration.FromMinutes(random.Next(0, 90 * 24 * 60));
            var id = record.ToString(CultureInfo.InvariantCulture);
            var kind = random.Next(10);
            if (kind < 7)
            {
                AddIncident(entries, random, id, at);
            }
            else if (kind < 8)
            {
                Add(entries, "Change", id, 1, at, "Open", "New", "New", ("type", random.Next(5) == 0 ? "Emergency" : "Normal"), ("services", $"service-{random.Next(50)}"));
                Add(entries, "Change", id, 2, at + Duration.FromHours(random.Next(1, 200)), "Close", "Review", "Closed", ("outcome", random.Next(6) == 0 ? "Failed" : "Successful"));
            }
            else if (kind < 9)
            {
                Add(entries, "Problem", id, 1, at, "Open", "New", "New", ("service", $"service-{random.Next(50)}"));
                Add(entries, "Problem", id, 2, at + Duration.FromHours(random.Next(1, 200)), "MarkAsKnownError", "RootCauseAnalysis", "RootCauseAnalysis", ("symptom", "s"));
            }
            else
            {
                Add(entries, "Interaction", id, 2, at, "ClassifyAsIncident", "Logged", "Incident", ("resolvedOnFirstContact", random.Next(3) == 0 ? "true" : "false"));
            }
        }

        _entries = entries.OrderBy(e => e.At).ToArray();

        var fast = SinglePass();
        var naive = NaiveLinq();
        foreach (var (kpi, measure) in naive)
        {
            if (fast.Overall[kpi].Denominator != measure.Denominator || Math.Abs(fast.Overall[kpi].Numerator - measure.Numerator) > 1e-3 * Math.Max(1, Math.Abs(measure.Numerator)))
            {
                throw new InvalidOperationException($"{kpi}: the single pass gives {fast.Overall[kpi]}, the LINQ baseline {measure}.");
            }
        }
    }

    /// <summary>One LINQ query per KPI, each filtering and grouping the entries again.</summary>
    /// <returns>The overall KPIs.</returns>
    [Benchmark(Baseline = true)]
    public Dictionary<KpiId, KpiMeasure> LinqPerKpi() => NaiveLinq();

    /// <summary>The single-pass calculator: every KPI, per service, group and priority, with business time.</summary>
    /// <returns>The report.</returns>
    [Benchmark]
    public KpiReport KpiCalculator_Compute() => SinglePass();

    private KpiReport SinglePass() => KpiCalculator.Compute(_entries, Tenant, new Interval(_start, _end), calendar: _calendar);

    private static void Add(List<AuditEntry> entries, string type, string id, long version, Instant at, string command, string from, string to, params (string Key, string Value)[] data)
    {
        var dictionary = data.Length == 0 ? NoData : data.ToDictionary(d => d.Key, d => d.Value);
        entries.Add(new AuditEntry(Tenant, type, id, version, at, Agent, command, from, to, dictionary));
    }

    private static void AddIncident(List<AuditEntry> entries, Random random, string id, Instant at)
    {
        var version = 1;
        Add(entries, "Incident", id, version++, at, "Open", "New", "New", ("callerId", "c"), ("priority", random.Next(1, 6).ToString(CultureInfo.InvariantCulture)), ("service", $"service-{random.Next(50)}"));
        at += Duration.FromMinutes(random.Next(1, 240));
        Add(entries, "Incident", id, version++, at, "Assign", "New", "InProgress", ("group", $"group-{random.Next(20)}"));
        if (random.Next(100) == 0)
        {
            Add(entries, "Incident", id, version++, at, "PromoteToMajor", "InProgress", "InProgress", ("reason", "r"));
        }

        if (random.Next(20) == 0)
        {
            Add(entries, "Incident", id, version++, at + Duration.FromMinutes(1), "LinkCausedByChange", "InProgress", "InProgress", ("change", random.Next(100_000).ToString(CultureInfo.InvariantCulture)));
        }

        if (random.Next(4) == 0)
        {
            at += Duration.FromMinutes(random.Next(1, 600));
            Add(entries, "Incident", id, version++, at, "PutOnHold", "InProgress", "OnHold", ("onHoldReason", "AwaitingCaller"));
            at += Duration.FromMinutes(random.Next(1, 600));
            Add(entries, "Incident", id, version++, at, "Resume", "OnHold", "InProgress");
        }

        if (random.Next(10) == 0)
        {
            return;
        }

        at += Duration.FromMinutes(random.Next(1, 5000));
        Add(entries, "Incident", id, version++, at, "Resolve", "InProgress", "Resolved", ("resolutionCode", "Solved"));
        if (random.Next(15) == 0)
        {
            at += Duration.FromMinutes(random.Next(1, 600));
            Add(entries, "Incident", id, version++, at, "Reopen", "Resolved", "InProgress", ("reason", "r"));
            at += Duration.FromMinutes(random.Next(1, 600));
            Add(entries, "Incident", id, version++, at, "Resolve", "InProgress", "Resolved", ("resolutionCode", "Solved"));
        }

        Add(entries, "Incident", id, version, at + Duration.FromDays(3), "Close", "Resolved", "Closed");
    }

    private Dictionary<KpiId, KpiMeasure> NaiveLinq()
    {
        IEnumerable<IGrouping<string, AuditEntry>> Records(string type) => _entries
            .Where(e => e.Tenant == Tenant && e.At < _end && e.RecordType == type)
            .GroupBy(e => e.RecordId)
            .Where(g => g.First().Command == "Open");
        bool InPeriod(AuditEntry e) => e.At >= _start;
        (double Sum, int Count) Mean(IEnumerable<double> values) => values.Aggregate((0.0, 0), (a, v) => (a.Item1 + v, a.Item2 + 1));

        var ack = Mean(Records("Incident").SelectMany(g => g.Where(e => e.Command == "Assign" && e.FromState == "New" && InPeriod(e)).Select(e => (e.At - g.First().At).TotalHours)));
        var businessAck = Mean(Records("Incident").SelectMany(g => g.Where(e => e.Command == "Assign" && e.FromState == "New" && InPeriod(e)).Select(e => _calendar.Between(g.First().At, e.At).TotalHours)));
        var resolve = Mean(Records("Incident").Where(g => g.Any(e => e.Command == "Resolve" && InPeriod(e)))
            .Select(g => (g.Last(e => e.Command == "Resolve" && InPeriod(e)).At - g.First().At).TotalHours));
        var businessResolve = Mean(Records("Incident").Where(g => g.Any(e => e.Command == "Resolve" && InPeriod(e)))
            .Select(g => _calendar.Between(g.First().At, g.Last(e => e.Command == "Resolve" && InPeriod(e)).At).TotalHours));
        var resolved = Records("Incident").Where(g => g.Any(e => e.Command == "Resolve" && InPeriod(e))).ToList();
        var backlogAge = Mean(Records("Incident").Where(g => OpenStates.Contains(g.Last().ToState)).Select(g => (_end - g.First().At).TotalHours));
        var causing = Records("Incident").SelectMany(g => g).Where(e => e.Command == "LinkCausedByChange").Select(e => e.Data["change"]).ToHashSet();
        var closed = Records("Change").Where(g => g.Any(e => e.Command == "Close" && InPeriod(e))).ToList();
        var opened = Records("Change").Where(g => InPeriod(g.First())).ToList();
        var classified = _entries.Where(e => e.Tenant == Tenant && e.RecordType == "Interaction" && InPeriod(e) && e.At < _end).ToList();

        return new Dictionary<KpiId, KpiMeasure>
        {
            [KpiId.MeanTimeToAcknowledge] = new(ack.Sum, ack.Count),
            [KpiId.MeanBusinessTimeToAcknowledge] = new(businessAck.Sum, businessAck.Count),
            [KpiId.MeanTimeToResolve] = new(resolve.Sum, resolve.Count),
            [KpiId.MeanBusinessTimeToResolve] = new(businessResolve.Sum, businessResolve.Count),
            [KpiId.ReopenRate] = new(resolved.Count(g => g.Any(e => e.Command == "Reopen" && InPeriod(e))), resolved.Count),
            [KpiId.Backlog] = new(Records("Incident").Count(g => OpenStates.Contains(g.Last().ToState)), 1),
            [KpiId.BacklogMeanAge] = new(backlogAge.Sum, backlogAge.Count),
            [KpiId.IncidentsOpened] = new(Records("Incident").Count(g => InPeriod(g.First())), 1),
            [KpiId.MajorIncidents] = new(Records("Incident").Count(g => g.Any(e => e.Command == "PromoteToMajor" && InPeriod(e))), 1),
            [KpiId.ChangesCausingIncidents] = new(Records("Incident").SelectMany(g => g)
                .Where(e => e.Command == "LinkCausedByChange" && InPeriod(e)).Select(e => e.Data["change"]).Distinct().Count(), 1),
            [KpiId.ProblemsWithKnownErrors] = new(Records("Problem").Count(g => g.Any(e => e.Command == "MarkAsKnownError" && InPeriod(e))), 1),
            [KpiId.ChangeSuccessRate] = new(
                closed.Count(g => g.Last(e => e.Command == "Close").Data["outcome"] is "Successful" or "SuccessfulWithIssues" && !causing.Contains(g.Key)),
                closed.Count),
            [KpiId.EmergencyChangeRatio] = new(opened.Count(g => g.First().Data["type"] == "Emergency"), opened.Count),
            [KpiId.FirstContactResolutionRate] = new(classified.Count(e => e.Data["resolvedOnFirstContact"] == "true"), classified.Count),
        };
    }
}
