using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Itsm.BusinessTime;
using Itsm.BusinessTime.Tests.Reference;
using NodaTime;

namespace Itsm.BusinessTime.Tests;

/// <summary>
/// One randomly generated calendar, described as plain data, from which both the engine's
/// <see cref="BusinessCalendar"/> (through <see cref="BusinessCalendar.CreateBuilder"/>) and the
/// <see cref="ReferenceCalendar"/> are built; and the instant its test cases cluster around.
/// </summary>
public sealed class CalendarSpec
{
    private BusinessCalendar? _engine;
    private ReferenceCalendar? _reference;

    public CalendarSpec(string zoneId, WallSpan[][] week, LocalDate[] holidays, ReferenceClosure[] closures, Instant anchor, Duration? referenceStep = null, ReferenceClosure[]? openings = null)
    {
        ZoneId = zoneId;
        Week = week;
        Holidays = holidays;
        Closures = closures;
        Openings = openings ?? [];
        Anchor = anchor;
        ReferenceStep = referenceStep ?? Duration.FromMinutes(1);
    }

    /// <summary>The resolution of the reference's stepping: a minute, or a second for zones whose offsets are not whole minutes.</summary>
    public Duration ReferenceStep { get; }

    public string ZoneId { get; }

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[ZoneId];

    /// <summary>The working ranges of each ISO weekday, index 0 is Monday; whole minutes, sorted, not overlapping.</summary>
    public WallSpan[][] Week { get; }

    public LocalDate[] Holidays { get; }

    public ReferenceClosure[] Closures { get; }

    /// <summary>Extra openings (the reference's closure shape), none overlapping a closure of its date.</summary>
    public ReferenceClosure[] Openings { get; }

    /// <summary>The instant the generated holidays, closures and test instants cluster around.</summary>
    public Instant Anchor { get; }

    public LocalDate AnchorDate => Anchor.InZone(Zone).Date;

    /// <summary>Working minutes of one ordinary week.</summary>
    public long WeeklyMinutes => Week.Sum(day => day.Sum(r => (r.To - r.From) / NodaConstants.NanosecondsPerMinute));

    public BusinessCalendar Engine => _engine ??= BuildEngine();

    public ReferenceCalendar Reference => _reference ??= new ReferenceCalendar(Zone, Week, Holidays, Closures, step: ReferenceStep, openings: Openings);

    public BusinessCalendar BuildEngine()
    {
        var builder = BusinessCalendar.CreateBuilder(Zone);
        for (int d = 0; d < 7; d++)
        {
            foreach (var range in Week[d])
            {
                builder.AddWorkingHours((IsoDayOfWeek)(d + 1), ToRange(range));
            }
        }

        builder.AddHolidays(Holidays);
        foreach (var closure in Closures)
        {
            builder.AddClosure(closure.Date, ToRange(closure.Hours));
        }

        foreach (var opening in Openings)
        {
            builder.AddOpening(opening.Date, ToRange(opening.Hours));
        }

        return builder.Build();
    }

    public static TimeOfDayRange ToRange(WallSpan span)
    {
        var start = LocalTime.FromNanosecondsSinceMidnight(span.From);
        return span.To == NodaConstants.NanosecondsPerDay
            ? TimeOfDayRange.UntilEndOfDay(start)
            : new TimeOfDayRange(start, LocalTime.FromNanosecondsSinceMidnight(span.To));
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("{ zone ").Append(ZoneId).Append("; week");
        for (int d = 0; d < 7; d++)
        {
            text.Append(' ').Append(((IsoDayOfWeek)(d + 1)).ToString()[..3]).Append('[').Append(string.Join(", ", Week[d])).Append(']');
        }

        text.Append("; holidays [").Append(string.Join(", ", Holidays.Select(h => h.ToString("yyyy-MM-dd", null)))).Append(']');
        text.Append("; closures [").Append(string.Join(", ", Closures.Select(c => c.Date.ToString("yyyy-MM-dd", null) + " " + c.Hours))).Append(']');
        text.Append("; openings [").Append(string.Join(", ", Openings.Select(c => c.Date.ToString("yyyy-MM-dd", null) + " " + c.Hours))).Append(']');
        text.Append("; anchor ").Append(Anchor).Append(" }");
        return text.ToString();
    }
}

