using System;
using Itsm.BusinessTime;
using Itsm.BusinessTime.Tests;
using Itsm.Sla;
using NodaTime;
using static Itsm.Core.Tests.Sla.SlaFixtures;

namespace Itsm.Core.Tests.Sla;

/// <summary>
/// The documented behaviour of <see cref="SlaClock.Evaluate"/> on a Monday-Friday 09:00-17:00
/// London calendar (the remarks of <see cref="SlaClockState"/> and docs/sla.md).
/// </summary>
public sealed class SlaClockTests
{
    // A P1 resolution target of 4 business hours, opened Friday 16:00.
    private static readonly SlaTimeline P1OpenedFriday1600 = Timeline(SlaEvent.Started(Fri(16), Hours(4)));

    [Fact]
    public void Evaluate_FourHourTargetOpenedFriday1600_ForecastsTheBreachAtMonday1200()
    {
        var status = P1OpenedFriday1600.Evaluate(Fri(16));

        Assert.Equal(SlaStage.InProgress, status.Stage);
        Assert.Equal(Mon(12), status.BreachInstant);
        Assert.Equal(Hours(4), status.Target);
        Assert.Equal(Duration.Zero, status.BusinessElapsed);
        Assert.Equal(Hours(4), status.BusinessRemaining);
        Assert.True(status.IsActive);
        Assert.Equal(Fri(16), status.StartedAt);
        Assert.Null(status.EndedAt);
    }

    [Fact]
    public void Evaluate_FourHourTargetOpenedFriday1600_IsInProgressOneNanosecondBeforeMonday1200()
    {
        var status = P1OpenedFriday1600.Evaluate(Mon(12) - OneNanosecond);

        Assert.Equal(SlaStage.InProgress, status.Stage);
        Assert.False(status.HasEverBreached);
        Assert.Equal(Hours(4) - OneNanosecond, status.BusinessElapsed);
        Assert.Equal(OneNanosecond, status.BusinessRemaining);
        Assert.Equal(Mon(12), status.BreachInstant);
    }

    [Fact]
    public void Evaluate_FourHourTargetOpenedFriday1600_IsBreachedAtMonday1200()
    {
        var status = P1OpenedFriday1600.Evaluate(Mon(12));

        Assert.Equal(SlaStage.Breached, status.Stage);
        Assert.True(status.HasEverBreached);
        Assert.True(status.IsActive);
        Assert.Equal(Hours(4), status.BusinessElapsed);
        Assert.Equal(Duration.Zero, status.BusinessRemaining);
        Assert.Equal(100.0, status.ElapsedPercent);
        Assert.Equal(Mon(12), status.BreachInstant);
    }

    [Fact]
    public void Evaluate_OneHourTargetOpenedFriday1600_BreachesFriday1700NotMonday0900()
    {
        var timeline = Timeline(SlaEvent.Started(Fri(16), Hours(1)));

        Assert.Equal(Fri(17), timeline.Evaluate(Fri(16)).BreachInstant);
        Assert.Equal(SlaStage.Breached, timeline.Evaluate(Fri(17)).Stage);
        Assert.Equal(SlaStage.InProgress, timeline.Evaluate(Fri(17) - OneNanosecond).Stage);
    }

    [Theory]
    [InlineData(16, 0)] // opened
    [InlineData(16, 59)]
    [InlineData(17, 0)] // end of Friday's hours: one hour counted, the weekend counts nothing
    [InlineData(23, 0)]
    public void Evaluate_BeforeFiftyPercentOnFriday_NextThresholdIsMonday1000(int hour, int minute)
    {
        Assert.Equal(Mon(10), P1OpenedFriday1600.Evaluate(Fri(hour, minute)).NextThresholdInstant);
    }

    [Fact]
    public void Evaluate_OverTheWeekendAndUntilJustBeforeFiftyPercent_NextThresholdIsMonday1000()
    {
        Assert.Equal(Mon(10), P1OpenedFriday1600.Evaluate(Sat(12)).NextThresholdInstant);
        Assert.Equal(Mon(10), P1OpenedFriday1600.Evaluate(Mon(9, 30)).NextThresholdInstant);
        Assert.Equal(Mon(10), P1OpenedFriday1600.Evaluate(Mon(10) - OneNanosecond).NextThresholdInstant);
    }

