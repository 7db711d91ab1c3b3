using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Sla;
using NodaTime;
using Xunit;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Improvement;

/// <summary>
/// The single-pass KPI calculator against <see cref="KpiReference"/> (one LINQ query per KPI) on
/// random histories that follow the lifecycles' transitions, and the invariants of the rates.
/// </summary>
public sealed class KpiPropertyTests
{
    private static readonly Instant Origin = Instant.FromUtc(2026, 11, 1, 0, 0);
    private static readonly Instant Start = Origin + Duration.FromDays(2);
    private static readonly Instant End = Origin + Duration.FromDays(6);
    private static readonly string?[] Services = ["Email", "Web", "VPN", null];
    private static readonly string[] Groups = ["Desk", "Network", "Apps"];
    private static readonly string[] Outcomes = ["Successful", "SuccessfulWithIssues", "Failed", "BackedOut"];
    private static readonly string[] ChangeTypes = ["Standard", "Normal", "Emergency"];

    /// <summary>A random history, reproducible from its seed.</summary>
    public sealed record History(int Seed, int Records, IReadOnlyList<AuditEntry> Entries)
    {
        public override string ToString() => $"seed {Seed}, {Records} records, {Entries.Count} entries";
    }

    /// <summary>Random SLA outcomes: agreement ids with statuses.</summary>
    public sealed record SlaOutcomes(IReadOnlyList<(string AgreementId, SlaStatus Status)> Items)
    {
        public override string ToString() => string.Join("; ", Items.Select(i => $"{i.AgreementId} {i.Status.Stage} active={i.Status.IsActive} ended={i.Status.EndedAt}"));
    }

    public static class Arbitraries
    {
        public static Arbitrary<History> Histories() =>
            (from seed in Gen.Choose(0, int.MaxValue - 1)
             from records in Gen.Choose(0, 80)
             select new History(seed, records, Generate(seed, records))).ToArbitrary();

        public static Arbitrary<SlaOutcomes> Outcomes() =>
            (from items in Gen.ListOf(
                 from agreement in Gen.Elements("SLA-Gold", "SLA-Silver", "OLA-Net")
                 from stage in Gen.Elements(Enum.GetValues<SlaStage>())
                 from active in Gen.Elements(true, false)
                 from ended in Gen.Choose(0, 8 * 24)
                 select (agreement, new SlaStatus
                 {
                     Stage = stage,
                     IsActive = active && stage is not (SlaStage.Achieved or SlaStage.Cancelled),
                     EndedAt = active && stage is not (SlaStage.Achieved or SlaStage.Cancelled) ? null : Origin + Duration.FromHours(ended),
                 }))
             select new SlaOutcomes(items.ToArray())).ToArbitrary();
    }

    internal static List<AuditEntry> Generate(int seed, int records)
    {
        var random = new Random(seed);
        var history = new KpiHistory();
        Instant Later(Instant at) => at + Duration.FromMinutes(random.Next(1, 2 * 24 * 60));
        for (var r = 0; r < records; r++)
        {
            var at = Origin + Duration.FromMinutes(random.Next(0, 8 * 24 * 60));
            switch (random.Next(10))
            {
                case < 6:
                    GenerateIncident(random, history, $"I{r}", at, Later);
                    break;
                case < 8:
                    var id = $"C{r % 12}";
                    history.OpenChange(id + "-" + r, at, ChangeTypes[random.Next(3)], string.Join(", ", Services.Where(s => s is not null && random.Next(2) == 0)));
                    if (random.Next(3) > 0)
                    {
                        history.CloseChange(id + "-" + r, Later(at), Outcomes[random.Next(4)]);
                    }

                    break;
                case 8:
                    var service = Services[random.Next(Services.Length)];
                    history.Add("Problem", $"P{r}", at, "Open", "New", service is null ? [] : [("service", service)]);
                    if (random.Next(2) == 0)
                    {
                        history.Add("Problem", $"P{r}", Later(at), "MarkAsKnownError", "RootCauseAnalysis", ("symptom", "s"));
                    }

                    break;
                default:
                    _ = random.Next(3) switch
                    {
                        0 => history.Add("Interaction", $"N{r}", at, "Answer", "Answered", ("answer", "a")),
                        1 => history.Add("Interaction", $"N{r}", at, "ClassifyAsIncident", "Incident", ("resolvedOnFirstContact", random.Next(2) == 0 ? "true" : "false")),
                        _ => history.Add("Interaction", $"N{r}", at, "ClassifyAsServiceRequest", "ServiceRequest"),
                    };
                    break;
            }
        }

        return history.Entries.OrderBy(e => e.At).ToList();
    }

