using System;
using System.Collections.Generic;
using NodaTime;

namespace Itsm.BusinessTime;

// Whole working days and the previous working instant: the day-based queries that peers' calendars
// (Zendesk's biz, Ruby's business_time, GLPI) answer, on the same precomputed indexes as Add and Between.
public sealed partial class BusinessCalendar
{
    private readonly WorkingDayIndex _days;
    private readonly long _firstWorkingDayIndex;  // K of the first supported date.
    private readonly long _endWorkingDayIndex;    // K of the day after the last supported date.

    /// <summary>
    /// Whether <paramref name="date"/> is a working day: a local date with working time, after its
    /// holidays, closures and openings and as instants (a date whose only working hours fall in a
    /// daylight-saving gap has none).
    /// </summary>
    /// <param name="date">A local date from 1899-12-31 to 2200-01-01 (converted to the ISO calendar if it is in another).</param>
    /// <returns><see langword="true"/> when <see cref="GetWorkingIntervals(LocalDate)"/> of the date is not empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is outside the supported range.</exception>
    public bool IsWorkingDay(LocalDate date) => _days.IsWorking(ToDayNumber(date, nameof(date)));

    /// <summary>
    /// The latest instant at or before <paramref name="instant"/> up to which there is working time:
    /// <paramref name="instant"/> itself when the time just before it is working, otherwise the end of
    /// the last working period before it. The mirror of <see cref="NextWorkingInstant"/>.
    /// </summary>
    /// <param name="instant">An instant in the supported range.</param>
    /// <returns>The smallest instant <c>p &lt;= instant</c> with <c>Between(p, instant) == Duration.Zero</c>.</returns>
    /// <remarks>
    /// Working periods are half-open, <c>[start, end)</c>, so the answer is an end of working time, which
    /// is not itself working, just as <see cref="NextWorkingInstant"/> answers a start, which is. On a
    /// Monday-Friday 09:00-17:00 calendar: Monday 17:00 for Monday 17:00, 18:00 or 23:59; Friday 17:00
    /// for Monday 09:00 (nothing before it on Monday is working); Monday 10:00 for Monday 10:00.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="instant"/> is outside the supported range.</exception>
    /// <exception cref="NoWorkingTimeException">The answer is <see cref="SearchHorizon"/> or more before the instant, or before <see cref="MinSupportedInstant"/>.</exception>
    public Instant PreviousWorkingInstant(Instant instant)
    {
        long t = ToNanos(instant, nameof(instant));
        long previous = _index.EarliestWith(_index.Cumulative(t));
        if (previous < MinNanos || t - previous >= HorizonNanos)
        {
            throw NoWorkingTime(instant, $"There is no working time within {HorizonDays} days before {instant} (or after {MinSupportedInstant}, the start of the supported range).");
        }

        return FromUnixNanos(previous);
    }

    /// <summary>
    /// The number of working days after the local date of <paramref name="start"/>, up to and including
    /// the local date of <paramref name="end"/>; negative when <paramref name="end"/> is earlier.
    /// </summary>
    /// <param name="start">An instant in the supported range.</param>
    /// <param name="end">An instant in the supported range.</param>
    /// <returns>
    /// How many working days (see <see cref="IsWorkingDay"/>) one steps onto going from the date of
    /// <paramref name="start"/> to the date of <paramref name="end"/>, dates in <see cref="Zone"/>; the
    /// time of day does not matter. Zero on the same date; on a Monday-Friday calendar, Friday to the
    /// next Monday is 1, Saturday to Monday is 1, Friday to Saturday is 0. It is antisymmetric and
    /// additive, like <see cref="Between"/>, and <c>WorkingDaysBetween(t, AddWorkingDays(t, n)) == n</c> for
    /// n &gt;= 0 (for n &lt; 0 too when the date of t is a working day; otherwise it is n + 1, since the
    /// date of t, which does not count, is not a working day either).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">An instant is outside the supported range.</exception>
    public int WorkingDaysBetween(Instant start, Instant end)
    {
        long a = LocalDayOf(ToNanos(start, nameof(start)));
        long b = LocalDayOf(ToNanos(end, nameof(end)));
        return (int)(_days.CountBefore(b + 1) - _days.CountBefore(a + 1));
    }

