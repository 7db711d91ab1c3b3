using System;
using BenchmarkDotNet.Attributes;
using Itsm.Routing;
using Itsm.Services;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// "Who is on call at instant t" on a two-layer London schedule (weekly turns handing off Monday 09:00, a
/// daily weekday-daytime layer) with two overrides, at an instant 1, 10 and 100 years after the rotations
/// start: the schedule's arithmetic beside walking the handoffs (<see cref="WalkingRota"/>, the baseline).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class OnCallBenchmarks
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private OnCallSchedule _schedule = null!;
    private Instant _at;

    /// <summary>How far after the rotations' start the question is: 1, 10 or 100 years.</summary>
    [Params(1, 10, 100)]
    public int Years { get; set; }

    /// <summary>Builds the schedule, fixes the instant and checks that the walker and the schedule agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var start = new LocalDateTime(2026, 1, 5, 9, 0);
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        _schedule = new OnCallSchedule(
            new SupportGroupId("network"),
            [
                new RotaLayer("weekly", new Rotation(["ann", "ben", "cat", "dan"], Period.FromWeeks(1), start, London)),
                new RotaLayer(
                    "days",
                    new Rotation(["eve", "fay", "gus"], Period.FromDays(1), start, London),
                    Array.ConvertAll(weekdays, d => new RotaRestriction(d, new LocalTime(9, 0), new LocalTime(17, 0)))),
            ],
            [
                new RotaOverride(new Interval(Instant.FromUtc(2026, 2, 1, 0, 0), Instant.FromUtc(2026, 2, 2, 0, 0)), "hal"),
                new RotaOverride(new Interval(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 3, 2, 0, 0)), "ivy"),
            ]);

        // A Tuesday 10:30 in summer, so the daily layer answers and the instant is in BST.
        _at = new LocalDate(2026 + Years, 7, 1).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Tuesday)).At(new LocalTime(10, 30)).InZoneStrictly(London).ToInstant();
        for (int minutes = 0; minutes < 7 * 24 * 60; minutes += 97)
        {
            var at = _at + Duration.FromMinutes(minutes);
            string? walked = WalkingRota.OnCallAt(_schedule, at);
            string? fast = _schedule.OnCallAt(at).Person;
            if (walked != fast)
            {
                throw new InvalidOperationException($"At {at}: walker {walked}, schedule {fast}.");
            }
        }
    }

    /// <summary>Walking each layer's handoffs from the first: the baseline.</summary>
    /// <returns>Who is on call.</returns>
    [Benchmark(Baseline = true)]
    public string? Walker_OnCallAt() => WalkingRota.OnCallAt(_schedule, _at);

    /// <summary>The schedule's <c>OnCallAt</c>.</summary>
    /// <returns>Who is on call.</returns>
    [Benchmark]
    public string? Schedule_OnCallAt() => _schedule.OnCallAt(_at).Person;
}