    private static void GenerateIncident(Random random, KpiHistory history, string id, Instant at, Func<Instant, Instant> later)
    {
        var tenant = random.Next(10) == 0 ? KpiHistory.OtherTenant : KpiHistory.Tenant;
        var state = "New";
        history.OpenIncident(id, at, Services[random.Next(Services.Length)], random.Next(1, 6), tenant);
        for (var step = random.Next(0, 8); step > 0 && state is not ("Closed" or "Canceled"); step--)
        {
            at = later(at);
            (string Command, string To, (string, string)[] Data) next = (state, random.Next(8)) switch
            {
                ("New", 0) => ("Assign", "InProgress", [("group", Groups[random.Next(3)])]),
                // Work started explicitly, or a group assigned under the Explicit work-start policy (stays New).
                ("New", 1) => random.Next(2) == 0 ? ("StartWork", "InProgress", []) : ("Assign", "New", [("group", Groups[random.Next(3)])]),
                ("InProgress", 0) => ("Assign", "InProgress", [("group", Groups[random.Next(3)])]),
                ("InProgress", 1) => ("Unassign", "InProgress", []),
                ("New" or "InProgress", 2) => ("PutOnHold", "OnHold", [("onHoldReason", "AwaitingVendor")]),
                ("New" or "InProgress", 3) => ("PromoteToMajor", state, [("reason", "r")]),
                ("New" or "InProgress", 4) => ("LinkCausedByChange", state, [("change", $"C{random.Next(12)}-{random.Next(80)}")]),
                ("InProgress", 5) => ("EscalateFunctionally", state, [("toGroup", Groups[random.Next(3)])]),
                ("New" or "InProgress", 5) => ("ChangeImpactOrUrgency", state, [("priority", random.Next(1, 6).ToString(CultureInfo.InvariantCulture))]),
                ("New" or "InProgress" or "OnHold", 6) => ("Resolve", "Resolved", [("resolutionCode", "SolvedPermanently")]),
                ("New" or "InProgress" or "OnHold", 7) => ("Cancel", "Canceled", [("reason", "r")]),
                ("OnHold", _) => ("Resume", "InProgress", []),
                ("Resolved", < 5) => ("Reopen", "InProgress", [("reason", "r")]),
                ("Resolved", _) => ("Close", "Closed", []),
                _ => ("Resolve", "Resolved", [("resolutionCode", "SolvedPermanently")]),
            };
            history.Add(tenant, "Incident", id, at, next.Command, next.To, next.Data);
            state = next.To;
        }
    }

    private static KpiReport Compute(IEnumerable<AuditEntry> entries) =>
        KpiCalculator.Compute(entries, KpiHistory.Tenant, new Interval(Start, End));

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void SinglePass_EqualsTheLinqReference(History history)
    {
        var overall = Compute(history.Entries).Overall;
        var expected = KpiReference.Compute(history.Entries, KpiHistory.Tenant, Start, End);

        foreach (var (kpi, measure) in expected)
        {
            Assert.True(measure.Denominator == overall[kpi].Denominator, $"{kpi}: denominator {overall[kpi].Denominator}, expected {measure.Denominator}");
            Assert.True(Math.Abs(measure.Numerator - overall[kpi].Numerator) < 1e-6, $"{kpi}: numerator {overall[kpi].Numerator}, expected {measure.Numerator}");
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void Rates_AreBetweenZeroAndOne_InEverySlice(History history)
    {
        var report = Compute(history.Entries);
        var slices = new[] { report.Overall }.Concat(report.ByService.Values).Concat(report.ByAssignmentGroup.Values).Concat(report.ByPriority.Values);

        foreach (var set in slices)
        {
            foreach (var kpi in new[] { KpiId.ReopenRate, KpiId.FirstContactResolutionRate, KpiId.ChangeSuccessRate, KpiId.EmergencyChangeRatio })
            {
                Assert.True(set[kpi].Value is null or (>= 0 and <= 1), $"{kpi} = {set[kpi].Value}");
            }
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void PrioritySlices_PartitionTheIncidents(History history)
    {
        var report = Compute(history.Entries);

        foreach (var kpi in new[] { KpiId.IncidentsOpened, KpiId.Backlog, KpiId.MajorIncidents })
        {
            Assert.Equal(report.Overall[kpi].Numerator, report.ByPriority.Values.Sum(s => s[kpi].Numerator));
        }

        foreach (var kpi in new[] { KpiId.MeanTimeToAcknowledge, KpiId.MeanTimeToResolve, KpiId.ReopenRate, KpiId.BacklogMeanAge })
        {
            Assert.Equal(report.Overall[kpi].Denominator, report.ByPriority.Values.Sum(s => s[kpi].Denominator));
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void Result_DoesNotDependOnHowRecordsInterleave(History history)
    {
        // Record by record instead of by time: each record keeps its own order.
        var byRecord = history.Entries.GroupBy(e => (e.RecordType, e.RecordId)).Reverse().SelectMany(g => g).ToList();
        var a = Compute(history.Entries).Overall;
        var b = Compute(byRecord).Overall;

        foreach (var kpi in KpiDefinitions.All)
        {
            Assert.Equal(a[kpi].Denominator, b[kpi].Denominator);
            Assert.Equal(a[kpi].Numerator, b[kpi].Numerator, 6);
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void SlaCompliance_IsAchievedOverCompletedPerAgreement(SlaOutcomes outcomes)
    {
        var report = KpiCalculator.Compute([], KpiHistory.Tenant, new Interval(Start, End), outcomes.Items);
        var completed = outcomes.Items
            .Where(o => !o.Status.IsActive && o.Status.Stage is SlaStage.Achieved or SlaStage.Breached && o.Status.EndedAt >= Start && o.Status.EndedAt < End)
            .ToList();
        var expected = completed.GroupBy(o => o.AgreementId)
            .ToDictionary(g => g.Key, g => (double)g.Count(o => o.Status.Stage == SlaStage.Achieved) / g.Count());

        Assert.Equal(expected.Keys.Order(), report.SlaComplianceByAgreement.Keys.Order());
        foreach (var (agreement, rate) in expected)
        {
            Assert.Equal(rate, report.SlaComplianceByAgreement[agreement].Value!.Value, 12);
        }

        Assert.Equal(completed.Count, report.Overall[KpiId.SlaCompliance].Denominator);
        Assert.True(report.Overall[KpiId.SlaCompliance].Value is null or (>= 0 and <= 1));
    }
}
