using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Governance;
using NodaTime;
using Xunit;
using Interval = NodaTime.Interval;

namespace Itsm.Core.Tests.Governance;

/// <summary>The streaming control evaluation against <see cref="ControlReference"/> (brute force) on random histories, and its determinism.</summary>
public sealed class ControlEvaluatorPropertyTests
{
    private static readonly Instant Start = GovernanceHistoryGenerator.Start;
    private static readonly Instant End = GovernanceHistoryGenerator.End;

    /// <summary>New York, Monday to Friday 09:00-17:00, with a holiday in the period: dates, holidays and the end of daylight saving time all matter.</summary>
    private static readonly BusinessCalendar NewYork = BusinessCalendar.CreateBuilder(DateTimeZoneProviders.Tzdb["America/New_York"])
        .AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0))
        .AddHoliday(new LocalDate(2026, 11, 3))
        .Build();

    /// <summary>A random history and controls, reproducible from the seed.</summary>
    public sealed record History(int Seed, int Records, IReadOnlyList<AuditEntry> Entries, IReadOnlyList<ControlDefinition> Controls, bool WithCalendar)
    {
        public override string ToString() => $"seed {Seed}, {Records} records, {Entries.Count} entries, controls {string.Join("; ", Controls)}, calendar {WithCalendar}";
    }

    public static class Arbitraries
    {
        public static Arbitrary<History> Histories() =>
            (from seed in Gen.Choose(0, int.MaxValue - 1)
             from records in Gen.Choose(0, 60)
             from withCalendar in Gen.Elements(true, false)
             let controls = GovernanceHistoryGenerator.Controls(seed)
             where withCalendar || controls.All(c => c.DayCount != DayCount.Business)
             select new History(seed, records, GovernanceHistoryGenerator.Generate(seed, records), controls, withCalendar)).ToArbitrary();
    }

    private static ControlReport Evaluate(History history, IEnumerable<AuditEntry> entries) =>
        ControlEvaluator.Evaluate(entries, GovernanceHistory.Tenant, new Interval(Start, End), history.Controls, new ControlEvaluationOptions
        {
            Calendar = history.WithCalendar ? NewYork : null,
            ChangeAuthority = GovernanceHistoryGenerator.Policy(history.Seed),
        });

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void EveryControl_EqualsTheBruteForceReference(History history)
    {
        var report = Evaluate(history, history.Entries);
        var expected = ControlReference.Evaluate(history.Entries, GovernanceHistory.Tenant, Start, End, history.Controls, GovernanceHistoryGenerator.Policy(history.Seed), history.WithCalendar ? NewYork : null);

        for (int c = 0; c < history.Controls.Count; c++)
        {
            var result = report.Results[c];
            Assert.Same(history.Controls[c], result.Control);
            Assert.Equal(
                expected[c].Population.Order().Select(p => $"{p.Type} {p.Id}"),
                result.Population.Select(p => $"{p.RecordType} {p.RecordId}"));
            Assert.Equal(
                expected[c].Deviations.OrderBy(d => d.At).ThenBy(d => d.Type, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal).Select(d => $"{d.Type} {d.Id} {d.At}"),
                result.Deviations.Select(d => $"{d.RecordType} {d.RecordId} {d.At}"));
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 100)]
    public void Report_DoesNotDependOnHowRecordsInterleave(History history, int shuffleSeed)
    {
        // Another interleaving of the same per-record histories: each record keeps its own order.
        var random = new Random(shuffleSeed);
        var queues = history.Entries.GroupBy(e => (e.Tenant, e.RecordType, e.RecordId)).Select(g => new Queue<AuditEntry>(g)).ToList();
        var shuffled = new List<AuditEntry>();
        while (queues.Count > 0)
        {
            int q = random.Next(queues.Count);
            shuffled.Add(queues[q].Dequeue());
            if (queues[q].Count == 0)
            {
                queues.RemoveAt(q);
            }
        }

        Assert.Equal(Describe(Evaluate(history, history.Entries)), Describe(Evaluate(history, shuffled)));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 100)]
    public void EveryDeviation_ConcernsAMemberOfThePopulation_InThePeriod(History history)
    {
        foreach (var result in Evaluate(history, history.Entries).Results)
        {
            var members = result.Population.Select(p => (p.RecordType, p.RecordId)).ToHashSet();
            Assert.All(result.Deviations, d => Assert.Contains((d.RecordType, d.RecordId), members));

            // A review's deadline may be the period's end itself (the last day allowed is the period's last).
            Assert.All(result.Deviations, d => Assert.InRange(d.At, Start, End));
        }
    }

    [Fact]
    public void Generator_ProducesDeviationsAndPassesOfEveryKind()
    {
        // The reference check is only as good as the histories: every control must both hold and fail on some of them.
        var passed = new Dictionary<string, int>();
        var failed = new Dictionary<string, int>();
        for (int seed = 0; seed < 60; seed++)
        {
            var history = new History(seed, 60, GovernanceHistoryGenerator.Generate(seed, 60), GovernanceHistoryGenerator.Controls(seed), true);
            foreach (var result in Evaluate(history, history.Entries).Results)
            {
                string id = result.Control.Id;
                passed[id] = passed.GetValueOrDefault(id) + result.Population.Count - result.Deviations.Select(d => d.RecordId).Distinct().Count();
                failed[id] = failed.GetValueOrDefault(id) + result.Deviations.Count;
            }
        }

        // ... and the approvals must take every shape the evaluator reads: levels, delegates for several people, intermediate request approvals.
        var entries = Enumerable.Range(0, 60).SelectMany(seed => GovernanceHistoryGenerator.Generate(seed, 60)).ToList();
        Assert.Contains(entries, e => e.Command == "Approve" && e.Data.TryGetValue("onBehalfOf", out var p) && p.Contains(", ", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Command == "Approve" && e.Data.TryGetValue("level", out var l) && l == "Peer");
        Assert.Contains(entries, e => e.Command == "DelegateApproval");
        Assert.Contains(entries, e => e.Command == "RecordApproval");

        foreach (var id in new[] { "CHG-AUTH", "CHG-EMERG", "SOD", "MI-PIR", "FREEZE" })
        {
            Assert.True(failed.GetValueOrDefault(id) >= 10, $"{id} failed only {failed.GetValueOrDefault(id)} time(s)");
            Assert.True(passed.GetValueOrDefault(id) >= 10, $"{id} passed only {passed.GetValueOrDefault(id)} time(s)");
        }
    }

    private static string Describe(ControlReport report) => string.Join("\n", report.Results.Select(r =>
        $"{r.Control.Id}: [{string.Join(", ", r.Population.Select(p => p.RecordId))}] [{string.Join(" | ", r.Deviations.Select(d => $"{d.RecordId} {d.At} {d.Description}"))}]"))
        + "\n" + string.Join("\n", report.Warnings);
}
