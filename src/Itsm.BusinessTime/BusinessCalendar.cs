using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NodaTime;

namespace Itsm.BusinessTime;

/// <summary>
/// A business calendar: a time zone, a weekly schedule of working hours, holidays (dates and
/// recurring rules), partial closures and extra openings; it measures and adds working time and
/// whole working days between instants, exactly and fast.
/// </summary>
/// <remarks>
/// <para><b>What counts as working time.</b> An instant is working time when its wall-clock time
/// in <see cref="Zone"/> lies in one of the working ranges of its local date's weekday (unless the
/// date is a holiday) or in an opening of that date, and is not inside a closure of that date. Everything is defined on
/// instants, so daylight-saving transitions need no special cases: wall times in a gap (spring
/// forward) do not occur and are never counted; wall times in an overlap (fall back) occur twice
/// and are counted twice. A 01:00-03:00 schedule in America/New_York is 1 hour on the
/// spring-forward day and 3 hours on the fall-back day.</para>
/// <para><b>Precision</b> is NodaTime's: nanoseconds. Nothing is rounded to minutes.</para>
/// <para><b>Range.</b> Queries accept instants from <see cref="MinSupportedInstant"/> to
/// <see cref="MaxSupportedInstant"/> (1900 to 2200), over which the calendar is precomputed when
/// it is built; other instants are rejected with <see cref="ArgumentOutOfRangeException"/>. A
/// query whose answer lies outside that range, or past an unbroken stretch of at least
/// <see cref="SearchHorizon"/> (ten years) without working time, throws
/// <see cref="NoWorkingTimeException"/>; no query ever loops.</para>
/// <para><b>Cost.</b> <see cref="Add"/>, <see cref="Between"/>, <see cref="IsWorking"/>,
/// <see cref="NextWorkingInstant"/>, <see cref="PreviousWorkingInstant"/>, <see cref="AddWorkingDays"/>,
/// <see cref="WorkingDaysBetween"/> and <see cref="IsWorkingDay"/> take O(log H + intervals per week)
/// time, where H is the number of holidays, closures, openings and offset transitions, independent of
/// the span, and allocate nothing.
/// Calendars are immutable and safe to share between threads; build them once.</para>
/// </remarks>
public sealed partial class BusinessCalendar
{
    private const int HorizonDays = 3653;
    private static readonly long HorizonNanos = HorizonDays * WorkingTimeIndex.NanosPerDay;
    private static readonly LocalDate FirstLocalDate = new(1899, 12, 30);
    private static readonly LocalDate FirstQueryDate = new(1899, 12, 31);
    private static readonly LocalDate LastQueryDate = new(2200, 1, 1);
    private static readonly LocalDate LastLocalDate = new(2200, 1, 2);
    private const long MinNanos = -2_208_988_800L * NodaConstants.NanosecondsPerSecond; // 1900-01-01T00:00Z
    private const long MaxNanos = 7_258_118_400L * NodaConstants.NanosecondsPerSecond;  // 2200-01-01T00:00Z

    private readonly IReadOnlyList<TimeOfDayRange>[] _week;
    private readonly HashSet<LocalDate> _holidaySet;
    private readonly Dictionary<LocalDate, List<TimeOfDayRange>> _closuresByDate;
    private readonly Dictionary<LocalDate, List<TimeOfDayRange>> _openingsByDate;
    private readonly WorkingTimeIndex _index;
    private readonly long _minCumulative;
    private readonly long _maxCumulative;
    private readonly DeadZone[] _deadZones;

