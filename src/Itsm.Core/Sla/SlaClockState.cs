using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.Sla;

/// <summary>
/// The fold of an SLA timeline up to its last event: apply events one by one with
/// <see cref="Apply"/>, read the status at any later instant with <see cref="StatusAt(Instant, BusinessCalendar, IReadOnlyList{double}, SlaProfile)"/> (with the display stage in the words of a profile; the overload without one in the library's own).
/// <see cref="SlaClock.Evaluate"/> is this fold over a whole <see cref="SlaTimeline"/>.
/// </summary>
/// <remarks>
/// <para>Business time counts only while the clock runs, on the calendar given. A pause adds to
/// <see cref="SlaStatus.PausedDuration"/> and nothing to the business elapsed time.</para>
/// <para>The clock breaches when its business elapsed time reaches the target in force: at the
/// earliest instant the elapsed time equals the target (so a 4-hour target started Friday 16:00 on
/// a 09:00-17:00 calendar breaches Monday 12:00, and the status there is breached while one
/// nanosecond earlier it is not). A retarget keeps the elapsed time; if the new target is already
/// reached, the clock breaches at the retarget instant: a breach is never placed in the past of a
/// status already reported.</para>
/// <para>This is a small value with no allocation; applying an event costs one calendar query.</para>
/// </remarks>
public readonly record struct SlaClockState
{
    private readonly ClockPhase _phase;
    private readonly Instant _startedAt;
    private readonly Instant _lastEventAt;
    private readonly Duration _target;
    private readonly Duration _elapsed;
    private readonly Duration _paused;
    private readonly Instant? _breachAt;
    private readonly bool _everBreached;

    private SlaClockState(ClockPhase phase, Instant startedAt, Instant lastEventAt, Duration target, Duration elapsed, Duration paused, Instant? breachAt, bool everBreached)
    {
        _phase = phase;
        _startedAt = startedAt;
        _lastEventAt = lastEventAt;
        _target = target;
        _elapsed = elapsed;
        _paused = paused;
        _breachAt = breachAt;
        _everBreached = everBreached;
    }

    /// <summary>The state before any event: not started.</summary>
    public static SlaClockState Initial => default;

    /// <summary>Whether the clock has started (some event has been applied).</summary>
    public bool HasStarted => _phase != ClockPhase.NotStarted;

    /// <summary>The instant of the last event applied.</summary>
    public Instant LastEventAt => _lastEventAt;

    internal ClockPhase Phase => _phase;

    internal Instant StartedAt => _startedAt;

    internal Duration Target => _target;

    internal Duration Elapsed => _elapsed;

    internal Duration Paused => _paused;

    internal Instant? BreachAt => _breachAt;

    internal bool EverBreached => _everBreached;

    /// <summary>Rebuilds a state from its parts (a stored SLA ledger); the codec checks them.</summary>
    internal static SlaClockState FromParts(ClockPhase phase, Instant startedAt, Instant lastEventAt, Duration target, Duration elapsed, Duration paused, Instant? breachAt, bool everBreached) =>
        new(phase, startedAt, lastEventAt, target, elapsed, paused, breachAt, everBreached);

    /// <summary>Applies the next event of the timeline.</summary>
    /// <param name="event">The event; it must be allowed after the events applied so far (see <see cref="SlaTimeline"/>).</param>
    /// <param name="calendar">The calendar business time counts on.</param>
    /// <returns>The state after the event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    /// <exception cref="ArgumentException">The event is not allowed here, is before the last event, or lacks a positive target.</exception>
    public SlaClockState Apply(SlaEvent @event, BusinessCalendar calendar)
    {
        Guard.Against.Null(calendar);
        if (HasStarted && @event.At < _lastEventAt)
        {
            throw new ArgumentException($"The event ({@event}) is before the last event applied ({_lastEventAt}).", nameof(@event));
        }

        if (@event.Kind is SlaEventKind.Started or SlaEventKind.Reset or SlaEventKind.Retargeted && @event.Target <= Duration.Zero)
        {
            throw new ArgumentException($"The event ({@event}) needs a positive target.", nameof(@event));
        }

        if (SlaTimeline.Next(_phase, @event.Kind) is null)
        {
            throw new ArgumentException($"The event ({@event}) cannot follow a clock that is {SlaTimeline.Describe(_phase)}.", nameof(@event));
        }

        return ApplyUnchecked(@event, calendar);
    }

    /// <summary>The status at <paramref name="now"/>, which must not be before the last event applied.</summary>
    /// <param name="now">The instant to evaluate at.</param>
    /// <param name="calendar">The calendar business time counts on.</param>
    /// <param name="warningThresholds">Warning thresholds in percent of the target, ascending (for <see cref="SlaStatus.NextThresholdInstant"/>).</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The clock has not started.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is before the last event applied.</exception>
    /// <remarks>
    /// <see cref="SlaStatus.DisplayStage"/> is in the library's own words (<see cref="SlaProfile.Itsm"/>); a host folding the clock of a
    /// target of another profile passes it to <see cref="StatusAt(Instant, BusinessCalendar, IReadOnlyList{double}, SlaProfile)"/>.
    /// </remarks>
    public SlaStatus StatusAt(Instant now, BusinessCalendar calendar, IReadOnlyList<double> warningThresholds) =>
        StatusAt(now, calendar, warningThresholds, SlaProfile.Itsm);

    /// <summary>
    /// The status at <paramref name="now"/>, which must not be before the last event applied, with the display stage in the words of
    /// <paramref name="profile"/>: the same status <see cref="SlaClock.Evaluate"/> and <see cref="SlaTracker"/> report for a clock of a
    /// target of that profile (<see cref="SlaTarget.Profile"/>).
    /// </summary>
    /// <param name="now">The instant to evaluate at.</param>
    /// <param name="calendar">The calendar business time counts on.</param>
    /// <param name="warningThresholds">Warning thresholds in percent of the target, ascending (for <see cref="SlaStatus.NextThresholdInstant"/>).</param>
    /// <param name="profile">
    /// The profile whose words <see cref="SlaStatus.DisplayStage"/> uses: <see cref="SlaProfile.Itsm"/> mirrors <see cref="SlaStatus.Stage"/>;
    /// <see cref="SlaProfile.ServiceNow"/> says Completed for a stopped clock, breached or not; <see cref="SlaProfile.JiraServiceManagement"/>
    /// also says <see cref="SlaDisplayStage.PausedOutsideCalendarHours"/> for a running clock at an instant outside the calendar's hours.
    /// Every other field is the same in every profile.
    /// </param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The clock has not started.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is before the last event applied, or <paramref name="profile"/> is not a defined profile.</exception>
    public SlaStatus StatusAt(Instant now, BusinessCalendar calendar, IReadOnlyList<double> warningThresholds, SlaProfile profile)
    {
        Guard.Against.Null(calendar);
        Guard.Against.Null(warningThresholds);
        if (!Enum.IsDefined(profile))
        {
            throw new ArgumentOutOfRangeException(nameof(profile), profile, "The profile must be Itsm, ServiceNow or JiraServiceManagement.");
        }

        if (!HasStarted)
        {
            throw new InvalidOperationException("The clock has not started: apply a Started event first.");
        }

        if (now < _lastEventAt)
        {
            throw new ArgumentOutOfRangeException(nameof(now), now, $"The instant must not be before the last event applied ({_lastEventAt}).");
        }

        return Status(now, calendar, warningThresholds, profile);
    }

    internal SlaClockState ApplyUnchecked(SlaEvent e, BusinessCalendar calendar)
    {
        var elapsed = _elapsed;
        var paused = _paused;
        var breachAt = _breachAt;
        bool everBreached = _everBreached;
        if (_phase == ClockPhase.Running)
        {
            var segment = calendar.Between(_lastEventAt, e.At);
            if (elapsed < _target && elapsed + segment >= _target)
            {
                breachAt = calendar.Add(_lastEventAt, _target - elapsed);
                everBreached = true;
            }

            elapsed += segment;
        }
        else if (_phase == ClockPhase.Paused)
        {
            paused += e.At - _lastEventAt;
        }

        switch (e.Kind)
        {
            case SlaEventKind.Started:
            case SlaEventKind.Reset:
                return new SlaClockState(ClockPhase.Running, e.At, e.At, e.Target, Duration.Zero, Duration.Zero, null, false);
            case SlaEventKind.Paused:
                return new SlaClockState(ClockPhase.Paused, _startedAt, e.At, _target, elapsed, paused, breachAt, everBreached);
            case SlaEventKind.Resumed:
                return new SlaClockState(ClockPhase.Running, _startedAt, e.At, _target, elapsed, paused, breachAt, everBreached);
            case SlaEventKind.Stopped:
                return new SlaClockState(ClockPhase.Stopped, _startedAt, e.At, _target, elapsed, paused, breachAt, everBreached);
            case SlaEventKind.Cancelled:
                return new SlaClockState(ClockPhase.Cancelled, _startedAt, e.At, _target, elapsed, paused, breachAt, everBreached);
            default:
                // Retargeted: the elapsed time stays; the breach follows the new target.
                if (elapsed >= e.Target)
                {
                    if (elapsed < _target || breachAt is null)
                    {
                        breachAt = e.At;
                    }

                    everBreached = true;
                }
                else
                {
                    breachAt = null;
                }

                return new SlaClockState(_phase, _startedAt, e.At, e.Target, elapsed, paused, breachAt, everBreached);
        }
    }

    internal SlaStatus Status(Instant now, BusinessCalendar calendar, IReadOnlyList<double> warningThresholds, SlaProfile profile = SlaProfile.Itsm)
    {
        bool running = _phase == ClockPhase.Running;
        var elapsed = running ? _elapsed + calendar.Between(_lastEventAt, now) : _elapsed;
        var paused = _phase == ClockPhase.Paused ? _paused + (now - _lastEventAt) : _paused;
        bool breached = elapsed >= _target;
        Instant? breachAt = _elapsed >= _target ? _breachAt : running ? calendar.Add(_lastEventAt, _target - _elapsed) : null;
        bool ended = _phase is ClockPhase.Stopped or ClockPhase.Cancelled;
        var stage = _phase switch
        {
            ClockPhase.Cancelled => SlaStage.Cancelled,
            _ when breached => SlaStage.Breached,
            ClockPhase.Stopped => SlaStage.Achieved,
            ClockPhase.Paused => SlaStage.Paused,
            _ => SlaStage.InProgress,
        };

        // The breach is the 100% threshold; thresholds are few, so take the earliest of all.
        Instant? next = null;
        if (running)
        {
            next = ThresholdInstant(_target, now, calendar);
            for (int i = 0; i < warningThresholds.Count; i++)
            {
                var candidate = ThresholdInstant(ThresholdAmount(_target, warningThresholds[i]), now, calendar);
                if (candidate < next || next is null)
                {
                    next = candidate ?? next;
                }
            }
        }

        return new SlaStatus
        {
            Stage = stage,
            IsActive = !ended,
            Target = _target,
            StartedAt = _startedAt,
            EndedAt = ended ? _lastEventAt : null,
            BusinessElapsed = elapsed,
            BusinessRemaining = _target - elapsed,
            WallClockElapsed = (ended ? _lastEventAt : now) - _startedAt,
            ActualElapsed = (ended ? _lastEventAt : now) - _startedAt - paused,
            DisplayStage = DisplayStageOf(profile, stage, running, now, calendar),
            PausedDuration = paused,
            ElapsedPercent = elapsed.TotalNanoseconds / _target.TotalNanoseconds * 100.0,
            BreachInstant = breachAt,
            HasEverBreached = _everBreached || breached,
            NextThresholdInstant = next,
        };
    }

    private SlaDisplayStage DisplayStageOf(SlaProfile profile, SlaStage stage, bool running, Instant now, BusinessCalendar calendar)
    {
        if (profile == SlaProfile.Itsm)
        {
            return stage switch
            {
                SlaStage.Cancelled => SlaDisplayStage.Cancelled,
                SlaStage.Breached => SlaDisplayStage.Breached,
                SlaStage.Achieved => SlaDisplayStage.Achieved,
                SlaStage.Paused => SlaDisplayStage.Paused,
                _ => SlaDisplayStage.InProgress,
            };
        }

        return _phase switch
        {
            ClockPhase.Cancelled => SlaDisplayStage.Cancelled,
            ClockPhase.Stopped => SlaDisplayStage.Completed,
            ClockPhase.Paused => SlaDisplayStage.Paused,
            _ when running && profile == SlaProfile.JiraServiceManagement && !calendar.IsWorking(now) => SlaDisplayStage.PausedOutsideCalendarHours,
            _ => SlaDisplayStage.InProgress,
        };
    }

    // The instant the running clock's elapsed time reaches amount, if that is after now.
    private Instant? ThresholdInstant(Duration amount, Instant now, BusinessCalendar calendar)
    {
        if (amount <= _elapsed)
        {
            return null;
        }

        var at = calendar.Add(_lastEventAt, amount - _elapsed);
        return at > now ? at : null;
    }

    /// <summary>percent% of the target, rounded to the nearest nanosecond (exact for 100%).</summary>
    internal static Duration ThresholdAmount(Duration target, double percent)
    {
        if (percent == 100.0)
        {
            return target;
        }

        decimal nanos = (decimal)target.ToInt64Nanoseconds() * (decimal)percent / 100m;
        return Duration.FromNanoseconds((long)Math.Round(nanos, MidpointRounding.AwayFromZero));
    }
}
