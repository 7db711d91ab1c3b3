using System;
using System.Linq;
using Itsm.Sla;
using NodaTime;
using static Itsm.Core.Tests.Sla.SlaFixtures;

namespace Itsm.Core.Tests.Sla;

/// <summary><see cref="SlaTimeline"/>: which events may follow which, and the exact errors when they may not.</summary>
public sealed class SlaTimelineTests
{
    [Fact]
    public void Empty_HasNoEventsAndIsNotActive()
    {
        Assert.Empty(SlaTimeline.Empty);
        Assert.Null(SlaTimeline.Empty.Last);
        Assert.False(SlaTimeline.Empty.IsActive);
        Assert.False(SlaTimeline.Empty.IsPaused);
        Assert.True(SlaTimeline.Empty.Accepts(SlaEventKind.Started));
        Assert.False(SlaTimeline.Empty.Accepts(SlaEventKind.Paused));
    }

    [Fact]
    public void Create_AValidTimeline_KeepsTheEventsInOrder()
    {
        SlaEvent[] events =
        [
            SlaEvent.Started(Mon(9), Hours(4)),
            SlaEvent.Paused(Mon(10)),
            SlaEvent.Retargeted(Mon(10), Hours(8)),
            SlaEvent.Resumed(Mon(11)),
            SlaEvent.Stopped(Mon(12)),
            SlaEvent.Reset(Mon(13), Hours(2)),
            SlaEvent.Cancelled(Mon(14)),
        ];

        var timeline = SlaTimeline.Create(events);

        Assert.Equal(events, timeline);
        Assert.Equal(events.Length, timeline.Count);
        Assert.Equal(events[3], timeline[3]);
        Assert.Equal(events[^1], timeline.Last);
        Assert.False(timeline.IsActive);
    }

    [Fact]
    public void IsActiveAndIsPaused_FollowTheLastEvent()
    {
        var running = Timeline(SlaEvent.Started(Mon(9), Hours(4)));
        var paused = running.Append(SlaEvent.Paused(Mon(10)));
        var stopped = paused.Append(SlaEvent.Stopped(Mon(11)));

        Assert.True(running.IsActive);
        Assert.False(running.IsPaused);
        Assert.True(paused.IsActive);
        Assert.True(paused.IsPaused);
        Assert.False(stopped.IsActive);
        Assert.False(stopped.IsPaused);
    }

    [Fact]
    public void Append_ReturnsANewTimelineAndLeavesTheOriginalUnchanged()
    {
        var running = Timeline(SlaEvent.Started(Mon(9), Hours(4)));

        var paused = running.Append(SlaEvent.Paused(Mon(10)));

        Assert.Single(running);
        Assert.Equal(2, paused.Count);
        Assert.Equal(SlaEvent.Paused(Mon(10)), paused.Last);
    }

    [Fact]
    public void Accepts_FollowsTheDocumentedTransitions()
    {
        var running = Timeline(SlaEvent.Started(Mon(9), Hours(4)));
        var paused = running.Append(SlaEvent.Paused(Mon(10)));
        var stopped = running.Append(SlaEvent.Stopped(Mon(10)));
        var cancelled = running.Append(SlaEvent.Cancelled(Mon(10)));
        var all = Enum.GetValues<SlaEventKind>();

        Assert.Equal(
            new[] { SlaEventKind.Paused, SlaEventKind.Stopped, SlaEventKind.Cancelled, SlaEventKind.Reset, SlaEventKind.Retargeted },
            all.Where(running.Accepts));
        Assert.Equal(
            new[] { SlaEventKind.Resumed, SlaEventKind.Stopped, SlaEventKind.Cancelled, SlaEventKind.Reset, SlaEventKind.Retargeted },
            all.Where(paused.Accepts));
        Assert.Equal(new[] { SlaEventKind.Reset }, all.Where(stopped.Accepts));
        Assert.DoesNotContain(all, cancelled.Accepts);
    }

