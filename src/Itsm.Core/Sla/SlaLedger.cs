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
/// </remarks>
internal sealed class SlaLedger
{
    internal SlaLedger(Instant? openedAt, Instant? lastAt, SlaLedgerTrack[] tracks, SlaThresholdReached[] crossed)
    {
        OpenedAt = openedAt;
        LastAt = lastAt;
        Tracks = tracks;
        Crossed = crossed;
    }

    /// <summary>The ledger of a ticket with no snapshot yet.</summary>
    internal static SlaLedger Empty { get; } = new(null, null, [], []);

    /// <summary>The instant of the first snapshot (where a retroactive restart starts).</summary>
    internal Instant? OpenedAt { get; }

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

        var openedAt = OpenedAt ?? (changes.Count > 0 ? changes[0].At : (Instant?)null);
        var lastAt = LastAt;
        var targets = tracker?.Targets ?? [];
        var crossed = new List<SlaThresholdReached>(Crossed);
        var tracks = new SlaLedgerTrack[targets.Length];
        for (int i = 0; i < targets.Length; i++)
        {
            var (agreement, target) = targets[i];
            var previous = Find(agreement.Id, target.Metric);
            var sink = new FoldSink(agreement, target, CalendarOf(agreement, target, calendars), openedAt ?? default, previous, crossed);
            var progress = previous?.Progress ?? SlaTargetProgress.Initial;
            var at = lastAt;
            foreach (var change in changes)
            {
                at = at is { } last && change.At < last ? last : change.At;
                progress = SlaTargetRules.Step(agreement, target, progress, sink, at.Value, openedAt!.Value, change.Snapshot);
            }

            tracks[i] = sink.ToTrack(progress);
        }

        foreach (var change in changes)
        {
            lastAt = lastAt is { } last && change.At < last ? last : change.At;
        }

