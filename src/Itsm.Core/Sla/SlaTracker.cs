using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// Turns a ticket's history of snapshots into the timelines of every SLA clock that applies to it
/// (several at once: an SLA, an OLA and an underpinning contract on the same incident). A pure
/// function of (agreements, history): replay any ticket from its audit log, and evaluate the
/// result again after a calendar changes.
/// </summary>
/// <remarks>
/// <para><b>Applying.</b> A target of an agreement applies to a snapshot when the agreement's
/// <see cref="Agreement.Scope"/> covers it and the target has a duration for its priority. Both
/// are checked, with the start condition, only when a clock starts: an active clock is ended by its
/// own conditions (use a cancel condition such as <c>assignmentGroup</c> not in the OLA's group).</para>
/// <para><b>Evaluation order</b>, for each target, on each snapshot in order:</para>
/// <list type="number">
/// <item>With an active clock (running or paused):
///   <list type="number">
///   <item>cancel holds: the clock is cancelled;</item>
///   <item>otherwise reset becomes true (false on the previous snapshot): the clock restarts from
///   zero with the current priority's target, then step 5 applies;</item>
///   <item>otherwise stop holds: the clock stops (achieved, or breached if its target was reached);</item>
///   <item>otherwise, if the priority changed: <see cref="SlaTarget.PriorityChangePolicy"/> applies
///   (a priority with no target cancels the clock);</item>
///   <item>then, running and pause holds: it pauses; paused and resume holds (by default: pause no
///   longer holds): it resumes.</item>
///   </list>
///   The start condition is not evaluated for an active clock. So when the pause condition holds
///   while the start condition stops holding (on hold, and the state also leaves the start states)
///   the clock stays paused: it is never cancelled implicitly (ServiceNow cancels it there).</item>
/// <item>Without an active clock: when start holds and applies, cancel does not hold, and either
///   the target has had no clock on this ticket or start did not hold on the previous snapshot, a
///   new clock starts (a new cycle); on the same snapshot it then stops if stop holds, or pauses if
///   pause holds.</item>
/// </list>
/// <para>"Start holds" means the start condition, the scope and a duration for the current priority
/// all hold. A reset while the current priority has no target cancels the clock.</para>
/// <para>So a reopened ticket starts a new resolution cycle once its start condition holds again,
/// and a stop and a start on the same snapshot never restart a clock.</para>
/// </remarks>
public sealed class SlaTracker
{
    /// <summary>Creates a tracker for a set of agreements.</summary>
    /// <param name="agreements">The agreements; ids must be unique.</param>
    /// <exception cref="ArgumentNullException"><paramref name="agreements"/> is null.</exception>
    /// <exception cref="ArgumentException">An agreement is null, or two share an id.</exception>
    public SlaTracker(IEnumerable<Agreement> agreements)
    {
        Guard.Against.Null(agreements);
        var list = agreements.ToArray();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var agreement in list)
        {
            if (agreement is null)
            {
                throw new ArgumentException("An agreement is null.", nameof(agreements));
            }

            if (!ids.Add(agreement.Id))
            {
                throw new ArgumentException($"Two agreements have the id '{agreement.Id}'.", nameof(agreements));
            }
        }

