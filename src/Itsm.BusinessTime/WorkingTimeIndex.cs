using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using NodaTime;

namespace Itsm.BusinessTime;

/// <summary>
/// The precomputed, allocation-free engine behind <see cref="BusinessCalendar"/>.
/// </summary>
/// <remarks>
/// <para>All times are <see cref="long"/> nanoseconds. An instant <c>t</c> is nanoseconds since the
/// Unix epoch. A local wall-clock time <c>u</c> is nanoseconds since Monday 1969-12-29T00:00 local,
/// so that local weeks start at multiples of a week.</para>
/// <para><b>Local cumulative working time</b> <c>C(u)</c> is the working measure of the local
/// timeline from the local epoch to <c>u</c> (negative before it). It is the weekly pattern
/// <c>P(u)</c> (whole weeks times the weekly total plus a prefix within the week) corrected by the
/// "override days" (holidays and closures whose working hours differ from the pattern), kept
/// sorted with prefix sums of their differences, found by binary search.</para>
/// <para><b>Instant cumulative working time</b> <c>W(t)</c>: between two offset transitions of the
/// zone, local time is the instant plus a constant offset, so <c>W(t) = C(t + offset) - D</c>,
/// where <c>D</c> sums, over the transitions before <c>t</c>, the working wall time each transition
/// skipped (spring forward: not counted) minus the working wall time it repeated (fall back:
/// counted twice). That keeps <c>W</c> continuous and makes it exactly the working measure of
/// instants, by DESIGN.md's definition.</para>
/// <para><c>Between(a, b) = W(b) - W(a)</c>. <c>Add</c> inverts <c>W</c>: forward, the smallest
/// instant whose <c>W</c> is the target (work that ends at 17:00 ends at 17:00); backward, the
/// largest. Each step is a binary search over an array or a scan over one day's intervals:
/// O(log H + intervals per week), independent of the span.</para>
/// </remarks>
internal sealed class WorkingTimeIndex
{
    internal const long NanosPerDay = NodaConstants.NanosecondsPerDay;
    internal const long NanosPerWeek = 7 * NanosPerDay;

    /// <summary>Local nanoseconds from Monday 1969-12-29T00:00 to Thursday 1970-01-01T00:00.</summary>
    internal const long MondayShift = 3 * NanosPerDay;

    internal static readonly LocalDate LocalEpochMonday = new(1969, 12, 29);

    // Weekly pattern, flattened over the week in week-relative nanoseconds.
    private readonly long[] _patternStart;
    private readonly long[] _patternEnd;
    private readonly long[] _patternCumBefore;
    private readonly long[] _patternCumAfter;
    private readonly int[] _dayFirst;   // 8 entries: first pattern interval of each ISO day (Monday = 0).
    private readonly long[] _dayCum;    // 8 entries: pattern working time before each day of the week.
    private readonly long _weekly;

    // Override days, sorted by local day number (days since the local epoch Monday).
    private readonly long[] _overrideDay;
    private readonly long[] _overrideCStart;  // C at the start of the day.
    private readonly long[] _overrideCEnd;    // C at the end of the day.
    private readonly long[] _overridePrefix;  // n + 1 entries: sum of (actual - pattern) over earlier overrides.
    private readonly int[] _overrideFirst;    // n + 1 entries: first interval of each override day.
    private readonly long[] _overrideStart;   // day-relative.
    private readonly long[] _overrideEnd;     // day-relative.

    // Offset segments of the zone: segment i covers instants [_segStart[i], _segStart[i + 1]).
    private readonly long[] _segStart;  // [0] is long.MinValue.
    private readonly long[] _segShift;  // wall offset + MondayShift: u = t + shift.
    private readonly long[] _segD;      // the transition correction D.
    private readonly long[] _segV;      // W at the start of the segment; [0] is long.MinValue.

