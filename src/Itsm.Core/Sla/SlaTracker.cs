using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using NodaTime;
using Itsm.Text;

namespace Itsm.Sla;

/// <summary>
/// Turns a ticket's history of snapshots into the timelines of every SLA clock that applies to it
/// (several at once: an SLA, an OLA and an underpinning contract on the same incident). A pure
/// function of (agreements, history): replay any ticket from its audit log, and evaluate the
/// result again after a calendar changes.
/// </summary>
/// <remarks>
/// <para><b>Applying.</b> A target of an agreement applies to a snapshot when the agreement
/// covers it (<see cref="Agreement.Covers"/>: its <see cref="Agreement.Scope"/>, and an underpinning
/// contract's <see cref="Agreement.Supplier"/>) and the target has a duration for its priority. Both
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
/// <para><b>Profiles.</b> The order above is the <see cref="SlaProfile.Itsm"/> profile's, with the
/// cancel rule <see cref="SlaCancelRule.CancelConditionMet"/>. A target's <see cref="SlaTarget.Profile"/>
/// changes it where ServiceNow and Jira Service Management differ: under both, stop is checked first,
/// then a reset (becoming true while start holds) completes the clock and attaches a new one, then the
/// cancel rule (<see cref="SlaTarget.CancelWhen"/>); under <see cref="SlaProfile.ServiceNow"/> a clock
/// attaches whenever start holds and neither stop nor cancel does, and never when start and stop hold
/// together; under <see cref="SlaProfile.JiraServiceManagement"/> a retarget applies the new target to
/// the whole cycle. A new clock starts at the snapshot, or back at the ticket's opening or creation
/// (<see cref="SlaTarget.RetroactiveStart"/>). docs/sla.md ("Compatibility profiles") has the table.</para>
/// </remarks>
public sealed class SlaTracker
{
    /// <summary>Creates a tracker for a set of agreements.</summary>
    /// <param name="agreements">The agreements; ids must be unique.</param>
    /// <exception cref="ArgumentNullException"><paramref name="agreements"/> is null.</exception>
    /// <exception cref="ArgumentException">An agreement is null, or two share an id.</exception>
    public SlaTracker(IEnumerable<Agreement> agreements)
        : this(agreements, null)
    {
    }

