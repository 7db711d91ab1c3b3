using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.BusinessTime;
using Itsm.Common;
using NodaTime;
using Itsm.Text;

namespace Itsm.Sla;

/// <summary>
/// What a ticket keeps of its SLA clocks so that a command costs the same at version 10 and 10,000:
/// for each target, the tracker's memory and its current clock as a fold (<see cref="SlaClockState"/>),
/// and the thresholds crossed but not yet recorded. Advancing it by one snapshot follows exactly the
/// rules <see cref="SlaTracker.Track"/> replays (one copy of them, <see cref="SlaTargetRules"/>); the
/// history itself stays in the audit log.
/// </summary>
/// <remarks>
/// The ledger follows the agreements in force when each snapshot was taken: a target added later
/// starts with the next command (its clocks never see earlier snapshots), a target removed drops out.
/// Replaying the audit log with <see cref="SlaTracker.Track"/> applies today's agreements to the
/// whole history instead. Instants that go backwards (a clock set back) count as the last instant seen.
/// A target that starts clocks back in time with their pauses keeps one more clock per target duration,
/// started there and following the pause condition on every snapshot; a Jira Service Management target
/// that retargets keeps one per duration following its clock's pauses, so a goal change can apply to the
/// whole cycle: both bounded by the number of durations, never by the history.
/// </remarks>
internal sealed class SlaLedger
{
    internal SlaLedger(SlaTicketStart? ticket, Instant? lastAt, SlaLedgerTrack[] tracks, SlaThresholdReached[] crossed)
    {
        Ticket = ticket;
        LastAt = lastAt;
        Tracks = tracks;
        Crossed = crossed;
    }

    /// <summary>The ledger of a ticket with no snapshot yet.</summary>
    internal static SlaLedger Empty { get; } = new(null, null, [], []);

    /// <summary>The instants read from the first snapshot (where retroactive starts go back to).</summary>
    internal SlaTicketStart? Ticket { get; }

    /// <summary>The instant of the first snapshot (where a retroactive restart starts).</summary>
    internal Instant? OpenedAt => Ticket?.FirstAt;

    /// <summary>The instant of the last snapshot.</summary>
    internal Instant? LastAt { get; }

    /// <summary>One entry per target, in the order of the agreements when last advanced.</summary>
    internal SlaLedgerTrack[] Tracks { get; }

    /// <summary>Thresholds crossed before each clock's last event and not yet recorded, in <see cref="SlaThresholdReached.Order"/>.</summary>
    internal SlaThresholdReached[] Crossed { get; }

