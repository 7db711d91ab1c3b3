using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Itsm.Changes;
using Itsm.Common;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// The conflict check of one new change against a change calendar of 10,000 scheduled changes
/// (issue 5: under 50 µs), beside the pairwise baseline that compares the new change with every
/// scheduled one.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ChangeCalendarBenchmarks
{
    private static readonly Instant Origin = Instant.FromUtc(2026, 1, 1, 0, 0);

    private ScheduledChange[] _changes = [];
    private ChangeCalendar _calendar = ChangeCalendar.Empty;
    private ScheduledChange _candidate = null!;

    /// <summary>10,000 changes over a year on 200 services and 1,000 configuration items (fixed seed), and a candidate that conflicts with a few.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261126);
        _changes = Enumerable.Range(0, 10_000).Select(_ =>
        {
            var start = Origin + Duration.FromMinutes(random.Next(0, 365 * 24 * 60));
            var window = new Interval(start, start + Duration.FromMinutes(random.Next(30, 8 * 60)));
            return new ScheduledChange(
                ChangeId.New(),
                ChangeType.Normal,
                window,
                [$"service-{random.Next(200)}"],
                [$"ci-{random.Next(1000)}", $"ci-{random.Next(1000)}"]);
        }).ToArray();
        _calendar = new ChangeCalendar(_changes);
        var busy = _changes[1234];
        _candidate = new ScheduledChange(ChangeId.New(), ChangeType.Normal, busy.Window, busy.Services, [.. busy.ConfigurationItems, "ci-7"]);

        var fast = _calendar.CheckConflicts(_candidate).Select(c => c.OtherChange!.Value).OrderBy(id => id.Value).ToArray();
        var naive = Pairwise().OrderBy(id => id.Value).ToArray();
        if (fast.Length == 0 || !fast.SequenceEqual(naive))
        {
            throw new InvalidOperationException($"The indexed check found {fast.Length} conflicts, the pairwise check {naive.Length}.");
        }
    }

    /// <summary>Compares the new change with every scheduled change.</summary>
    /// <returns>The number of conflicting changes.</returns>
    [Benchmark(Baseline = true)]
    public int Pairwise_CheckConflicts() => Pairwise().Count;

    /// <summary>The change calendar's indexed check.</summary>
    /// <returns>The number of conflicts.</returns>
    [Benchmark]
    public int ChangeCalendar_CheckConflicts() => _calendar.CheckConflicts(_candidate).Count;

    private List<ChangeId> Pairwise()
    {
        var found = new List<ChangeId>();
        var window = _candidate.Window;
        foreach (var change in _changes)
        {
            if (change.Window.Start < window.End && window.Start < change.Window.End
                && (change.Services.Intersect(_candidate.Services).Any() || change.ConfigurationItems.Intersect(_candidate.ConfigurationItems).Any()))
            {
                found.Add(change.Id);
            }
        }

        return found;
    }
}
