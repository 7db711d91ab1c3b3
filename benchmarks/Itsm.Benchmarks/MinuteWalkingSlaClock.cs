using System;
using System.Globalization;
using Itsm.BusinessTime;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>
/// The naive baseline for <see cref="SlaClock.Evaluate"/>: replays a timeline by walking minute
/// after minute from its first event to the instant evaluated. A minute counts as business time when
/// the clock runs at that minute and <see cref="BusinessCalendar.IsWorking(Instant)"/> holds at its
/// start. For a running clock that has not breached, the breach instant is found by walking on, minute
/// by minute, until the elapsed time reaches the target.
/// </summary>
/// <remarks>
/// <para>It only works on minute-aligned inputs: the events' instants, the targets, the instant
/// evaluated and the calendar's working hours must all fall on whole minutes (the benchmarks' inputs
/// do, and <see cref="Evaluate"/> throws otherwise). Its cost grows with the wall-clock time from the
/// start to the breach (about 1,440 calendar queries a day), and it allocates nothing.</para>
/// <para>It follows the clock's documented rules (see <see cref="SlaClockState"/>): pauses add no
/// business time; the breach is the earliest instant the elapsed time equals the target; a retarget
/// keeps the elapsed time and, when the new target is already reached, breaches at the retarget
/// instant (unless the clock had already breached); a reset starts from zero. It is the baseline,
/// never the implementation, and it answers only <see cref="MinuteWalkStatus.BusinessElapsed"/> and
/// <see cref="MinuteWalkStatus.BreachInstant"/>.</para>
/// </remarks>
public sealed class MinuteWalkingSlaClock
{
    // Gives up like the calendar does: a forecast that finds no breach within ten years stops.
    private const long HorizonMinutes = 3653L * 24 * 60;

    private static readonly Duration OneMinute = Duration.FromMinutes(1);

    private readonly BusinessCalendar _calendar;

    /// <summary>Creates a walker that counts business time on <paramref name="calendar"/>.</summary>
    /// <param name="calendar">The calendar whose working minutes are counted.</param>
    public MinuteWalkingSlaClock(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        _calendar = calendar;
    }

    /// <summary>The business elapsed time and the breach instant of <paramref name="timeline"/> at <paramref name="now"/>.</summary>
    /// <param name="timeline">The clock's events; not empty, every instant and target on a whole minute.</param>
    /// <param name="now">The instant to evaluate at; on a whole minute, not before the first event. Events after it are ignored.</param>
    /// <returns>What <see cref="SlaClock.Evaluate"/> reports as <see cref="SlaStatus.BusinessElapsed"/> and <see cref="SlaStatus.BreachInstant"/>.</returns>
    /// <exception cref="ArgumentException">The timeline is empty, or an instant or target is not on a whole minute.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is before the first event.</exception>
    /// <exception cref="InvalidOperationException">A running clock does not breach within ten years.</exception>
    public MinuteWalkStatus Evaluate(SlaTimeline timeline, Instant now)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (timeline.Count == 0)
        {
            throw new ArgumentException("The timeline is empty: the clock has not started.", nameof(timeline));
        }

        var start = timeline[0].At;
        if (now < start)
        {
            throw new ArgumentOutOfRangeException(nameof(now), now, $"The instant is before the clock started ({start}).");
        }

        CheckMinute(now, nameof(now));
        bool running = false;
        var target = Duration.Zero;
        var elapsed = Duration.Zero;
        Instant? breachAt = null;
        int next = 0;
        for (var minute = start; minute < now; minute += OneMinute)
        {
            // Apply every event at or before this minute: the clock's phase during [minute, minute + 1).
            while (next < timeline.Count && timeline[next].At <= minute)
            {
                Apply(timeline[next++], ref running, ref target, ref elapsed, ref breachAt);
            }

            if (running && _calendar.IsWorking(minute))
            {
                elapsed += OneMinute;
                if (elapsed == target)
                {
                    breachAt = minute + OneMinute;
                }
            }
        }

        // Events at exactly now still apply (a retarget at now can breach at now).
        while (next < timeline.Count && timeline[next].At <= now)
        {
            Apply(timeline[next++], ref running, ref target, ref elapsed, ref breachAt);
        }

        if (elapsed < target)
        {
            breachAt = running ? WalkToBreach(now, target - elapsed) : null;
        }

        return new MinuteWalkStatus(elapsed, breachAt);
    }

    private static void Apply(SlaEvent e, ref bool running, ref Duration target, ref Duration elapsed, ref Instant? breachAt)
    {
        CheckMinute(e.At, "timeline");
        switch (e.Kind)
        {
            case SlaEventKind.Started:
            case SlaEventKind.Reset:
                CheckMinutes(e.Target);
                running = true;
                target = e.Target;
                elapsed = Duration.Zero;
                breachAt = null;
                break;
            case SlaEventKind.Paused:
            case SlaEventKind.Stopped:
            case SlaEventKind.Cancelled:
                running = false;
                break;
            case SlaEventKind.Resumed:
                running = true;
                break;
            default:
                // Retargeted: the elapsed time stays; a target already reached breaches here, unless
                // the clock was already breached under the old target.
                CheckMinutes(e.Target);
                if (elapsed >= e.Target)
                {
                    if (elapsed < target || breachAt is null)
                    {
                        breachAt = e.At;
                    }
                }
                else
                {
                    breachAt = null;
                }

                target = e.Target;
                break;
        }
    }

    // The instant the running clock, still short of its target by remaining at from, reaches it.
    private Instant WalkToBreach(Instant from, Duration remaining)
    {
        var minute = from;
        for (long walked = 0; walked < HorizonMinutes; walked++, minute += OneMinute)
        {
            if (_calendar.IsWorking(minute))
            {
                remaining -= OneMinute;
                if (remaining == Duration.Zero)
                {
                    return minute + OneMinute;
                }
            }
        }

        throw new InvalidOperationException($"The clock does not breach within ten years after {from}.");
    }

    private static void CheckMinute(Instant instant, string paramName)
    {
        if (instant.InUtc().NanosecondOfDay % NodaConstants.NanosecondsPerMinute != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The minute walker needs whole minutes; {instant} is not one."), paramName);
        }
    }

    private static void CheckMinutes(Duration target)
    {
        if (target.Seconds != 0 || target.SubsecondNanoseconds != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The minute walker needs whole minutes; the target {target} is not."), "timeline");
        }
    }
}

/// <summary>What <see cref="MinuteWalkingSlaClock.Evaluate"/> answers.</summary>
/// <param name="BusinessElapsed">Business time counted so far, as <see cref="SlaStatus.BusinessElapsed"/>.</param>
/// <param name="BreachInstant">When the elapsed time reaches the target, as <see cref="SlaStatus.BreachInstant"/>.</param>
public readonly record struct MinuteWalkStatus(Duration BusinessElapsed, Instant? BreachInstant);
