using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// The tracker's rules for one target on one snapshot (the evaluation order in
/// <see cref="SlaTracker"/>'s remarks, per <see cref="SlaProfile"/>): the one copy both the replay
/// and the command path follow.
/// </summary>
internal static class SlaTargetRules
{
    internal static SlaTargetProgress Step(
        Agreement agreement,
        SlaTarget target,
        SlaTargetProgress progress,
        ISlaClockSink clock,
        Instant at,
        SlaTicketStart ticket,
        TicketSnapshot snapshot)
    {
        var conditions = target.Conditions;
        var duration = target.DurationFor(snapshot.Priority);
        bool startHolds = conditions.Start.IsMetBy(snapshot) && agreement.Covers(snapshot) && duration is not null;
        bool resetHolds = conditions.Reset.IsMetBy(snapshot);
        bool resetBecomesTrue = resetHolds && !progress.PreviousReset;
        bool cancelHolds = conditions.Cancel.IsMetBy(snapshot);
        bool stopHolds = conditions.Stop.IsMetBy(snapshot);
        bool pauseHolds = conditions.Pause.IsMetBy(snapshot);
        bool resumeHolds = conditions.Resume?.IsMetBy(snapshot) ?? !pauseHolds;
        var cancelRule = target.EffectiveCancelRule;
        bool cancelBlocks = cancelRule != SlaCancelRule.Never && cancelHolds;
        bool cancels = cancelRule switch
        {
            SlaCancelRule.StartConditionNotMet => cancelHolds || !startHolds,
            SlaCancelRule.Never => false,
            _ => cancelHolds,
        };
        var profile = target.Profile;
        int cycle = progress.Cycle;
        var priority = progress.Priority;

        if (target.TracksRetroactivePauses)
        {
            // Before the rules: a clock attached back in time on this snapshot includes its pause state,
            // measured on the calendar chosen where it starts.
            clock.ChooseCalendar(snapshot);
            clock.ObservePause(at, pauseHolds, resumeHolds);
        }

        if (clock.IsActive)
        {
            bool pauseStep = true;
            if (profile == SlaProfile.Itsm ? cancels : stopHolds)
            {
                clock.Append(profile == SlaProfile.Itsm ? SlaEvent.Cancelled(at) : SlaEvent.Stopped(at));
                pauseStep = false;
            }
            else if (resetBecomesTrue && profile == SlaProfile.Itsm)
            {
                if (duration is Duration restart)
                {
                    clock.Append(SlaEvent.Reset(at, restart));
                    priority = snapshot.Priority;
                }
                else
                {
                    clock.Append(SlaEvent.Cancelled(at));
                    pauseStep = false;
                }
            }
            else if (resetBecomesTrue && startHolds)
            {
                // ServiceNow's reattach, Jira's new cycle: the clock completes and a new one attaches.
                clock.Append(SlaEvent.Stopped(at));
                pauseStep = !Attach(target, clock, ref cycle, ref priority, at, ticket, snapshot);
            }
            else if (profile == SlaProfile.Itsm ? stopHolds : cancels)
            {
                clock.Append(profile == SlaProfile.Itsm ? SlaEvent.Stopped(at) : SlaEvent.Cancelled(at));
                pauseStep = false;
            }
            else if (snapshot.Priority != priority)
            {
                if (duration is not Duration newTarget)
                {
                    clock.Append(SlaEvent.Cancelled(at));
                    pauseStep = false;
                }
                else if (target.PriorityChangePolicy == PriorityChangePolicy.Retarget)
                {
                    if (newTarget != clock.Target)
                    {
                        if (profile == SlaProfile.JiraServiceManagement)
                        {
                            clock.Rebase(at, newTarget);
                        }
                        else
                        {
                            clock.Append(SlaEvent.Retargeted(at, newTarget));
                        }
                    }

                    priority = snapshot.Priority;
                }
                else if (target.PriorityChangePolicy == PriorityChangePolicy.CancelAndAttach)
                {
                    clock.Append(SlaEvent.Cancelled(at));
                    pauseStep = startHolds && !cancelBlocks && !Attach(target, clock, ref cycle, ref priority, at, ticket, snapshot);
                }
                else
                {
                    // Retroactive restart: cancel, then start again from the ticket's open time.
                    clock.Append(SlaEvent.Cancelled(at));
                    clock.Close(cycle, priority);
                    clock.RestartFromOpening(ticket.FirstAt, newTarget, target.RetroactivePauses);
                    cycle++;
                    priority = snapshot.Priority;
                }
            }

            if (pauseStep)
            {
                if (!clock.IsPaused && pauseHolds)
                {
                    clock.Append(SlaEvent.Paused(at));
                }
                else if (clock.IsPaused && resumeHolds)
                {
                    clock.Append(SlaEvent.Resumed(at));
                }
            }
        }
        else if (startHolds && !cancelBlocks && (profile == SlaProfile.ServiceNow
            ? !stopHolds
            : cycle < 0 || !progress.PreviousStart))
        {
            bool pausesDone = Attach(target, clock, ref cycle, ref priority, at, ticket, snapshot);
            if (stopHolds)
            {
                clock.Append(SlaEvent.Stopped(at));
            }
            else if (!pausesDone && pauseHolds)
            {
                clock.Append(SlaEvent.Paused(at));
            }
        }

        return new SlaTargetProgress(cycle, priority, startHolds, resetHolds);
    }

    /// <summary>
    /// Closes the current clock and attaches the next cycle's for the snapshot's priority, at
    /// <paramref name="at"/> or back where the target's retroactive start says; returns whether the
    /// new clock already has this snapshot's pause state (a retroactive start with its pauses).
    /// </summary>
    private static bool Attach(SlaTarget target, ISlaClockSink clock, ref int cycle, ref Common.Priority priority, Instant at, SlaTicketStart ticket, TicketSnapshot snapshot)
    {
        var duration = target.DurationFor(snapshot.Priority)!.Value;
        clock.Close(cycle, priority);
        cycle++;
        priority = snapshot.Priority;
        clock.ChooseCalendar(snapshot);
        if (target.RetroactiveStart == SlaRetroactiveStart.None)
        {
            clock.Start(SlaEvent.Started(at, duration));
            return false;
        }

        clock.StartRetroactive(ticket.StartOf(target, at), duration, target.RetroactivePauses);
        return target.RetroactivePauses;
    }
}