    internal WorkingTimeIndex(
        IReadOnlyList<TimeOfDayRange>[] week,
        IReadOnlyList<KeyValuePair<long, IReadOnlyList<TimeOfDayRange>>> overrides,
        DateTimeZone zone,
        long zoneFrom,
        long zoneTo)
    {
        // Weekly pattern.
        int patternCount = 0;
        foreach (var day in week)
        {
            patternCount += day.Count;
        }

        _patternStart = new long[patternCount];
        _patternEnd = new long[patternCount];
        _patternCumBefore = new long[patternCount];
        _patternCumAfter = new long[patternCount];
        _dayFirst = new int[8];
        _dayCum = new long[8];
        int p = 0;
        long cum = 0;
        for (int d = 0; d < 7; d++)
        {
            _dayFirst[d] = p;
            _dayCum[d] = cum;
            foreach (var range in week[d])
            {
                _patternStart[p] = (d * NanosPerDay) + range.StartNanos;
                _patternEnd[p] = (d * NanosPerDay) + range.EndNanos;
                _patternCumBefore[p] = cum;
                cum += range.EndNanos - range.StartNanos;
                _patternCumAfter[p] = cum;
                p++;
            }
        }

        _dayFirst[7] = p;
        _dayCum[7] = cum;
        _weekly = cum;

        // Override days.
        int n = overrides.Count;
        _overrideDay = new long[n];
        _overrideCStart = new long[n];
        _overrideCEnd = new long[n];
        _overridePrefix = new long[n + 1];
        _overrideFirst = new int[n + 1];
        int intervalCount = 0;
        foreach (var entry in overrides)
        {
            intervalCount += entry.Value.Count;
        }

        _overrideStart = new long[intervalCount];
        _overrideEnd = new long[intervalCount];
        int q = 0;
        for (int k = 0; k < n; k++)
        {
            long day = overrides[k].Key;
            _overrideDay[k] = day;
            _overrideFirst[k] = q;
            long actual = 0;
            foreach (var range in overrides[k].Value)
            {
                _overrideStart[q] = range.StartNanos;
                _overrideEnd[q] = range.EndNanos;
                actual += range.EndNanos - range.StartNanos;
                q++;
            }

            int dayOfWeek = (int)FloorMod(day, 7);
            long pattern = _dayCum[dayOfWeek + 1] - _dayCum[dayOfWeek];
            _overrideCStart[k] = Pattern(day * NanosPerDay) + _overridePrefix[k];
            _overrideCEnd[k] = _overrideCStart[k] + actual;
            _overridePrefix[k + 1] = _overridePrefix[k] + actual - pattern;
        }

        _overrideFirst[n] = q;

        // Offset segments, with the correction D that keeps W continuous across each transition.
        var starts = new List<long> { long.MinValue };
        var shifts = new List<long>();
        var interval = new Interval(
            NodaConstants.UnixEpoch.PlusNanoseconds(zoneFrom),
            NodaConstants.UnixEpoch.PlusNanoseconds(zoneTo));
        foreach (var zoneInterval in zone.GetZoneIntervals(interval))
        {
            long shift = zoneInterval.WallOffset.Nanoseconds + MondayShift;
            if (shifts.Count == 0)
            {
                shifts.Add(shift);
            }
            else if (shift != shifts[^1])
            {
                starts.Add((zoneInterval.Start - NodaConstants.UnixEpoch).ToInt64Nanoseconds());
                shifts.Add(shift);
            }
        }

        int segments = starts.Count;
        _segStart = starts.ToArray();
        _segShift = shifts.ToArray();
        _segD = new long[segments];
        _segV = new long[segments];
        _segV[0] = long.MinValue;
        for (int i = 1; i < segments; i++)
        {
            long t = _segStart[i];
            long after = Local(t + _segShift[i]);
            _segD[i] = _segD[i - 1] + after - Local(t + _segShift[i - 1]);
            _segV[i] = after - _segD[i];
        }
    }

    /// <summary>Working time per week of the weekly pattern.</summary>
    internal long WeeklyTotal => _weekly;

    /// <summary>The cumulative working measure of instants, <c>W(t)</c>.</summary>
    internal long Cumulative(long t)
    {
        int i = LastAtOrBelow(_segStart, t);
        return Local(t + _segShift[i]) - _segD[i];
    }