/// <summary>An instant (any nanosecond) on a calendar.</summary>
public sealed record PointCase(CalendarSpec Calendar, Instant At);

/// <summary>Two whole-minute instants on a calendar.</summary>
public sealed record SpanCase(CalendarSpec Calendar, Instant Start, Instant End);

/// <summary>A whole-minute start, a whole-minute amount of working time (at least zero), and a whole-minute instant to derive boundary-hitting amounts from.</summary>
public sealed record AddCase(CalendarSpec Calendar, Instant Start, Duration WorkingTime, Instant Other);

/// <summary>An instant (any nanosecond) near the anchor and a number of working days to move it by, of either sign.</summary>
public sealed record DayAddCase(CalendarSpec Calendar, Instant Start, int Days);

/// <summary>A local date near the calendar's anchor.</summary>
public sealed record DateCase(CalendarSpec Calendar, LocalDate Date);

/// <summary>Nanosecond-precision instants and durations (of either sign) for the laws, which need no reference.</summary>
public sealed record LawCase(CalendarSpec Calendar, Instant A, Instant B, Instant C, Duration D1, Duration D2);

/// <summary>
/// A calendar in a zone's early history (1900-1975: local mean times, offsets and transitions at
/// odd seconds), two whole-second instants and one at any nanosecond, all within 30 hours of the
/// anchor and inside the supported range; the reference steps by seconds.
/// </summary>
public sealed record HistoricCase(CalendarSpec Calendar, Instant A, Instant B, Instant At);

/// <summary>
/// FsCheck 3 arbitraries for random business calendars: zones with DST of 1 hour, 30 minutes
/// (Australia/Lord_Howe), 45-minute offsets (Pacific/Chatham), midnight transitions
/// (America/Sao_Paulo until 2019), a skipped date (Pacific/Apia 2011-12-30) and none at all; 0-3
/// ranges per weekday on a 15-minute grid (overnight shifts included); holidays and closures
/// (repeated, overlapping, on non-working days) around an anchor instant that is biased towards
/// offset transitions between 2011 and 2030.
/// </summary>
public static class CalendarArbitraries
{
    /// <summary>Test instants lie within this many minutes of the anchor (ten days), so the minute-stepping reference stays fast.</summary>
    public const int WindowMinutes = 10 * 24 * 60;

    private static readonly string[] ZoneIds =
    [
        "Europe/London", "America/New_York", "Australia/Lord_Howe", "Australia/Sydney", "Pacific/Chatham",
        "America/Sao_Paulo", "Pacific/Apia", "Asia/Kolkata", "UTC", "America/St_Johns",

        // Two-hour DST, DST suspended for Ramadan, transitions at 24:00, 00:00 and 00:01, 30-minute shifts.
        "Antarctica/Troll", "Africa/Casablanca", "America/Santiago", "Asia/Tehran", "America/Havana",
        "Asia/Gaza", "Asia/Pyongyang", "America/Caracas",
    ];

    /// <summary>Historic cases lie within this many seconds of the anchor (30 hours): the reference steps by seconds there.</summary>
    public const int HistoricWindowSeconds = 30 * 60 * 60;

    private static readonly string[] HistoricZoneIds =
    [
        "Europe/Amsterdam", "Europe/Dublin", "Asia/Kolkata", "America/St_Johns", "Africa/Monrovia", "Europe/Moscow",
        "Europe/London", "Asia/Singapore", "Pacific/Apia", "Europe/Paris", "America/New_York", "Asia/Shanghai",
    ];

    private static readonly Instant HistoricStart = Instant.FromUtc(1900, 1, 3, 0, 0);
    private static readonly Instant HistoricEnd = Instant.FromUtc(1976, 1, 1, 0, 0);
    private static readonly Instant WindowStart = Instant.FromUtc(2011, 1, 1, 0, 0);
    private static readonly Instant WindowEnd = Instant.FromUtc(2031, 1, 1, 0, 0);
    private static readonly Instant ApiaSkip = Instant.FromUtc(2011, 12, 30, 10, 0);
    private static readonly ConcurrentDictionary<string, Instant[]> TransitionCache = new();

