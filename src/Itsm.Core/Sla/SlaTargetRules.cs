using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// The tracker's rules for one target on one snapshot (the evaluation order in
/// <see cref="SlaTracker"/>'s remarks): the one copy both the replay and the command path follow.
/// </summary>
internal static class SlaTargetRules
{
    internal static SlaTargetProgress Step(
        Agreement agreement,
        SlaTarget target,
        SlaTargetProgress progress,
        ISlaClockSink clock,
        Instant at,
        Instant openedAt,
        TicketSnapshot snapshot)
    {
        var conditions = target.Conditions;
        var duration = target.DurationFor(snapshot.Priority);
        bool startHolds = conditions.Start.IsMetBy(snapshot) && agreement.Scope.Covers(snapshot) && duration is not null;
        bool resetHolds = conditions.Reset.IsMetBy(snapshot);
        bool cancelHolds = conditions.Cancel.IsMetBy(snapshot);
        int cycle = progress.Cycle;
        var priority = progress.Priority;

        if (clock.IsActive)
        {
            bool pauseStep = true;
            if (cancelHolds)
            {
                clock.Append(SlaEvent.Cancelled(at));
                pauseStep = false;
            }
            else if (resetHolds && !progress.PreviousReset)
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
            else if (conditions.Stop.IsMetBy(snapshot))
            {
                clock.Append(SlaEvent.Stopped(at));
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
                        clock.Append(SlaEvent.Retargeted(at, newTarget));
                    }

                    priority = snapshot.Priority;
                }
                else
                {
                    // Retroactive restart: cancel, then start again from the ticket's open time.
                    clock.Append(SlaEvent.Cancelled(at));
                    clock.Close(cycle, priority);
                    clock.RestartFromOpening(openedAt, newTarget, target.RetroactivePauses);
                    cycle++;
                    priority = snapshot.Priority;
                }
            }

            if (pauseStep)
            {
                bool pauseHolds = conditions.Pause.IsMetBy(snapshot);
                if (!clock.IsPaused && pauseHolds)
                {
                    clock.Append(SlaEvent.Paused(at));
                }
                else if (clock.IsPaused && (conditions.Resume?.IsMetBy(snapshot) ?? !pauseHolds))
                {
                    clock.Append(SlaEvent.Resumed(at));
                }
            }
        }
        else if (startHolds && !cancelHolds && (cycle < 0 || !progress.PreviousStart))
        {
            clock.Close(cycle, priority);
            cycle++;
            priority = snapshot.Priority;
            clock.Start(SlaEvent.Started(at, duration!.Value));
            if (conditions.Stop.IsMetBy(snapshot))
            {
                clock.Append(SlaEvent.Stopped(at));
            }
            else if (conditions.Pause.IsMetBy(snapshot))
            {
                clock.Append(SlaEvent.Paused(at));
            }
        }

        return new SlaTargetProgress(cycle, priority, startHolds, resetHolds);
    }
}
