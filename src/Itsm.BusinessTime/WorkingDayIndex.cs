using System.Collections.Generic;
using static Itsm.BusinessTime.WorkingTimeIndex;

namespace Itsm.BusinessTime;

/// <summary>
/// Counts working days (local dates with working time) in O(log H), allocation-free: the
/// <see cref="WorkingTimeIndex"/> idea with one unit per working day instead of nanoseconds.
/// </summary>
/// <remarks>
/// Days are local day numbers (days since Monday 1969-12-29). <c>K(d)</c>, the number of working
/// days before day <c>d</c>, is the weekly pattern's count (weekdays with working hours) corrected
/// by the exception days, whose status differs from their weekday's (holidays, closures and
/// openings that empty or open a day, and days that a transition empties), kept sorted with prefix
/// sums of their corrections.
/// </remarks>
internal sealed class WorkingDayIndex
{
    private readonly bool[] _patternWorking;  // 7 entries, Monday = 0.
    private readonly long[] _patternBefore;   // 8 entries: pattern working days before each day of the week.
    private readonly long _weekly;
    private readonly long[] _exceptionDay;     // sorted.
    private readonly bool[] _exceptionWorking;
    private readonly long[] _exceptionPrefix;  // n + 1 entries: sum of (actual - pattern) over earlier exceptions.
    private readonly long[] _exceptionAfter;   // K(day + 1) of each exception day, non-decreasing.

    /// <param name="patternWorking">Whether each weekday (Monday = 0) has working hours.</param>
    /// <param name="exceptions">Days (sorted, distinct) whose status differs from their weekday's, with their status.</param>
    internal WorkingDayIndex(bool[] patternWorking, IReadOnlyList<KeyValuePair<long, bool>> exceptions)
    {
        _patternWorking = patternWorking;
        _patternBefore = new long[8];
        for (int d = 0; d < 7; d++)
        {
            _patternBefore[d + 1] = _patternBefore[d] + (patternWorking[d] ? 1 : 0);
        }

        _weekly = _patternBefore[7];
        int n = exceptions.Count;
        _exceptionDay = new long[n];
        _exceptionWorking = new bool[n];
        _exceptionPrefix = new long[n + 1];
        _exceptionAfter = new long[n];
        for (int k = 0; k < n; k++)
        {
            long day = exceptions[k].Key;
            bool working = exceptions[k].Value;
            _exceptionDay[k] = day;
            _exceptionWorking[k] = working;
            _exceptionPrefix[k + 1] = _exceptionPrefix[k] + (working ? 1 : -1);
            _exceptionAfter[k] = Pattern(day + 1) + _exceptionPrefix[k + 1];
        }
    }

    /// <summary><c>K(day)</c>: the number of working days before <paramref name="day"/> (negative before the local epoch).</summary>
    internal long CountBefore(long day) => Pattern(day) + _exceptionPrefix[FirstAtOrAbove(_exceptionDay, 0, day)];

    /// <summary>Whether the day has working time.</summary>
    internal bool IsWorking(long day)
    {
        int k = FirstAtOrAbove(_exceptionDay, 0, day);
        return k < _exceptionDay.Length && _exceptionDay[k] == day
            ? _exceptionWorking[k]
            : _patternWorking[(int)FloorMod(day, 7)];
    }

    /// <summary>The working day with exactly <paramref name="index"/> working days before it (<c>K(d) == index</c>).</summary>
    internal long WorkingDayAt(long index)
    {
        // Exceptions before the answer are exactly those whose K(day + 1) is at most the index.
        int k = FirstAbove(_exceptionAfter, index);
        if (k < _exceptionDay.Length && _exceptionWorking[k] && _exceptionAfter[k] == index + 1)
        {
            return _exceptionDay[k];
        }

        // A pattern day between exception k - 1 and exception k.
        long rest = index - _exceptionPrefix[k];
        long week = FloorDiv(rest, _weekly);
        long inWeek = rest - (week * _weekly); // in [0, weekly)
        int d = 0;
        while (!_patternWorking[d] || _patternBefore[d] != inWeek)
        {
            d++;
        }

        return (week * 7) + d;
    }

    // The pattern's count of working days before the day.
    private long Pattern(long day)
    {
        long week = FloorDiv(day, 7);
        return (week * _weekly) + _patternBefore[(int)(day - (week * 7))];
    }
}