    public static Arbitrary<CalendarSpec> Calendars() => CalendarGen.ToArbitrary();

    public static Arbitrary<PointCase> Points() =>
        (from calendar in CalendarGen
         from at in PreciseInstantNear(calendar, WindowMinutes)
         select new PointCase(calendar, at)).ToArbitrary();

    public static Arbitrary<SpanCase> Spans() =>
        (from calendar in CalendarGen
         from start in MinuteNear(calendar)
         from end in MinuteNear(calendar)
         select new SpanCase(calendar, start, end)).ToArbitrary();

    public static Arbitrary<AddCase> Adds() =>
        (from calendar in CalendarGen
         from start in MinuteNear(calendar)
         from minutes in AddMinutes(calendar)
         from other in MinuteNear(calendar)
         select new AddCase(calendar, start, Duration.FromMinutes(minutes), other)).ToArbitrary();

    public static Arbitrary<DayAddCase> DayAdds() =>
        (from calendar in CalendarGen
         from start in PreciseInstantNear(calendar, WindowMinutes)
         from days in Gen.Frequency((3, Gen.Choose(-3, 3)), (1, Gen.Choose(-9, 9)))
         select new DayAddCase(calendar, start, days)).ToArbitrary();

    public static Arbitrary<DateCase> Dates() =>
        (from calendar in CalendarGen
         from offset in Gen.Choose(-12, 12)
         select new DateCase(calendar, calendar.AnchorDate.PlusDays(offset))).ToArbitrary();

    public static Arbitrary<LawCase> Laws() =>
        (from calendar in CalendarGen
         from a in LawInstant(calendar)
         from b in LawInstant(calendar)
         from c in LawInstant(calendar)
         from d1 in LawDuration(calendar)
         from d2 in LawDuration(calendar)
         select new LawCase(calendar, a, b, c, d1, d2)).ToArbitrary();

    public static Arbitrary<HistoricCase> Historic() =>
        (from calendar in HistoricCalendarGen
         from a in Gen.Choose(-HistoricWindowSeconds, HistoricWindowSeconds)
         from b in Gen.Choose(-HistoricWindowSeconds, HistoricWindowSeconds)
         from at in Gen.Choose(-HistoricWindowSeconds, HistoricWindowSeconds)
         from nanos in Gen.Choose(0, 999_999_999)
         select new HistoricCase(
             calendar,
             InRange(calendar.Anchor + Duration.FromSeconds(a)),
             InRange(calendar.Anchor + Duration.FromSeconds(b)),
             InRange(calendar.Anchor + Duration.FromSeconds(at) + Duration.FromNanoseconds(nanos)))).ToArbitrary();

    private static Instant InRange(Instant instant) =>
        instant < BusinessCalendar.MinSupportedInstant ? BusinessCalendar.MinSupportedInstant : instant;

    private static Gen<CalendarSpec> HistoricCalendarGen =>
        from zoneId in Gen.Elements(HistoricZoneIds)
        from week in WeekGen
        from anchor in Gen.Frequency(
            (4, from t in Gen.Elements(HistoricTransitions(zoneId)) from sec in Gen.Choose(-86_400, 86_400) select t + Duration.FromSeconds(sec)),
            (1, Gen.Choose(0, 3 * 86_400).Select(sec => BusinessCalendar.MinSupportedInstant + Duration.FromSeconds(sec))),
            (1, from day in Gen.Choose(0, 27_758) from sec in Gen.Choose(0, 86_399) select HistoricStart + Duration.FromDays(day) + Duration.FromSeconds(sec)))
        let anchorDate = anchor.InZone(DateTimeZoneProviders.Tzdb[zoneId]).Date
        from holidayOffsets in Gen.ArrayOf(Gen.Choose(-2, 2), 2).Select(o => o.Distinct().ToArray())
        from holidayCount in Gen.Choose(0, 2)
        from closureCount in Gen.Choose(0, 4)
        from closures in Gen.ArrayOf(
            from offset in Gen.Choose(-2, 2)
            from start in Gen.Choose(0, 95)
            from length in Gen.Choose(1, 96 - start)
            select new ReferenceClosure(anchorDate.PlusDays(offset), WallSpan.FromMinutes(start * 15, (start + length) * 15)),
            closureCount)
        select new CalendarSpec(
            zoneId,
            week,
            holidayOffsets.Take(holidayCount).Select(o => anchorDate.PlusDays(o)).ToArray(),
            closures,
            anchor,
            Duration.FromSeconds(1));

