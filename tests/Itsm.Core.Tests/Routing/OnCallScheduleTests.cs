using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck.Xunit;
using Itsm.Routing;
using Itsm.Services;
using NodaTime;
using Interval = NodaTime.Interval;
using Xunit;

namespace Itsm.Core.Tests.Routing;

public sealed class OnCallScheduleTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly SupportGroupId Network = new("network");

    /// <summary>A 24/7 weekly rotation under a weekday-daytime layer, with one override.</summary>
    private static OnCallSchedule Schedule(params RotaOverride[] overrides) => new(
        Network,
        [
            new RotaLayer("nights", new Rotation(["ann", "ben"], Period.FromWeeks(1), new LocalDateTime(2026, 3, 23, 9, 0), London)),
            new RotaLayer(
                "days",
                new Rotation(["cat", "dan"], Period.FromDays(1), new LocalDateTime(2026, 3, 23, 9, 0), London),
                [.. new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
                    .Select(d => new RotaRestriction(d, new LocalTime(9, 0), new LocalTime(17, 0)))]),
        ],
        overrides);

    [Fact]
    public void OnCallAt_HigherLayerInsideItsWindow_LowerLayerOutside()
    {
        var schedule = Schedule();

        var day = schedule.OnCallAt(Instant.FromUtc(2026, 3, 24, 10, 0));
        var evening = schedule.OnCallAt(Instant.FromUtc(2026, 3, 24, 18, 0));

        Assert.Equal(("dan", "days", 1L), (day.Person, day.Layer, day.HandoffIndex));
        Assert.Equal("'dan' is on call: layer 'days', turn #1.", day.Explanation);
        Assert.Equal(("ann", "nights"), (evening.Person, evening.Layer));
    }

    [Fact]
    public void OnCallAt_AnOverride_WinsOverEveryLayer()
    {
        var sick = new RotaOverride(new Interval(Instant.FromUtc(2026, 3, 24, 0, 0), Instant.FromUtc(2026, 3, 25, 0, 0)), "eve");

        var answer = Schedule(sick).OnCallAt(Instant.FromUtc(2026, 3, 24, 10, 0));

        Assert.Equal("eve", answer.Person);
        Assert.Same(sick, answer.Override);
        Assert.Equal("'eve' is on call: override 2026-03-24T00:00:00Z to 2026-03-25T00:00:00Z.", answer.Explanation);
    }

    [Fact]
    public void OnCallAt_BeforeEveryRotationStarts_Nobody()
    {
        var answer = Schedule().OnCallAt(Instant.FromUtc(2026, 1, 1, 0, 0));

        Assert.Null(answer.Person);
        Assert.Equal("Nobody is on call: no override applies and no layer has anyone.", answer.Explanation);
    }

    [Fact]
    public void Segments_AWeekday_HandoffsAndWindowEdges()
    {
        var segments = Schedule().Segments(new Interval(Instant.FromUtc(2026, 3, 24, 0, 0), Instant.FromUtc(2026, 3, 25, 0, 0)));

        Assert.Equal(
            [("ann", "2026-03-24T00:00:00Z"), ("dan", "2026-03-24T09:00:00Z"), ("ann", "2026-03-24T17:00:00Z")],
            segments.Select(s => (s.Person!, s.Interval.Start.ToString())).ToArray());
    }

    [Fact]
    public void Rota_AnswersPerGroup_AndRefusesAGroupWithoutASchedule()
    {
        var rota = new OnCallRota([Schedule()]);

        Assert.Equal("ann", rota.OnCallAt(Network, Instant.FromUtc(2026, 3, 28, 3, 0)).Person);
        Assert.Equal("group", Assert.Throws<ArgumentException>(() => rota.OnCallAt(new SupportGroupId("dba"), Instant.FromUtc(2026, 3, 28, 3, 0))).ParamName);
        Assert.Equal("schedules", Assert.Throws<ArgumentException>(() => new OnCallRota([Schedule(), Schedule()])).ParamName);
    }

    [Fact]
    public void InvalidDefinitions_ListEveryProblem_NamingTheParameter()
    {
        var rotation = new Rotation(["ann"], Period.FromDays(1), new LocalDateTime(2026, 1, 1, 9, 0), London);
        var layer = new RotaLayer("a", rotation);

        var layers = Assert.Throws<ArgumentException>(() => new OnCallSchedule(Network, [layer, null!, layer], [null!]));
        Assert.Equal("layers", layers.ParamName);
        Assert.Contains("layer #2 is null", layers.Message, StringComparison.Ordinal);
        Assert.Contains("layer #3 repeats the name 'a'", layers.Message, StringComparison.Ordinal);
        Assert.Contains("override #1 is null", layers.Message, StringComparison.Ordinal);
        Assert.Equal("overrides", Assert.Throws<ArgumentException>(() => new OnCallSchedule(Network, [layer], [null!])).ParamName);
        Assert.Equal("layers", Assert.Throws<ArgumentException>(() => new OnCallSchedule(Network, [])).ParamName);
        Assert.Equal("group", Assert.Throws<ArgumentException>(() => new OnCallSchedule(default, [layer])).ParamName);
        Assert.Equal("interval", Assert.Throws<ArgumentException>(() => new RotaOverride(new Interval(null, Instant.FromUtc(2026, 1, 1, 0, 0)), "eve")).ParamName);
        Assert.Equal("person", Assert.ThrowsAny<ArgumentException>(() => new RotaOverride(new Interval(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 2, 0, 0)), "")).ParamName);
        Assert.Equal("interval", Assert.Throws<ArgumentException>(() => new OnCallSchedule(Network, [layer]).Segments(new Interval(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2027, 3, 1, 0, 0)))).ParamName);
    }

    [Property(Arbitrary = [typeof(RotaArbitraries)], MaxTest = 150)]
    public bool OnCallAt_EveryFewMinutesAcrossDst_AgreesWithTheReference(RotaArbitraries.ScheduleCase c)
    {
        var handoffs = c.Schedule.Layers.Select(l => ReferenceRota.Handoffs(l.Rotation, c.Window.End)).ToList();
        foreach (var at in Samples(c.Window, c.Schedule.Segments(c.Window)))
        {
            var answer = c.Schedule.OnCallAt(at);
            var (person, layer) = ReferenceRota.Who(c.Schedule, handoffs, at);
            if (answer.Person != person || answer.Layer != layer)
            {
                throw new InvalidOperationException($"At {at}: {answer.Person}/{answer.Layer}, reference {person}/{layer}.");
            }

            // A layer without restrictions that has begun always has someone: no instant of a gap or overlap is left out.
            if (person is null && c.Schedule.Layers.Any(l => l.Restrictions.Count == 0 && l.Rotation.HandoffInstant(0) <= at))
            {
                throw new InvalidOperationException($"Nobody at {at}.");
            }
        }

        return true;
    }

    [Property(Arbitrary = [typeof(RotaArbitraries)], MaxTest = 150)]
    public bool Segments_TileTheInterval_EachHoldingTheAnswerThroughout(RotaArbitraries.ScheduleCase c)
    {
        var segments = c.Schedule.Segments(c.Window);
        if (segments[0].Interval.Start != c.Window.Start || segments[^1].Interval.End != c.Window.End)
        {
            return false;
        }

        for (int i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            if (s.Interval.Start >= s.Interval.End || (i > 0 && segments[i - 1].Interval.End != s.Interval.Start))
            {
                return false;
            }

            // Neighbours differ, so every boundary is a real change.
            if (i > 0 && segments[i - 1].Person == s.Person && segments[i - 1].Layer == s.Layer && segments[i - 1].HandoffIndex == s.HandoffIndex && ReferenceEquals(segments[i - 1].Override, s.Override))
            {
                return false;
            }
        }

        foreach (var at in Samples(c.Window, segments))
        {
            var segment = segments.Single(s => s.Interval.Contains(at));
            var answer = c.Schedule.OnCallAt(at);
            if (segment.Person != answer.Person || segment.Layer != answer.Layer || segment.HandoffIndex != answer.HandoffIndex)
            {
                throw new InvalidOperationException($"At {at}: segment {segment}, answer {answer}.");
            }
        }

        return true;
    }

    [Property(Arbitrary = [typeof(RotaArbitraries)], MaxTest = 150)]
    public bool OnCallAt_InsideAnOverride_TheLastOverrideListedWins(RotaArbitraries.ScheduleCase c, int pick)
    {
        foreach (var replacement in c.Schedule.Overrides)
        {
            var at = replacement.Interval.Start + Duration.FromTicks(Math.Abs(pick % replacement.Interval.Duration.BclCompatibleTicks));
            var winner = c.Schedule.Overrides.Last(o => o.Interval.Contains(at));
            var answer = c.Schedule.OnCallAt(at);
            if (answer.Person != winner.Person || !ReferenceEquals(answer.Override, winner))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every five minutes over the window, and a tick either side of every segment boundary.</summary>
    private static IEnumerable<Instant> Samples(Interval window, IReadOnlyList<OnCallSegment> segments)
    {
        for (var at = window.Start; at < window.End; at += Duration.FromMinutes(5))
        {
            yield return at;
        }

        foreach (var segment in segments)
        {
            yield return segment.Interval.Start;
            if (segment.Interval.Start > window.Start)
            {
                yield return segment.Interval.Start - Duration.Epsilon;
            }
        }
    }
}
