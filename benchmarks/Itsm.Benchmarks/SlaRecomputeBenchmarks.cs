using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// Recomputing a million tickets' SLA clocks after a calendar edit (ServiceNow's "Repair SLAs", which is a
/// background job per task there): <see cref="SlaTracker.Recompute"/>, the bulk core API the engine's
/// <c>RecomputeSlaAsync</c> uses, against the naive baseline of replaying each ticket into timelines with
/// <see cref="SlaTracker.Track"/> and evaluating every clock, one ticket after another. Each ticket's history is
/// what its audit log projects to: opened as P3, in progress, on hold, back, resolved, spread over the weeks of
/// March 2026; one agreement with a response and a resolution target on the London calendar, now edited (a
/// holiday added and Friday afternoons closed). Inputs are built once; the audit reads are the store's cost, not this.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MillionTicketConfig))]
public class SlaRecomputeBenchmarks
{
    private static readonly IReadOnlyDictionary<string, BusinessCalendar> Edited = new Dictionary<string, BusinessCalendar>
    {
        ["london"] = BenchmarkCalendars.SmallLondonBuilder()
            .AddHoliday(new LocalDate(2026, 3, 17))
            .AddClosure(new LocalDate(2026, 3, 20), TimeOfDayRange.UntilEndOfDay(new LocalTime(12, 0)))
            .Build(),
    };

    private SlaTracker _tracker = null!;
    private IReadOnlyList<TicketChange>[] _histories = null!;
    private Instant _now;

    /// <summary>Tickets recomputed.</summary>
    [Params(1_000_000)]
    public int Tickets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tracker = new SlaTracker([SlaTrackerBenchmarks.ResponseAndResolution(SlaProfile.Itsm)]);

        // Tickets look alike: the snapshots are shared, as the audit projection's would be for equal fields.
        (string State, Duration After)[] steps =
        [
            ("New", Duration.Zero),
            ("InProgress", Duration.FromMinutes(25)),
            ("OnHold", Duration.FromHours(3)),
            ("InProgress", Duration.FromHours(20)),
            ("Resolved", Duration.FromHours(5)),
        ];
        var snapshots = Array.ConvertAll(steps, s => new TicketSnapshot { State = s.State, Priority = Priority.Moderate });
        var start = new LocalDateTime(2026, 3, 2, 8, 0).InZoneStrictly(BenchmarkCalendars.London).ToInstant();
        _histories = new IReadOnlyList<TicketChange>[Tickets];
        for (int i = 0; i < Tickets; i++)
        {
            var at = start + Duration.FromMinutes(i % (60 * 24 * 21));
            var history = new TicketChange[steps.Length - (i % 3 == 0 ? 1 : 0)];
            for (int j = 0; j < history.Length; j++)
            {
                at += steps[j].After;
                history[j] = new TicketChange(at, snapshots[j]);
            }

            _histories[i] = history;
        }

        _now = start + Duration.FromDays(30);
    }

    /// <summary>The naive baseline: each ticket replayed into timelines and every clock evaluated, one after another.</summary>
    /// <returns>How many clocks are breached.</returns>
    [Benchmark(Baseline = true)]
    public int ReplayEachTicket()
    {
        int breached = 0;
        foreach (var history in _histories)
        {
            foreach (var clock in _tracker.Track(history))
            {
                breached += clock.Evaluate(Edited, _now).HasEverBreached ? 1 : 0;
            }
        }

        return breached;
    }

    /// <summary>The bulk recompute: every ticket's clocks folded from its history and evaluated, on all cores.</summary>
    /// <returns>How many clocks are breached.</returns>
    [Benchmark]
    public int BulkRecompute()
    {
        int breached = 0;
        foreach (var statuses in _tracker.Recompute(_histories, Edited, _now))
        {
            foreach (var status in statuses)
            {
                breached += status is { HasEverBreached: true } ? 1 : 0;
            }
        }

        return breached;
    }

    /// <summary>
    /// Each operation takes seconds: one warm-up and three measured runs, in this process (a busy machine's
    /// build of a separate benchmark process times out before it starts).
    /// </summary>
    private sealed class MillionTicketConfig : ManualConfig
    {
        public MillionTicketConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
    }
}
