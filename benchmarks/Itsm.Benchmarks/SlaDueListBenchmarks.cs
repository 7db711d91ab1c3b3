using System;
using System.Collections.Generic;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// <see cref="SlaDueList{TKey}"/> for 100,000 running clocks beside a naive linear scan over their
/// instants, which is the baseline of each category: finding the next instant due and the clocks due
/// then ("NextDue"), and one timer tick of one minute ("Tick").
/// </summary>
/// <remarks>
/// The clocks are ints 0 to 99,999; clock i is next due at <c>Instants[i]</c>, standing for its
/// <see cref="SlaStatus.NextThresholdInstant"/>: whole seconds drawn uniformly (fixed seed) over the
/// 30 days from <see cref="BenchmarkCalendars.Start"/>, so about 2.3 clocks are due per minute.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SlaDueListBenchmarks
{
    /// <summary>The number of running clocks.</summary>
    public const int Clocks = 100_000;

    private const int Seed = 20260310;

    // How long the instants spread over, and how far a tick reschedules each clock it takes.
    private static readonly Duration Window = Duration.FromDays(30);

    private static readonly Duration TickLength = Duration.FromMinutes(1);

    // Reused by every benchmark for the clocks it collects; it never grows after the setup.
    private readonly List<int> _taken = new(1024);

    private Instant[] _instants = null!;
    private SlaDueList<int> _built = null!;

    // The tick state: each tick benchmark advances its own copy.
    private Instant[] _naiveDue = null!;
    private Instant _naiveNow;
    private Instant[] _listDue = null!;
    private SlaDueList<int> _tickList = null!;
    private Instant _listNow;

    /// <summary>
    /// The next instants due of the 100,000 clocks, indexed by clock: whole seconds, uniform over
    /// the 30 days from <see cref="BenchmarkCalendars.Start"/>, from a fixed seed.
    /// </summary>
    /// <returns>A new array.</returns>
    public static Instant[] Instants()
    {
        var random = new Random(Seed);
        int seconds = (int)(Window.ToInt64Nanoseconds() / NodaConstants.NanosecondsPerSecond);
        var instants = new Instant[Clocks];
        for (int i = 0; i < instants.Length; i++)
        {
            instants[i] = BenchmarkCalendars.Start + Duration.FromSeconds(random.Next(seconds));
        }

        return instants;
    }

    /// <summary>
    /// Draws the instants, builds the due list the "NextDue" category queries, and the state the ticks
    /// start from; checks that the scan and the due list agree on the next instant and the clocks due
    /// then, and over 2,000 ticks, and throws if not.
    /// </summary>
    /// <exception cref="InvalidOperationException">The scan and the due list disagree.</exception>
    [GlobalSetup]
    public void Setup()
    {
        _instants = Instants();

        // NextDue: the scan against the due list, built here and built by the benchmark.
        var scanned = Naive_NextDue();
        var scannedKeys = Sorted(_taken);
        var built = DueList_Build_NextDue();
        Check(scanned == built && scannedKeys.AsSpan().SequenceEqual(Sorted(_taken)), "the next instant due", scanned, built, scannedKeys, _taken);
        _built = BuildList(_instants);
        Check(_built.NextDue == scanned && DueList_NextDue() == scanned, "NextDue of the built list", scanned, _built.NextDue, scannedKeys, scannedKeys);

        // Tick: 2,000 ticks of both, compared tick by tick, then the state is rebuilt.
        ResetTicks();
        for (int tick = 0; tick < 2_000; tick++)
        {
            var naiveNext = Naive_Tick();
            var naiveKeys = Sorted(_taken);
            var listNext = DueList_Tick();
            Check(naiveNext == listNext && naiveKeys.AsSpan().SequenceEqual(Sorted(_taken)), $"tick {tick + 1}", naiveNext, listNext, naiveKeys, _taken);
        }

        ResetTicks();
    }

    /// <summary>
    /// The baseline of "NextDue": one scan of the 100,000 instants for the earliest, and a second
    /// collecting the clocks due at it.
    /// </summary>
    /// <returns>The next instant due.</returns>
    [BenchmarkCategory("NextDue")]
    [Benchmark(Baseline = true)]
    public Instant? Naive_NextDue()
    {
        var instants = _instants;
        var next = Instant.MaxValue;
        for (int i = 0; i < instants.Length; i++)
        {
            if (instants[i] < next)
            {
                next = instants[i];
            }
        }

        _taken.Clear();
        for (int i = 0; i < instants.Length; i++)
        {
            if (instants[i] <= next)
            {
                _taken.Add(i);
            }
        }

        return next;
    }

    /// <summary>Building a due list (scheduling all 100,000 clocks), then <c>NextDue</c> and <c>TakeDue</c> at it.</summary>
    /// <returns>The next instant due.</returns>
    [BenchmarkCategory("NextDue")]
    [Benchmark]
    public Instant? DueList_Build_NextDue()
    {
        var list = BuildList(_instants);
        var next = list.NextDue;
        _taken.Clear();
        if (next is Instant at)
        {
            list.TakeDue(at, _taken);
        }

        return next;
    }

    /// <summary><c>NextDue</c> of a due list of 100,000 clocks already built (what a host asks between ticks).</summary>
    /// <returns>The next instant due.</returns>
    [BenchmarkCategory("NextDue")]
    [Benchmark]
    public Instant? DueList_NextDue() => _built.NextDue;

    /// <summary>
    /// The baseline of "Tick": the clock moves on one minute; one scan of the 100,000 instants collects
    /// the clocks due, reschedules each 30 days later, and finds the next instant due.
    /// </summary>
    /// <returns>The next instant due after the tick.</returns>
    [BenchmarkCategory("Tick")]
    [Benchmark(Baseline = true)]
    public Instant? Naive_Tick()
    {
        _naiveNow += TickLength;
        var now = _naiveNow;
        var due = _naiveDue;
        var next = Instant.MaxValue;
        _taken.Clear();
        for (int i = 0; i < due.Length; i++)
        {
            var at = due[i];
            if (at <= now)
            {
                _taken.Add(i);
                at += Window;
                due[i] = at;
            }

            if (at < next)
            {
                next = at;
            }
        }

        return next;
    }

    /// <summary>
    /// One tick of the due list: the clock moves on one minute; <c>TakeDue</c> collects the clocks due,
    /// each is rescheduled 30 days later, and <c>NextDue</c> gives the instant of the next tick.
    /// </summary>
    /// <returns>The next instant due after the tick.</returns>
    [BenchmarkCategory("Tick")]
    [Benchmark]
    public Instant? DueList_Tick()
    {
        _listNow += TickLength;
        _taken.Clear();
        _tickList.TakeDue(_listNow, _taken);
        var due = _listDue;
        foreach (int key in _taken)
        {
            var at = due[key] + Window;
            due[key] = at;
            _tickList.Schedule(key, at);
        }

        return _tickList.NextDue;
    }

    private static SlaDueList<int> BuildList(Instant[] instants)
    {
        var list = new SlaDueList<int>(instants.Length, null);
        for (int i = 0; i < instants.Length; i++)
        {
            list.Schedule(i, instants[i]);
        }

        return list;
    }

    private static int[] Sorted(List<int> keys)
    {
        var sorted = keys.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static void Check(bool agree, string what, Instant? naive, Instant? list, IReadOnlyCollection<int> naiveKeys, IReadOnlyCollection<int> listKeys)
    {
        if (!agree)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The naive scan and the due list disagree on {what}: {naive} and {naiveKeys.Count} clocks by the scan, {list} and {listKeys.Count} clocks by the due list."));
        }
    }

    // Both tick states start at the same place: every clock due at its drawn instant, the clock at Start.
    private void ResetTicks()
    {
        _naiveDue = (Instant[])_instants.Clone();
        _naiveNow = BenchmarkCalendars.Start;
        _listDue = (Instant[])_instants.Clone();
        _tickList = BuildList(_instants);
        _listNow = BenchmarkCalendars.Start;
    }
}
