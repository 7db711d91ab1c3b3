using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NodaTime;

namespace Itsm.BusinessTime;

// From a definition to a calendar: validation of the whole definition (every problem at once), the
// holidays expanded, closures and openings by date, the working-time index and its dead zones.
public sealed partial class BusinessCalendar
{
    internal static BusinessCalendar Create(
        DateTimeZone zone,
        IReadOnlyList<IReadOnlyList<TimeOfDayRange>> week,
        IReadOnlyList<LocalDate> holidays,
        IReadOnlyList<HolidayRule> rules,
        IReadOnlyList<Closure> closures,
        IReadOnlyList<Opening> openings,
        string? paramName,
        IList<string>? earlierErrors = null)
    {
        var errors = earlierErrors is null ? [] : new List<string>(earlierErrors);
        var sortedWeek = new IReadOnlyList<TimeOfDayRange>[7];
        bool anyWork = false;
        for (int d = 0; d < 7; d++)
        {
            string dayName = ((IsoDayOfWeek)(d + 1)).ToString();
            var hours = week[d];
            for (int i = 0; i < hours.Count; i++)
            {
                if (hours[i].IsEmpty)
                {
                    errors.Add($"week.{dayName}[{i}]: the working interval {hours[i]} is empty.");
                }
            }

            var sorted = hours.Where(h => !h.IsEmpty).OrderBy(h => h.StartNanos).ThenBy(h => h.EndNanos).ToArray();
            for (int i = 1; i < sorted.Length; i++)
            {
                if (sorted[i].StartNanos < sorted[i - 1].EndNanos)
                {
                    errors.Add($"week.{dayName}: the working intervals {sorted[i - 1]} and {sorted[i]} overlap.");
                }
            }

            anyWork |= sorted.Length > 0;
            sortedWeek[d] = sorted;
        }

        if (!anyWork && errors.Count == 0)
        {
            errors.Add("week: the calendar has no working time at all; give at least one day working hours.");
        }

        for (int i = 0; i < closures.Count; i++)
        {
            if (closures[i].Hours.IsEmpty)
            {
                errors.Add($"closures[{i}]: the closure on {closures[i].Date:yyyy'-'MM'-'dd} is empty.");
            }
        }

        CheckOpenings(openings, closures, errors);
        if (errors.Count > 0)
        {
            throw new BusinessCalendarDefinitionException(errors, paramName);
        }

        return new BusinessCalendar(
            zone,
            sortedWeek,
            holidays.Distinct().Order().ToArray(),
            rules.ToArray(),
            closures.OrderBy(c => c.Date).ThenBy(c => c.Hours.StartNanos).ThenBy(c => c.Hours.EndNanos).ToArray(),
            openings.OrderBy(o => o.Date).ThenBy(o => o.Hours.StartNanos).ThenBy(o => o.Hours.EndNanos).ToArray());
    }

    // An empty opening says nothing; an opening that overlaps a closure of its date says the same
    // wall time is open and closed. Both are mistakes the caller should hear about.
    private static void CheckOpenings(IReadOnlyList<Opening> openings, IReadOnlyList<Closure> closures, List<string> errors)
    {
        var closuresByDate = closures.Select((c, j) => (Closure: c, Index: j)).ToLookup(x => x.Closure.Date);
        for (int i = 0; i < openings.Count; i++)
        {
            var opening = openings[i];
            string date = opening.Date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
            if (opening.Hours.IsEmpty)
            {
                errors.Add($"openings[{i}]: the opening on {date} is empty.");
                continue;
            }

            foreach (var (closure, j) in closuresByDate[opening.Date])
            {
                if (!closure.Hours.IsEmpty && closure.Hours.StartNanos < opening.Hours.EndNanos && opening.Hours.StartNanos < closure.Hours.EndNanos)
                {
                    errors.Add($"openings[{i}]: the opening {opening.Hours} on {date} overlaps closures[{j}] ({closure.Hours}) on the same date; a time cannot be both open and closed.");
                }
            }
        }
    }

