using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Sla;
using NodaTime;
using Xunit;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Improvement;

/// <summary>
/// The single-pass KPI calculator against <see cref="KpiReference"/> (brute force, every slice) on
/// random histories that follow the lifecycles' transitions, and the invariants of the rates.
/// </summary>
public sealed class KpiPropertyTests
{
    private static readonly Instant Origin = KpiHistoryGenerator.Origin;
    private static readonly Instant Start = Origin + Duration.FromDays(2);
    private static readonly Instant End = Origin + Duration.FromDays(6);

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
             select new History(seed, records, KpiHistoryGenerator.Generate(seed, records))).ToArbitrary();

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

    private static KpiReport Compute(IEnumerable<AuditEntry> entries) =>
        KpiCalculator.Compute(entries, KpiHistory.Tenant, new Interval(Start, End));

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void EverySlice_EqualsTheBruteForceReference(History history)
    {
        var report = KpiCalculator.Compute(history.Entries, KpiHistory.Tenant, new Interval(Start, End), calendar: NineToFive);
        var expected = KpiReference.Compute(history.Entries, KpiHistory.Tenant, Start, End, NineToFiveHours);

        KpiReferenceAssert.Equal(expected, report);
    }

    [Fact]
    public void Generator_EscalatesReprioritisesAndLinksExistingChanges_InThePeriod()
    {
        // The reference check above is only as good as the histories: they must move incidents between
        // groups and priorities between the moments that count, and link incidents to changes that exist.
        var entries = Enumerable.Range(0, 50).SelectMany(seed => KpiHistoryGenerator.Generate(seed, 80)).ToList();
        bool InPeriod(AuditEntry e) => e.At >= Start && e.At < End;
        var changes = entries.Where(e => e.RecordType == "Change" && e.Command == "Open").Select(e => e.RecordId).ToHashSet();
        var incidents = entries.Where(e => e.RecordType == "Incident").GroupBy(e => (e.Tenant, e.RecordId)).Select(g => g.ToList()).ToList();
        int MovedAfterAcknowledgementThenResolved(string command) => incidents.Count(r =>
            r.FindIndex(e => e.ToState == "InProgress" && e.FromState == "New") is var ack and >= 0
            && r.FindLastIndex(e => e.Command == "Resolve" && InPeriod(e)) is var resolved and >= 0
            && r.Skip(ack + 1).Take(resolved - ack).Any(e => e.Command == command));

        Assert.InRange(MovedAfterAcknowledgementThenResolved("EscalateFunctionally"), 30, int.MaxValue);
        Assert.InRange(MovedAfterAcknowledgementThenResolved("ChangeImpactOrUrgency"), 30, int.MaxValue);
        Assert.InRange(incidents.Count(r => r.SkipWhile(e => e.Command != "Resolve").Any(e => e.Command is "Assign" or "ChangeImpactOrUrgency" or "EscalateFunctionally")), 30, int.MaxValue);
        Assert.InRange(entries.Count(e => e.Command == "LinkCausedByChange" && InPeriod(e) && changes.Contains(e.Data["change"])), 100, int.MaxValue);
    }

    /// <summary>Monday to Friday, 09:00 to 17:00 UTC.</summary>
    private static readonly BusinessCalendar NineToFive =
        BusinessCalendar.CreateBuilder(DateTimeZone.Utc).AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0)).Build();

    /// <summary><see cref="NineToFive"/>'s working hours in [from, to), day by day, written without the calendar.</summary>
    private static double NineToFiveHours(Instant from, Instant to)
    {
        var hours = 0.0;
        for (var day = from.InUtc().Date; day <= to.InUtc().Date; day = day.PlusDays(1))
        {
            if (day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
            {
                continue;
            }

            var opens = Instant.Max(from, day.At(new LocalTime(9, 0)).InUtc().ToInstant());
            var closes = Instant.Min(to, day.At(new LocalTime(17, 0)).InUtc().ToInstant());
            hours += closes > opens ? (closes - opens).TotalHours : 0;
        }

        return hours;
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
