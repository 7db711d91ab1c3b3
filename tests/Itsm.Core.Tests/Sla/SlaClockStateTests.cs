using System;
using Itsm.Sla;
using NodaTime;
using static Itsm.Core.Tests.Sla.SlaFixtures;

namespace Itsm.Core.Tests.Sla;

/// <summary>The event-by-event fold <see cref="SlaClockState"/>: what it computes, and the arguments it refuses.</summary>
public sealed class SlaClockStateTests
{
    private static readonly double[] DefaultThresholds = [50.0, 75.0];

    private static SlaClockState Fold(params SlaEvent[] events)
    {
        var state = SlaClockState.Initial;
        foreach (var e in events)
        {
            state = state.Apply(e, UkOffice);
        }

        return state;
    }

    [Fact]
    public void Initial_HasNotStarted()
    {
        Assert.False(SlaClockState.Initial.HasStarted);
        Assert.Equal(default, SlaClockState.Initial);
    }

    [Fact]
    public void Apply_Started_StartsTheClockAtTheEventInstant()
    {
        var state = Fold(SlaEvent.Started(Fri(16), Hours(4)));

        Assert.True(state.HasStarted);
        Assert.Equal(Fri(16), state.LastEventAt);
    }

    [Fact]
    public void StatusAt_AfterFoldingEventByEvent_EqualsEvaluatingTheWholeTimeline()
    {
        SlaEvent[] events = [SlaEvent.Started(Fri(16), Hours(4)), SlaEvent.Paused(Mon(9, 30)), SlaEvent.Retargeted(Mon(10), Hours(8)), SlaEvent.Resumed(Mon(11))];
        var timeline = Timeline(events);

        var state = Fold(events);

        foreach (var now in new[] { Mon(11), Mon(12), Tue(9), Tue(17) })
        {
            Assert.Equal(timeline.Evaluate(now), state.StatusAt(now, UkOffice, DefaultThresholds));
        }

        Assert.Equal(Mon(11), state.LastEventAt);
    }