    /// <summary>Offset transitions of the zone from 1900 to 1975 (whole seconds).</summary>
    public static Instant[] HistoricTransitions(string zoneId) => TransitionCache.GetOrAdd("historic:" + zoneId, _ =>
        DateTimeZoneProviders.Tzdb[zoneId]
            .GetZoneIntervals(HistoricStart, HistoricEnd)
            .Where(zi => zi.HasStart && zi.Start > HistoricStart)
            .Select(zi => zi.Start)
            .ToArray());

    public static Gen<CalendarSpec> CalendarGen =>
        from zoneId in Gen.Elements(ZoneIds)
        from week in WeekGen
        from anchor in AnchorGen(zoneId)
        let anchorDate = anchor.InZone(DateTimeZoneProviders.Tzdb[zoneId]).Date
        from holidays in HolidaysGen(anchorDate)
        from closures in ClosuresGen(anchorDate, holidays)
        from openings in OpeningsGen(anchorDate, holidays, closures)
        select new CalendarSpec(zoneId, week, holidays, closures, anchor, openings: openings);

    /// <summary>Offset transitions of the zone from 2011 to 2030 (whole minutes in every zone used).</summary>
    public static Instant[] Transitions(string zoneId) => TransitionCache.GetOrAdd(zoneId, id =>
        DateTimeZoneProviders.Tzdb[id]
            .GetZoneIntervals(WindowStart, WindowEnd)
            .Where(zi => zi.HasStart && zi.Start > WindowStart)
            .Select(zi => zi.Start)
            .ToArray());

    private static Gen<WallSpan[][]> WeekGen =>
        Gen.Frequency(
            (10, Gen.ArrayOf(DayGen, 7).Where(week => week.Any(day => day.Length > 0))),
            (1, Gen.Constant(Enumerable.Range(0, 7).Select(_ => new[] { WallSpan.FromMinutes(0, 1440) }).ToArray())),
            (1, Gen.Constant(Enumerable.Range(0, 7).Select(d => d < 5 ? new[] { WallSpan.FromMinutes(540, 1020) } : []).ToArray())));

    // A boundary on the 15-minute grid, biased to the small hours where transitions happen.
    private static Gen<int> BoundaryGen =>
        Gen.Frequency((2, Gen.Choose(0, 96)), (1, Gen.Choose(0, 20))).Select(q => q * 15);

    private static Gen<WallSpan[]> DayGen =>
        from count in Gen.Frequency((3, Gen.Constant(0)), (4, Gen.Constant(1)), (3, Gen.Constant(2)), (2, Gen.Constant(3)))
        from points in Gen.ArrayOf(BoundaryGen, 2 * count)
        from fromMidnight in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from toMidnight in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        select MakeRanges(points, fromMidnight, toMidnight);

    private static WallSpan[] MakeRanges(int[] points, bool fromMidnight, bool toMidnight)
    {
        var sorted = points.Order().ToArray();
        if (sorted.Length > 0 && fromMidnight)
        {
            sorted[0] = 0;
        }

        if (sorted.Length > 0 && toMidnight)
        {
            sorted[^1] = 1440;
        }

        var ranges = new List<WallSpan>();
        for (int i = 0; i + 1 < sorted.Length; i += 2)
        {
            if (sorted[i] < sorted[i + 1])
            {
                ranges.Add(WallSpan.FromMinutes(sorted[i], sorted[i + 1]));
            }
        }

        return ranges.ToArray();
    }