        crossed.RemoveAll(c => (recorded is not null && SlaThresholdReached.Order(c, recorded) <= 0) || !Tracked(tracks, c));
        crossed.Sort(SlaThresholdReached.Order);
        return new SlaLedger(openedAt, lastAt, tracks, crossed.ToArray());
    }

    /// <summary>
    /// The thresholds not yet recorded (after <paramref name="recorded"/>), past and forecast, in
    /// order, up to <paramref name="until"/> (all of them when null).
    /// </summary>
    internal List<SlaThresholdReached> Due(SlaTracker? tracker, IReadOnlyDictionary<string, BusinessCalendar> calendars, SlaThresholdReached? recorded, Instant? until)
    {
        var due = new List<SlaThresholdReached>(Crossed.Length + 4);
        due.AddRange(Crossed);
        if (tracker is not null)
        {
            foreach (var track in Tracks)
            {
                if (track.Clock.Phase != ClockPhase.Running || TargetOf(tracker, track) is not var (agreement, target))
                {
                    continue;
                }

                SlaThresholdCrossings.Forecast(track.Clock, CalendarOf(agreement, target, calendars), target.CrossingPercents, agreement.Id, target.Metric, due);
            }
        }

        due.RemoveAll(c => (recorded is not null && SlaThresholdReached.Order(c, recorded) <= 0) || c.DueAt > until);
        due.Sort(SlaThresholdReached.Order);
        return due;
    }

    internal static BusinessCalendar CalendarOf(Agreement agreement, SlaTarget target, IReadOnlyDictionary<string, BusinessCalendar> calendars) =>
        target.CalendarId is null
            ? BusinessCalendar.TwentyFourSeven
            : calendars.TryGetValue(target.CalendarId, out var found)
                ? found
                : throw new KeyNotFoundException($"The calendar '{QuotedText.Of(target.CalendarId)}' of agreement {agreement.Id}, target {target.Metric}, is not among the calendars given.");

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
    private sealed class FoldSink : ISlaClockSink
    {
        private readonly Agreement _agreement;
        private readonly SlaTarget _target;
        private readonly BusinessCalendar _calendar;
        private readonly Instant _openedAt;
        private readonly List<SlaThresholdReached> _crossed;
        private readonly bool _shadowed;
        private SlaClockState _clock;
        private SlaClockState[] _shadows;
        private List<SlaThresholdReached>[] _shadowCrossings;

        internal FoldSink(Agreement agreement, SlaTarget target, BusinessCalendar calendar, Instant openedAt, SlaLedgerTrack? previous, List<SlaThresholdReached> crossed)
        {
            _agreement = agreement;
            _target = target;
            _calendar = calendar;
            _openedAt = openedAt;
            _crossed = crossed;
            _shadowed = target.PriorityChangePolicy == PriorityChangePolicy.CancelAndRestartRetroactive && target.RetroactivePauses;
            _clock = previous?.Clock ?? SlaClockState.Initial;
            var shadows = previous?.Shadows ?? [];
            _shadows = shadows.Select(s => s.Clock).ToArray();
            _shadowCrossings = shadows.Select(s => s.Crossings.ToList()).ToArray();
        }

        public bool IsActive => _clock.Phase is ClockPhase.Running or ClockPhase.Paused;

        public bool IsPaused => _clock.Phase == ClockPhase.Paused;

        public Duration Target => _clock.Target;

        public void Append(SlaEvent e)
        {
            SlaThresholdCrossings.OnEvent(_clock, e, _calendar, _target.CrossingPercents, _agreement.Id, _target.Metric, _crossed);
            _clock = _clock.ApplyUnchecked(e, _calendar);
            var kind = e.Kind == SlaEventKind.Reset ? SlaEventKind.Resumed : e.Kind;
            if (kind is not (SlaEventKind.Paused or SlaEventKind.Resumed))
            {
                return;
            }

            var replayed = new SlaEvent(e.At, kind);
            for (int i = 0; i < _shadows.Length; i++)
            {
                if (SlaTimeline.Next(_shadows[i].Phase, kind) is not null)
                {
                    SlaThresholdCrossings.OnEvent(_shadows[i], replayed, _calendar, _target.CrossingPercents, _agreement.Id, _target.Metric, _shadowCrossings[i]);
                    _shadows[i] = _shadows[i].ApplyUnchecked(replayed, _calendar);
                }
            }
        }

        public void Close(int cycle, Priority priority)
        {
            // The crossings of a clock are collected as its events are applied: nothing to keep.
        }

        public void Start(SlaEvent started)
        {
            _clock = SlaClockState.Initial.ApplyUnchecked(started, _calendar);
            if (_shadowed)
            {
                var targets = _target.Durations.Values.Distinct().ToArray();
                _shadows = targets.Select(d => SlaClockState.Initial.ApplyUnchecked(SlaEvent.Started(_openedAt, d), _calendar)).ToArray();
                _shadowCrossings = targets.Select(_ => new List<SlaThresholdReached>()).ToArray();
            }
        }

        public void RestartFromOpening(Instant openedAt, Duration target, bool replayPauses)
        {
            for (int i = 0; replayPauses && i < _shadows.Length; i++)
            {
                if (_shadows[i].Target == target)
                {
                    _clock = _shadows[i];
                    _crossed.AddRange(_shadowCrossings[i]);
                    return;
                }
            }

            _clock = SlaClockState.Initial.ApplyUnchecked(SlaEvent.Started(openedAt, target), _calendar);
        }

        internal SlaLedgerTrack ToTrack(SlaTargetProgress progress)
        {
            var shadows = new SlaLedgerShadow[_shadows.Length];
            for (int i = 0; i < shadows.Length; i++)
            {
                shadows[i] = new SlaLedgerShadow(_shadows[i], _shadowCrossings[i].ToArray());
            }

            return new SlaLedgerTrack(_agreement.Id, _target.Metric, progress, _clock, shadows);
        }
    }
}