    private BusinessCalendar(
        DateTimeZone zone,
        IReadOnlyList<TimeOfDayRange>[] week,
        IReadOnlyList<LocalDate> holidays,
        IReadOnlyList<HolidayRule> rules,
        IReadOnlyList<Closure> closures,
        IReadOnlyList<Opening> openings)
    {
        Zone = zone;
        _week = week;
        Holidays = holidays;
        RecurringHolidays = rules;
        Closures = closures;
        Openings = openings;
        _holidaySet = ExpandHolidays(holidays, rules);
        _closuresByDate = ByDate(closures, c => (c.Date, c.Hours));
        _openingsByDate = ByDate(openings, o => (o.Date, o.Hours));

        // Override days: dates whose working hours differ from the weekly pattern.
        var candidates = new SortedSet<LocalDate>(_holidaySet.Where(InPrecomputedRange));
        candidates.UnionWith(_closuresByDate.Keys.Where(InPrecomputedRange));
        candidates.UnionWith(_openingsByDate.Keys.Where(InPrecomputedRange));
        var overrides = new List<KeyValuePair<long, IReadOnlyList<TimeOfDayRange>>>(candidates.Count);
        foreach (var date in candidates)
        {
            var hours = GetWorkingHours(date);
            if (!hours.SequenceEqual(_week[(int)date.DayOfWeek - 1]))
            {
                overrides.Add(new(Period.DaysBetween(WorkingTimeIndex.LocalEpochMonday, date), hours));
            }
        }

        long margin = 2 * WorkingTimeIndex.NanosPerDay;
        _index = new WorkingTimeIndex(_week, overrides, zone, MinNanos - margin, MaxNanos + margin);
        _minCumulative = _index.Cumulative(MinNanos);
        _maxCumulative = _index.Cumulative(MaxNanos);
        _deadZones = FindDeadZones();
        _days = BuildWorkingDayIndex(overrides);
        _firstWorkingDayIndex = _days.CountBefore(Period.DaysBetween(WorkingTimeIndex.LocalEpochMonday, FirstQueryDate));
        _endWorkingDayIndex = _days.CountBefore(Period.DaysBetween(WorkingTimeIndex.LocalEpochMonday, LastQueryDate) + 1);
    }

    /// <summary>The earliest instant a query accepts: 1900-01-01T00:00:00Z.</summary>
    public static Instant MinSupportedInstant { get; } = Instant.FromUtc(1900, 1, 1, 0, 0);

    /// <summary>The latest instant a query accepts: 2200-01-01T00:00:00Z.</summary>
    public static Instant MaxSupportedInstant { get; } = Instant.FromUtc(2200, 1, 1, 0, 0);

    /// <summary>
    /// How far a query looks for working time before it gives up: 3,653 days (ten years). A query
    /// that would have to pass an unbroken stretch this long without working time throws
    /// <see cref="NoWorkingTimeException"/>.
    /// </summary>
    public static Duration SearchHorizon { get; } = Duration.FromDays(HorizonDays);

    /// <summary>A calendar on which every instant is working time (24x7), in UTC.</summary>
    public static BusinessCalendar TwentyFourSeven { get; } = CreateBuilder(DateTimeZone.Utc)
        .AddWorkingHours(IsoDayOfWeek.Monday, TimeOfDayRange.WholeDay)
        .AddWorkingHours(IsoDayOfWeek.Tuesday, TimeOfDayRange.WholeDay)
        .AddWorkingHours(IsoDayOfWeek.Wednesday, TimeOfDayRange.WholeDay)
        .AddWorkingHours(IsoDayOfWeek.Thursday, TimeOfDayRange.WholeDay)
        .AddWorkingHours(IsoDayOfWeek.Friday, TimeOfDayRange.WholeDay)
        .AddWorkingHours(IsoDayOfWeek.Saturday, TimeOfDayRange.WholeDay)
        .AddWorkingHours(IsoDayOfWeek.Sunday, TimeOfDayRange.WholeDay)
        .Build();

    /// <summary>The time zone whose wall clock the working hours, holidays and closures are in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The holidays given as dates, sorted and without duplicates (recurring rules are in <see cref="RecurringHolidays"/>).</summary>
    public IReadOnlyList<LocalDate> Holidays { get; }

    /// <summary>The recurring holiday rules, in the order they were given.</summary>
    public IReadOnlyList<HolidayRule> RecurringHolidays { get; }

    /// <summary>The partial closures, sorted by date and start.</summary>
    public IReadOnlyList<Closure> Closures { get; }

    /// <summary>The extra openings (working hours on a date beyond the weekly schedule), sorted by date and start.</summary>
    public IReadOnlyList<Opening> Openings { get; }

    /// <summary>The working time of one ordinary week (no holidays, closures or transitions).</summary>
    public Duration WorkingTimePerWeek => Duration.FromNanoseconds(_index.WeeklyTotal);

    /// <summary>Starts a fluent definition of a calendar in <paramref name="zone"/>.</summary>
    /// <param name="zone">The time zone of the calendar's wall clock, for example <c>DateTimeZoneProviders.Tzdb["Europe/London"]</c>.</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public static BusinessCalendarBuilder CreateBuilder(DateTimeZone zone) => new(zone);

    /// <summary>
    /// Loads a calendar from its JSON definition, resolving the zone id in NodaTime's TZDB
    /// (<see cref="DateTimeZoneProviders.Tzdb"/>). The format is documented in docs/business-calendar-json.md.
    /// </summary>
    /// <param name="json">The JSON definition.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="BusinessCalendarDefinitionException">The JSON is malformed or the definition is invalid; every problem is listed with its location.</exception>
    public static BusinessCalendar FromJson(string json) => FromJson(json, DateTimeZoneProviders.Tzdb);