    private static Gen<Instant> AnchorGen(string zoneId)
    {
        var uniform =
            from day in Gen.Choose(0, 7304)
            from minute in Gen.Choose(0, 1439)
            select WindowStart + Duration.FromDays(day) + Duration.FromMinutes(minute);
        var transitions = Transitions(zoneId);
        var choices = new List<(int, Gen<Instant>)> { (1, uniform) };
        if (transitions.Length > 0)
        {
            choices.Add((3, from t in Gen.Elements(transitions) from m in Gen.Choose(-4320, 4320) select t + Duration.FromMinutes(m)));
        }

        if (zoneId == "Pacific/Apia")
        {
            choices.Add((2, Gen.Choose(-4320, 4320).Select(m => ApiaSkip + Duration.FromMinutes(m))));
        }

        return Gen.Frequency(choices);
    }

    // Holidays near the anchor (where test instants are), sometimes also far from it (for the laws,
    // whose spans are long; they cost the reference nothing).
    private static Gen<LocalDate[]> HolidaysGen(LocalDate anchorDate) =>
        from count in Gen.Choose(0, 6)
        from offsets in Gen.ArrayOf(Gen.Choose(-12, 12), count)
        from farCount in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 40)))
        from farOffsets in Gen.ArrayOf(Gen.Choose(-420, 420), farCount)
        from repeat in Gen.Elements(false, true)
        let dates = offsets.Concat(farOffsets).Select(o => anchorDate.PlusDays(o)).ToArray()
        select repeat && dates.Length > 0 ? [.. dates, dates[0]] : dates;

    private static Gen<ReferenceClosure[]> ClosuresGen(LocalDate anchorDate, LocalDate[] holidays)
    {
        var dates = new List<(int, Gen<LocalDate>)>
        {
            (4, Gen.Choose(-12, 12).Select(o => anchorDate.PlusDays(o))),
            (4, Gen.Choose(-2, 2).Select(o => anchorDate.PlusDays(o))),
            (1, Gen.Choose(-420, 420).Select(o => anchorDate.PlusDays(o))),
        };
        if (holidays.Length > 0)
        {
            dates.Add((1, Gen.Elements(holidays)));
        }

        var dateGen = Gen.Frequency(dates);
        var closureGen =
            from date in dateGen
            from start in Gen.Frequency((2, Gen.Choose(0, 95)), (1, Gen.Choose(0, 16)))
            from length in Gen.Choose(1, 96 - start)
            select new ReferenceClosure(date, WallSpan.FromMinutes(start * 15, (start + length) * 15));
        return from count in Gen.Frequency((3, Gen.Choose(0, 6)), (1, Gen.Choose(0, 30)))
               from closures in Gen.ArrayOf(closureGen, count)
               select closures;
    }

    // Extra openings near the anchor, on holidays too; those that would overlap a closure of their
    // date are dropped (the builder refuses them, which BusinessCalendarBuilderTests checks).
    private static Gen<ReferenceClosure[]> OpeningsGen(LocalDate anchorDate, LocalDate[] holidays, ReferenceClosure[] closures)
    {
        var dates = new List<(int, Gen<LocalDate>)> { (4, Gen.Choose(-12, 12).Select(o => anchorDate.PlusDays(o))) };
        if (holidays.Length > 0)
        {
            dates.Add((1, Gen.Elements(holidays)));
        }

        var openingGen =
            from date in Gen.Frequency(dates)
            from start in Gen.Frequency((2, Gen.Choose(0, 95)), (1, Gen.Choose(0, 16)))
            from length in Gen.Choose(1, 96 - start)
            select new ReferenceClosure(date, WallSpan.FromMinutes(start * 15, (start + length) * 15));
        return from count in Gen.Frequency((2, Gen.Constant(0)), (2, Gen.Choose(1, 6)))
               from openings in Gen.ArrayOf(openingGen, count)
               select openings
                   .Where(o => !closures.Any(c => c.Date == o.Date && c.Hours.From < o.Hours.To && o.Hours.From < c.Hours.To))
                   .ToArray();
    }

    /// <summary>Whole-minute instants near the anchor: anywhere in the window, close to it, or on a generated wall-clock boundary near it.</summary>
    public static Gen<Instant> MinuteNear(CalendarSpec calendar) =>
        Gen.Frequency(
            (3, Gen.Choose(-WindowMinutes, WindowMinutes).Select(m => calendar.Anchor + Duration.FromMinutes(m))),
            (2, Gen.Choose(-1440, 1440).Select(m => calendar.Anchor + Duration.FromMinutes(m))),
            (2, WallBoundaryNear(calendar)));

    // A wall-clock boundary of the schedule or a closure on a date near the anchor, mapped to an
    // instant (in a gap: the transition; in an overlap: either occurrence).
    private static Gen<Instant> WallBoundaryNear(CalendarSpec calendar)
    {
        var boundaries = calendar.Week.SelectMany(day => day).Concat(calendar.Closures.Concat(calendar.Openings).Select(c => c.Hours))
            .SelectMany(r => new[] { r.From, r.To % NodaConstants.NanosecondsPerDay })
            .Distinct()
            .ToArray();
        return from offset in Gen.Choose(-9, 9)
               from nanos in Gen.Elements(boundaries)
               from later in Gen.Elements(false, true)
               select Resolve(calendar.Zone, calendar.AnchorDate.PlusDays(offset).At(LocalTime.FromNanosecondsSinceMidnight(nanos)), later);
    }

    private static Instant Resolve(DateTimeZone zone, LocalDateTime local, bool later)
    {
        var mapping = zone.MapLocal(local);
        return mapping.Count switch
        {
            0 => mapping.LateInterval.Start,
            1 => mapping.Single().ToInstant(),
            _ => later ? mapping.Last().ToInstant() : mapping.First().ToInstant(),
        };
    }

    /// <summary>Instants near the anchor at any nanosecond: whole minutes, a nanosecond either side, or anywhere in a minute.</summary>
    public static Gen<Instant> PreciseInstantNear(CalendarSpec calendar, int windowMinutes) =>
        from minute in Gen.Frequency(
            (3, Gen.Choose(-windowMinutes, windowMinutes).Select(m => calendar.Anchor + Duration.FromMinutes(m))),
            (2, WallBoundaryNear(calendar)))
        from nanos in Gen.Frequency(
            (2, Gen.Constant(0L)),
            (1, Gen.Constant(-1L)),
            (1, Gen.Constant(1L)),
            (3, from ms in Gen.Choose(0, 59_999) from ns in Gen.Choose(0, 999_999) select (ms * 1_000_000L) + ns))
        select minute + Duration.FromNanoseconds(nanos);

    // Amounts of working time (whole minutes) up to two ordinary weeks' worth.
    private static Gen<int> AddMinutes(CalendarSpec calendar)
    {
        int cap = (int)Math.Min(2 * calendar.WeeklyMinutes, 20_160);
        return Gen.Frequency(
            (3, Gen.Choose(0, cap)),
            (2, Gen.Choose(0, Math.Min(cap, 120))),
            (1, Gen.Choose(0, cap / 15).Select(q => q * 15)));
    }

    private static Gen<Instant> LawInstant(CalendarSpec calendar) =>
        Gen.Frequency(
            (3, PreciseInstantNear(calendar, WindowMinutes)),
            (1, from days in Gen.Choose(-400, 400)
                from minute in Gen.Choose(0, 1439)
                from ns in Gen.Choose(0, 999_999_999)
                select calendar.Anchor + Duration.FromDays(days) + Duration.FromMinutes(minute) + Duration.FromNanoseconds(ns)));

    // Signed durations at nanosecond precision, up to eight ordinary weeks' worth of working time.
    private static Gen<Duration> LawDuration(CalendarSpec calendar)
    {
        int cap = (int)Math.Min(8 * calendar.WeeklyMinutes, 80_640);
        var magnitude =
            from minutes in Gen.Frequency((3, Gen.Choose(0, cap)), (2, Gen.Choose(0, Math.Min(cap, 120))))
            from nanos in Gen.Frequency(
                (1, Gen.Constant(0L)),
                (1, Gen.Constant(1L)),
                (3, from ms in Gen.Choose(0, 59_999) from ns in Gen.Choose(0, 999_999) select (ms * 1_000_000L) + ns))
            select Duration.FromMinutes(minutes) + Duration.FromNanoseconds(nanos);
        return from m in magnitude
               from sign in Gen.Elements(1, -1)
               select sign > 0 ? m : -m;
    }
}