    /// <summary>
    /// Moves an instant by whole working days: to the same wall-clock time on the
    /// <paramref name="days"/>-th working day after (or, when negative, before) its local date, kept
    /// within that day's working time.
    /// </summary>
    /// <param name="start">An instant in the supported range; it need not be working time.</param>
    /// <param name="days">The number of working days; zero returns <paramref name="start"/>.</param>
    /// <returns>
    /// <para>Let D be the local date of <paramref name="start"/> and T the <paramref name="days"/>-th working
    /// day after D (D itself never counts, working or not), or for a negative number the |days|-th
    /// working day before D. The answer is the instant of start's wall-clock time on T when that is
    /// working time; the next working instant when it falls in a break of T; T's first working instant
    /// when it is before T's working time; and the end of T's working time when it is after it. So the
    /// answer always lies on T, and for days &gt; 0 <c>WorkingDaysBetween(start, answer) == days</c>.</para>
    /// <para>On a Monday-Friday 09:00-17:00 calendar, one working day from Monday 10:00 is Tuesday 10:00;
    /// from Monday 08:00, Tuesday 09:00; from Monday 18:00, Tuesday 17:00 (by close of business); from
    /// Friday 10:00 or Saturday 10:00, Monday 10:00. Minus one from Monday 10:00 is Friday 10:00.</para>
    /// <para>A wall-clock time that T skips (a daylight-saving gap) becomes the first instant after the
    /// gap; one that T repeats (an overlap) is its first occurrence.</para>
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is outside the supported range.</exception>
    /// <exception cref="NoWorkingTimeException">T lies outside the supported range, or past an unbroken stretch of at least <see cref="SearchHorizon"/> without working time.</exception>
    public Instant AddWorkingDays(Instant start, int days)
    {
        long s = ToNanos(start, nameof(start));
        if (days == 0)
        {
            return start;
        }

        long u = _index.LocalOf(s);
        long day = WorkingTimeIndex.FloorDiv(u, WorkingTimeIndex.NanosPerDay);
        long timeOfDay = u - (day * WorkingTimeIndex.NanosPerDay);
        long target = days > 0 ? _days.CountBefore(day + 1) + days - 1 : _days.CountBefore(day) + days;
        if (target < _firstWorkingDayIndex || target >= _endWorkingDayIndex)
        {
            throw NoWorkingTime(start, $"Moving {start} by {days} working days ends outside {MinSupportedInstant} to {MaxSupportedInstant}, the supported range.");
        }

        long targetDay = _days.WorkingDayAt(target);
        // The next working instant from the time of day, while it is still on T (before T's first
        // working instant it is that one); past T's working time, where T's working time ended.
        long dayStart = targetDay * WorkingTimeIndex.NanosPerDay;
        long x = _index.EarliestAtOrAfterLocal(dayStart + timeOfDay);
        long cumulative = _index.Cumulative(x);
        long answer = _index.LatestWith(cumulative);
        if (answer >= _index.EarliestAtOrAfterLocal(dayStart + WorkingTimeIndex.NanosPerDay))
        {
            answer = _index.EarliestWith(cumulative);
        }

        if (answer < MinNanos || answer > MaxNanos)
        {
            throw NoWorkingTime(start, $"Moving {start} by {days} working days ends outside {MinSupportedInstant} to {MaxSupportedInstant}, the supported range.");
        }

        CheckNoDeadZoneBetween(start, Math.Min(s, answer), Math.Max(s, answer));
        return FromUnixNanos(answer);
    }

    // Local times count from the index's local epoch (a Monday), and so do day numbers.
    private long LocalDayOf(long t) => WorkingTimeIndex.FloorDiv(_index.LocalOf(t), WorkingTimeIndex.NanosPerDay);

    private static long ToDayNumber(LocalDate date, string paramName)
    {
        date = date.WithCalendar(CalendarSystem.Iso);
        if (date < FirstQueryDate || date > LastQueryDate)
        {
            throw new ArgumentOutOfRangeException(paramName, date, "The date must be from 1899-12-31 to 2200-01-01, the local dates of the supported instants.");
        }

        return Period.DaysBetween(WorkingTimeIndex.LocalEpochMonday, date);
    }