    [Fact]
    public void Evaluate_FromFiftyPercentUntilSeventyFive_NextThresholdIsMonday1100()
    {
        Assert.Equal(Mon(11), P1OpenedFriday1600.Evaluate(Mon(10)).NextThresholdInstant);
        Assert.Equal(Mon(11), P1OpenedFriday1600.Evaluate(Mon(10, 30)).NextThresholdInstant);
        Assert.Equal(Mon(11), P1OpenedFriday1600.Evaluate(Mon(11) - OneNanosecond).NextThresholdInstant);
    }

    [Fact]
    public void Evaluate_FromSeventyFivePercent_NextThresholdIsTheBreachAtMonday1200()
    {
        Assert.Equal(Mon(12), P1OpenedFriday1600.Evaluate(Mon(11)).NextThresholdInstant);
        Assert.Equal(Mon(12), P1OpenedFriday1600.Evaluate(Mon(12) - OneNanosecond).NextThresholdInstant);
    }

    [Fact]
    public void Evaluate_AtAndAfterTheBreach_WithNoThresholdAbove100_HasNoNextThreshold()
    {
        Assert.Null(P1OpenedFriday1600.Evaluate(Mon(12)).NextThresholdInstant);
        Assert.Null(P1OpenedFriday1600.Evaluate(Tue(9)).NextThresholdInstant);
    }

    [Fact]
    public void Evaluate_AtTheWarningInstants_ElapsedPercentIs50And75()
    {
        Assert.Equal(50.0, P1OpenedFriday1600.Evaluate(Mon(10)).ElapsedPercent);
        Assert.Equal(Hours(2), P1OpenedFriday1600.Evaluate(Mon(10)).BusinessElapsed);
        Assert.Equal(75.0, P1OpenedFriday1600.Evaluate(Mon(11)).ElapsedPercent);
        Assert.Equal(Hours(3), P1OpenedFriday1600.Evaluate(Mon(11)).BusinessElapsed);
    }

    [Fact]
    public void Evaluate_WithoutWarningThresholds_NextThresholdIsTheBreach()
    {
        Assert.Equal(Mon(12), P1OpenedFriday1600.Evaluate(Fri(16), DefinitionWithoutWarnings).NextThresholdInstant);
    }

    [Fact]
    public void Evaluate_WithAThresholdAbove100_SchedulesTheEscalationAfterTheBreach()
    {
        // 25% of 4 hours is reached Friday 17:00; 120% (4h48m) Monday 12:48.
        var definition = Definition(25, 120);

        Assert.Equal(Fri(17), P1OpenedFriday1600.Evaluate(Fri(16), definition).NextThresholdInstant);
        Assert.Equal(Mon(12), P1OpenedFriday1600.Evaluate(Fri(17), definition).NextThresholdInstant);
        Assert.Equal(Mon(12, 48), P1OpenedFriday1600.Evaluate(Mon(12), definition).NextThresholdInstant);
        Assert.Null(P1OpenedFriday1600.Evaluate(Mon(12, 48), definition).NextThresholdInstant);
    }

    [Fact]
    public void Evaluate_UnsortedAndRepeatedThresholds_GiveTheEarliestNextThreshold()
    {
        var definition = Definition(75, 25, 75, 50);

        Assert.Equal(Fri(17), P1OpenedFriday1600.Evaluate(Fri(16), definition).NextThresholdInstant);
        Assert.Equal(Mon(10), P1OpenedFriday1600.Evaluate(Mon(9), definition).NextThresholdInstant);
    }

    [Fact]
    public void Evaluate_AThresholdThatIsNotAWholeNanosecond_IsRoundedToTheNearestNanosecond()
    {
        // A third of one minute is 19,999,999,999.99998 ns as 100/3 percent: the threshold is at 20 s.
        var timeline = Timeline(SlaEvent.Started(Mon(9), Minutes(1)));

        var status = timeline.Evaluate(Mon(9), Definition(100.0 / 3));

        Assert.Equal(Mon(9) + Duration.FromSeconds(20), status.NextThresholdInstant);
    }

    [Fact]
    public void Evaluate_WhenOverdue_BusinessRemainingIsNegative()
    {
        var status = P1OpenedFriday1600.Evaluate(Mon(13, 30));

        Assert.Equal(SlaStage.Breached, status.Stage);
        Assert.Equal(Hours(5.5), status.BusinessElapsed);
        Assert.Equal(-Hours(1.5), status.BusinessRemaining);
        Assert.Equal(137.5, status.ElapsedPercent);
        Assert.Equal(Mon(12), status.BreachInstant);
        Assert.Equal(Mon(13, 30) - Fri(16), status.WallClockElapsed);
    }