    /// <summary>Loads a calendar from its JSON definition, resolving the zone id with <paramref name="zoneProvider"/>.</summary>
    /// <param name="json">The JSON definition.</param>
    /// <param name="zoneProvider">The provider of time zones, for example <see cref="DateTimeZoneProviders.Tzdb"/>.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="BusinessCalendarDefinitionException">The JSON is malformed or the definition is invalid; every problem is listed with its location.</exception>
    public static BusinessCalendar FromJson(string json, IDateTimeZoneProvider zoneProvider)
    {
        Preconditions.CheckNotNull(json);
        Preconditions.CheckNotNull(zoneProvider);
        return BusinessCalendarJson.Read(json, zoneProvider);
    }

    /// <summary>
    /// Writes the calendar's definition as JSON, in the format <see cref="FromJson(string)"/> reads:
    /// loading the result gives an equivalent calendar.
    /// </summary>
    /// <returns>Indented JSON.</returns>
    public string ToJson() => BusinessCalendarJson.Write(this);

    /// <summary>The working hours of an ordinary <paramref name="day"/> of the week, sorted.</summary>
    /// <param name="day">The ISO day of the week.</param>
    /// <returns>The wall-clock ranges; empty for a day off.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="day"/> is not Monday to Sunday.</exception>
    public IReadOnlyList<TimeOfDayRange> GetWeeklyHours(IsoDayOfWeek day)
    {
        Preconditions.CheckInRange((int)day, nameof(day), 1, 7);
        return _week[(int)day - 1];
    }

    /// <summary>Whether <paramref name="date"/> is a holiday, given as a date or by a recurring rule (on its observed date).</summary>
    /// <param name="date">A local date (converted to the ISO calendar if it is in another).</param>
    /// <returns><see langword="true"/> for a holiday.</returns>
    public bool IsHoliday(LocalDate date) => _holidaySet.Contains(date.WithCalendar(CalendarSystem.Iso));

    /// <summary>
    /// The wall-clock working hours of a local date: the weekday's hours (none on a holiday), joined
    /// with the date's openings, less the date's closures. For display; see <see cref="GetWorkingIntervals(LocalDate)"/> for the
    /// instants they cover.
    /// </summary>
    /// <param name="date">A local date (converted to the ISO calendar if it is in another).</param>
    /// <returns>Sorted, non-overlapping ranges; empty when the date has no working time.</returns>
    /// <remarks>On a day with an offset transition, wall times in a gap do not occur and wall times
    /// in an overlap occur twice; these ranges are the wall clock, not the measure.</remarks>
    public IReadOnlyList<TimeOfDayRange> GetWorkingHours(LocalDate date)
    {
        date = date.WithCalendar(CalendarSystem.Iso);
        var pattern = _holidaySet.Contains(date) ? [] : _week[(int)date.DayOfWeek - 1];
        if (_openingsByDate.TryGetValue(date, out var opened))
        {
            pattern = Union(pattern, opened);
        }

        if (!_closuresByDate.TryGetValue(date, out var closed))
        {
            return pattern;
        }

        var result = new List<TimeOfDayRange>();
        foreach (var hours in pattern)
        {
            long cursor = hours.StartNanos;
            foreach (var closure in closed)
            {
                if (closure.EndNanos <= cursor || closure.StartNanos >= hours.EndNanos)
                {
                    continue;
                }

                if (closure.StartNanos > cursor)
                {
                    result.Add(TimeOfDayRange.FromNanos(cursor, closure.StartNanos));
                }

                cursor = Math.Max(cursor, closure.EndNanos);
            }

            if (cursor < hours.EndNanos)
            {
                result.Add(TimeOfDayRange.FromNanos(cursor, hours.EndNanos));
            }
        }

        return result;
    }