    private void CheckNoDeadZoneBetween(Instant start, long from, long to)
    {
        foreach (var zone in _deadZones)
        {
            long overlapFrom = Math.Max(from, zone.Start);
            long overlapTo = Math.Min(to, zone.End);
            if (overlapTo - overlapFrom >= HorizonNanos)
            {
                throw NoWorkingTime(start, $"There is no working time from {FromUnixNanos(overlapFrom)} to {FromUnixNanos(overlapTo)}, which is at least the search horizon of {HorizonDays} days.");
            }
        }
    }

    // The days whose working-day status differs from their weekday's. Only two kinds of date can
    // differ: those whose wall-clock hours differ from the pattern (the override days), and those whose
    // hours a spring-forward gap swallows whole (or, like Apia's 2011-12-30, that a gap skips). Where
    // clocks go back across midnight an earlier date recurs after a later one began; there the
    // date's intervals are walked, elsewhere the cumulative index answers in O(log H).
    private WorkingDayIndex BuildWorkingDayIndex(List<KeyValuePair<long, IReadOnlyList<TimeOfDayRange>>> overrides)
    {
        const long Day = WorkingTimeIndex.NanosPerDay;
        var patternWorking = new bool[7];
        for (int d = 0; d < 7; d++)
        {
            patternWorking[d] = _week[d].Count > 0;
        }

        var days = new HashSet<long>();
        var crossed = new HashSet<long>();
        foreach (var (before, after) in _index.Transitions())
        {
            // A gap skips the wall times [before, after); an overlap repeats [after, before).
            long first = WorkingTimeIndex.FloorDiv(Math.Min(before, after), Day);
            long last = WorkingTimeIndex.FloorDiv(Math.Max(before, after) - 1, Day);
            for (long day = first; day <= last && (after > before || first < last); day++)
            {
                (after > before ? days : crossed).Add(day);
            }
        }

        // Away from transitions, a day's instants are its wall-clock hours shifted: an override day works
        // when its hours are not empty, any other day as its weekday does.
        long firstDay = Period.DaysBetween(WorkingTimeIndex.LocalEpochMonday, FirstQueryDate);
        long lastDay = Period.DaysBetween(WorkingTimeIndex.LocalEpochMonday, LastQueryDate);
        var exceptions = new List<KeyValuePair<long, bool>>();
        foreach (var (day, hours) in overrides)
        {
            bool working = hours.Count > 0;
            if (day >= firstDay && day <= lastDay && !days.Contains(day) && !crossed.Contains(day)
                && working != patternWorking[(int)WorkingTimeIndex.FloorMod(day, 7)])
            {
                exceptions.Add(new(day, working));
            }
        }

        days.UnionWith(crossed);
        foreach (long day in days)
        {
            if (day < firstDay || day > lastDay)
            {
                continue;
            }

            bool working = crossed.Contains(day)
                ? GetWorkingIntervals(WorkingTimeIndex.LocalEpochMonday.PlusDays((int)day)).Count > 0
                : HasWorkingInstants(day);
            if (working != patternWorking[(int)WorkingTimeIndex.FloorMod(day, 7)])
            {
                exceptions.Add(new(day, working));
            }
        }

        exceptions.Sort((x, y) => x.Key.CompareTo(y.Key));
        return new WorkingDayIndex(patternWorking, exceptions);
    }

    // Whether the instants from the day's first to the next day's first have working time: the
    // instants of the day, where local dates do not go back (the caller checks).
    private bool HasWorkingInstants(long day)
    {
        long from = Math.Max(_index.EarliestAtOrAfterLocal(day * WorkingTimeIndex.NanosPerDay), MinNanos);
        long to = Math.Min(_index.EarliestAtOrAfterLocal((day + 1) * WorkingTimeIndex.NanosPerDay), MaxNanos);
        return from < to && _index.Cumulative(to) > _index.Cumulative(from);
    }
}