    /// <summary>
    /// The ledger after <paramref name="changes"/>: each snapshot stepped through every target's rules,
    /// and the crossings at or before <paramref name="recorded"/> (already recorded) dropped.
    /// </summary>
    internal SlaLedger Advance(SlaTracker? tracker, IReadOnlyDictionary<string, BusinessCalendar> calendars, IReadOnlyList<TicketChange> changes, SlaThresholdReached? recorded)
    {
        if (changes.Count == 0 && recorded is null)
        {
            return this;
        }

        var ticket = Ticket ?? (changes.Count > 0 ? SlaTicketStart.Of(changes[0]) : (SlaTicketStart?)null);
        var lastAt = LastAt;
        var targets = tracker?.Targets ?? [];

        // The fold's sink and crossing list are the thread's, reused by every advance (taken, so a resolver
        // that advanced another ledger on this thread would get its own): an advance allocates what it keeps.
        var sink = t_sink ?? new FoldSink();
        t_sink = null;
        var crossed = sink.Crossed;
        crossed.Clear();
        crossed.AddRange(Crossed);
        SlaLedgerTrack[] tracks = targets.Length == 0 ? [] : new SlaLedgerTrack[targets.Length];
        for (int i = 0; i < targets.Length; i++)
        {
            var (agreement, target) = targets[i];
            var previous = Find(agreement.Id, target.Metric);
            sink.Reset(agreement, target, tracker!.CalendarResolver, calendars, ticket ?? default, previous);
            var progress = previous?.Progress ?? SlaTargetProgress.Initial;
            var at = lastAt;
            // Indexed: the changes are an IReadOnlyList, whose enumerator would be boxed per target.
            for (int c = 0; c < changes.Count; c++)
            {
                var change = changes[c];
                at = at is { } last && change.At < last ? last : change.At;
                progress = SlaTargetRules.Step(agreement, target, progress, sink, at.Value, ticket!.Value, change.Snapshot);
            }

            tracks[i] = sink.ToTrack(progress, previous);
        }

        sink.Release();

        for (int c = 0; c < changes.Count; c++)
        {
            var change = changes[c];
            lastAt = lastAt is { } last && change.At < last ? last : change.At;
        }

        // A loop, not RemoveAll with a lambda: the lambda would capture (a closure and a delegate per command).
        int kept = 0;
        for (int i = 0; i < crossed.Count; i++)
        {
            var c = crossed[i];
            if (!((recorded is not null && SlaThresholdReached.Order(c, recorded) <= 0) || !Tracked(tracks, c)))
            {
                crossed[kept++] = c;
            }
        }

        crossed.RemoveRange(kept, crossed.Count - kept);
        crossed.Sort(SlaThresholdReached.Order);
        var result = new SlaLedger(ticket, lastAt, tracks, SameAs(crossed, Crossed) ? Crossed : crossed.ToArray());
        crossed.Clear();
        if (crossed.Capacity <= MaxRetainedCrossings)
        {
            t_sink = sink;
        }

        return result;
    }

    // A list grown past this (a ticket with unusually many crossings pending) is not kept for the thread.
    private const int MaxRetainedCrossings = 256;

    [ThreadStatic]
    private static FoldSink? t_sink;