    /// <summary>
    /// Creates a tracker for a set of agreements whose clocks count on the calendar
    /// <paramref name="calendarResolver"/> chooses per ticket (by caller, customer, location or service)
    /// when each clock attaches, rather than always on their target's <see cref="SlaTarget.CalendarId"/>.
    /// </summary>
    /// <param name="agreements">The agreements; ids must be unique.</param>
    /// <param name="calendarResolver">
    /// The host's choice of calendar per ticket, or <see langword="null"/> for every target's own calendar
    /// (the same as <see cref="SlaTracker(IEnumerable{Agreement})"/>). See <see cref="SlaCalendarResolver"/>
    /// for when it is asked.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="agreements"/> is null.</exception>
    /// <exception cref="ArgumentException">An agreement is null, or two share an id.</exception>
    public SlaTracker(IEnumerable<Agreement> agreements, SlaCalendarResolver? calendarResolver)
    {
        CalendarResolver = calendarResolver;
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
                throw new ArgumentException($"Two agreements have the id '{QuotedText.Of(agreement.Id)}'.", nameof(agreements));
            }
        }

        Agreements = list;
        Targets = list.SelectMany(a => a.Targets.Select(t => (a, t))).ToArray();
    }

    /// <summary>The host's choice of calendar per ticket, or <see langword="null"/> when every clock counts on its target's calendar.</summary>
    public SlaCalendarResolver? CalendarResolver { get; }

    /// <summary>The agreements tracked.</summary>
    public IReadOnlyList<Agreement> Agreements { get; }

    /// <summary>Every target of every agreement, in definition order.</summary>
    internal (Agreement Agreement, SlaTarget Target)[] Targets { get; }

    /// <summary>The targets that apply to a ticket as it is in <paramref name="snapshot"/>: scope covers it and a duration exists for its priority.</summary>
    /// <param name="snapshot">The ticket snapshot.</param>
    /// <returns>The agreements and targets, in the order of <see cref="Agreements"/>.</returns>
    public IReadOnlyList<(Agreement Agreement, SlaTarget Target)> ApplicableTo(TicketSnapshot snapshot)
    {
        Guard.Against.Null(snapshot);
        var result = new List<(Agreement, SlaTarget)>();
        foreach (var agreement in Agreements)
        {
            if (!agreement.Covers(snapshot))
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
                TrackTarget(agreement, target, CalendarResolver, changes, clocks);
            }
        }

        return clocks;
    }

    /// <summary>
    /// Recomputes the SLA clocks of many tickets from their histories with these agreements and the
    /// calendars given (after a calendar or agreement edit) and gives each target's current clock status:
    /// the bulk form of replaying each history with <see cref="Track"/>, at a cost that does not build
    /// timelines, spread over the machine's cores.
    /// </summary>
    /// <param name="histories">Each ticket's history in time order (for example <c>Incident.ReplayTicketHistory</c> of its audit log).</param>
    /// <param name="calendars">The calendars by id, as edited.</param>
    /// <param name="at">When to evaluate the clocks (a clock whose last event is later is evaluated then).</param>
    /// <returns>
    /// Per ticket, in order, one status per target of every agreement (in definition order, as
    /// <see cref="Agreements"/> lists them): the status of the target's last clock, or null when the target
    /// never started one on that ticket. Earlier cycles' clocks are in <see cref="Track"/>'s result.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="histories"/> or <paramref name="calendars"/> is null.</exception>
    /// <exception cref="ArgumentException">A history is null.</exception>
    /// <exception cref="KeyNotFoundException">A target's calendar is not among <paramref name="calendars"/>.</exception>
    public IReadOnlyList<SlaStatus?[]> Recompute(IReadOnlyList<IReadOnlyList<TicketChange>> histories, IReadOnlyDictionary<string, BusinessTime.BusinessCalendar> calendars, Instant at)
    {
        Guard.Against.Null(histories);
        Guard.Against.Null(calendars);
        for (int i = 0; i < histories.Count; i++)
        {
            if (histories[i] is null)
            {
                throw new ArgumentException($"History {i} is null.", nameof(histories));
            }
        }

        // Each ledger is dropped as soon as its statuses are read: a million of them kept alive would make
        // every collection promote them, and the collector, not the fold, would set the pace.
        var result = new SlaStatus?[histories.Count][];
        System.Threading.Tasks.Parallel.For(0, result.Length, i => result[i] = SlaRecompute.Statuses(this, calendars, SlaRecompute.Ledger(this, calendars, histories[i], null), at));
        return result;
    }

    private static void TrackTarget(Agreement agreement, SlaTarget target, SlaCalendarResolver? resolver, TicketChange[] changes, List<TrackedClock> clocks)
    {
        var sink = new TimelineSink(agreement, target, resolver, clocks);
        var progress = SlaTargetProgress.Initial;
        var ticket = changes.Length > 0 ? SlaTicketStart.Of(changes[0]) : default;
        foreach (var (at, snapshot) in changes)
        {
            progress = SlaTargetRules.Step(agreement, target, progress, sink, at, ticket, snapshot);
        }

        sink.Close(progress.Cycle, progress.Priority);
    }

    /// <summary>
    /// Builds each clock's timeline and adds the clock to the list when it is closed. Events are
    /// validated as they come and the timeline is made once, at the close: appending to an immutable
    /// timeline would copy it for every event, quadratic in a clock's pauses.
    /// </summary>
    private sealed class TimelineSink(Agreement agreement, SlaTarget target, SlaCalendarResolver? resolver, List<TrackedClock> clocks) : ISlaClockSink
    {
        private bool _calendarChosen;
        private string? _calendarId;
        private readonly List<SlaEvent> _events = [];
        private readonly List<SlaEvent> _pauseTrack = [];
        private bool _trackPaused;
        private SlaEvent[] _closed = [];
        private ClockPhase _phase = ClockPhase.NotStarted;
        private bool _open;
        private Duration _target;

        public bool IsActive => _open && _phase is ClockPhase.Running or ClockPhase.Paused;

        public bool IsPaused => _open && _phase == ClockPhase.Paused;

        public Duration Target => _target;

        public void ChooseCalendar(TicketSnapshot snapshot)
        {
            if (target.TracksRetroactivePauses && _calendarChosen)
            {
                return;
            }

            _calendarId = resolver?.Invoke(snapshot, agreement, target);
            _calendarChosen = true;
        }

        public void Append(SlaEvent e)
        {
            _phase = SlaTimeline.Check(_phase, _events.Count == 0 ? null : _events[^1], e, _events.Count);
            _events.Add(e);
            if (e.Kind is SlaEventKind.Started or SlaEventKind.Reset or SlaEventKind.Retargeted)
            {
                _target = e.Target;
            }
        }

        public void Close(int cycle, Priority priority)
        {
            if (_open)
            {
                _closed = _events.ToArray();
                clocks.Add(new TrackedClock(agreement, target, cycle, priority, SlaTimeline.FromValidated(_closed, _phase)) { CalendarId = _calendarId ?? target.CalendarId });
                _events.Clear();
                _phase = ClockPhase.NotStarted;
                _open = false;
            }
        }

        public void Start(SlaEvent started)
        {
            _open = true;
            Append(started);
        }

        public void StartRetroactive(Instant start, Duration target, bool withPauses)
        {
            Start(SlaEvent.Started(start, target));
            if (withPauses)
            {
                // The toggles are at snapshot instants, none before the ticket's first: never before start.
                foreach (var e in _pauseTrack)
                {
                    Append(e);
                }
            }
        }

        public void ObservePause(Instant at, bool pauseHolds, bool resumeHolds)
        {
            if (!_trackPaused && pauseHolds)
            {
                _pauseTrack.Add(SlaEvent.Paused(at));
                _trackPaused = true;
            }
            else if (_trackPaused && resumeHolds)
            {
                _pauseTrack.Add(SlaEvent.Resumed(at));
                _trackPaused = false;
            }
        }

        public void Rebase(Instant at, Duration target)
        {
            // The clock as if it always had the new target: its start and pauses, no retarget.
            var events = _events.ToArray();
            _events.Clear();
            _phase = ClockPhase.NotStarted;
            Append(SlaEvent.Started(events[0].At, target));
            foreach (var e in events)
            {
                if (e.Kind is SlaEventKind.Paused or SlaEventKind.Resumed)
                {
                    Append(e);
                }
            }
        }

        public void RestartFromOpening(Instant openedAt, Duration target, bool replayPauses)
        {
            Start(SlaEvent.Started(openedAt, target));
            if (replayPauses)
            {
                // Replay when the cancelled clock was paused: a pause ends with a resume, or with a
                // reset (which starts the clock running again).
                foreach (var e in _closed)
                {
                    var kind = e.Kind == SlaEventKind.Reset ? SlaEventKind.Resumed : e.Kind;
                    if (kind is SlaEventKind.Paused or SlaEventKind.Resumed && SlaTimeline.Next(_phase, kind) is not null)
                    {
                        Append(new SlaEvent(e.At, kind));
                    }
                }
            }
        }
    }
}