    [Fact]
    public void StatusAt_BeforeAnyEvent_ThrowsInvalidOperation()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => SlaClockState.Initial.StatusAt(Mon(9), UkOffice, DefaultThresholds));

        Assert.Equal("The clock has not started: apply a Started event first.", ex.Message);
    }

    [Fact]
    public void StatusAt_BeforeTheLastEvent_ThrowsArgumentOutOfRange()
    {
        var state = Fold(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(10)));

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => state.StatusAt(Mon(9, 30), UkOffice, DefaultThresholds));

        Assert.Equal("now", ex.ParamName);
        Assert.Equal(Mon(9, 30), ex.ActualValue);
        Assert.Equal(
            "The instant must not be before the last event applied (2026-11-30T10:00:00Z). (Parameter 'now')" + Environment.NewLine + "Actual value was 2026-11-30T09:30:00Z.",
            ex.Message);
    }

    [Fact]
    public void StatusAt_AtTheLastEvent_IsAllowed()
    {
        var state = Fold(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(10)));

        Assert.Equal(SlaStage.Paused, state.StatusAt(Mon(10), UkOffice, DefaultThresholds).Stage);
    }

    [Fact]
    public void StatusAt_NullArguments_ThrowArgumentNullNamingTheParameter()
    {
        var state = Fold(SlaEvent.Started(Mon(9), Hours(4)));

        Assert.Equal("calendar", Assert.Throws<ArgumentNullException>(() => state.StatusAt(Mon(9), null!, DefaultThresholds)).ParamName);
        Assert.Equal("warningThresholds", Assert.Throws<ArgumentNullException>(() => state.StatusAt(Mon(9), UkOffice, null!)).ParamName);
    }

    [Fact]
    public void Apply_NullCalendar_ThrowsArgumentNull()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => SlaClockState.Initial.Apply(SlaEvent.Started(Mon(9), Hours(4)), null!));

        Assert.Equal("calendar", ex.ParamName);
    }

    [Fact]
    public void Apply_AnEventBeforeTheLastEvent_ThrowsArgumentException()
    {
        var state = Fold(SlaEvent.Started(Mon(9), Hours(4)));

        var ex = Assert.Throws<ArgumentException>(() => state.Apply(SlaEvent.Paused(Mon(8)), UkOffice));

        Assert.Equal("event", ex.ParamName);
        Assert.Equal("The event (2026-11-30T08:00:00Z Paused) is before the last event applied (2026-11-30T09:00:00Z). (Parameter 'event')", ex.Message);
    }

    [Fact]
    public void Apply_AnEventAtTheSameInstantAsTheLast_IsAllowed()
    {
        var state = Fold(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(9)));

        Assert.Equal(SlaStage.Achieved, state.StatusAt(Mon(9), UkOffice, DefaultThresholds).Stage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void Apply_StartedWithoutAPositiveTarget_ThrowsArgumentException(int minutes)
    {
        var e = SlaEvent.Started(Mon(9), Duration.FromMinutes(minutes));

        var ex = Assert.Throws<ArgumentException>(() => SlaClockState.Initial.Apply(e, UkOffice));

        Assert.Equal("event", ex.ParamName);
        Assert.Equal($"The event ({e}) needs a positive target. (Parameter 'event')", ex.Message);
    }

    [Fact]
    public void Apply_ResetOrRetargetWithoutATarget_ThrowsArgumentException()
    {
        var state = Fold(SlaEvent.Started(Mon(9), Hours(4)));

        var reset = Assert.Throws<ArgumentException>(() => state.Apply(new SlaEvent(Mon(10), SlaEventKind.Reset), UkOffice));
        var retarget = Assert.Throws<ArgumentException>(() => state.Apply(new SlaEvent(Mon(10), SlaEventKind.Retargeted), UkOffice));

        Assert.Equal("The event (2026-11-30T10:00:00Z Reset 0:00:00:00) needs a positive target. (Parameter 'event')", reset.Message);
        Assert.Equal("The event (2026-11-30T10:00:00Z Retargeted 0:00:00:00) needs a positive target. (Parameter 'event')", retarget.Message);
    }

    [Fact]
    public void Apply_PausedBeforeTheClockStarted_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => SlaClockState.Initial.Apply(SlaEvent.Paused(Mon(9)), UkOffice));

        Assert.Equal("The event (2026-11-30T09:00:00Z Paused) cannot follow a clock that is not started (the first event must be Started). (Parameter 'event')", ex.Message);
    }

    [Fact]
    public void Apply_PausedWhenAlreadyPaused_ThrowsArgumentException()
    {
        var state = Fold(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(10)));

        var ex = Assert.Throws<ArgumentException>(() => state.Apply(SlaEvent.Paused(Mon(11)), UkOffice));

        Assert.Equal("The event (2026-11-30T11:00:00Z Paused) cannot follow a clock that is paused. (Parameter 'event')", ex.Message);
    }

    [Fact]
    public void Apply_ResumedWhenRunning_ThrowsArgumentException()
    {
        var state = Fold(SlaEvent.Started(Mon(9), Hours(4)));

        var ex = Assert.Throws<ArgumentException>(() => state.Apply(SlaEvent.Resumed(Mon(11)), UkOffice));

        Assert.Equal("The event (2026-11-30T11:00:00Z Resumed) cannot follow a clock that is running. (Parameter 'event')", ex.Message);
    }

    [Fact]
    public void Apply_StartedTwice_ThrowsArgumentException()
    {
        var state = Fold(SlaEvent.Started(Mon(9), Hours(4)));

        var ex = Assert.Throws<ArgumentException>(() => state.Apply(SlaEvent.Started(Mon(11), Hours(4)), UkOffice));

        Assert.Equal("The event (2026-11-30T11:00:00Z Started 0:04:00:00) cannot follow a clock that is running. (Parameter 'event')", ex.Message);
    }

    [Theory]
    [InlineData(SlaEventKind.Paused)]
    [InlineData(SlaEventKind.Resumed)]
    [InlineData(SlaEventKind.Stopped)]
    [InlineData(SlaEventKind.Cancelled)]
    [InlineData(SlaEventKind.Retargeted)]
    [InlineData(SlaEventKind.Started)]
    public void Apply_AnythingButResetAfterAStop_ThrowsArgumentException(SlaEventKind kind)
    {
        var state = Fold(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(10)));
        var e = new SlaEvent(Mon(11), kind, Hours(2));

        var ex = Assert.Throws<ArgumentException>(() => state.Apply(e, UkOffice));

        Assert.Equal($"The event ({e}) cannot follow a clock that is stopped (only Reset may follow). (Parameter 'event')", ex.Message);
    }

    [Theory]
    [InlineData(SlaEventKind.Paused)]
    [InlineData(SlaEventKind.Resumed)]
    [InlineData(SlaEventKind.Stopped)]
    [InlineData(SlaEventKind.Cancelled)]
    [InlineData(SlaEventKind.Reset)]
    [InlineData(SlaEventKind.Retargeted)]
    [InlineData(SlaEventKind.Started)]
    public void Apply_AnythingAfterACancel_ThrowsArgumentException(SlaEventKind kind)
    {
        var state = Fold(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Cancelled(Mon(10)));
        var e = new SlaEvent(Mon(11), kind, Hours(2));

        var ex = Assert.Throws<ArgumentException>(() => state.Apply(e, UkOffice));

        Assert.Equal($"The event ({e}) cannot follow a clock that is cancelled (nothing may follow). (Parameter 'event')", ex.Message);
    }

    [Theory]
    [InlineData(SlaProfile.Itsm, SlaDisplayStage.Breached, SlaDisplayStage.InProgress)]
    [InlineData(SlaProfile.ServiceNow, SlaDisplayStage.Completed, SlaDisplayStage.InProgress)]
    [InlineData(SlaProfile.JiraServiceManagement, SlaDisplayStage.Completed, SlaDisplayStage.PausedOutsideCalendarHours)]
    public void StatusAt_WithAProfile_GivesTheDisplayStageInThatProfilesWords_AndEveryOtherFieldUnchanged(SlaProfile profile, SlaDisplayStage stopped, SlaDisplayStage runningAtNight)
    {
        // Stopped after the 4 hours had passed (breached), and one still running, read at 18:00 outside the office hours.
        var breachedThenStopped = Fold(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(15)));
        var running = Fold(SlaEvent.Started(Mon(9), Hours(16)));

        var stoppedStatus = breachedThenStopped.StatusAt(Mon(18), UkOffice, DefaultThresholds, profile);
        var runningStatus = running.StatusAt(Mon(18), UkOffice, DefaultThresholds, profile);

        Assert.Equal(stopped, stoppedStatus.DisplayStage);
        Assert.Equal(runningAtNight, runningStatus.DisplayStage);
        Assert.Equal(breachedThenStopped.StatusAt(Mon(18), UkOffice, DefaultThresholds) with { DisplayStage = stopped }, stoppedStatus);
        Assert.Equal(running.StatusAt(Mon(18), UkOffice, DefaultThresholds) with { DisplayStage = runningAtNight }, runningStatus);
        Assert.Equal(SlaStage.Breached, stoppedStatus.Stage);
        // The same status the tracker's evaluation reports for a clock of a target of that profile.
        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(15))).Evaluate(Mon(18)) with { DisplayStage = stopped }, stoppedStatus);
    }

    [Fact]
    public void StatusAt_WithoutAProfile_IsTheLibrarysOwnWords()
    {
        var state = Fold(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(15)));

        Assert.Equal(state.StatusAt(Mon(18), UkOffice, DefaultThresholds, SlaProfile.Itsm), state.StatusAt(Mon(18), UkOffice, DefaultThresholds));
    }

    [Fact]
    public void StatusAt_WithAnUndefinedProfile_ThrowsArgumentOutOfRangeNamingIt()
    {
        var state = Fold(SlaEvent.Started(Mon(9), Hours(4)));

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => state.StatusAt(Mon(10), UkOffice, DefaultThresholds, (SlaProfile)9));

        Assert.Equal("profile", ex.ParamName);
        Assert.StartsWith("The profile must be Itsm, ServiceNow or JiraServiceManagement.", ex.Message, StringComparison.Ordinal);
    }
}
