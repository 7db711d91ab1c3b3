using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Core.Tests.Sla;

/// <summary>
/// The tracker as docs/sla.md ("Compatibility profiles") states it for every profile and option, written
/// independently of <see cref="SlaTracker"/> and shaped the way the anchors document their engines: for
/// ServiceNow, the two passes of "SLA processing" (existing task SLAs: stop, reset with start, cancel,
/// pause, resume; new task SLAs: start without stop or cancel); for Jira Service Management, cycles that
/// start when the start condition becomes true and a goal that applies to the whole cycle.
/// <c>comparable</c> is false where <see cref="SlaPropertyTests"/>' own reference says a fact pins the
/// behaviour instead (a library retroactive restart replaying a timeline that holds a reset).
/// </summary>
internal static class SlaProfileReference
{
    internal static List<(int Cycle, Priority Priority, List<SlaEvent> Events)> Track(
        Agreement agreement, SlaTarget target, TicketChange[] history, out bool comparable)
    {
        bool isComparable = true;
        var records = new List<(int Cycle, Priority Priority, List<SlaEvent> Events)>();
        var profile = target.Profile;
        var rule = target.CancelWhen ?? (profile == SlaProfile.ServiceNow ? SlaCancelRule.StartConditionNotMet : SlaCancelRule.CancelConditionMet);
        var c = target.Conditions;
        List<SlaEvent>? events = null;
        bool running = false, paused = false;
        var priority = default(Priority);
        var goal = Duration.Zero;
        int cycle = -1;
        bool previousStart = false, previousReset = false;
        if (history.Length == 0)
        {
            comparable = true;
            return records;
        }

        var firstAt = history[0].At;
        var retroAt = target.RetroactiveStart switch
        {
            SlaRetroactiveStart.Opened => Min(history[0].Snapshot.OpenedAt ?? firstAt, firstAt),
            SlaRetroactiveStart.Created => Min(history[0].Snapshot.CreatedAt ?? firstAt, firstAt),
            _ => (Instant?)null,
        };
        bool retroPauses = retroAt is not null && target.RetroactivePauses;
        var track = new List<SlaEvent>();
        bool trackPaused = false;

        foreach (var (at, s) in history)
        {
            var duration = target.DurationFor(s.Priority);
            bool start = c.Start.IsMetBy(s) && agreement.Scope.Covers(s) && duration is not null;
            bool stop = c.Stop.IsMetBy(s);
            bool cancelCondition = c.Cancel.IsMetBy(s);
            bool reset = c.Reset.IsMetBy(s) && !previousReset;
            bool pause = c.Pause.IsMetBy(s);
            bool resume = c.Resume?.IsMetBy(s) ?? !pause;
            bool cancel = rule switch
            {
                SlaCancelRule.StartConditionNotMet => cancelCondition || !start,
                SlaCancelRule.Never => false,
                _ => cancelCondition,
            };
            bool cancelBlocksAttach = rule != SlaCancelRule.Never && cancelCondition;

            if (retroPauses)
            {
                if (!trackPaused && pause)
                {
                    track.Add(SlaEvent.Paused(at));
                    trackPaused = true;
                }
                else if (trackPaused && resume)
                {
                    track.Add(SlaEvent.Resumed(at));
                    trackPaused = false;
                }
            }

            if (running || paused)
            {
                bool pauseStep = true;
                if (profile == SlaProfile.Itsm)
                {
                    if (cancel)
                    {
                        End(SlaEvent.Cancelled(at));
                        pauseStep = false;
                    }
                    else if (reset)
                    {
                        if (duration is Duration d)
                        {
                            events!.Add(SlaEvent.Reset(at, d));
                            (running, paused, goal, priority) = (true, false, d, s.Priority);
                        }
                        else
                        {
                            End(SlaEvent.Cancelled(at));
                            pauseStep = false;
                        }
                    }
                    else if (stop)
                    {
                        End(SlaEvent.Stopped(at));
                        pauseStep = false;
                    }
                    else if (s.Priority != priority)
                    {
                        pauseStep = PriorityChanged(at, s, duration, start, cancelBlocksAttach);
                    }
                }
                else
                {
                    // "SLA processing", pass 2: stop, then reset with start, then cancel.
                    if (stop)
                    {
                        End(SlaEvent.Stopped(at));
                        pauseStep = false;
                    }
                    else if (reset && start)
                    {
                        End(SlaEvent.Stopped(at));
                        pauseStep = !Attach(at, s);
                    }
                    else if (cancel)
                    {
                        End(SlaEvent.Cancelled(at));
                        pauseStep = false;
                    }
                    else if (s.Priority != priority)
                    {
                        pauseStep = PriorityChanged(at, s, duration, start, cancelBlocksAttach);
                    }
                }

                if (pauseStep)
                {
                    if (running && pause)
                    {
                        events!.Add(SlaEvent.Paused(at));
                        (running, paused) = (false, true);
                    }
                    else if (paused && resume)
                    {
                        events!.Add(SlaEvent.Resumed(at));
                        (running, paused) = (true, false);
                    }
                }
            }
            else if (start && !cancelBlocksAttach && (profile == SlaProfile.ServiceNow ? !stop : cycle < 0 || !previousStart))
            {
                bool pausesDone = Attach(at, s);
                if (stop)
                {
                    End(SlaEvent.Stopped(at));
                }
                else if (!pausesDone && pause)
                {
                    events!.Add(SlaEvent.Paused(at));
                    (running, paused) = (false, true);
                }
            }

            previousStart = start;
            previousReset = c.Reset.IsMetBy(s);
        }

        if (events is not null)
        {
            records.Add((cycle, priority, events));
        }

        comparable = isComparable;
        return records;

        bool PriorityChanged(Instant at, TicketSnapshot s, Duration? duration, bool start, bool blocks)
        {
            if (duration is not Duration d)
            {
                End(SlaEvent.Cancelled(at));
                return false;
            }

            switch (target.PriorityChangePolicy)
            {
                case PriorityChangePolicy.Retarget when profile == SlaProfile.JiraServiceManagement:
                    // The goal applies to the whole cycle: the cycle as if it always had it.
                    if (d != goal)
                    {
                        var kept = events!.Where(e => e.Kind is SlaEventKind.Paused or SlaEventKind.Resumed).ToList();
                        events = [SlaEvent.Started(events![0].At, d), .. kept];
                        goal = d;
                    }

                    priority = s.Priority;
                    return true;
                case PriorityChangePolicy.Retarget:
                    if (d != goal)
                    {
                        events!.Add(SlaEvent.Retargeted(at, d));
                        goal = d;
                    }

                    priority = s.Priority;
                    return true;
                case PriorityChangePolicy.CancelAndAttach:
                    End(SlaEvent.Cancelled(at));
                    return start && !blocks && !Attach(at, s);
                default:
                    var old = events!;
                    End(SlaEvent.Cancelled(at));
                    records.Add((cycle, priority, old));
                    events = [SlaEvent.Started(firstAt, d)];
                    (running, paused, goal, priority) = (true, false, d, s.Priority);
                    cycle++;
                    if (target.RetroactivePauses)
                    {
                        isComparable &= !old.Any(e => e.Kind == SlaEventKind.Reset);
                        foreach (var e in old.Where(e => e.Kind is SlaEventKind.Paused or SlaEventKind.Resumed))
                        {
                            events.Add(e);
                            (running, paused) = (e.Kind == SlaEventKind.Resumed, e.Kind == SlaEventKind.Paused);
                        }
                    }

                    return true;
            }
        }

        // A new record for the snapshot's priority; true when it already holds this snapshot's pause state.
        bool Attach(Instant at, TicketSnapshot s)
        {
            if (events is not null)
            {
                records.Add((cycle, priority, events));
            }

            cycle++;
            goal = target.DurationFor(s.Priority)!.Value;
            priority = s.Priority;
            events = [SlaEvent.Started(retroAt ?? at, goal)];
            (running, paused) = (true, false);
            if (!retroPauses)
            {
                return false;
            }

            foreach (var e in track)
            {
                events.Add(e);
                (running, paused) = (e.Kind == SlaEventKind.Resumed, e.Kind == SlaEventKind.Paused);
            }

            return true;
        }

        void End(SlaEvent e)
        {
            events!.Add(e);
            (running, paused) = (false, false);
        }
    }

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