    /// <summary>
    /// The working time of a local date as intervals of instants: the wall-clock working hours of
    /// the date mapped through the zone, without the wall times a gap skips and with both
    /// occurrences of wall times an overlap repeats. Adjacent pieces are merged.
    /// </summary>
    /// <param name="date">A local date from 1899-12-31 to 2200-01-01, the local dates of the supported instants
    /// (converted to the ISO calendar if it is in another).</param>
    /// <returns>Sorted, disjoint intervals, clipped to <see cref="MinSupportedInstant"/>..<see cref="MaxSupportedInstant"/>;
    /// empty when the date has no working time.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is outside the supported range.</exception>
    public IReadOnlyList<Interval> GetWorkingIntervals(LocalDate date)
    {
        date = date.WithCalendar(CalendarSystem.Iso);
        if (date < FirstQueryDate || date > LastQueryDate)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, "The date must be from 1899-12-31 to 2200-01-01, the local dates of the supported instants.");
        }

        long dayStart = Period.DaysBetween(WorkingTimeIndex.LocalEpochMonday, date) * WorkingTimeIndex.NanosPerDay;
        var pieces = new List<(long Start, long End)>();
        foreach (var hours in GetWorkingHours(date))
        {
            _index.AddInstantPieces(dayStart + hours.StartNanos, dayStart + hours.EndNanos, pieces);
        }

        pieces.Sort();
        var result = new List<Interval>(pieces.Count);
        long? start = null;
        long end = 0;
        foreach (var piece in pieces)
        {
            if (start is not null && piece.Start <= end)
            {
                end = Math.Max(end, piece.End);
                continue;
            }

            AddClipped(result, start, end);
            (start, end) = (piece.Start, piece.End);
        }

        AddClipped(result, start, end);
        return result;

        static void AddClipped(List<Interval> result, long? start, long end)
        {
            if (start is long s && Math.Max(s, MinNanos) < Math.Min(end, MaxNanos))
            {
                result.Add(new Interval(FromUnixNanos(Math.Max(s, MinNanos)), FromUnixNanos(Math.Min(end, MaxNanos))));
            }
        }
    }

    /// <summary>Whether <paramref name="instant"/> is working time.</summary>
    /// <param name="instant">An instant in the supported range.</param>
    /// <returns><see langword="true"/> when the instant is working time; working ranges are half-open, so 17:00 is not working in a 09:00-17:00 day.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="instant"/> is outside the supported range.</exception>
    public bool IsWorking(Instant instant) => _index.IsWorking(ToNanos(instant, nameof(instant)));

    /// <summary>The earliest working instant at or after <paramref name="instant"/>: the instant itself when it is working time.</summary>
    /// <param name="instant">An instant in the supported range.</param>
    /// <returns>The next working instant.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="instant"/> is outside the supported range.</exception>
    /// <exception cref="NoWorkingTimeException">The next working instant is <see cref="SearchHorizon"/> or more after the instant, or after <see cref="MaxSupportedInstant"/>.</exception>
    public Instant NextWorkingInstant(Instant instant)
    {
        long t = ToNanos(instant, nameof(instant));
        long next = _index.LatestWith(_index.Cumulative(t));
        if (next > MaxNanos || next - t >= HorizonNanos)
        {
            throw NoWorkingTime(instant, $"There is no working time within {HorizonDays} days after {instant} (or before {MaxSupportedInstant}, the end of the supported range).");
        }

        return FromUnixNanos(next);
    }

    /// <summary>
    /// Adds working time to an instant: where work of <paramref name="workingTime"/> started at
    /// <paramref name="start"/> ends (or, for a negative duration, where it must start to end at
    /// <paramref name="start"/>).
    /// </summary>
    /// <param name="start">An instant in the supported range; it need not be working time.</param>
    /// <param name="workingTime">The working time to add; may be zero or negative.</param>
    /// <returns>
    /// For a duration d &gt;= 0, the earliest instant t &gt;= start with <c>Between(start, t) == d</c>:
    /// <c>Add(start, Duration.Zero) == start</c>, and work that ends at 17:00 ends at 17:00, not at
    /// the next morning's 09:00. For d &lt; 0, the latest t &lt;= start with <c>Between(t, start) == -d</c>:
    /// on a Monday-Friday 09:00-17:00 calendar, one hour of work that must end at Monday 09:00 starts
    /// at Friday 16:00.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is outside the supported range.</exception>
    /// <exception cref="NoWorkingTimeException">The answer lies outside the supported range, or past an unbroken stretch of at least <see cref="SearchHorizon"/> without working time.</exception>
    /// <example>On a Monday-Friday 09:00-17:00 calendar, one hour started on Friday at 16:30 ends on Monday at 09:30.</example>
    public Instant Add(Instant start, Duration workingTime)
    {
        long s = ToNanos(start, nameof(start));
        if (workingTime == Duration.Zero)
        {
            return start;
        }

        long cumulativeStart = _index.Cumulative(s);
        if (workingTime > Duration.Zero)
        {
            ulong room = unchecked((ulong)(_maxCumulative - cumulativeStart));
            if (!TryGetNanos(workingTime, out ulong amount) || amount > room)
            {
                throw NoWorkingTime(start, $"Adding {workingTime} of working time to {start} ends after {MaxSupportedInstant}, the end of the supported range.");
            }

            long target = unchecked(cumulativeStart + (long)amount);
            if (_deadZones.Length != 0)
            {
                CheckForward(start, s, cumulativeStart, target);
            }

            return FromUnixNanos(_index.EarliestWith(target));
        }
        else
        {
            ulong room = unchecked((ulong)(cumulativeStart - _minCumulative));
            if (!TryGetNanos(workingTime, out ulong amount) || amount > room)
            {
                throw NoWorkingTime(start, $"Adding {workingTime} of working time to {start} starts before {MinSupportedInstant}, the start of the supported range.");
            }

            long target = unchecked(cumulativeStart - (long)amount);
            if (_deadZones.Length != 0)
            {
                CheckBackward(start, s, cumulativeStart, target);
            }

            return FromUnixNanos(_index.LatestWith(target));
        }
    }

    /// <summary>The working time in <c>[start, end)</c>; negative when <paramref name="end"/> is before <paramref name="start"/>.</summary>
    /// <param name="start">An instant in the supported range.</param>
    /// <param name="end">An instant in the supported range.</param>
    /// <returns>The measure of working instants between the two: <c>Between(b, a) == -Between(a, b)</c> and
    /// <c>Between(a, b) + Between(b, c) == Between(a, c)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An instant is outside the supported range.</exception>
    public Duration Between(Instant start, Instant end)
    {
        long a = ToNanos(start, nameof(start));
        long b = ToNanos(end, nameof(end));
        long difference = unchecked(_index.Cumulative(b) - _index.Cumulative(a));

        // Across the whole range the difference may exceed long: it is exact as an unsigned magnitude.
        return b >= a ? FromMagnitude(unchecked((ulong)difference)) : -FromMagnitude(unchecked((ulong)-difference));
    }

    private void CheckForward(Instant start, long s, long cumulativeStart, long target)
    {
        foreach (var zone in _deadZones)
        {
            if (cumulativeStart <= zone.Cumulative && zone.Cumulative < target && zone.End - Math.Max(s, zone.Start) >= HorizonNanos)
            {
                throw NoWorkingTime(start, $"There is no working time from {FromUnixNanos(Math.Max(s, zone.Start))} to {FromUnixNanos(zone.End)}, which is at least the search horizon of {HorizonDays} days.");
            }
        }
    }

    private void CheckBackward(Instant start, long s, long cumulativeStart, long target)
    {
        foreach (var zone in _deadZones)
        {
            if (target < zone.Cumulative && zone.Cumulative <= cumulativeStart && Math.Min(s, zone.End) - zone.Start >= HorizonNanos)
            {
                throw NoWorkingTime(start, $"There is no working time from {FromUnixNanos(zone.Start)} to {FromUnixNanos(Math.Min(s, zone.End))}, which is at least the search horizon of {HorizonDays} days.");
            }
        }
    }

    private static NoWorkingTimeException NoWorkingTime(Instant from, string message) => new(message, from);

    // The magnitude of a non-zero duration in nanoseconds, when it could fit the supported range
    // (120,000 days is more than the range; larger durations, Duration.MinValue among them, never fit).
    private static bool TryGetNanos(Duration duration, out ulong nanos)
    {
        nanos = 0;
        int days = duration.Days;
        if (days >= 120_000 || days < -120_000)
        {
            return false;
        }

        // Days and NanosecondOfDay are both truncated towards zero, with the sign of the duration.
        nanos = ((ulong)Math.Abs((long)days) * WorkingTimeIndex.NanosPerDay) + (ulong)Math.Abs(duration.NanosecondOfDay);
        return true;
    }

    private static Duration FromMagnitude(ulong nanos) => nanos <= long.MaxValue
        ? Duration.FromNanoseconds((long)nanos)
        : Duration.FromNanoseconds(long.MaxValue) + Duration.FromNanoseconds((long)(nanos - long.MaxValue));

    private static long ToNanos(Instant instant, string paramName)
    {
        if (instant < MinSupportedInstant || instant > MaxSupportedInstant)
        {
            ThrowOutOfRange(instant, paramName);
        }

        return ToUnixNanos(instant);
    }

    private static void ThrowOutOfRange(Instant instant, string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, instant, $"The instant must be from {MinSupportedInstant} to {MaxSupportedInstant}.");

    private static long ToUnixNanos(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    private static Instant FromUnixNanos(long nanos) => NodaConstants.UnixEpoch.PlusNanoseconds(nanos);

    private readonly record struct DeadZone(long Cumulative, long Start, long End);
}
