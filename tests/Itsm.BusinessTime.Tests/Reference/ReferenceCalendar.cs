using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NodaTime;

namespace Itsm.BusinessTime.Tests.Reference;

/// <summary>A wall-clock range <c>[From, To)</c> within one local day, in nanoseconds since midnight (<c>To</c> may be 24:00).</summary>
/// <param name="From">The first wall-clock nanosecond of the day in the range.</param>
/// <param name="To">The first wall-clock nanosecond of the day after the range; <see cref="NodaConstants.NanosecondsPerDay"/> is 24:00.</param>
public readonly record struct WallSpan(long From, long To)
{
    /// <summary>The range from <paramref name="fromMinute"/> to <paramref name="toMinute"/> minutes after midnight (1440 is 24:00).</summary>
    public static WallSpan FromMinutes(int fromMinute, int toMinute) =>
        new(fromMinute * NodaConstants.NanosecondsPerMinute, toMinute * NodaConstants.NanosecondsPerMinute);

    /// <summary>Whether the wall-clock nanosecond of the day lies in <c>[From, To)</c>.</summary>
    public bool Contains(long nanosecondOfDay) => nanosecondOfDay >= From && nanosecondOfDay < To;

    public override string ToString() => Format(From) + "-" + Format(To);

    private static string Format(long nanos) => nanos == NodaConstants.NanosecondsPerDay
        ? "24:00"
        : LocalTime.FromNanosecondsSinceMidnight(nanos).ToString(nanos % NodaConstants.NanosecondsPerMinute == 0 ? "HH:mm" : "HH:mm:ss.FFFFFFFFF", CultureInfo.InvariantCulture);
}

/// <summary>A partial closure: the wall-clock <paramref name="Hours"/> of <paramref name="Date"/> are not working time.</summary>
public readonly record struct ReferenceClosure(LocalDate Date, WallSpan Hours);

/// <summary>
/// A brute-force business calendar written straight from the definition in DESIGN.md ("Business
/// time"), independently of the engine: it shares no code with <c>Itsm.BusinessTime</c>.
/// </summary>
/// <remarks>
/// <para>An instant is working iff its local time (<c>instant.InZone(zone).LocalDateTime</c>) lies in
/// a working range of its local date's weekday, the date is not a holiday, and the time is not
/// inside a closure of that date. <see cref="IsWorking"/> is that predicate, exact at any instant.</para>
/// <para><see cref="Between"/>, <see cref="Add"/>, <see cref="NextWorkingInstant"/> and
/// <see cref="WorkingIntervals"/> step through time one step (a minute unless told otherwise) at a
/// time and sample each step at its start. That is exact when every instant at which working
/// status can change is on a whole step of UTC time: for minutes, ranges and closures on whole
/// wall-clock minutes, zone offsets that are whole minutes and transitions at whole minutes (true
/// of every zone the tests use from 1970 on); for seconds, the same with seconds, which holds for
/// every zone of the TZDB at any date (local mean times have whole-second offsets). Instants and
/// durations passed to them must be whole steps; they check it.</para>
/// </remarks>
public sealed class ReferenceCalendar
{
    private readonly IReadOnlyList<WallSpan>[] _week;
    private readonly HashSet<LocalDate> _holidays;
    private readonly Dictionary<LocalDate, List<WallSpan>> _closures;
    private readonly Dictionary<LocalDate, List<WallSpan>> _openings;
    private readonly long _maxSteps;
    private readonly Duration _step;
    private readonly long _stepNanos;