    [Fact]
    public void Evaluate_EventsAfterNow_AreIgnored()
    {
        var timeline = Timeline(SlaEvent.Started(Fri(16), Hours(4)), SlaEvent.Paused(Mon(10)), SlaEvent.Stopped(Mon(11)));

        var beforePause = timeline.Evaluate(Mon(9, 30));
        Assert.Equal(SlaStage.InProgress, beforePause.Stage);
        Assert.Equal(Hours(1.5), beforePause.BusinessElapsed);
        Assert.Equal(Mon(12), beforePause.BreachInstant);
        Assert.Null(beforePause.EndedAt);

        var whilePaused = timeline.Evaluate(Mon(10, 30));
        Assert.Equal(SlaStage.Paused, whilePaused.Stage);
        Assert.Equal(Minutes(30), whilePaused.PausedDuration);

        Assert.Equal(SlaStage.Achieved, timeline.Evaluate(Mon(11)).Stage);
    }

    [Fact]
    public void Evaluate_WhilePaused_CountsNoBusinessTimeAndAddsTheWallClockToPausedDuration()
    {
        // Paused Monday 10:00 to Tuesday 10:00: a full business day passes without counting.
        var timeline = Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(10)), SlaEvent.Resumed(Tue(10)));

        var paused = timeline.Evaluate(Mon(16));
        Assert.Equal(SlaStage.Paused, paused.Stage);
        Assert.Equal(Hours(1), paused.BusinessElapsed);
        Assert.Equal(Hours(6), paused.PausedDuration);
        Assert.Null(paused.BreachInstant);
        Assert.Null(paused.NextThresholdInstant);
        Assert.True(paused.IsActive);

        var resumed = timeline.Evaluate(Tue(11));
        Assert.Equal(SlaStage.InProgress, resumed.Stage);
        Assert.Equal(Hours(2), resumed.BusinessElapsed);
        Assert.Equal(Hours(24), resumed.PausedDuration);
        Assert.Equal(Tue(13), resumed.BreachInstant); // three hours left at Tuesday 10:00
        Assert.Equal(Tue(11) - Mon(9), resumed.WallClockElapsed);
    }

    [Fact]
    public void Evaluate_StoppedBeforeTheTarget_IsAchievedAndFrozen()
    {
        var timeline = Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(12)));

        var status = timeline.Evaluate(Tue(16));

        Assert.Equal(SlaStage.Achieved, status.Stage);
        Assert.False(status.IsActive);
        Assert.Equal(Mon(12), status.EndedAt);
        Assert.Equal(Hours(3), status.BusinessElapsed);
        Assert.Equal(Hours(1), status.BusinessRemaining);
        Assert.Equal(Hours(3), status.WallClockElapsed);
        Assert.Null(status.BreachInstant);
        Assert.Null(status.NextThresholdInstant);
        Assert.False(status.HasEverBreached);
    }

    [Fact]
    public void Evaluate_StoppedAfterTheTarget_IsBreachedNotAchieved()
    {
        var timeline = Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(15)));

        var status = timeline.Evaluate(Tue(9));

        Assert.Equal(SlaStage.Breached, status.Stage);
        Assert.False(status.IsActive);
        Assert.Equal(Mon(13), status.BreachInstant);
        Assert.Equal(-Hours(2), status.BusinessRemaining);
        Assert.True(status.HasEverBreached);
        Assert.Null(status.NextThresholdInstant);
    }

    [Fact]
    public void Evaluate_StoppedExactlyAtTheBreachInstant_IsBreached()
    {
        var timeline = Timeline(SlaEvent.Started(Fri(16), Hours(4)), SlaEvent.Stopped(Mon(12)));

        Assert.Equal(SlaStage.Breached, timeline.Evaluate(Mon(12)).Stage);
        Assert.Equal(Mon(12), timeline.Evaluate(Tue(9)).BreachInstant);
        Assert.Equal(SlaStage.Achieved, Timeline(SlaEvent.Started(Fri(16), Hours(4)), SlaEvent.Stopped(Mon(12) - OneNanosecond)).Evaluate(Tue(9)).Stage);
    }

    [Fact]
    public void Evaluate_PausedAfterTheBreach_IsBreached()
    {
        var timeline = Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(14)));

        var status = timeline.Evaluate(Mon(16));

        Assert.Equal(SlaStage.Breached, status.Stage);
        Assert.True(status.IsActive);
        Assert.Equal(Mon(13), status.BreachInstant);
        Assert.Equal(Hours(5), status.BusinessElapsed);
        Assert.Equal(Hours(2), status.PausedDuration);
        Assert.Null(status.NextThresholdInstant);
    }

    [Fact]
    public void Evaluate_Cancelled_IsCancelledAndEnded()
    {
        var timeline = Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Cancelled(Mon(10)));

        var status = timeline.Evaluate(Mon(16));

        Assert.Equal(SlaStage.Cancelled, status.Stage);
        Assert.False(status.IsActive);
        Assert.Equal(Mon(10), status.EndedAt);
        Assert.Equal(Hours(1), status.BusinessElapsed);
        Assert.Equal(Hours(1), status.WallClockElapsed);
        Assert.Null(status.BreachInstant);
        Assert.Null(status.NextThresholdInstant);
        Assert.False(status.HasEverBreached);
    }

    [Fact]
    public void Evaluate_CancelledAfterTheBreach_IsCancelledButHasEverBreached()
    {
        var timeline = Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Cancelled(Mon(14)));

        var status = timeline.Evaluate(Mon(16));

        Assert.Equal(SlaStage.Cancelled, status.Stage);
        Assert.True(status.HasEverBreached);
        Assert.Equal(Mon(13), status.BreachInstant);
    }

    [Fact]
    public void Evaluate_RetargetBelowTheElapsedTime_BreachesAtTheRetargetInstant()
    {
        // 16 hours from Monday 09:00; at 14:00 (5 hours elapsed) the target becomes 4 hours. The
        // breach is 14:00, not 13:00: a status already reported at 13:30 said "in progress".
        var timeline = Timeline(SlaEvent.Started(Mon(9), Hours(16)), SlaEvent.Retargeted(Mon(14), Hours(4)));

        Assert.Equal(SlaStage.InProgress, timeline.Evaluate(Mon(13, 30)).Stage);
        Assert.Equal(SlaStage.InProgress, timeline.Evaluate(Mon(14) - OneNanosecond).Stage);

        var status = timeline.Evaluate(Mon(14));
        Assert.Equal(SlaStage.Breached, status.Stage);
        Assert.Equal(Mon(14), status.BreachInstant);
        Assert.True(status.HasEverBreached);
        Assert.Equal(Hours(4), status.Target);
        Assert.Equal(-Hours(1), status.BusinessRemaining);
    }

    [Fact]
    public void Evaluate_RetargetBelowTheTargetAfterABreach_KeepsTheFirstBreachInstant()
    {
        var timeline = Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Retargeted(Mon(15), Hours(2)));

        var status = timeline.Evaluate(Mon(16));

        Assert.Equal(SlaStage.Breached, status.Stage);
        Assert.Equal(Mon(13), status.BreachInstant);
        Assert.Equal(Hours(2), status.Target);
    }

    [Fact]
    public void Evaluate_RetargetAboveTheElapsedTimeAfterABreach_IsInProgressButHasEverBreached()
    {
        // 4 hours from Monday 09:00 breaches at 13:00; at 14:00 the target becomes 16 hours.
        var timeline = Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Retargeted(Mon(14), Hours(16)));

        var status = timeline.Evaluate(Mon(15));

        Assert.Equal(SlaStage.InProgress, status.Stage);
        Assert.True(status.HasEverBreached);
        Assert.Equal(Hours(6), status.BusinessElapsed);
        Assert.Equal(Hours(10), status.BusinessRemaining);
        Assert.Equal(Tue(17), status.BreachInstant);
        Assert.Equal(Mon(17), status.NextThresholdInstant); // 50% of 16 hours is 8 hours
    }

    [Fact]
    public void Evaluate_RetargetWhilePaused_StaysPausedWithTheNewTarget()
    {
        var timeline = Timeline(SlaEvent.Started(Mon(9), Hours(16)), SlaEvent.Paused(Mon(10)), SlaEvent.Retargeted(Mon(11), Hours(4)), SlaEvent.Resumed(Mon(12)));

        var paused = timeline.Evaluate(Mon(11, 30));
        Assert.Equal(SlaStage.Paused, paused.Stage);
        Assert.Equal(Hours(4), paused.Target);
        Assert.Null(paused.BreachInstant);

        Assert.Equal(Mon(15), timeline.Evaluate(Mon(12)).BreachInstant);
    }

    [Fact]
    public void Evaluate_Reset_RestartsFromZeroAndDropsTheBreachHistory()
    {
        var timeline = Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(10)), SlaEvent.Resumed(Mon(11)), SlaEvent.Reset(Mon(14), Hours(4)));

        var status = timeline.Evaluate(Mon(15));

        Assert.Equal(SlaStage.InProgress, status.Stage);
        Assert.Equal(Mon(14), status.StartedAt);
        Assert.Equal(Hours(1), status.BusinessElapsed);
        Assert.Equal(Duration.Zero, status.PausedDuration);
        Assert.Equal(Hours(1), status.WallClockElapsed);
        Assert.False(status.HasEverBreached);
        Assert.Equal(Tue(10), status.BreachInstant);
    }

    [Fact]
    public void Evaluate_ResetAfterAStop_StartsAgainFromZero()
    {
        var timeline = Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(10)), SlaEvent.Reset(Mon(11), Hours(8)));

        var status = timeline.Evaluate(Mon(12));

        Assert.Equal(SlaStage.InProgress, status.Stage);
        Assert.Equal(Hours(1), status.BusinessElapsed);
        Assert.Equal(Hours(8), status.Target);
        Assert.Null(status.EndedAt);
    }

    [Fact]
    public void Evaluate_OnTheTwentyFourSevenCalendar_CountsTheWeekend()
    {
        var timeline = Timeline(SlaEvent.Started(Fri(16), Hours(4)));

        var status = SlaClock.Evaluate(Definition(), BusinessCalendar.TwentyFourSeven, timeline, Fri(18));

        Assert.Equal(Hours(2), status.BusinessElapsed);
        Assert.Equal(Fri(20), status.BreachInstant);
    }

    [Fact]
    public void Evaluate_TheSameTimelineOnAnEditedCalendar_GivesTheNewCalendarsAnswer()
    {
        // The host adds Monday 2026-11-30 as a holiday after the fact and evaluates again.
        var edited = TestCalendars.NineToFive(TestCalendars.London)
            .AddHolidays([new LocalDate(2026, 11, 30)])
            .Build();

        var status = SlaClock.Evaluate(Definition(), edited, P1OpenedFriday1600, Fri(16));

        Assert.Equal(Tue(12), status.BreachInstant);
    }

    [Fact]
    public void Evaluate_AcrossTheSpringForward_CountsElapsedHoursNotWallClockHours()
    {
        // A 24x7 calendar in London; 4 hours from Saturday 2026-03-28 23:00 GMT. At 01:00 on Sunday
        // the clocks go forward to 02:00 BST, so the breach is at 04:00 BST (03:00 UTC), not 03:00 BST.
        var london24x7 = TestCalendars.EveryDay(TestCalendars.London, TimeOfDayRange.WholeDay).Build();
        var timeline = Timeline(SlaEvent.Started(TestCalendars.London.Local(2026, 3, 28, 23), Hours(4)));

        var status = SlaClock.Evaluate(Definition(), london24x7, timeline, TestCalendars.London.Local(2026, 3, 29, 3));

        Assert.Equal(TestCalendars.London.Local(2026, 3, 29, 4), status.BreachInstant);
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 3, 0), status.BreachInstant);
        Assert.Equal(Hours(3), status.BusinessElapsed);
    }

    [Fact]
    public void Evaluate_AnEmptyTimeline_ThrowsArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SlaClock.Evaluate(Definition(), UkOffice, SlaTimeline.Empty, Mon(9)));

        Assert.Equal("now", ex.ParamName);
        Assert.StartsWith("The timeline is empty: the clock has not started. (Parameter 'now')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BeforeTheClockStarted_ThrowsArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => P1OpenedFriday1600.Evaluate(Fri(16) - OneNanosecond));

        Assert.Equal("now", ex.ParamName);
        Assert.Equal(Fri(16) - OneNanosecond, ex.ActualValue);
        Assert.StartsWith("The instant is before the clock started (2026-11-27T16:00:00Z). (Parameter 'now')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NullArguments_ThrowArgumentNullNamingTheParameter()
    {
        Assert.Equal("definition", Assert.Throws<ArgumentNullException>(() => SlaClock.Evaluate(null!, UkOffice, P1OpenedFriday1600, Mon(9))).ParamName);
        Assert.Equal("calendar", Assert.Throws<ArgumentNullException>(() => SlaClock.Evaluate(Definition(), null!, P1OpenedFriday1600, Mon(9))).ParamName);
        Assert.Equal("timeline", Assert.Throws<ArgumentNullException>(() => SlaClock.Evaluate(Definition(), UkOffice, null!, Mon(9))).ParamName);
    }
}