    private static Dictionary<LocalDate, List<TimeOfDayRange>> ByDate<T>(IReadOnlyList<T> items, Func<T, (LocalDate Date, TimeOfDayRange Hours)> select)
    {
        var byDate = new Dictionary<LocalDate, List<TimeOfDayRange>>();
        foreach (var item in items)
        {
            var (date, hours) = select(item);
            if (!byDate.TryGetValue(date, out var list))
            {
                byDate[date] = list = [];
            }

            list.Add(hours);
        }

        return byDate;
    }

    // The union of sorted ranges and unsorted extra ranges, merged where they overlap or touch.
    private static List<TimeOfDayRange> Union(IReadOnlyList<TimeOfDayRange> sorted, List<TimeOfDayRange> extra)
    {
        var all = sorted.Concat(extra).OrderBy(r => r.StartNanos).ToList();
        var result = new List<TimeOfDayRange>(all.Count);
        long start = all[0].StartNanos;
        long end = all[0].EndNanos;
        foreach (var range in all.Skip(1))
        {
            if (range.StartNanos <= end)
            {
                end = Math.Max(end, range.EndNanos);
                continue;
            }

            result.Add(TimeOfDayRange.FromNanos(start, end));
            (start, end) = (range.StartNanos, range.EndNanos);
        }

        result.Add(TimeOfDayRange.FromNanos(start, end));
        return result;
    }

    private static bool InPrecomputedRange(LocalDate date) => date >= FirstLocalDate && date <= LastLocalDate;

    private static HashSet<LocalDate> ExpandHolidays(IReadOnlyList<LocalDate> holidays, IReadOnlyList<HolidayRule> rules)
    {
        var set = new HashSet<LocalDate>(holidays);
        if (rules.Count == 0)
        {
            return set;
        }

        // Dates a rule moves off the weekend are placed after every fixed date is known, in date
        // order, so that "next weekday not already a holiday" sees all earlier holidays.
        var shifted = new List<(LocalDate Date, HolidayObservance Observance)>();
        for (int year = FirstLocalDate.Year; year <= LastLocalDate.Year; year++)
        {
            foreach (var rule in rules)
            {
                if (rule.ActualDateIn(year) is not LocalDate date)
                {
                    continue;
                }

                bool weekend = date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
                if (weekend && rule.Observance != HolidayObservance.Actual)
                {
                    shifted.Add((date, rule.Observance));
                }
                else
                {
                    set.Add(date);
                }
            }
        }

        shifted.Sort((x, y) => x.Date.CompareTo(y.Date));
        foreach (var (date, observance) in shifted)
        {
            if (observance == HolidayObservance.NearestWeekday)
            {
                set.Add(date.DayOfWeek == IsoDayOfWeek.Saturday ? date.PlusDays(-1) : date.PlusDays(1));
                continue;
            }

            var candidate = date.PlusDays(date.DayOfWeek == IsoDayOfWeek.Saturday ? 2 : 1);
            while (set.Contains(candidate) || candidate.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
            {
                candidate = candidate.PlusDays(1);
            }

            set.Add(candidate);
        }

        return set;
    }

    // Maximal stretches of instants without working time of at least the horizon. W is sampled
    // every half horizon: such a stretch contains a whole sampling step over which W does not
    // change, and the exact bounds of each candidate come from inverting W. Sampling on instants
    // (not on wall-clock days) matters: wall-clock hours that fall in a DST gap are no working time.
    private DeadZone[] FindDeadZones()
    {
        const long Step = (HorizonDays / 2) * WorkingTimeIndex.NanosPerDay;
        var zones = new List<DeadZone>();
        long previous = _minCumulative;
        for (long t = MinNanos + Step; ; t = Math.Min(t + Step, MaxNanos))
        {
            long value = _index.Cumulative(t);
            if (value == previous)
            {
                long from = Math.Max(_index.EarliestWith(value), MinNanos);
                long to = Math.Min(_index.LatestWith(value), MaxNanos);
                if (to - from >= HorizonNanos && (zones.Count == 0 || zones[^1].Start != from))
                {
                    zones.Add(new DeadZone(value, from, to));
                }
            }

            previous = value;
            if (t == MaxNanos)
            {
                break;
            }
        }

        return zones.ToArray();
    }
}