    /// <summary>The smallest instant <c>t</c> with <c>W(t) == target</c>.</summary>
    internal long EarliestWith(long target)
    {
        int i = FirstAtOrAbove(_segV, 1, target) - 1;
        return EarliestLocal(target + _segD[i]) - _segShift[i];
    }

    /// <summary>The largest instant <c>t</c> with <c>W(t) == target</c>.</summary>
    internal long LatestWith(long target)
    {
        int i = LastAtOrBelow(_segV, target);
        return LatestLocal(target + _segD[i]) - _segShift[i];
    }

    /// <summary>Whether the instant lies in working time.</summary>
    internal bool IsWorking(long t)
    {
        int i = LastAtOrBelow(_segStart, t);
        long u = t + _segShift[i];
        long day = FloorDiv(u, NanosPerDay);
        long r = u - (day * NanosPerDay);
        int k = FirstAtOrAbove(_overrideDay, 0, day);
        int from;
        int to;
        long[] starts;
        long[] ends;
        if (k < _overrideDay.Length && _overrideDay[k] == day)
        {
            (from, to, starts, ends) = (_overrideFirst[k], _overrideFirst[k + 1], _overrideStart, _overrideEnd);
        }
        else
        {
            int d = (int)FloorMod(day, 7);
            r += d * NanosPerDay;
            (from, to, starts, ends) = (_dayFirst[d], _dayFirst[d + 1], _patternStart, _patternEnd);
        }

        for (int j = from; j < to; j++)
        {
            if (r < starts[j])
            {
                return false;
            }

            if (r < ends[j])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The zone's offset transitions in the precomputed range: for each, the local wall-clock
    /// times just before it (<c>Before</c>) and at it (<c>After</c>); a gap when After is later.</summary>
    internal IEnumerable<(long Before, long After)> Transitions()
    {
        for (int i = 1; i < _segStart.Length; i++)
        {
            yield return (_segStart[i] + _segShift[i - 1], _segStart[i] + _segShift[i]);
        }
    }

    /// <summary>The local wall-clock time <c>u</c> of the instant <c>t</c>.</summary>
    internal long LocalOf(long t) => t + _segShift[LastAtOrBelow(_segStart, t)];

    /// <summary>
    /// The earliest instant whose local time is at or after <c>u</c>: the instant of <c>u</c> when it
    /// occurs (its first occurrence in an overlap), the end of the gap when a gap skips it.
    /// </summary>
    internal long EarliestAtOrAfterLocal(long u)
    {
        // No zone's offset exceeds a day, so no instant before this one reaches u.
        int i = LastAtOrBelow(_segStart, u - MondayShift - NanosPerDay);
        for (; ; i++)
        {
            long candidate = i == 0 ? u - _segShift[0] : Math.Max(_segStart[i], u - _segShift[i]);
            if (i + 1 == _segStart.Length || candidate < _segStart[i + 1])
            {
                return candidate;
            }
        }
    }

    /// <summary>
    /// The instant pieces of the local wall-clock range <c>[uFrom, uTo)</c>: empty where the range is
    /// in a gap, twice where it is in an overlap.
    /// </summary>
    internal void AddInstantPieces(long uFrom, long uTo, List<(long Start, long End)> pieces)
    {
        const long Margin = 2 * NanosPerDay;
        int i = LastAtOrBelow(_segStart, uFrom - MondayShift - Margin);
        for (; i < _segStart.Length && (i == 0 || _segStart[i] < uTo - MondayShift + Margin); i++)
        {
            long segFrom = _segStart[i];
            long segTo = i + 1 < _segStart.Length ? _segStart[i + 1] : long.MaxValue;
            long from = Math.Max(segFrom, uFrom - _segShift[i]);
            long to = Math.Min(segTo, uTo - _segShift[i]);
            if (from < to)
            {
                pieces.Add((from, to));
            }
        }
    }

    // Local cumulative working time C(u).
    private long Local(long u)
    {
        long day = FloorDiv(u, NanosPerDay);
        int k = FirstAtOrAbove(_overrideDay, 0, day);
        if (k < _overrideDay.Length && _overrideDay[k] == day)
        {
            long r = u - (day * NanosPerDay);
            long acc = _overrideCStart[k];
            for (int j = _overrideFirst[k], end = _overrideFirst[k + 1]; j < end; j++)
            {
                long s = _overrideStart[j];
                if (r <= s)
                {
                    break;
                }

                long e = _overrideEnd[j];
                acc += (r < e ? r : e) - s;
            }

            return acc;
        }

        return Pattern(u) + _overridePrefix[k];
    }

    // Weekly-pattern cumulative working time P(u).
    private long Pattern(long u)
    {
        long week = FloorDiv(u, NanosPerWeek);
        long inWeek = u - (week * NanosPerWeek);
        int d = (int)(inWeek / NanosPerDay);
        long acc = _dayCum[d];
        for (int j = _dayFirst[d], end = _dayFirst[d + 1]; j < end; j++)
        {
            long s = _patternStart[j];
            if (inWeek <= s)
            {
                break;
            }

            long e = _patternEnd[j];
            acc += (inWeek < e ? inWeek : e) - s;
        }

        return (week * _weekly) + acc;
    }

    // The smallest local u with C(u) == v.
    private long EarliestLocal(long v)
    {
        int k = FirstAtOrAbove(_overrideCEnd, 0, v);
        if (k < _overrideCEnd.Length && _overrideCStart[k] < v)
        {
            long rem = v - _overrideCStart[k];
            long dayStart = _overrideDay[k] * NanosPerDay;
            for (int j = _overrideFirst[k], end = _overrideFirst[k + 1]; j < end; j++)
            {
                long length = _overrideEnd[j] - _overrideStart[j];
                if (rem <= length)
                {
                    return dayStart + _overrideStart[j] + rem;
                }

                rem -= length;
            }
        }

        // In the stretch of pattern days before override k (after the last one when k == n).
        long w = v - _overridePrefix[k];
        long week = FloorDiv(w - 1, _weekly);
        long remInWeek = w - (week * _weekly); // in (0, weekly]
        int p = FirstAtOrAbove(_patternCumAfter, 0, remInWeek);
        return (week * NanosPerWeek) + _patternStart[p] + (remInWeek - _patternCumBefore[p]);
    }

    // The largest local u with C(u) == v.
    private long LatestLocal(long v)
    {
        int k = LastAtOrBelow(_overrideCStart, v);
        if (k >= 0 && _overrideCEnd[k] > v)
        {
            long rem = v - _overrideCStart[k];
            long dayStart = _overrideDay[k] * NanosPerDay;
            for (int j = _overrideFirst[k], end = _overrideFirst[k + 1]; j < end; j++)
            {
                long length = _overrideEnd[j] - _overrideStart[j];
                if (rem < length)
                {
                    return dayStart + _overrideStart[j] + rem;
                }

                rem -= length;
            }
        }

        // In the stretch of pattern days after override k (before the first one when k == -1).
        long w = v - _overridePrefix[k + 1];
        long week = FloorDiv(w, _weekly);
        long remInWeek = w - (week * _weekly); // in [0, weekly)
        int p = FirstAbove(_patternCumAfter, remInWeek);
        return (week * NanosPerWeek) + _patternStart[p] + (remInWeek - _patternCumBefore[p]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b) < 0 ? q - 1 : q;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long FloorMod(long a, long b)
    {
        long r = a % b;
        return r < 0 ? r + b : r;
    }

    // The first index i >= from with values[i] >= key, or values.Length.
    internal static int FirstAtOrAbove(long[] values, int from, long key)
    {
        int lo = from;
        int hi = values.Length;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (values[mid] < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    // The first index i with values[i] > key, or values.Length.
    internal static int FirstAbove(long[] values, long key)
    {
        int lo = 0;
        int hi = values.Length;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (values[mid] <= key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    // The last index i with values[i] <= key, or -1.
    internal static int LastAtOrBelow(long[] values, long key) => FirstAbove(values, key) - 1;
}
