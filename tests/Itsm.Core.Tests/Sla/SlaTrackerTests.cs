using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Sla;
using NodaTime;
using static Itsm.Core.Tests.Sla.SlaFixtures;

namespace Itsm.Core.Tests.Sla;

/// <summary>
/// <see cref="SlaTracker"/>: from a ticket's snapshots to the timelines of its clocks, following the
/// documented evaluation order (the remarks of <see cref="SlaTracker"/> and docs/sla.md).
/// </summary>
public sealed class SlaTrackerTests
{
    private static IReadOnlyList<TrackedClock> Track(SlaTarget target, params TicketChange[] history) =>
        new SlaTracker([AgreementOf(target)]).Track(history);

    private static TrackedClock TrackOne(SlaTarget target, params TicketChange[] history) =>
        Assert.Single(Track(target, history));

    // Opening, working and resolving.

    [Fact]
    public void Track_P1OpenedFriday1600_BreachesMonday1200()
    {
        var clock = TrackOne(ResolutionTarget(), Ticket("New", P1).At(Fri(16)));

        Assert.Equal(Timeline(SlaEvent.Started(Fri(16), Hours(4))), clock.Timeline);
        Assert.Equal(0, clock.Cycle);
        Assert.Equal(P1, clock.Priority);
        Assert.Equal(Mon(12), clock.Evaluate(Fri(16)).BreachInstant);
        Assert.Equal(SlaStage.InProgress, clock.Evaluate(Mon(12) - OneNanosecond).Stage);
        Assert.Equal(SlaStage.Breached, clock.Evaluate(Mon(12)).Stage);
    }

    [Fact]
    public void Track_ResolvedBeforeTheTarget_IsAchieved()
    {
        var clock = TrackOne(
            ResolutionTarget(),
            Ticket("New", P1).At(Fri(16)),
            Ticket("InProgress", P1).At(Mon(9)),
            Ticket("Resolved", P1).At(Mon(11)),
            Ticket("Closed", P1).At(Tue(9)));

        Assert.Equal(Timeline(SlaEvent.Started(Fri(16), Hours(4)), SlaEvent.Stopped(Mon(11))), clock.Timeline);
        var status = clock.Evaluate(Tue(12));
        Assert.Equal(SlaStage.Achieved, status.Stage);
        Assert.Equal(Hours(3), status.BusinessElapsed);
    }

    [Fact]
    public void Track_ResolvedAfterTheTarget_IsBreached()
    {
        var clock = TrackOne(ResolutionTarget(), Ticket("New", P1).At(Fri(16)), Ticket("Resolved", P1).At(Mon(14)));

        var status = clock.Evaluate(Tue(9));
        Assert.Equal(SlaStage.Breached, status.Stage);
        Assert.False(status.IsActive);
        Assert.Equal(Mon(12), status.BreachInstant);
        Assert.Equal(-Hours(2), status.BusinessRemaining);
    }

    // On hold.