        Agreements = list;
    }

    /// <summary>The agreements tracked.</summary>
    public IReadOnlyList<Agreement> Agreements { get; }

    /// <summary>The targets that apply to a ticket as it is in <paramref name="snapshot"/>: scope covers it and a duration exists for its priority.</summary>
    /// <param name="snapshot">The ticket snapshot.</param>
    /// <returns>The agreements and targets, in the order of <see cref="Agreements"/>.</returns>
    public IReadOnlyList<(Agreement Agreement, SlaTarget Target)> ApplicableTo(TicketSnapshot snapshot)
    {
        Guard.Against.Null(snapshot);
        var result = new List<(Agreement, SlaTarget)>();
        foreach (var agreement in Agreements)
        {
            if (!agreement.Scope.Covers(snapshot))
            {
                continue;
            }

            foreach (var target in agreement.Targets)
            {
                if (target.DurationFor(snapshot.Priority) is not null)
                {
                    result.Add((agreement, target));
                }
            }
        }

        return result;
    }

    /// <summary>The SLA clocks of a ticket, replayed from its history.</summary>
    /// <param name="history">The ticket's snapshots, in order of time (equal instants keep their order).</param>
    /// <returns>Every clock, grouped by agreement and target in definition order, then by cycle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    /// <exception cref="ArgumentException">The history goes back in time or holds a null snapshot.</exception>
    public IReadOnlyList<TrackedClock> Track(IEnumerable<TicketChange> history)
    {
        Guard.Against.Null(history);
        var changes = history.ToArray();
        for (int i = 0; i < changes.Length; i++)
        {
            if (changes[i].Snapshot is null)
            {
                throw new ArgumentException($"Change {i} has no snapshot.", nameof(history));
            }

            if (i > 0 && changes[i].At < changes[i - 1].At)
            {
                throw new ArgumentException($"Change {i} ({changes[i].At}) is before the change it follows ({changes[i - 1].At}).", nameof(history));
            }
        }

        var clocks = new List<TrackedClock>();
        foreach (var agreement in Agreements)
        {
            foreach (var target in agreement.Targets)
            {
                TrackTarget(agreement, target, changes, clocks);
            }
        }

        return clocks;
    }

    private static void TrackTarget(Agreement agreement, SlaTarget target, TicketChange[] changes, List<TrackedClock> clocks)
    {
        var conditions = target.Conditions;
        SlaTimeline? timeline = null;
        Priority priority = default;
        int cycle = -1;
        bool previousStart = false;
        bool previousReset = false;
        var openedAt = changes.Length > 0 ? changes[0].At : default;

        void Close()
        {
            if (timeline is not null)
            {
                clocks.Add(new TrackedClock(agreement, target, cycle, priority, timeline));
                timeline = null;
            }
        }

        foreach (var (at, snapshot) in changes)
        {
            var duration = target.DurationFor(snapshot.Priority);
            bool startHolds = conditions.Start.IsMetBy(snapshot) && agreement.Scope.Covers(snapshot) && duration is not null;
            bool resetHolds = conditions.Reset.IsMetBy(snapshot);
            bool cancelHolds = conditions.Cancel.IsMetBy(snapshot);

            if (timeline is { IsActive: true })
            {
                bool pauseStep = true;
                if (cancelHolds)
                {
                    timeline = timeline.Append(SlaEvent.Cancelled(at));
                    pauseStep = false;
                }
                else if (resetHolds && !previousReset)
                {
                    if (duration is Duration restart)
                    {
                        timeline = timeline.Append(SlaEvent.Reset(at, restart));
                        priority = snapshot.Priority;
                    }
                    else
                    {
                        timeline = timeline.Append(SlaEvent.Cancelled(at));
                        pauseStep = false;
                    }
                }
                else if (conditions.Stop.IsMetBy(snapshot))
                {
                    timeline = timeline.Append(SlaEvent.Stopped(at));
                    pauseStep = false;
                }
                else if (snapshot.Priority != priority)
                {
                    pauseStep = ChangePriority(at, snapshot.Priority, duration);
                }

                if (pauseStep)
                {
                    bool pauseHolds = conditions.Pause.IsMetBy(snapshot);
                    if (!timeline.IsPaused && pauseHolds)
                    {
                        timeline = timeline.Append(SlaEvent.Paused(at));
                    }
                    else if (timeline.IsPaused && (conditions.Resume?.IsMetBy(snapshot) ?? !pauseHolds))
                    {
                        timeline = timeline.Append(SlaEvent.Resumed(at));
                    }
                }
            }
            else if (startHolds && !cancelHolds && (cycle < 0 || !previousStart))
            {
                Close();
                cycle++;
                priority = snapshot.Priority;
                timeline = SlaTimeline.Empty.Append(SlaEvent.Started(at, duration!.Value));
                if (conditions.Stop.IsMetBy(snapshot))
                {
                    timeline = timeline.Append(SlaEvent.Stopped(at));
                }
                else if (conditions.Pause.IsMetBy(snapshot))
                {
                    timeline = timeline.Append(SlaEvent.Paused(at));
                }
            }

            previousStart = startHolds;
            previousReset = resetHolds;
        }

        Close();

        // Returns whether the pause/resume step still applies to the (possibly new) active clock.
        bool ChangePriority(Instant at, Priority newPriority, Duration? newDuration)
        {
            if (newDuration is not Duration duration)
            {
                timeline = timeline!.Append(SlaEvent.Cancelled(at));
                return false;
            }

            if (target.PriorityChangePolicy == PriorityChangePolicy.Retarget)
            {
                var current = CurrentTarget(timeline!);
                if (duration != current)
                {
                    timeline = timeline!.Append(SlaEvent.Retargeted(at, duration));
                }

                priority = newPriority;
                return true;
            }

            // Retroactive restart: cancel, then start again from the ticket's open time.
            var cancelled = timeline!.Append(SlaEvent.Cancelled(at));
            var restarted = SlaTimeline.Empty.Append(SlaEvent.Started(openedAt, duration));
            if (target.RetroactivePauses)
            {
                // Replay when the cancelled clock was paused: a pause ends with a resume, or with a
                // reset (which starts the clock running again).
                foreach (var e in cancelled)
                {
                    var kind = e.Kind == SlaEventKind.Reset ? SlaEventKind.Resumed : e.Kind;
                    if (kind is SlaEventKind.Paused or SlaEventKind.Resumed && restarted.Accepts(kind))
                    {
                        restarted = restarted.Append(new SlaEvent(e.At, kind));
                    }
                }
            }

            timeline = cancelled;
            Close();
            cycle++;
            priority = newPriority;
            timeline = restarted;
            return true;
        }
    }

    private static Duration CurrentTarget(SlaTimeline timeline)
    {
        for (int i = timeline.Count - 1; i >= 0; i--)
        {
            if (timeline[i].Kind is SlaEventKind.Started or SlaEventKind.Reset or SlaEventKind.Retargeted)
            {
                return timeline[i].Target;
            }
        }

        return Duration.Zero;
    }
}