    /// <summary>Creates a reference calendar.</summary>
    /// <param name="zone">The zone of the wall clock.</param>
    /// <param name="week">The working ranges of each ISO weekday; index 0 is Monday.</param>
    /// <param name="holidays">Whole local dates without working time (may repeat).</param>
    /// <param name="closures">Partial closures (may overlap and cover non-working time).</param>
    /// <param name="maxSteps">How many steps a stepping query may take before it gives up (the reference never loops).</param>
    /// <param name="step">The stepping resolution: a whole number of seconds dividing a minute, or a minute (the default).</param>
    /// <param name="openings">Extra openings: wall-clock hours of a date that are working whatever the weekday or a holiday say (closures still win).</param>
    public ReferenceCalendar(
        DateTimeZone zone,
        IReadOnlyList<IReadOnlyList<WallSpan>> week,
        IEnumerable<LocalDate> holidays,
        IEnumerable<ReferenceClosure> closures,
        long maxSteps = 4_000_000,
        Duration? step = null,
        IEnumerable<ReferenceClosure>? openings = null)
    {
        ArgumentNullException.ThrowIfNull(week);
        if (week.Count != 7)
        {
            throw new ArgumentException("A week has seven days.", nameof(week));
        }

        Zone = zone;
        _week = week.ToArray();
        _holidays = new HashSet<LocalDate>(holidays);
        _closures = closures.GroupBy(c => c.Date).ToDictionary(g => g.Key, g => g.Select(c => c.Hours).ToList());
        _openings = (openings ?? []).GroupBy(c => c.Date).ToDictionary(g => g.Key, g => g.Select(c => c.Hours).ToList());
        _maxSteps = maxSteps;
        _step = step ?? Duration.FromMinutes(1);
        _stepNanos = _step.ToInt64Nanoseconds();
        if (_stepNanos <= 0 || NodaConstants.NanosecondsPerMinute % _stepNanos != 0 || _stepNanos % NodaConstants.NanosecondsPerSecond != 0)
        {
            throw new ArgumentException("The step must be a whole number of seconds that divides a minute.", nameof(step));
        }
    }