    [Fact]
    public void Create_EventsAtTheSameInstant_AreAllowedAndKeepTheirOrder()
    {
        var timeline = Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(9)), SlaEvent.Reset(Mon(9), Hours(2)));

        Assert.Equal(SlaEventKind.Reset, timeline.Last!.Value.Kind);
        Assert.True(timeline.IsActive);
    }

    [Fact]
    public void Create_AnEventBeforeTheOneItFollows_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(10)), SlaEvent.Resumed(Mon(9, 30))));

        Assert.Equal("events", ex.ParamName);
        Assert.Equal(
            "Event 2 (2026-11-30T09:30:00Z Resumed) is before the event it follows (2026-11-30T10:00:00Z Paused); a timeline's instants never go backwards. (Parameter 'events')",
            ex.Message);
    }

    [Fact]
    public void Create_AFirstEventOtherThanStarted_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Timeline(SlaEvent.Paused(Mon(9))));

        Assert.Equal(
            "Event 0 (2026-11-30T09:00:00Z Paused) cannot follow a clock that is not started (the first event must be Started). (Parameter 'events')",
            ex.Message);
    }

    [Fact]
    public void Create_PausedWhenAlreadyPaused_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(10)), SlaEvent.Paused(Mon(11))));

        Assert.Equal("Event 2 (2026-11-30T11:00:00Z Paused) cannot follow a clock that is paused. (Parameter 'events')", ex.Message);
    }

    [Fact]
    public void Create_PausedAfterAStop_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(10)), SlaEvent.Paused(Mon(11))));

        Assert.Equal("Event 2 (2026-11-30T11:00:00Z Paused) cannot follow a clock that is stopped (only Reset may follow). (Parameter 'events')", ex.Message);
    }

    [Fact]
    public void Create_ResumedWhenRunning_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Resumed(Mon(10))));

        Assert.Equal("Event 1 (2026-11-30T10:00:00Z Resumed) cannot follow a clock that is running. (Parameter 'events')", ex.Message);
    }

    [Fact]
    public void Create_RetargetedAfterAStop_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(10)), SlaEvent.Retargeted(Mon(11), Hours(8))));

        Assert.Equal("Event 2 (2026-11-30T11:00:00Z Retargeted 0:08:00:00) cannot follow a clock that is stopped (only Reset may follow). (Parameter 'events')", ex.Message);
    }

    [Theory]
    [InlineData(SlaEventKind.Started)]
    [InlineData(SlaEventKind.Paused)]
    [InlineData(SlaEventKind.Resumed)]
    [InlineData(SlaEventKind.Stopped)]
    [InlineData(SlaEventKind.Cancelled)]
    [InlineData(SlaEventKind.Reset)]
    [InlineData(SlaEventKind.Retargeted)]
    public void Create_AnythingAfterACancel_Throws(SlaEventKind kind)
    {
        var e = new SlaEvent(Mon(11), kind, Hours(1));

        var ex = Assert.Throws<ArgumentException>(() => Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Cancelled(Mon(10)), e));

        Assert.Equal($"Event 2 ({e}) cannot follow a clock that is cancelled (nothing may follow). (Parameter 'events')", ex.Message);
    }

    [Fact]
    public void Create_StartedWithAZeroTarget_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Timeline(SlaEvent.Started(Mon(9), Duration.Zero)));

        Assert.Equal("Event 0 (2026-11-30T09:00:00Z Started 0:00:00:00) needs a positive target. (Parameter 'events')", ex.Message);
    }

    [Fact]
    public void Create_ResetWithANegativeTarget_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Reset(Mon(10), -Hours(1))));

        Assert.Equal("Event 1 (2026-11-30T10:00:00Z Reset -0:01:00:00) needs a positive target. (Parameter 'events')", ex.Message);
    }

    [Fact]
    public void Create_RetargetedWithoutATarget_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Timeline(SlaEvent.Started(Mon(9), Hours(4)), new SlaEvent(Mon(10), SlaEventKind.Retargeted)));

        Assert.Equal("Event 1 (2026-11-30T10:00:00Z Retargeted 0:00:00:00) needs a positive target. (Parameter 'events')", ex.Message);
    }

    [Fact]
    public void Create_Null_ThrowsArgumentNull()
    {
        Assert.Equal("events", Assert.Throws<ArgumentNullException>(() => SlaTimeline.Create(null!)).ParamName);
    }

    [Fact]
    public void Append_AnEventNotAllowed_ThrowsNamingTheEventParameterAndItsIndex()
    {
        var stopped = Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(10)));

        var ex = Assert.Throws<ArgumentException>(() => stopped.Append(SlaEvent.Cancelled(Mon(11))));

        Assert.Equal("event", ex.ParamName);
        Assert.Equal("Event 2 (2026-11-30T11:00:00Z Cancelled) cannot follow a clock that is stopped (only Reset may follow). (Parameter 'event')", ex.Message);
    }

    [Fact]
    public void Append_AnEventBeforeTheLast_Throws()
    {
        var running = Timeline(SlaEvent.Started(Mon(9), Hours(4)));

        var ex = Assert.Throws<ArgumentException>(() => running.Append(SlaEvent.Stopped(Mon(8))));

        Assert.Equal(
            "Event 1 (2026-11-30T08:00:00Z Stopped) is before the event it follows (2026-11-30T09:00:00Z Started 0:04:00:00); a timeline's instants never go backwards. (Parameter 'event')",
            ex.Message);
    }

    [Fact]
    public void Equals_IsByEventsInOrder()
    {
        var a = Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(10)));
        var b = Timeline(SlaEvent.Started(Mon(9), Hours(4))).Append(SlaEvent.Paused(Mon(10)));
        var differentTarget = Timeline(SlaEvent.Started(Mon(9), Hours(8)), SlaEvent.Paused(Mon(10)));
        var prefix = Timeline(SlaEvent.Started(Mon(9), Hours(4)));

        Assert.Equal(a, b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, differentTarget);
        Assert.NotEqual(a, prefix);
        Assert.False(a.Equals(null));
        Assert.Equal(SlaTimeline.Create([]), SlaTimeline.Empty);
    }

    [Fact]
    public void ToString_ListsOneEventPerLine()
    {
        var timeline = Timeline(SlaEvent.Started(Fri(16), Hours(4)), SlaEvent.Paused(Mon(10)));

        Assert.Equal("2026-11-27T16:00:00Z Started 0:04:00:00" + Environment.NewLine + "2026-11-30T10:00:00Z Paused", timeline.ToString());
    }
}