    [Fact]
    public void Track_TimeOnHold_IsNotCounted()
    {
        // A P4 (40 hours) on hold from Monday 16:00 to Tuesday 10:00: 18 wall-clock hours, of
        // which two are business hours.
        var clock = TrackOne(
            ResolutionTarget(),
            Ticket("New", P4).At(Mon(9)),
            Ticket("OnHold", P4, onHoldReason: "AwaitingCaller").At(Mon(16)),
            Ticket("InProgress", P4).At(Tue(10)));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(40)), SlaEvent.Paused(Mon(16)), SlaEvent.Resumed(Tue(10))), clock.Timeline);

        var onHold = clock.Evaluate(Tue(9, 30));
        Assert.Equal(SlaStage.Paused, onHold.Stage);
        Assert.Equal(Hours(7), onHold.BusinessElapsed);
        Assert.Equal(Tue(9, 30) - Mon(16), onHold.PausedDuration);

        var after = clock.Evaluate(Tue(11));
        Assert.Equal(Hours(8), after.BusinessElapsed);
        Assert.Equal(Hours(18), after.PausedDuration);
    }

    [Fact]
    public void Track_TimeOnHold_PushesTheBreachBackByTheBusinessTimeSpentOnHold()
    {
        // Opened Monday 09:00 with a 4-hour target; on hold 10:00-12:00 (two business hours).
        var clock = TrackOne(
            ResolutionTarget(),
            Ticket("New", P1).At(Mon(9)),
            Ticket("OnHold", P1, onHoldReason: "AwaitingCaller").At(Mon(10)),
            Ticket("InProgress", P1).At(Mon(12)));

        var status = clock.Evaluate(Mon(12));
        Assert.Equal(SlaStage.InProgress, status.Stage);
        Assert.Equal(Hours(1), status.BusinessElapsed);
        Assert.Equal(Hours(2), status.PausedDuration);
        Assert.Equal(Hours(3), status.WallClockElapsed);
        Assert.Equal(Mon(15), status.BreachInstant);
    }

    [Fact]
    public void Track_OpenedOnHold_StartsPaused()
    {
        var clock = TrackOne(ResolutionTarget(), Ticket("OnHold", P1, onHoldReason: "AwaitingCaller").At(Mon(9)), Ticket("InProgress", P1).At(Mon(11)));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(9)), SlaEvent.Resumed(Mon(11))), clock.Timeline);
    }

    [Fact]
    public void Track_WithAResumeCondition_StaysPausedUntilItHolds()
    {
        var conditions = IncidentConditions with { Resume = SlaCondition.FieldIn("attributes.callerReplied", ["true"]) };
        var clock = TrackOne(
            ResolutionTarget(conditions: conditions),
            Ticket("New", P1).At(Mon(9)),
            Ticket("OnHold", P1, onHoldReason: "AwaitingCaller").At(Mon(10)),
            Ticket("InProgress", P1).At(Mon(11)),
            Ticket("InProgress", P1).WithAttribute("callerReplied", "true").At(Mon(12)));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(10)), SlaEvent.Resumed(Mon(12))), clock.Timeline);
    }

    [Fact]
    public void Track_PauseConditionHoldsWhileStartConditionStopsHolding_StaysPausedAndIsNotCancelled()
    {
        // ServiceNow's overlap: the start condition (New or InProgress) stops holding on the very
        // snapshot where the pause condition (OnHold) starts to hold. The clock pauses; it is not
        // cancelled, and no new cycle starts when the start condition holds again.
        var conditions = IncidentConditions with { Start = SlaCondition.StateIn("New", "InProgress") };
        var target = ResolutionTarget(conditions: conditions);

        var clocks = Track(
            target,
            Ticket("New", P1).At(Mon(9)),
            Ticket("OnHold", P1, onHoldReason: "AwaitingVendor").At(Mon(10)),
            Ticket("OnHold", P1, onHoldReason: "AwaitingCaller").At(Mon(11)),
            Ticket("InProgress", P1).At(Mon(14)),
            Ticket("Resolved", P1).At(Mon(15)));

        var clock = Assert.Single(clocks);
        Assert.Equal(
            Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(10)), SlaEvent.Resumed(Mon(14)), SlaEvent.Stopped(Mon(15))),
            clock.Timeline);
        var status = clock.Evaluate(Mon(16));
        Assert.Equal(SlaStage.Achieved, status.Stage);
        Assert.Equal(Hours(2), status.BusinessElapsed);
        Assert.Equal(Hours(4), status.PausedDuration);
    }

    [Fact]
    public void Track_StillOnHoldOutsideTheStartStates_IsPaused()
    {
        var conditions = IncidentConditions with { Start = SlaCondition.StateIn("New", "InProgress") };

        var clock = TrackOne(ResolutionTarget(conditions: conditions), Ticket("New", P1).At(Mon(9)), Ticket("OnHold", P1).At(Mon(10)));

        var status = clock.Evaluate(Tue(16));
        Assert.Equal(SlaStage.Paused, status.Stage);
        Assert.True(status.IsActive);
        Assert.Null(status.EndedAt);
    }

    // Cancel.

    [Fact]
    public void Track_CancelConditionHolds_CancelsTheClock()
    {
        var clock = TrackOne(ResolutionTarget(), Ticket("New", P1).At(Mon(9)), Ticket("Canceled", P1).At(Mon(10)));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Cancelled(Mon(10))), clock.Timeline);
        var status = clock.Evaluate(Mon(16));
        Assert.Equal(SlaStage.Cancelled, status.Stage);
        Assert.False(status.IsActive);
        Assert.Equal(Mon(10), status.EndedAt);
        Assert.Null(status.NextThresholdInstant);
    }

    [Fact]
    public void Track_CancelWhilePaused_Cancels()
    {
        var clock = TrackOne(ResolutionTarget(), Ticket("New", P1).At(Mon(9)), Ticket("OnHold", P1).At(Mon(10)), Ticket("Canceled", P1).At(Mon(11)));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(10)), SlaEvent.Cancelled(Mon(11))), clock.Timeline);
    }

    [Fact]
    public void Track_CancelTakesPrecedenceOverStopOnTheSameSnapshot()
    {
        var conditions = IncidentConditions with { Stop = SlaCondition.StateIn("Resolved", "Canceled") };

        var clock = TrackOne(ResolutionTarget(conditions: conditions), Ticket("New", P1).At(Mon(9)), Ticket("Canceled", P1).At(Mon(10)));

        Assert.Equal(SlaEventKind.Cancelled, clock.Timeline.Last!.Value.Kind);
    }

    [Fact]
    public void Track_StartWhileTheCancelConditionHolds_DoesNotStart()
    {
        var conditions = IncidentConditions with { Start = SlaCondition.Always };

        Assert.Empty(Track(ResolutionTarget(conditions: conditions), Ticket("Canceled", P1).At(Mon(9))));
    }

    // Reset.

    [Fact]
    public void Track_ResetConditionBecomingTrue_RestartsFromZero()
    {
        var conditions = IncidentConditions with { Reset = SlaCondition.FieldIn("assignmentGroup", ["MajorIncident"]) };

        var clock = TrackOne(
            ResolutionTarget(conditions: conditions),
            Ticket("New", P1, group: "ServiceDesk").At(Mon(9)),
            Ticket("InProgress", P1, group: "MajorIncident").At(Mon(11)),
            Ticket("InProgress", P1, group: "MajorIncident", onHoldReason: "x").At(Mon(12)),
            Ticket("InProgress", P1, group: "MajorIncident").At(Mon(13)));

        // A reset condition that stays true does not reset again at 12:00 or 13:00.
        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Reset(Mon(11), Hours(4))), clock.Timeline);
        var status = clock.Evaluate(Mon(14));
        Assert.Equal(Mon(11), status.StartedAt);
        Assert.Equal(Hours(3), status.BusinessElapsed);
        Assert.Equal(Mon(15), status.BreachInstant);
    }

    [Fact]
    public void Track_ResetConditionBecomingTrueAgain_ResetsAgain()
    {
        var conditions = IncidentConditions with { Reset = SlaCondition.FieldIn("assignmentGroup", ["MajorIncident"]) };

        var clock = TrackOne(
            ResolutionTarget(conditions: conditions),
            Ticket("New", P1, group: "ServiceDesk").At(Mon(9)),
            Ticket("InProgress", P1, group: "MajorIncident").At(Mon(11)),
            Ticket("InProgress", P1, group: "ServiceDesk").At(Mon(12)),
            Ticket("InProgress", P1, group: "MajorIncident").At(Mon(13)));

        Assert.Equal(
            Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Reset(Mon(11), Hours(4)), SlaEvent.Reset(Mon(13), Hours(4))),
            clock.Timeline);
    }

    [Fact]
    public void Track_ResetConditionAlreadyTrueWhenTheClockStarts_DoesNotReset()
    {
        var conditions = IncidentConditions with { Reset = SlaCondition.FieldIn("assignmentGroup", ["MajorIncident"]) };

        var clock = TrackOne(
            ResolutionTarget(conditions: conditions),
            Ticket("New", P1, group: "MajorIncident").At(Mon(9)),
            Ticket("InProgress", P1, group: "MajorIncident").At(Mon(10)));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4))), clock.Timeline);
    }

    [Fact]
    public void Track_ResetWhileOnHold_RestartsAndPausesAgain()
    {
        var conditions = IncidentConditions with { Reset = SlaCondition.FieldIn("assignmentGroup", ["MajorIncident"]) };

        var clock = TrackOne(
            ResolutionTarget(conditions: conditions),
            Ticket("New", P1, group: "ServiceDesk").At(Mon(9)),
            Ticket("OnHold", P1, group: "ServiceDesk").At(Mon(10)),
            Ticket("OnHold", P1, group: "MajorIncident").At(Mon(11)));

        Assert.Equal(
            Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(10)), SlaEvent.Reset(Mon(11), Hours(4)), SlaEvent.Paused(Mon(11))),
            clock.Timeline);
    }

    [Fact]
    public void Track_ResetTakesTheCurrentPrioritysTarget()
    {
        var conditions = IncidentConditions with { Reset = SlaCondition.FieldIn("assignmentGroup", ["MajorIncident"]) };

        var clock = TrackOne(
            ResolutionTarget(conditions: conditions),
            Ticket("New", P3, group: "ServiceDesk").At(Mon(9)),
            Ticket("InProgress", P2, group: "MajorIncident").At(Mon(11)));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(16)), SlaEvent.Reset(Mon(11), Hours(8))), clock.Timeline);
        Assert.Equal(P2, clock.Priority);
    }

    // Stop, reopen, start and stop on one snapshot.

    [Fact]
    public void Track_ReopenedAfterResolution_StartsANewCycle()
    {
        var clocks = Track(
            ResolutionTarget(),
            Ticket("New", P1).At(Mon(9)),
            Ticket("Resolved", P1).At(Mon(10)),
            Ticket("InProgress", P1).At(Mon(11)),
            Ticket("Resolved", P1).At(Mon(12)));

        Assert.Equal(2, clocks.Count);
        Assert.Equal(0, clocks[0].Cycle);
        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(10))), clocks[0].Timeline);
        Assert.Equal(1, clocks[1].Cycle);
        Assert.Equal(Timeline(SlaEvent.Started(Mon(11), Hours(4)), SlaEvent.Stopped(Mon(12))), clocks[1].Timeline);
        Assert.Equal(SlaStage.Achieved, clocks[1].Evaluate(Mon(13)).Stage);
        Assert.Equal(Hours(1), clocks[1].Evaluate(Mon(13)).BusinessElapsed);
    }

    [Fact]
    public void Track_StartAndStopOnTheSameSnapshot_StartsAndStopsAtOnce()
    {
        // A response target: it starts on any snapshot and stops once the ticket has left New. The
        // ticket is created already in progress.
        var response = new SlaTarget
        {
            Metric = SlaMetric.Response,
            Durations = ResolutionDurations,
            Conditions = new SlaConditions { Start = SlaCondition.Always, Stop = SlaCondition.Not(SlaCondition.StateIn("New")) },
        };

        var clock = TrackOne(response, Ticket("InProgress", P1).At(Mon(9)), Ticket("InProgress", P1).At(Mon(10)));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(9))), clock.Timeline);
        var status = clock.Evaluate(Mon(12));
        Assert.Equal(SlaStage.Achieved, status.Stage);
        Assert.Equal(Duration.Zero, status.BusinessElapsed);
    }

    [Fact]
    public void Track_AStopAndAStartOnTheSameSnapshot_NeverRestartTheClock()
    {
        // The start condition holds throughout, so once stopped the clock never starts again, even
        // when the stop condition no longer holds.
        var response = new SlaTarget
        {
            Metric = SlaMetric.Response,
            Durations = ResolutionDurations,
            Conditions = new SlaConditions { Start = SlaCondition.Always, Stop = SlaCondition.Not(SlaCondition.StateIn("New")) },
        };

        var clock = TrackOne(response, Ticket("New", P1).At(Mon(9)), Ticket("InProgress", P1).At(Mon(10)), Ticket("New", P1).At(Mon(11)), Ticket("InProgress", P1).At(Mon(12)));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Stopped(Mon(10))), clock.Timeline);
    }

    // Priority changes.

    [Fact]
    public void Track_P3EscalatedToP1_UnderRetarget_KeepsTheElapsedTimeAndAppliesTheFourHourTarget()
    {
        var clock = TrackOne(
            ResolutionTarget(PriorityChangePolicy.Retarget),
            Ticket("New", P3).At(Mon(9)),
            Ticket("InProgress", P1).At(Mon(11)));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(16)), SlaEvent.Retargeted(Mon(11), Hours(4))), clock.Timeline);
        Assert.Equal(0, clock.Cycle);
        Assert.Equal(P1, clock.Priority);

        var status = clock.Evaluate(Mon(12));
        Assert.Equal(Hours(4), status.Target);
        Assert.Equal(Hours(3), status.BusinessElapsed);
        Assert.Equal(Hours(1), status.BusinessRemaining);
        Assert.Equal(Mon(9), status.StartedAt);
        Assert.Equal(Mon(13), status.BreachInstant);
    }

    [Fact]
    public void Track_P3EscalatedToP1AfterFourHours_UnderRetarget_BreachesAtTheEscalation()
    {
        var clock = TrackOne(
            ResolutionTarget(PriorityChangePolicy.Retarget),
            Ticket("New", P3).At(Mon(9)),
            Ticket("InProgress", P1).At(Mon(14)));

        Assert.Equal(SlaStage.InProgress, clock.Evaluate(Mon(14) - OneNanosecond).Stage);
        var status = clock.Evaluate(Mon(14));
        Assert.Equal(SlaStage.Breached, status.Stage);
        Assert.Equal(Mon(14), status.BreachInstant);
    }

    [Fact]
    public void Track_PriorityChangeToOneWithTheSameTarget_AddsNoEventButRecordsThePriority()
    {
        var durations = new Dictionary<Priority, Duration> { [P1] = Hours(4), [P2] = Hours(4) };
        var target = ResolutionTarget() with { Durations = durations };

        var clock = TrackOne(target, Ticket("New", P2).At(Mon(9)), Ticket("InProgress", P1).At(Mon(10)));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4))), clock.Timeline);
        Assert.Equal(P1, clock.Priority);
    }

    [Fact]
    public void Track_P3EscalatedToP1_UnderCancelAndRestartRetroactive_WithRetroactivePauses_ReplaysThePauses()
    {
        var clocks = Track(
            ResolutionTarget(PriorityChangePolicy.CancelAndRestartRetroactive, retroactivePauses: true),
            Ticket("New", P3).At(Fri(16)),
            Ticket("OnHold", P3, onHoldReason: "AwaitingCaller").At(Mon(9)),
            Ticket("InProgress", P3).At(Mon(10)),
            Ticket("InProgress", P1).At(Mon(11)));

        Assert.Equal(2, clocks.Count);
        Assert.Equal(0, clocks[0].Cycle);
        Assert.Equal(P3, clocks[0].Priority);
        Assert.Equal(
            Timeline(SlaEvent.Started(Fri(16), Hours(16)), SlaEvent.Paused(Mon(9)), SlaEvent.Resumed(Mon(10)), SlaEvent.Cancelled(Mon(11))),
            clocks[0].Timeline);
        Assert.Equal(SlaStage.Cancelled, clocks[0].Evaluate(Mon(12)).Stage);

        Assert.Equal(1, clocks[1].Cycle);
        Assert.Equal(P1, clocks[1].Priority);
        Assert.Equal(Timeline(SlaEvent.Started(Fri(16), Hours(4)), SlaEvent.Paused(Mon(9)), SlaEvent.Resumed(Mon(10))), clocks[1].Timeline);
        var status = clocks[1].Evaluate(Mon(11));
        Assert.Equal(Fri(16), status.StartedAt);
        Assert.Equal(Hours(2), status.BusinessElapsed);
        Assert.Equal(Hours(1), status.PausedDuration);
        Assert.Equal(Mon(13), status.BreachInstant);
    }

    [Fact]
    public void Track_P3EscalatedToP1_UnderCancelAndRestartRetroactive_WithoutRetroactivePauses_CountsThePausedTime()
    {
        var clocks = Track(
            ResolutionTarget(PriorityChangePolicy.CancelAndRestartRetroactive, retroactivePauses: false),
            Ticket("New", P3).At(Fri(16)),
            Ticket("OnHold", P3, onHoldReason: "AwaitingCaller").At(Mon(9)),
            Ticket("InProgress", P3).At(Mon(10)),
            Ticket("InProgress", P1).At(Mon(11)));

        Assert.Equal(2, clocks.Count);
        Assert.Equal(SlaEventKind.Cancelled, clocks[0].Timeline.Last!.Value.Kind);
        Assert.Equal(Timeline(SlaEvent.Started(Fri(16), Hours(4))), clocks[1].Timeline);
        var status = clocks[1].Evaluate(Mon(11));
        Assert.Equal(Hours(3), status.BusinessElapsed);
        Assert.Equal(Duration.Zero, status.PausedDuration);
        Assert.Equal(Mon(12), status.BreachInstant);
    }

    [Fact]
    public void Track_EscalatedWhileOnHold_UnderCancelAndRestartRetroactive_RestartedClockIsPaused()
    {
        var clocks = Track(
            ResolutionTarget(PriorityChangePolicy.CancelAndRestartRetroactive, retroactivePauses: false),
            Ticket("New", P3).At(Mon(9)),
            Ticket("OnHold", P3).At(Mon(10)),
            Ticket("OnHold", P1).At(Mon(11)));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Paused(Mon(11))), clocks[1].Timeline);
        Assert.Equal(SlaStage.Paused, clocks[1].Evaluate(Mon(12)).Stage);
    }

    [Fact]
    public void Track_RetroactiveRestartInALaterCycle_StartsAtTheTicketsFirstSnapshot()
    {
        // Resolved at 10:00, reopened at 13:00 (cycle 1), escalated at 14:00: the restarted clock
        // (cycle 2) starts at the ticket's open time, Monday 09:00, not at the reopening.
        var clocks = Track(
            ResolutionTarget(PriorityChangePolicy.CancelAndRestartRetroactive),
            Ticket("New", P3).At(Mon(9)),
            Ticket("Resolved", P3).At(Mon(10)),
            Ticket("InProgress", P3).At(Mon(13)),
            Ticket("InProgress", P1).At(Mon(14)));

        Assert.Equal(new[] { 0, 1, 2 }, clocks.Select(k => k.Cycle));
        Assert.Equal(Timeline(SlaEvent.Started(Mon(13), Hours(16)), SlaEvent.Cancelled(Mon(14))), clocks[1].Timeline);
        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4))), clocks[2].Timeline);
        Assert.Equal(P1, clocks[2].Priority);
    }

    [Fact]
    public void Track_RetroactiveRestartAfterAResetThatEndedAPause_DoesNotCountTheWorkAfterTheResetAsPaused()
    {
        // Cycle 0 pauses at 10:00 (on hold); at 11:00 the ticket goes back to work in another group,
        // which resets the clock (a Reset leaves a paused clock running); at 12:00 it is escalated to
        // P1 and restarted retroactively with its pauses. Neither the ticket nor any clock was paused
        // from 11:00 to 12:00, so the restarted clock must be running at 11:30.
        var conditions = IncidentConditions with { Reset = SlaCondition.FieldIn("assignmentGroup", ["MajorIncident"]) };
        var target = ResolutionTarget(PriorityChangePolicy.CancelAndRestartRetroactive, retroactivePauses: true, conditions: conditions);

        var clocks = Track(
            target,
            Ticket("New", P3, group: "ServiceDesk").At(Mon(9)),
            Ticket("OnHold", P3, group: "ServiceDesk").At(Mon(10)),
            Ticket("InProgress", P3, group: "MajorIncident").At(Mon(11)),
            Ticket("InProgress", P1, group: "MajorIncident").At(Mon(12)));

        Assert.Equal(
            Timeline(SlaEvent.Started(Mon(9), Hours(16)), SlaEvent.Paused(Mon(10)), SlaEvent.Reset(Mon(11), Hours(16)), SlaEvent.Cancelled(Mon(12))),
            clocks[0].Timeline);
        Assert.Equal(SlaStage.InProgress, clocks[0].Evaluate(Mon(11, 30)).Stage);
        Assert.Equal(SlaStage.InProgress, clocks[1].Evaluate(Mon(11, 30)).Stage);
    }

    [Fact]
    public void Track_RetargetToAPriorityWithNoTarget_CancelsTheClock()
    {
        var clock = TrackOne(ResolutionTarget(), Ticket("New", P3).At(Mon(9)), Ticket("InProgress", P5).At(Mon(10)));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(16)), SlaEvent.Cancelled(Mon(10))), clock.Timeline);
    }

    [Fact]
    public void Track_RestartRetroactiveToAPriorityWithNoTarget_CancelsTheClock()
    {
        var clock = TrackOne(
            ResolutionTarget(PriorityChangePolicy.CancelAndRestartRetroactive),
            Ticket("New", P3).At(Mon(9)),
            Ticket("InProgress", P5).At(Mon(10)));

        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(16)), SlaEvent.Cancelled(Mon(10))), clock.Timeline);
    }

    [Fact]
    public void Track_BackToAPriorityWithATargetAfterACancel_StartsANewCycle()
    {
        var clocks = Track(
            ResolutionTarget(),
            Ticket("New", P3).At(Mon(9)),
            Ticket("InProgress", P5).At(Mon(10)),
            Ticket("InProgress", P2).At(Mon(11)));

        Assert.Equal(2, clocks.Count);
        Assert.Equal(Timeline(SlaEvent.Started(Mon(11), Hours(8))), clocks[1].Timeline);
        Assert.Equal(1, clocks[1].Cycle);
    }

    [Fact]
    public void Track_APriorityWithNoTarget_GetsNoClock()
    {
        var tracker = new SlaTracker([AgreementOf(ResolutionTarget())]);
        var snapshot = Ticket("New", P5);

        Assert.Empty(tracker.ApplicableTo(snapshot));
        Assert.Empty(tracker.Track([snapshot.At(Mon(9)), (snapshot with { State = "InProgress" }).At(Mon(10))]));
    }

    [Fact]
    public void Track_RetargetRaisingTheTargetAfterABreach_HasEverBreachedStaysTrue()
    {
        var clock = TrackOne(ResolutionTarget(), Ticket("New", P1).At(Mon(9)), Ticket("InProgress", P3).At(Mon(14)));

        var status = clock.Evaluate(Mon(15));
        Assert.Equal(SlaStage.InProgress, status.Stage);
        Assert.True(status.HasEverBreached);
        Assert.Equal(Hours(16), status.Target);
        Assert.Equal(Hours(6), status.BusinessElapsed);
        Assert.Equal(Tue(17), status.BreachInstant);
    }

    // Several agreements.

    private static readonly SlaConditions GroupOlaConditions = IncidentConditions with
    {
        Cancel = SlaCondition.Any(SlaCondition.StateIn("Canceled"), SlaCondition.Not(SlaCondition.FieldIn("assignmentGroup", ["Messaging"]))),
    };

    private static readonly Agreement EmailSla = AgreementOf(ResolutionTarget(), "SLA-EMAIL", AgreementKind.ServiceLevelAgreement, new AgreementScope { Services = ["Email"] });

    private static readonly Agreement WebSla = AgreementOf(ResolutionTarget(), "SLA-WEB", AgreementKind.ServiceLevelAgreement, new AgreementScope { Services = ["Web"] });

    private static readonly Agreement MessagingOla = AgreementOf(
        ResolutionTarget(conditions: GroupOlaConditions) with { Durations = new Dictionary<Priority, Duration> { [P1] = Hours(2), [P2] = Hours(4) } },
        "OLA-MESSAGING",
        AgreementKind.OperationalLevelAgreement,
        new AgreementScope { AssignmentGroups = ["Messaging"] });

    private static readonly Agreement ContosoUc = AgreementOf(
        ResolutionTarget(conditions: IncidentConditions with { Stop = SlaCondition.Any(SlaCondition.StateIn("Resolved", "Closed"), SlaCondition.FieldIn("attributes.supplierResolved", ["true"])) }),
        "UC-CONTOSO",
        AgreementKind.UnderpinningContract,
        new AgreementScope { Suppliers = ["Contoso"] });

    private static readonly Agreement CriticalOnlySla = AgreementOf(ResolutionTarget(), "SLA-CRITICAL", AgreementKind.ServiceLevelAgreement, new AgreementScope { Priorities = [P1] });

    [Fact]
    public void ApplicableTo_ReturnsEveryAgreementWhoseScopeCoversTheTicket_InDefinitionOrder()
    {
        var tracker = new SlaTracker([EmailSla, WebSla, MessagingOla, ContosoUc, CriticalOnlySla]);

        var withoutSupplier = tracker.ApplicableTo(Ticket("New", P2, service: "Email", group: "Messaging"));
        var withSupplier = tracker.ApplicableTo(Ticket("New", P2, service: "Email", group: "Messaging", supplier: "Contoso"));
        var critical = tracker.ApplicableTo(Ticket("New", P1, service: "Web"));

        Assert.Equal(new[] { "SLA-EMAIL", "OLA-MESSAGING" }, withoutSupplier.Select(a => a.Agreement.Id));
        Assert.Equal(new[] { "SLA-EMAIL", "OLA-MESSAGING", "UC-CONTOSO" }, withSupplier.Select(a => a.Agreement.Id));
        Assert.Same(EmailSla.Targets[0], withSupplier[0].Target);
        Assert.Equal(new[] { "SLA-WEB", "SLA-CRITICAL" }, critical.Select(a => a.Agreement.Id));
    }

    [Fact]
    public void ApplicableTo_ListsOnlyTheTargetsWithADurationForThePriority()
    {
        var response = new SlaTarget
        {
            Metric = SlaMetric.Response,
            Durations = new Dictionary<Priority, Duration> { [P1] = Minutes(15) },
            Conditions = new SlaConditions { Start = SlaCondition.Always, Stop = SlaCondition.Not(SlaCondition.StateIn("New")) },
        };
        var agreement = new Agreement("SLA-1", "Gold", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [response, ResolutionTarget()]);
        var tracker = new SlaTracker([agreement]);

        Assert.Equal(new[] { SlaMetric.Response, SlaMetric.Resolution }, tracker.ApplicableTo(Ticket("New", P1)).Select(a => a.Target.Metric));
        Assert.Equal(new[] { SlaMetric.Resolution }, tracker.ApplicableTo(Ticket("New", P2)).Select(a => a.Target.Metric));
        Assert.Empty(tracker.ApplicableTo(Ticket("New", P5)));
    }

    [Fact]
    public void Track_AnSlaAnOlaAndAnUnderpinningContract_RunTogetherOnOneIncident()
    {
        var tracker = new SlaTracker([EmailSla, WebSla, MessagingOla, ContosoUc]);
        var opened = Ticket("New", P2, service: "Email", group: "Messaging");

        var clocks = tracker.Track(
        [
            opened.At(Mon(9)),
            (opened with { State = "InProgress", Supplier = "Contoso" }).At(Mon(10)),
            (opened with { State = "InProgress", Supplier = "Contoso", AssignmentGroup = "Network" }).At(Mon(11)),
            (opened with { State = "InProgress", Supplier = "Contoso", AssignmentGroup = "Network" }).WithAttribute("supplierResolved", "true").At(Mon(13)),
            (opened with { State = "Resolved", Supplier = "Contoso", AssignmentGroup = "Network" }).At(Mon(14)),
        ]);

        Assert.Equal(new[] { "SLA-EMAIL", "OLA-MESSAGING", "UC-CONTOSO" }, clocks.Select(c => c.Agreement.Id));
        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(8)), SlaEvent.Stopped(Mon(14))), clocks[0].Timeline);
        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4)), SlaEvent.Cancelled(Mon(11))), clocks[1].Timeline);
        Assert.Equal(Timeline(SlaEvent.Started(Mon(10), Hours(8)), SlaEvent.Stopped(Mon(13))), clocks[2].Timeline);

        Assert.Equal(SlaStage.Achieved, clocks[0].Evaluate(Tue(9)).Stage);
        Assert.Equal(Hours(5), clocks[0].Evaluate(Tue(9)).BusinessElapsed);
        Assert.Equal(SlaStage.Cancelled, clocks[1].Evaluate(Tue(9)).Stage);
        Assert.Equal(SlaStage.Achieved, clocks[2].Evaluate(Tue(9)).Stage);
        Assert.Equal(Hours(3), clocks[2].Evaluate(Tue(9)).BusinessElapsed);
    }

    [Fact]
    public void Track_LeavingTheScopeWithoutACancelCondition_KeepsTheClockRunning()
    {
        // Scope is checked only when a clock starts; ending it is the conditions' job.
        var tracker = new SlaTracker([EmailSla]);

        var clock = Assert.Single(tracker.Track([Ticket("New", P1, service: "Email").At(Mon(9)), Ticket("InProgress", P1, service: "Web").At(Mon(10))]));

        Assert.True(clock.Timeline.IsActive);
    }

    [Fact]
    public void Track_TwoTargetsOfOneAgreement_GiveOneClockEach_InDefinitionOrder()
    {
        var response = new SlaTarget
        {
            Metric = SlaMetric.Response,
            Durations = new Dictionary<Priority, Duration> { [P1] = Minutes(15) },
            Conditions = new SlaConditions { Start = SlaCondition.Always, Stop = SlaCondition.Not(SlaCondition.StateIn("New")) },
        };
        var agreement = new Agreement("SLA-1", "Gold", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [response, ResolutionTarget()]);

        var clocks = new SlaTracker([agreement]).Track([Ticket("New", P1).At(Mon(9)), Ticket("InProgress", P1).At(Mon(9, 10))]);

        Assert.Equal(new[] { SlaMetric.Response, SlaMetric.Resolution }, clocks.Select(c => c.Target.Metric));
        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Minutes(15)), SlaEvent.Stopped(Mon(9, 10))), clocks[0].Timeline);
        Assert.Equal(Timeline(SlaEvent.Started(Mon(9), Hours(4))), clocks[1].Timeline);
    }

    [Fact]
    public void Track_TheSameHistoryTwice_GivesEqualTimelines()
    {
        var tracker = new SlaTracker([EmailSla, MessagingOla, ContosoUc]);
        TicketChange[] history =
        [
            Ticket("New", P3, service: "Email", group: "Messaging").At(Fri(16)),
            Ticket("OnHold", P3, service: "Email", group: "Messaging").At(Mon(9)),
            Ticket("InProgress", P1, service: "Email", group: "Messaging", supplier: "Contoso").At(Mon(10)),
            Ticket("Resolved", P1, service: "Email", group: "Messaging", supplier: "Contoso").At(Mon(11)),
        ];

        var first = tracker.Track(history);
        var second = tracker.Track(history.ToArray());

        Assert.Equal(first.Select(c => c.Timeline), second.Select(c => c.Timeline));
        Assert.Equal(first.Select(c => (c.Agreement.Id, c.Cycle, c.Priority)), second.Select(c => (c.Agreement.Id, c.Cycle, c.Priority)));
    }

    [Fact]
    public void Track_AnEmptyHistory_GivesNoClocks()
    {
        Assert.Empty(new SlaTracker([EmailSla]).Track([]));
    }

    // Arguments.

    [Fact]
    public void Constructor_TwoAgreementsWithOneId_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SlaTracker([EmailSla, AgreementOf(ResolutionTarget(), "SLA-EMAIL")]));

        Assert.Equal("agreements", ex.ParamName);
        Assert.Equal("Two agreements have the id 'SLA-EMAIL'. (Parameter 'agreements')", ex.Message);
    }

    [Fact]
    public void Constructor_ANullAgreement_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SlaTracker([EmailSla, null!]));

        Assert.Equal("An agreement is null. (Parameter 'agreements')", ex.Message);
    }

    [Fact]
    public void Constructor_Null_ThrowsArgumentNull()
    {
        Assert.Equal("agreements", Assert.Throws<ArgumentNullException>(() => new SlaTracker(null!)).ParamName);
    }

    [Fact]
    public void Track_AHistoryThatGoesBackInTime_Throws()
    {
        var tracker = new SlaTracker([EmailSla]);

        var ex = Assert.Throws<ArgumentException>(() => tracker.Track([Ticket("New").At(Mon(10)), Ticket("InProgress").At(Mon(9))]));

        Assert.Equal("history", ex.ParamName);
        Assert.Equal("Change 1 (2026-11-30T09:00:00Z) is before the change it follows (2026-11-30T10:00:00Z). (Parameter 'history')", ex.Message);
    }

    [Fact]
    public void Track_AChangeWithoutASnapshot_Throws()
    {
        var tracker = new SlaTracker([EmailSla]);

        var ex = Assert.Throws<ArgumentException>(() => tracker.Track([Ticket("New").At(Mon(9)), default]));

        Assert.Equal("Change 1 has no snapshot. (Parameter 'history')", ex.Message);
    }

    [Fact]
    public void Track_AndApplicableTo_Null_ThrowArgumentNull()
    {
        var tracker = new SlaTracker([EmailSla]);

        Assert.Equal("history", Assert.Throws<ArgumentNullException>(() => tracker.Track(null!)).ParamName);
        Assert.Equal("snapshot", Assert.Throws<ArgumentNullException>(() => tracker.ApplicableTo(null!)).ParamName);
    }
}