    /// <summary>The zone of the wall clock.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The definition of working time, exact at any instant.</summary>
    public bool IsWorking(Instant instant)
    {
        var local = instant.InZone(Zone).LocalDateTime;
        var date = local.Date;
        long time = local.TimeOfDay.NanosecondOfDay;
        bool inSchedule = false;
        if (!_holidays.Contains(date))
        {
            foreach (var range in _week[(int)date.DayOfWeek - 1])
            {
                inSchedule |= range.Contains(time);
            }
        }

        if (_openings.TryGetValue(date, out var opened))
        {
            foreach (var opening in opened)
            {
                inSchedule |= opening.Contains(time);
            }
        }

        if (!inSchedule)
        {
            return false;
        }

        if (_closures.TryGetValue(date, out var closed))
        {
            foreach (var closure in closed)
            {
                if (closure.Contains(time))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The measure of working instants in <c>[start, end)</c>, negated when <paramref name="end"/> is before <paramref name="start"/>.</summary>
    public Duration Between(Instant start, Instant end)
    {
        RequireWholeStep(start, nameof(start));
        RequireWholeStep(end, nameof(end));
        if (end < start)
        {
            return -Between(end, start);
        }

        long working = 0;
        long steps = 0;
        for (var t = start; t < end; t += _step)
        {
            CountStep(ref steps);
            if (IsWorking(t))
            {
                working++;
            }
        }

        return Duration.FromNanoseconds(working * _stepNanos);
    }

    /// <summary>
    /// For d &gt;= 0 the earliest t &gt;= start with <c>Between(start, t) == d</c>; for d &lt; 0 the latest
    /// t &lt;= start with <c>Between(t, start) == -d</c>.
    /// </summary>
    public Instant Add(Instant start, Duration workingTime)
    {
        RequireWholeStep(start, nameof(start));
        long nanos = workingTime.ToInt64Nanoseconds();
        if (nanos % _stepNanos != 0)
        {
            throw new ArgumentException($"The reference adds whole steps only, not {workingTime}.", nameof(workingTime));
        }

        long wanted = Math.Abs(nanos / _stepNanos);
        if (wanted == 0)
        {
            return start;
        }

        long counted = 0;
        long steps = 0;
        if (workingTime > Duration.Zero)
        {
            // Step [t, t + step) is the last one needed: Between(start, t + step) reaches d there and
            // is smaller at every earlier instant.
            for (var t = start; ; t += _step)
            {
                CountStep(ref steps);
                if (IsWorking(t) && ++counted == wanted)
                {
                    return t + _step;
                }
            }
        }

        // Step [t, t + step) is the earliest one needed: Between(t, start) reaches -d at t and is
        // smaller at every later instant.
        for (var t = start - _step; ; t -= _step)
        {
            CountStep(ref steps);
            if (IsWorking(t) && ++counted == wanted)
            {
                return t;
            }
        }
    }

    /// <summary>The earliest working instant at or after <paramref name="instant"/> (any instant, not only whole steps).</summary>
    public Instant NextWorkingInstant(Instant instant)
    {
        if (IsWorking(instant))
        {
            return instant;
        }

        // Working status is constant within each whole step, so the rest of this step is not working.
        long steps = 0;
        for (var t = FloorToStep(instant) + _step; ; t += _step)
        {
            CountStep(ref steps);
            if (IsWorking(t))
            {
                return t;
            }
        }
    }

    /// <summary>The latest p &lt;= instant with no working time in [p, instant) (any instant, not only whole steps).</summary>
    public Instant PreviousWorkingInstant(Instant instant)
    {
        // Working status is constant within each whole step, so [floor, instant) has the status of floor.
        var p = FloorToStep(instant);
        if (p != instant && IsWorking(p))
        {
            return instant;
        }

        long steps = 0;
        for (; !IsWorking(p - _step); p -= _step)
        {
            CountStep(ref steps);
        }

        return p;
    }

    /// <summary>Whether some working step has <paramref name="date"/> as its local date (no zone is more than 18 hours from UTC).</summary>
    public bool IsWorkingDay(LocalDate date)
    {
        var from = date.AtMidnight().InUtc().ToInstant() - Duration.FromHours(18);
        var to = date.PlusDays(1).AtMidnight().InUtc().ToInstant() + Duration.FromHours(18);
        for (var t = from; t < to; t += _step)
        {
            if (IsWorking(t) && t.InZone(Zone).Date == date)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Working days after the local date of <paramref name="start"/> up to and including that of <paramref name="end"/>, counted date by date.</summary>
    public int WorkingDaysBetween(Instant start, Instant end)
    {
        var a = start.InZone(Zone).Date;
        var b = end.InZone(Zone).Date;
        if (b < a)
        {
            return -WorkingDaysBetween(end, start);
        }

        int count = 0;
        for (var date = a.PlusDays(1); date <= b; date = date.PlusDays(1))
        {
            count += IsWorkingDay(date) ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// Start's wall-clock time on the <paramref name="days"/>-th working day T after (before, when
    /// negative) its local date, found date by date, then kept within T's working intervals: the
    /// first working instant at or after it, T's first working instant if earlier, T's end if later.
    /// </summary>
    public Instant AddWorkingDays(Instant start, int days)
    {
        if (days == 0)
        {
            return start;
        }

        var local = start.InZone(Zone).LocalDateTime;
        var target = local.Date;
        for (int left = Math.Abs(days); left > 0;)
        {
            target = target.PlusDays(Math.Sign(days));
            left -= IsWorkingDay(target) ? 1 : 0;
        }

        var intervals = WorkingIntervals(target);
        var mapping = Zone.MapLocal(target.At(local.TimeOfDay));
        var x = mapping.Count == 0 ? mapping.LateInterval.Start : mapping.First().ToInstant();
        if (x <= intervals[0].Start)
        {
            return intervals[0].Start;
        }

        foreach (var interval in intervals)
        {
            if (x < interval.End)
            {
                return x < interval.Start ? interval.Start : x;
            }
        }

        return intervals[^1].End;
    }

    /// <summary>
    /// The working time of a local date as merged intervals of instants: every working step whose
    /// local date is <paramref name="date"/>, found by stepping from two days before to two days after.
    /// </summary>
    public IReadOnlyList<Interval> WorkingIntervals(LocalDate date)
    {
        var from = date.PlusDays(-2).AtMidnight().InUtc().ToInstant() - Duration.FromHours(18);
        var to = date.PlusDays(3).AtMidnight().InUtc().ToInstant() + Duration.FromHours(18);
        var result = new List<Interval>();
        Instant? open = null;
        for (var t = from; t < to; t += _step)
        {
            bool inDate = t.InZone(Zone).Date == date && IsWorking(t);
            if (inDate && open is null)
            {
                open = t;
            }
            else if (!inDate && open is Instant start)
            {
                result.Add(new Interval(start, t));
                open = null;
            }
        }

        if (open is not null)
        {
            throw new InvalidOperationException("The date's working time did not end within the stepping window.");
        }

        return result;
    }

    private Instant FloorToStep(Instant instant)
    {
        long nanos = (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
        long floor = nanos - (((nanos % _stepNanos) + _stepNanos) % _stepNanos);
        return NodaConstants.UnixEpoch.PlusNanoseconds(floor);
    }

    private void RequireWholeStep(Instant instant, string paramName)
    {
        if (FloorToStep(instant) != instant)
        {
            throw new ArgumentException($"The reference steps by {_step}; {instant} is not on a whole step.", paramName);
        }
    }

    private void CountStep(ref long steps)
    {
        if (++steps > _maxSteps)
        {
            throw new InvalidOperationException($"The reference calendar gave up after {_maxSteps} minutes of stepping.");
        }
    }
}