    // The crossings unchanged (most commands cross nothing): the array the ledger had is kept, not copied.
    private static bool SameAs(List<SlaThresholdReached> crossed, SlaThresholdReached[] previous)
    {
        if (crossed.Count != previous.Length)
        {
            return false;
        }

        for (int i = 0; i < previous.Length; i++)
        {
            if (!ReferenceEquals(crossed[i], previous[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The thresholds not yet recorded (after <paramref name="recorded"/>), past and forecast, in
    /// order, up to <paramref name="until"/> (all of them when null).
    /// </summary>
    internal List<SlaThresholdReached> Due(SlaTracker? tracker, IReadOnlyDictionary<string, BusinessCalendar> calendars, SlaThresholdReached? recorded, Instant? until) =>
        Due(tracker, calendars, recorded, until, new List<SlaThresholdReached>(Crossed.Length + 4));

    /// <summary>As <see cref="Due(SlaTracker?, IReadOnlyDictionary{string, BusinessCalendar}, SlaThresholdReached?, Instant?)"/>, into <paramref name="due"/> (empty).</summary>
    internal List<SlaThresholdReached> Due(SlaTracker? tracker, IReadOnlyDictionary<string, BusinessCalendar> calendars, SlaThresholdReached? recorded, Instant? until, List<SlaThresholdReached> due)
    {
        due.AddRange(Crossed);
        if (tracker is not null)
        {
            foreach (var track in Tracks)
            {
                if (track.Clock.Phase != ClockPhase.Running || TargetOf(tracker, track) is not var (agreement, target))
                {
                    continue;
                }

                SlaThresholdCrossings.Forecast(track.Clock, CalendarOf(agreement, target, track.Calendar, calendars), target.CrossingPercents, agreement.Id, target.Metric, due);
            }
        }

        int kept = 0;
        for (int i = 0; i < due.Count; i++)
        {
            var c = due[i];
            if (!((recorded is not null && SlaThresholdReached.Order(c, recorded) <= 0) || c.DueAt > until))
            {
                due[kept++] = c;
            }
        }

        due.RemoveRange(kept, due.Count - kept);
        due.Sort(SlaThresholdReached.Order);
        return due;
    }

    /// <summary>
    /// The calendar a target's clock counts on: <paramref name="chosen"/> (the host resolver's choice when
    /// the clock attached) when there is one, else the target's own.
    /// </summary>
    internal static BusinessCalendar CalendarOf(Agreement agreement, SlaTarget target, string? chosen, IReadOnlyDictionary<string, BusinessCalendar> calendars)
    {
        if (chosen is not null)
        {
            return calendars.TryGetValue(chosen, out var picked)
                ? picked
                : throw new KeyNotFoundException($"The calendar '{QuotedText.Of(chosen)}' chosen by the SLA calendar resolver for agreement {agreement.Id}, target {target.Metric}, is not among the calendars given.");
        }

        return target.CalendarId is null
            ? BusinessCalendar.TwentyFourSeven
            : calendars.TryGetValue(target.CalendarId, out var found)
                ? found
                : throw new KeyNotFoundException($"The calendar '{QuotedText.Of(target.CalendarId)}' of agreement {agreement.Id}, target {target.Metric}, is not among the calendars given.");
    }

    private SlaLedgerTrack? Find(string agreementId, SlaMetric metric)
    {
        foreach (var track in Tracks)
        {
            if (track.Metric == metric && string.Equals(track.AgreementId, agreementId, StringComparison.Ordinal))
            {
                return track;
            }
        }

        return null;
    }

    private static (Agreement, SlaTarget)? TargetOf(SlaTracker tracker, SlaLedgerTrack track)
    {
        foreach (var (agreement, target) in tracker.Targets)
        {
            if (target.Metric == track.Metric && string.Equals(agreement.Id, track.AgreementId, StringComparison.Ordinal))
            {
                return (agreement, target);
            }
        }

        return null;
    }

    private static bool Tracked(SlaLedgerTrack[] tracks, SlaThresholdReached crossing)
    {
        foreach (var track in tracks)
        {
            if (track.Metric == crossing.Metric && string.Equals(track.AgreementId, crossing.AgreementId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Folds one target's clock events, and its shadows', collecting crossings as segments close.</summary>
    /// <remarks>One per thread, set up for each target in turn (<see cref="Reset"/>), its fields cleared after the advance (<see cref="Release"/>).</remarks>
    private sealed class FoldSink : ISlaClockSink
    {
        private readonly List<SlaThresholdReached> _crossed = [];
        private Agreement _agreement = null!;
        private SlaTarget _target = null!;
        private SlaCalendarResolver? _resolver;
        private IReadOnlyDictionary<string, BusinessCalendar> _calendars = null!;
        private SlaTicketStart _ticket;
        private ShadowStart _shadowStart;
        private BusinessCalendar _calendar = null!;
        private string? _calendarId;
        private Shadows _retro = Shadows.None;
        private bool _retroPending;
        private SlaClockState _clock;
        private Shadows _shadows = Shadows.None;

        /// <summary>The crossings collected by the advance in progress (every target's).</summary>
        internal List<SlaThresholdReached> Crossed => _crossed;

        internal void Reset(Agreement agreement, SlaTarget target, SlaCalendarResolver? resolver, IReadOnlyDictionary<string, BusinessCalendar> calendars, SlaTicketStart ticket, SlaLedgerTrack? previous)
        {
            _agreement = agreement;
            _target = target;
            _resolver = resolver;
            _calendars = calendars;
            _calendarId = previous?.Calendar;
            _calendar = CalendarOf(agreement, target, _calendarId, calendars);
            _ticket = ticket;
            _shadowStart = target.PriorityChangePolicy == PriorityChangePolicy.CancelAndRestartRetroactive && target.RetroactivePauses
                ? ShadowStart.TicketOpening
                : target.Profile == SlaProfile.JiraServiceManagement && target.PriorityChangePolicy == PriorityChangePolicy.Retarget
                    ? ShadowStart.ClockStart
                    : ShadowStart.None;
            _clock = previous?.Clock ?? SlaClockState.Initial;
            _shadows = Shadows.Of(previous?.Shadows ?? []);
            // Retroactive clocks start on the first snapshot the target sees (ChooseCalendar), on the calendar chosen there.
            _retroPending = target.TracksRetroactivePauses && previous is not { RetroShadows.Length: > 0 };
            _retro = Shadows.Of(target.TracksRetroactivePauses && previous is not null ? previous.RetroShadows : []);
        }

        private enum ShadowStart
        {
            None,
            TicketOpening,
            ClockStart,
        }

        public bool IsActive => _clock.Phase is ClockPhase.Running or ClockPhase.Paused;

        public bool IsPaused => _clock.Phase == ClockPhase.Paused;

        public Duration Target => _clock.Target;

        public void ChooseCalendar(TicketSnapshot snapshot)
        {
            if (_target.TracksRetroactivePauses && !_retroPending)
            {
                return;
            }

            _calendarId = _resolver?.Invoke(snapshot, _agreement, _target);
            _calendar = CalendarOf(_agreement, _target, _calendarId, _calendars);
            if (_retroPending)
            {
                _retro = Shadows.StartedAt(_ticket.StartOf(_target, _ticket.FirstAt), _target, _calendar);
                _retroPending = false;
            }
        }

        public void Append(SlaEvent e)
        {
            Crossings(_clock, e, _crossed);
            _clock = _clock.ApplyUnchecked(e, _calendar);
            var kind = e.Kind == SlaEventKind.Reset ? SlaEventKind.Resumed : e.Kind;
            if (kind is SlaEventKind.Paused or SlaEventKind.Resumed)
            {
                _shadows.Apply(new SlaEvent(e.At, kind), this);
            }
        }

        public void Close(int cycle, Priority priority)
        {
            // The crossings of a clock are collected as its events are applied: nothing to keep.
        }

        public void Start(SlaEvent started)
        {
            _clock = SlaClockState.Initial.ApplyUnchecked(started, _calendar);
            if (_shadowStart != ShadowStart.None)
            {
                _shadows = Shadows.StartedAt(_shadowStart == ShadowStart.TicketOpening ? _ticket.FirstAt : started.At, _target, _calendar);
            }
        }

        // Validation keeps retroactive starts away from the targets with shadows of their clock.
        public void StartRetroactive(Instant start, Duration target, bool withPauses) => StartFrom(withPauses ? _retro : null, start, target);

        public void ObservePause(Instant at, bool pauseHolds, bool resumeHolds)
        {
            if (_retro.Count == 0)
            {
                return;
            }

            var phase = _retro.Phase;
            if (phase == ClockPhase.Running && pauseHolds)
            {
                _retro.Apply(SlaEvent.Paused(at), this);
            }
            else if (phase == ClockPhase.Paused && resumeHolds)
            {
                _retro.Apply(SlaEvent.Resumed(at), this);
            }
        }

        public void Rebase(Instant at, Duration target)
        {
            if (!_shadows.Has(target))
            {
                // A clock begun before its target took the Jira profile has no shadows: it retargets.
                Append(SlaEvent.Retargeted(at, target));
                return;
            }

            // The clock's own crossings go (they all fall after its start, earlier cycles' at or before
            // it) and those of the clock it becomes come in: what a replay of the rebased timeline finds.
            var startedAt = _clock.StartedAt;
            _crossed.RemoveAll(c => c.DueAt > startedAt && c.Metric == _target.Metric && string.Equals(c.AgreementId, _agreement.Id, StringComparison.Ordinal));
            _clock = _shadows.Take(target, _crossed)!.Value;
        }

        public void RestartFromOpening(Instant openedAt, Duration target, bool replayPauses) => StartFrom(replayPauses ? _shadows : null, openedAt, target);

        /// <summary>A clock started back at <paramref name="start"/>: the shadow of <paramref name="target"/> (with its pauses and crossings) when there is one, else a fresh one.</summary>
        private void StartFrom(Shadows? shadows, Instant start, Duration target) =>
            _clock = shadows?.Take(target, _crossed) ?? SlaClockState.Initial.ApplyUnchecked(SlaEvent.Started(start, target), _calendar);

        /// <summary>The target's track after the fold: <paramref name="previous"/> itself when the fold changed nothing of it (a stopped clock, a command its conditions ignore).</summary>
        internal SlaLedgerTrack ToTrack(SlaTargetProgress progress, SlaLedgerTrack? previous) =>
            previous is not null
            && previous.Progress == progress
            && previous.Clock == _clock
            && _shadows.Count == 0 && previous.Shadows.Length == 0
            && _retro.Count == 0 && previous.RetroShadows.Length == 0
            && string.Equals(previous.Calendar, _calendarId, StringComparison.Ordinal)
                ? previous
                : new(_agreement.Id, _target.Metric, progress, _clock, _shadows.ToArray(), _retro.ToArray(), _calendarId);

        /// <summary>Lets go of the last target's agreement, calendars and shadows (the sink outlives the advance).</summary>
        internal void Release()
        {
            _agreement = null!;
            _target = null!;
            _resolver = null;
            _calendars = null!;
            _calendar = null!;
            _calendarId = null;
            _retro = Shadows.None;
            _shadows = Shadows.None;
        }

        internal void Crossings(SlaClockState state, SlaEvent e, List<SlaThresholdReached> into) =>
            SlaThresholdCrossings.OnEvent(state, e, _calendar, _target.CrossingPercents, _agreement.Id, _target.Metric, into);

        /// <summary>One clock per target duration, started together and paused together, with the crossings each has made.</summary>
        private sealed class Shadows
        {
            private readonly SlaClockState[] _clocks;
            private readonly List<SlaThresholdReached>[] _crossings;

            private Shadows(SlaClockState[] clocks, List<SlaThresholdReached>[] crossings)
            {
                _clocks = clocks;
                _crossings = crossings;
            }

            internal int Count => _clocks.Length;

            internal ClockPhase Phase => _clocks[0].Phase;

            // Most targets keep no shadows: one shared empty set (with no clock, nothing in it can change).
            internal static readonly Shadows None = new([], []);

            internal static Shadows Of(SlaLedgerShadow[] stored) =>
                stored.Length == 0 ? None : new(stored.Select(s => s.Clock).ToArray(), stored.Select(s => s.Crossings.ToList()).ToArray());

            internal static Shadows StartedAt(Instant start, SlaTarget target, BusinessCalendar calendar)
            {
                var durations = target.Durations.Values.Distinct().ToArray();
                return new(
                    durations.Select(d => SlaClockState.Initial.ApplyUnchecked(SlaEvent.Started(start, d), calendar)).ToArray(),
                    durations.Select(_ => new List<SlaThresholdReached>()).ToArray());
            }

            internal void Apply(SlaEvent e, FoldSink sink)
            {
                for (int i = 0; i < _clocks.Length; i++)
                {
                    if (SlaTimeline.Next(_clocks[i].Phase, e.Kind) is not null)
                    {
                        sink.Crossings(_clocks[i], e, _crossings[i]);
                        _clocks[i] = _clocks[i].ApplyUnchecked(e, sink._calendar);
                    }
                }
            }

            internal bool Has(Duration target) => Array.Exists(_clocks, c => c.Target == target);

            /// <summary>The shadow of <paramref name="target"/>, its crossings added to <paramref name="crossed"/>; null when there is none.</summary>
            internal SlaClockState? Take(Duration target, List<SlaThresholdReached> crossed)
            {
                for (int i = 0; i < _clocks.Length; i++)
                {
                    if (_clocks[i].Target == target)
                    {
                        crossed.AddRange(_crossings[i]);
                        return _clocks[i];
                    }
                }

                return null;
            }

            internal SlaLedgerShadow[] ToArray()
            {
                if (_clocks.Length == 0)
                {
                    return [];
                }

                var shadows = new SlaLedgerShadow[_clocks.Length];
                for (int i = 0; i < shadows.Length; i++)
                {
                    shadows[i] = new SlaLedgerShadow(_clocks[i], _crossings[i].ToArray());
                }

                return shadows;
            }
        }
    }
}
