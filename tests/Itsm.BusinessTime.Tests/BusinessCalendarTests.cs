using System;
using System.Linq;
using Itsm.BusinessTime;
using NodaTime;
using static Itsm.BusinessTime.Tests.TestCalendars;

namespace Itsm.BusinessTime.Tests;

/// <summary>The documented behaviour of <see cref="BusinessCalendar"/> on fixed calendars (DST cases are in <see cref="BusinessCalendarDaylightSavingTests"/>).</summary>
public sealed class BusinessCalendarTests
{
    private static readonly Duration OneNanosecond = Duration.FromNanoseconds(1);
    private static readonly BusinessCalendar London9To5 = NineToFive(London).Build();

    // 2026-01-09 is a Friday, 2026-01-12 a Monday (GMT, so local time is UTC).

    [Fact]
    public void Add_OneHourFromFriday1630_EndsMonday0930()
    {
        Assert.Equal(London.Local(2026, 1, 12, 9, 30), London9To5.Add(London.Local(2026, 1, 9, 16, 30), Duration.FromHours(1)));
        Assert.Equal(London.Local(2026, 7, 13, 9, 30), London9To5.Add(London.Local(2026, 7, 10, 16, 30), Duration.FromHours(1)));
    }

    [Fact]
    public void Add_WorkThatEndsAt1700_EndsAt1700NotNextMorning()
    {
        Assert.Equal(London.Local(2026, 1, 9, 17, 0), London9To5.Add(London.Local(2026, 1, 9, 16, 0), Duration.FromHours(1)));
        Assert.Equal(London.Local(2026, 1, 12, 17, 0), London9To5.Add(London.Local(2026, 1, 12, 9, 0), Duration.FromHours(8)));
        Assert.Equal(London.Local(2026, 1, 16, 17, 0), London9To5.Add(London.Local(2026, 1, 12, 9, 0), Duration.FromHours(40)));
    }

    [Fact]
    public void Add_Backward_WorkThatMustEndMonday0900_StartsFriday1600()
    {
        Assert.Equal(London.Local(2026, 1, 9, 16, 0), London9To5.Add(London.Local(2026, 1, 12, 9, 0), Duration.FromHours(-1)));
    }

    [Fact]
    public void Add_Backward_ReturnsTheLatestStart()
    {
        // Tuesday 09:00, not Monday 17:00: both are three working hours before Tuesday 12:00.
        Assert.Equal(London.Local(2026, 1, 13, 9, 0), London9To5.Add(London.Local(2026, 1, 13, 12, 0), Duration.FromHours(-3)));
        Assert.Equal(London.Local(2026, 1, 12, 9, 0), London9To5.Add(London.Local(2026, 1, 12, 17, 0), Duration.FromHours(-8)));
    }

    [Fact]
    public void Add_FromNonWorkingTime_CountsFromTheNextOrPreviousWorkingTime()
    {
        var saturdayNoon = London.Local(2026, 1, 10, 12, 0);
        Assert.Equal(London.Local(2026, 1, 12, 10, 0), London9To5.Add(saturdayNoon, Duration.FromHours(1)));
        Assert.Equal(London.Local(2026, 1, 9, 16, 0), London9To5.Add(saturdayNoon, Duration.FromHours(-1)));
    }

    [Fact]
    public void Add_Zero_IsTheStartEvenInNonWorkingTime()
    {
        var saturdayNoon = London.Local(2026, 1, 10, 12, 0);
        Assert.Equal(saturdayNoon, London9To5.Add(saturdayNoon, Duration.Zero));
    }

    [Fact]
    public void Add_KeepsNanosecondPrecision()
    {
        var start = London.Local(2026, 1, 12, 9, 0) + Duration.FromNanoseconds(123);
        Assert.Equal(London.Local(2026, 1, 12, 17, 0), London9To5.Add(start, Duration.FromHours(8) - Duration.FromNanoseconds(123)));
        Assert.Equal(London.Local(2026, 1, 13, 9, 0) + Duration.FromNanoseconds(1), London9To5.Add(start, Duration.FromHours(8) - Duration.FromNanoseconds(122)));
    }

    [Fact]
    public void Between_OverAWeekend_CountsOnlyWorkingTime()
    {
        var friday = London.Local(2026, 1, 9, 16, 30);
        var monday = London.Local(2026, 1, 12, 9, 30);
        Assert.Equal(Duration.FromHours(1), London9To5.Between(friday, monday));
        Assert.Equal(Duration.FromHours(-1), London9To5.Between(monday, friday));
        Assert.Equal(Duration.FromHours(40), London9To5.Between(London.Local(2026, 1, 12, 0, 0), London.Local(2026, 1, 19, 0, 0)));
    }

    [Fact]
    public void IsWorking_RangesAreHalfOpen()
    {
        var nine = London.Local(2026, 1, 12, 9, 0);
        var five = London.Local(2026, 1, 12, 17, 0);
        Assert.True(London9To5.IsWorking(nine));
        Assert.False(London9To5.IsWorking(nine - OneNanosecond));
        Assert.True(London9To5.IsWorking(five - OneNanosecond));
        Assert.False(London9To5.IsWorking(five));
        Assert.False(London9To5.IsWorking(London.Local(2026, 1, 10, 12, 0)));
    }

    [Fact]
    public void NextWorkingInstant_IsTheInstantItselfWhenWorking()
    {
        var monday = London.Local(2026, 1, 12, 9, 0);
        Assert.Equal(monday, London9To5.NextWorkingInstant(monday));
        Assert.Equal(monday + OneNanosecond, London9To5.NextWorkingInstant(monday + OneNanosecond));
    }

    [Fact]
    public void NextWorkingInstant_FromNonWorkingTime_IsTheNextStartOfWork()
    {
        var monday = London.Local(2026, 1, 12, 9, 0);
        Assert.Equal(monday, London9To5.NextWorkingInstant(London.Local(2026, 1, 9, 17, 0)));
        Assert.Equal(monday, London9To5.NextWorkingInstant(monday - OneNanosecond));
    }

    [Fact]
    public void WorkingTimePerWeek_IsTheOrdinaryWeeksTotal()
    {
        Assert.Equal(Duration.FromHours(40), London9To5.WorkingTimePerWeek);
    }

    [Fact]
    public void GetWeeklyHours_ReturnsEachDaysSortedRanges()
    {
        var calendar = BusinessCalendar.CreateBuilder(London)
            .AddWorkingHours(IsoDayOfWeek.Tuesday, new LocalTime(13, 0), new LocalTime(17, 30))
            .AddWorkingHours(IsoDayOfWeek.Tuesday, new LocalTime(8, 0), new LocalTime(12, 0))
            .Build();
        Assert.Equal([TimeOfDayRange.Parse("08:00-12:00"), TimeOfDayRange.Parse("13:00-17:30")], calendar.GetWeeklyHours(IsoDayOfWeek.Tuesday));
        Assert.Empty(calendar.GetWeeklyHours(IsoDayOfWeek.Monday));
    }

    [Fact]
    public void GetWeeklyHours_OutsideMondayToSunday_ThrowsNamingTheDay()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => London9To5.GetWeeklyHours(IsoDayOfWeek.None));
        Assert.Equal("day", ex.ParamName);
    }

    [Fact]
    public void Queries_AllocateNothing()
    {
        var calendar = NineToFive(London).AddHoliday(new LocalDate(2026, 1, 12)).AddClosure(new LocalDate(2026, 1, 13), TimeOfDayRange.Parse("12:00-14:00")).Build();
        var start = London.Local(2026, 1, 9, 16, 30);
        var end = London.Local(2027, 6, 1, 12, 0);
        long checksum = RunQueries(calendar, start, end); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            checksum += RunQueries(calendar, start, end);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotEqual(0, checksum);
        Assert.Equal(0, allocated);
    }

    private static long RunQueries(BusinessCalendar calendar, Instant start, Instant end) =>
        calendar.Add(start, Duration.FromHours(100)).ToUnixTimeTicks()
        + calendar.Add(end, Duration.FromHours(-100)).ToUnixTimeTicks()
        + calendar.Between(start, end).BclCompatibleTicks
        + calendar.NextWorkingInstant(start).ToUnixTimeTicks()
        + (calendar.IsWorking(end) ? 1 : 0);

    [Fact]
    public void Queries_FromManyThreads_AgreeWithOneThread()
    {
        var calendar = NineToFive(NewYork).AddHoliday(new LocalDate(2026, 3, 9)).Build();
        var starts = Enumerable.Range(0, 2000).Select(i => Utc(2026, 1, 1, 0) + Duration.FromMinutes(i * 97L)).ToArray();
        var expected = starts.Select(s => (calendar.Add(s, Duration.FromHours(13)), calendar.Between(s, s + Duration.FromDays(9)))).ToArray();
        var actual = new (Instant, Duration)[starts.Length];
        System.Threading.Tasks.Parallel.For(0, starts.Length, i => actual[i] = (calendar.Add(starts[i], Duration.FromHours(13)), calendar.Between(starts[i], starts[i] + Duration.FromDays(9))));
        Assert.Equal(expected, actual);
    }

    // Overnight shifts.

    [Fact]
    public void OvernightShiftAcrossMidnight_CountsAsOneShift()
    {
        // Friday 2026-01-09 22:00 to Saturday 06:00.
        var calendar = BusinessCalendar.CreateBuilder(London)
            .AddWorkingHours(IsoDayOfWeek.Friday, TimeOfDayRange.UntilEndOfDay(new LocalTime(22, 0)))
            .AddWorkingHours(IsoDayOfWeek.Saturday, new LocalTime(0, 0), new LocalTime(6, 0))
            .Build();
        var friday22 = London.Local(2026, 1, 9, 22, 0);
        var saturday06 = London.Local(2026, 1, 10, 6, 0);
        Assert.Equal(London.Local(2026, 1, 10, 1, 0), calendar.Add(London.Local(2026, 1, 9, 23, 0), Duration.FromHours(2)));
        Assert.Equal(saturday06, calendar.Add(friday22, Duration.FromHours(8)));
        Assert.Equal(friday22, calendar.Add(saturday06, Duration.FromHours(-8)));
        Assert.Equal(Duration.FromHours(8), calendar.Between(London.Local(2026, 1, 9, 21, 0), London.Local(2026, 1, 10, 7, 0)));
        Assert.True(calendar.IsWorking(London.Local(2026, 1, 10, 0, 0)));
        Assert.True(calendar.IsWorking(London.Local(2026, 1, 10, 0, 0) - OneNanosecond));
        Assert.False(calendar.IsWorking(saturday06));
        Assert.Equal(London.Local(2026, 1, 16, 22, 0), calendar.NextWorkingInstant(saturday06));
        Assert.Equal(London.Local(2026, 1, 16, 22, 1), calendar.Add(saturday06, Duration.FromMinutes(1)));
    }

    [Fact]
    public void OvernightShiftAcrossTheWeekBoundary_CountsAsOneShift()
    {
        // Sunday 2026-01-11 22:00 to Monday 06:00.
        var calendar = BusinessCalendar.CreateBuilder(London)
            .AddWorkingHours(IsoDayOfWeek.Sunday, TimeOfDayRange.UntilEndOfDay(new LocalTime(22, 0)))
            .AddWorkingHours(IsoDayOfWeek.Monday, new LocalTime(0, 0), new LocalTime(6, 0))
            .Build();
        var sunday22 = London.Local(2026, 1, 11, 22, 0);
        var monday06 = London.Local(2026, 1, 12, 6, 0);
        Assert.Equal(London.Local(2026, 1, 12, 1, 0), calendar.Add(London.Local(2026, 1, 11, 23, 0), Duration.FromHours(2)));
        Assert.Equal(monday06, calendar.Add(sunday22, Duration.FromHours(8)));
        Assert.Equal(sunday22, calendar.Add(monday06, Duration.FromHours(-8)));
        Assert.Equal(London.Local(2026, 1, 11, 23, 0), calendar.Add(London.Local(2026, 1, 12, 3, 0), Duration.FromHours(-4)));
        Assert.Equal(Duration.FromHours(8), calendar.Between(London.Local(2026, 1, 11, 0, 0), London.Local(2026, 1, 12, 12, 0)));
        Assert.Equal(Duration.FromHours(16), calendar.Between(London.Local(2026, 1, 11, 0, 0), London.Local(2026, 1, 19, 12, 0)));
        Assert.Equal(London.Local(2026, 1, 18, 22, 0), calendar.NextWorkingInstant(monday06));
        Assert.Equal([new Interval(sunday22, London.Local(2026, 1, 12, 0, 0))], calendar.GetWorkingIntervals(new LocalDate(2026, 1, 11)));
        Assert.Equal([new Interval(London.Local(2026, 1, 12, 0, 0), monday06)], calendar.GetWorkingIntervals(new LocalDate(2026, 1, 12)));
    }

    // Holidays.

    [Fact]
    public void Holiday_HasNoWorkingTime()
    {
        var calendar = NineToFive(London).AddHoliday(new LocalDate(2026, 1, 12)).Build();
        Assert.True(calendar.IsHoliday(new LocalDate(2026, 1, 12)));
        Assert.False(calendar.IsHoliday(new LocalDate(2026, 1, 13)));
        Assert.Empty(calendar.GetWorkingHours(new LocalDate(2026, 1, 12)));
        Assert.Empty(calendar.GetWorkingIntervals(new LocalDate(2026, 1, 12)));
        Assert.False(calendar.IsWorking(London.Local(2026, 1, 12, 10, 0)));
        Assert.Equal(London.Local(2026, 1, 13, 9, 30), calendar.Add(London.Local(2026, 1, 9, 16, 30), Duration.FromHours(1)));
        Assert.Equal(London.Local(2026, 1, 9, 16, 0), calendar.Add(London.Local(2026, 1, 13, 9, 0), Duration.FromHours(-1)));
        Assert.Equal(Duration.FromHours(32), calendar.Between(London.Local(2026, 1, 12, 0, 0), London.Local(2026, 1, 19, 0, 0)));
    }

    [Fact]
    public void IsHolidayAndGetWorkingHours_AcceptDatesInOtherCalendars()
    {
        var holiday = new LocalDate(2026, 1, 12);
        var calendar = NineToFive(London).AddHoliday(holiday).Build();
        var julian = holiday.WithCalendar(CalendarSystem.Julian);
        Assert.True(calendar.IsHoliday(julian));
        Assert.Empty(calendar.GetWorkingHours(julian));
        Assert.Empty(calendar.GetWorkingIntervals(julian));
        Assert.Equal([TimeOfDayRange.Parse("09:00-17:00")], calendar.GetWorkingHours(julian.PlusDays(1)));
    }

    [Fact]
    public void Holidays_Repeated_CountOnce()
    {
        var holiday = new LocalDate(2026, 1, 12);
        var once = NineToFive(London).AddHoliday(holiday).Build();
        var repeated = NineToFive(London).AddHoliday(holiday).AddHolidays([holiday, holiday, new LocalDate(2026, 1, 2)]).AddHoliday(holiday).Build();
        Assert.Equal([new LocalDate(2026, 1, 2), holiday], repeated.Holidays);
        var from = London.Local(2026, 1, 5, 0, 0);
        var to = London.Local(2026, 1, 19, 0, 0);
        Assert.Equal(Duration.FromHours(72), repeated.Between(from, to));
        Assert.Equal(once.Between(from, to), repeated.Between(from, to));
    }

    [Fact]
    public void Holiday_OnANonWorkingDay_ChangesNothing()
    {
        var calendar = NineToFive(London).AddHoliday(new LocalDate(2026, 1, 10)).Build();
        Assert.True(calendar.IsHoliday(new LocalDate(2026, 1, 10)));
        Assert.Equal(Duration.FromHours(40), calendar.Between(London.Local(2026, 1, 5, 0, 0), London.Local(2026, 1, 12, 0, 0)));
    }

    // Closures.

    [Fact]
    public void Closures_Overlapping_CloseTheirUnion()
    {
        var date = new LocalDate(2026, 1, 12);
        var calendar = NineToFive(London)
            .AddClosure(date, TimeOfDayRange.Parse("13:00-15:00"))
            .AddClosure(date, TimeOfDayRange.Parse("12:00-14:00"))
            .Build();
        Assert.Equal([TimeOfDayRange.Parse("09:00-12:00"), TimeOfDayRange.Parse("15:00-17:00")], calendar.GetWorkingHours(date));
        Assert.Equal(Duration.FromHours(5), calendar.Between(London.Local(2026, 1, 12, 0, 0), London.Local(2026, 1, 13, 0, 0)));
        Assert.Equal(London.Local(2026, 1, 12, 16, 0), calendar.Add(London.Local(2026, 1, 12, 11, 0), Duration.FromHours(2)));
        Assert.Equal(London.Local(2026, 1, 12, 11, 0), calendar.Add(London.Local(2026, 1, 12, 16, 0), Duration.FromHours(-2)));
        Assert.False(calendar.IsWorking(London.Local(2026, 1, 12, 12, 0)));
        Assert.False(calendar.IsWorking(London.Local(2026, 1, 12, 15, 0) - OneNanosecond));
        Assert.True(calendar.IsWorking(London.Local(2026, 1, 12, 15, 0)));
        Assert.Equal(London.Local(2026, 1, 12, 15, 0), calendar.NextWorkingInstant(London.Local(2026, 1, 12, 12, 0)));
        Assert.Equal(
            [new Closure(date, TimeOfDayRange.Parse("12:00-14:00")), new Closure(date, TimeOfDayRange.Parse("13:00-15:00"))],
            calendar.Closures);
    }

    [Fact]
    public void Closure_CoveringNonWorkingTime_ClosesOnlyTheWorkingPart()
    {
        var calendar = NineToFive(London)
            .AddClosure(new LocalDate(2026, 1, 12), TimeOfDayRange.Parse("06:00-10:00"))
            .AddClosure(new LocalDate(2026, 1, 13), TimeOfDayRange.UntilEndOfDay(new LocalTime(16, 0)))
            .AddClosure(new LocalDate(2026, 1, 10), TimeOfDayRange.WholeDay)
            .Build();
        Assert.Equal([TimeOfDayRange.Parse("10:00-17:00")], calendar.GetWorkingHours(new LocalDate(2026, 1, 12)));
        Assert.Equal([TimeOfDayRange.Parse("09:00-16:00")], calendar.GetWorkingHours(new LocalDate(2026, 1, 13)));
        Assert.Empty(calendar.GetWorkingHours(new LocalDate(2026, 1, 10)));
        Assert.Equal(Duration.FromHours(38), calendar.Between(London.Local(2026, 1, 10, 0, 0), London.Local(2026, 1, 17, 0, 0)));
        Assert.Equal(London.Local(2026, 1, 14, 9, 30), calendar.Add(London.Local(2026, 1, 13, 15, 30), Duration.FromHours(1)));
    }

    [Fact]
    public void Closure_OfTheWholeDay_WorksLikeAHolidayButIsNotOne()
    {
        var date = new LocalDate(2026, 1, 12);
        var closed = NineToFive(London).AddClosure(date, TimeOfDayRange.WholeDay).Build();
        var holiday = NineToFive(London).AddHoliday(date).Build();
        Assert.False(closed.IsHoliday(date));
        Assert.Empty(closed.GetWorkingHours(date));
        var from = London.Local(2026, 1, 9, 12, 0);
        Assert.Equal(holiday.Add(from, Duration.FromHours(6)), closed.Add(from, Duration.FromHours(6)));
        Assert.Equal(holiday.Between(from, London.Local(2026, 1, 14, 12, 0)), closed.Between(from, London.Local(2026, 1, 14, 12, 0)));
    }

    [Fact]
    public void Closure_OnAHoliday_ChangesNothing()
    {
        var date = new LocalDate(2026, 1, 12);
        var calendar = NineToFive(London).AddHoliday(date).AddClosure(date, TimeOfDayRange.Parse("10:00-11:00")).Build();
        Assert.Empty(calendar.GetWorkingHours(date));
        Assert.Equal(Duration.FromHours(32), calendar.Between(London.Local(2026, 1, 12, 0, 0), London.Local(2026, 1, 19, 0, 0)));
    }

    [Fact]
    public void Closure_OnChristmasEveAfternoon_EndsWorkAt1300()
    {
        // 2026-12-24 is a Thursday.
        var calendar = NineToFive(London).AddClosure(new LocalDate(2026, 12, 24), TimeOfDayRange.UntilEndOfDay(new LocalTime(13, 0))).Build();
        Assert.Equal(London.Local(2026, 12, 24, 13, 0), calendar.Add(London.Local(2026, 12, 24, 12, 0), Duration.FromHours(1)));
        Assert.Equal(London.Local(2026, 12, 25, 10, 0), calendar.Add(London.Local(2026, 12, 24, 12, 0), Duration.FromHours(2)));
    }

    // The horizon: no query loops.

    private static BusinessCalendar ElevenYearsOfHolidays() => NineToFive(London)
        .AddHolidays(Enumerable.Range(0, Period.DaysBetween(new LocalDate(2030, 1, 1), new LocalDate(2041, 1, 1))).Select(i => new LocalDate(2030, 1, 1).PlusDays(i)))
        .Build();

    [Fact]
    public void NextWorkingInstant_WithNoWorkingTimeWithinTenYears_ThrowsNoWorkingTime()
    {
        // Working time resumes on Tuesday 2041-01-01 at 09:00: eleven years later.
        var calendar = ElevenYearsOfHolidays();
        var start = Utc(2030, 1, 1, 0);
        var ex = Assert.Throws<NoWorkingTimeException>(() => calendar.NextWorkingInstant(start));
        Assert.Equal("There is no working time within 3653 days after 2030-01-01T00:00:00Z (or before 2200-01-01T00:00:00Z, the end of the supported range).", ex.Message);
        Assert.Equal(start, ex.From);
        Assert.Equal("ITSM-BT-NOWORK-001", ex.Code);
    }

    [Fact]
    public void Add_Forward_WithNoWorkingTimeWithinTenYears_ThrowsNoWorkingTime()
    {
        var calendar = ElevenYearsOfHolidays();
        var start = Utc(2030, 1, 1, 0);
        var ex = Assert.Throws<NoWorkingTimeException>(() => calendar.Add(start, Duration.FromHours(1)));
        Assert.Equal("There is no working time from 2030-01-01T00:00:00Z to 2041-01-01T09:00:00Z, which is at least the search horizon of 3653 days.", ex.Message);
        Assert.Equal(start, ex.From);
    }

    [Fact]
    public void Add_Backward_WithNoWorkingTimeWithinTenYears_ThrowsNoWorkingTime()
    {
        // The last working time before the holidays ends on Monday 2029-12-31 at 17:00.
        var calendar = ElevenYearsOfHolidays();
        var start = Utc(2041, 1, 1, 10);
        var ex = Assert.Throws<NoWorkingTimeException>(() => calendar.Add(start, Duration.FromHours(-2)));
        Assert.Equal("There is no working time from 2029-12-31T17:00:00Z to 2041-01-01T09:00:00Z, which is at least the search horizon of 3653 days.", ex.Message);
        Assert.Equal(start, ex.From);
    }

    [Fact]
    public void Queries_NotPassingTheLongStretch_AreAnswered()
    {
        var calendar = ElevenYearsOfHolidays();
        Assert.Equal(Utc(2029, 12, 31, 17), calendar.Add(Utc(2029, 12, 31, 16), Duration.FromHours(1)));
        Assert.Equal(Utc(2041, 1, 1, 9), calendar.Add(Utc(2041, 1, 1, 10), Duration.FromHours(-1)));
        Assert.Equal(Duration.FromHours(2), calendar.Between(Utc(2029, 12, 31, 16), Utc(2041, 1, 1, 10)));
        Assert.Equal(Duration.FromHours(-2), calendar.Between(Utc(2041, 1, 1, 10), Utc(2029, 12, 31, 16)));
        Assert.False(calendar.IsWorking(Utc(2035, 6, 1, 12)));
    }

    [Fact]
    public void Queries_FromInsideTheLongStretch_WithinTenYearsOfWork_AreAnswered()
    {
        // From 2036 the next working time is five years away, and the last one six years back.
        var calendar = ElevenYearsOfHolidays();
        Assert.Equal(Utc(2041, 1, 1, 9), calendar.NextWorkingInstant(Utc(2036, 1, 1, 0)));
        Assert.Equal(Utc(2041, 1, 1, 10), calendar.Add(Utc(2036, 1, 1, 0), Duration.FromHours(1)));
        Assert.Equal(Utc(2029, 12, 31, 16), calendar.Add(Utc(2036, 1, 1, 0), Duration.FromHours(-1)));
    }

    [Fact]
    public void Add_PastElevenYearsOfWholeDayClosures_ThrowsNoWorkingTime()
    {
        var builder = NineToFive(London);
        for (var date = new LocalDate(2030, 1, 1); date < new LocalDate(2041, 1, 1); date = date.PlusDays(1))
        {
            builder.AddClosure(date, TimeOfDayRange.Parse("08:00-24:00"));
        }

        var calendar = builder.Build();
        var ex = Assert.Throws<NoWorkingTimeException>(() => calendar.Add(Utc(2030, 1, 1, 0), Duration.FromHours(1)));
        Assert.Equal("There is no working time from 2030-01-01T00:00:00Z to 2041-01-01T09:00:00Z, which is at least the search horizon of 3653 days.", ex.Message);
        Assert.Throws<NoWorkingTimeException>(() => calendar.NextWorkingInstant(Utc(2030, 1, 1, 0)));
        Assert.Equal(Utc(2041, 1, 1, 9), calendar.NextWorkingInstant(Utc(2032, 1, 1, 0)));
    }

    [Fact]
    public void Queries_PastAStretchOfExactlyTheHorizon_AllThrowNoWorkingTime()
    {
        // Every instant works except the 3,653 holidays from 2030-01-01: working time resumes exactly
        // SearchHorizon after 2030-01-01T00:00Z, a stretch "at least" the horizon long.
        var builder = EveryDay(DateTimeZone.Utc, TimeOfDayRange.WholeDay);
        var first = new LocalDate(2030, 1, 1);
        builder.AddHolidays(Enumerable.Range(0, 3653).Select(first.PlusDays));
        var calendar = builder.Build();
        var start = Utc(2030, 1, 1, 0);
        Assert.Equal(start + BusinessCalendar.SearchHorizon, Utc(2040, 1, 2, 0));
        Assert.Throws<NoWorkingTimeException>(() => calendar.Add(start, Duration.FromHours(1)));
        Assert.Throws<NoWorkingTimeException>(() => calendar.NextWorkingInstant(start));
    }

    [Fact]
    public void Add_PastElevenYearsWithoutWorkingTime_Throws_EvenWhenTheOnlyScheduledHoursFallInDaylightSavingGaps()
    {
        // America/New_York, work on Sundays 02:00-02:30 only. Every Sunday of 2030-2040 is a holiday
        // except the spring-forward Sundays, whose 02:00-02:30 does not occur. So nothing works from
        // 2029-12-30 02:30 EST to 2041-01-06 02:00 EST: eleven years.
        var builder = BusinessCalendar.CreateBuilder(NewYork).AddWorkingHours(IsoDayOfWeek.Sunday, new LocalTime(2, 0), new LocalTime(2, 30));
        for (var sunday = new LocalDate(2030, 1, 6); sunday <= new LocalDate(2040, 12, 30); sunday = sunday.PlusDays(7))
        {
            bool springForward = sunday.Month == 3 && sunday.Day is >= 8 and <= 14;
            if (!springForward)
            {
                builder.AddHoliday(sunday);
            }
        }

        var calendar = builder.Build();
        var start = Utc(2030, 1, 1, 0);
        Assert.Equal(Duration.Zero, calendar.Between(start, Utc(2041, 1, 1, 0)));
        Assert.Throws<NoWorkingTimeException>(() => calendar.NextWorkingInstant(start));
        Assert.Throws<NoWorkingTimeException>(() => calendar.Add(start, Duration.FromHours(1)));
        Assert.Throws<NoWorkingTimeException>(() => calendar.Add(Utc(2041, 1, 7, 0), Duration.FromHours(-1)));
    }

    // The supported range.

    [Fact]
    public void Queries_AtTheEndsOfTheSupportedRange_AreAccepted()
    {
        var min = BusinessCalendar.MinSupportedInstant;
        var max = BusinessCalendar.MaxSupportedInstant;
        Assert.Equal(Instant.FromUtc(1900, 1, 1, 0, 0), min);
        Assert.Equal(Instant.FromUtc(2200, 1, 1, 0, 0), max);
        Assert.True(BusinessCalendar.TwentyFourSeven.IsWorking(min));
        Assert.True(BusinessCalendar.TwentyFourSeven.IsWorking(max));
        Assert.Equal(max, BusinessCalendar.TwentyFourSeven.NextWorkingInstant(max));
        Assert.Equal(max, BusinessCalendar.TwentyFourSeven.Add(max, Duration.Zero));
        Assert.Equal(Duration.FromHours(1), BusinessCalendar.TwentyFourSeven.Between(min, min + Duration.FromHours(1)));
    }

    [Fact]
    public void Queries_OutsideTheSupportedRange_ThrowNamingTheParameter()
    {
        var calendar = London9To5;
        var before = BusinessCalendar.MinSupportedInstant - OneNanosecond;
        var after = BusinessCalendar.MaxSupportedInstant + OneNanosecond;
        var inside = Utc(2026, 1, 12, 12);
        AssertOutOfRange("instant", before, () => calendar.IsWorking(before));
        AssertOutOfRange("instant", after, () => calendar.IsWorking(after));
        AssertOutOfRange("instant", after, () => calendar.NextWorkingInstant(after));
        AssertOutOfRange("start", before, () => calendar.Add(before, Duration.Zero));
        AssertOutOfRange("start", after, () => calendar.Add(after, Duration.FromHours(-1)));
        AssertOutOfRange("start", before, () => calendar.Between(before, inside));
        AssertOutOfRange("end", after, () => calendar.Between(inside, after));
    }

    private static void AssertOutOfRange(string paramName, Instant value, Func<object> query)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(query);
        Assert.Equal(paramName, ex.ParamName);
        Assert.Equal(value, ex.ActualValue);
        var expected = new ArgumentOutOfRangeException(paramName, value, "The instant must be from 1900-01-01T00:00:00Z to 2200-01-01T00:00:00Z.");
        Assert.Equal(expected.Message, ex.Message);
    }

    [Fact]
    public void Add_EndingAfterTheSupportedRange_ThrowsNoWorkingTime()
    {
        // 2199-12-31 is a Tuesday; the next working time would be on 2200-01-01.
        var start = Utc(2199, 12, 31, 16);
        Assert.Equal(Utc(2199, 12, 31, 17), London9To5.Add(start, Duration.FromHours(1)));
        var ex = Assert.Throws<NoWorkingTimeException>(() => London9To5.Add(start, Duration.FromHours(2)));
        Assert.Equal("Adding 0:02:00:00 of working time to 2199-12-31T16:00:00Z ends after 2200-01-01T00:00:00Z, the end of the supported range.", ex.Message);
        Assert.Equal(start, ex.From);
    }

    [Fact]
    public void NextWorkingInstant_AfterTheLastWorkingTimeOfTheRange_ThrowsNoWorkingTime()
    {
        var start = Utc(2199, 12, 31, 18);
        var ex = Assert.Throws<NoWorkingTimeException>(() => London9To5.NextWorkingInstant(start));
        Assert.Equal("There is no working time within 3653 days after 2199-12-31T18:00:00Z (or before 2200-01-01T00:00:00Z, the end of the supported range).", ex.Message);
    }

    [Fact]
    public void Add_StartingBeforeTheSupportedRange_ThrowsNoWorkingTime()
    {
        // 1900-01-01 is a Monday.
        var start = Utc(1900, 1, 1, 10);
        Assert.Equal(Utc(1900, 1, 1, 9), London9To5.Add(start, Duration.FromHours(-1)));
        var ex = Assert.Throws<NoWorkingTimeException>(() => London9To5.Add(start, Duration.FromHours(-2)));
        Assert.Equal("Adding -0:02:00:00 of working time to 1900-01-01T10:00:00Z starts before 1900-01-01T00:00:00Z, the start of the supported range.", ex.Message);
    }

    [Fact]
    public void Holiday_OnTheLocalDateOfTheFirstSupportedInstant_IsHonoured()
    {
        // In New York 1900-01-01T00:00Z is 1899-12-31 19:00 EST.
        var calendar = EveryDay(NewYork, TimeOfDayRange.WholeDay).AddHoliday(new LocalDate(1899, 12, 31)).Build();
        var min = BusinessCalendar.MinSupportedInstant;
        Assert.False(calendar.IsWorking(min));
        Assert.Equal(Utc(1900, 1, 1, 5), calendar.NextWorkingInstant(min));
        Assert.Equal(Duration.FromHours(1), calendar.Between(min, Utc(1900, 1, 1, 6)));
        Assert.Equal(Utc(1900, 1, 1, 5), calendar.Add(Utc(1900, 1, 1, 6), Duration.FromHours(-1)));
        Assert.Equal(Utc(1900, 1, 1, 6), calendar.Add(min, Duration.FromHours(1)));
        Assert.Throws<NoWorkingTimeException>(() => calendar.Add(Utc(1900, 1, 1, 6), Duration.FromHours(-2)));
    }

    [Fact]
    public void Holiday_OnTheLocalDateOfTheLastSupportedInstant_IsHonoured()
    {
        // In Kolkata 2200-01-01 starts at 2199-12-31T18:30Z.
        var calendar = EveryDay(Kolkata, TimeOfDayRange.WholeDay).AddHoliday(new LocalDate(2200, 1, 1)).Build();
        var max = BusinessCalendar.MaxSupportedInstant;
        Assert.False(calendar.IsWorking(Utc(2199, 12, 31, 18, 30)));
        Assert.True(calendar.IsWorking(Utc(2199, 12, 31, 18, 30) - OneNanosecond));
        Assert.Equal(Duration.FromMinutes(30), calendar.Between(Utc(2199, 12, 31, 18), max));
        Assert.Equal(Utc(2199, 12, 31, 18, 30), calendar.Add(Utc(2199, 12, 31, 18), Duration.FromMinutes(30)));
        Assert.Throws<NoWorkingTimeException>(() => calendar.Add(Utc(2199, 12, 31, 18), Duration.FromMinutes(31)));
        Assert.Throws<NoWorkingTimeException>(() => calendar.NextWorkingInstant(Utc(2199, 12, 31, 18, 30)));
    }

    [Fact]
    public void GetWorkingIntervals_OutsideTheLocalDatesOfTheSupportedRange_ThrowsNamingTheDate()
    {
        foreach (var date in new[] { new LocalDate(1899, 12, 30), new LocalDate(2200, 1, 2) })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => London9To5.GetWorkingIntervals(date));
            Assert.Equal("date", ex.ParamName);
            Assert.Equal(
                new ArgumentOutOfRangeException("date", date, "The date must be from 1899-12-31 to 2200-01-01, the local dates of the supported instants.").Message,
                ex.Message);
        }
    }

    [Fact]
    public void GetWorkingIntervals_AtTheEndsOfTheSupportedRange_AreClippedToIt()
    {
        // New York is five hours behind UTC: its 1899-12-31 ends at 1900-01-01T05:00Z.
        var newYork = EveryDay(NewYork, TimeOfDayRange.WholeDay).Build();
        Assert.Equal([new Interval(Utc(1900, 1, 1, 0), Utc(1900, 1, 1, 5))], newYork.GetWorkingIntervals(new LocalDate(1899, 12, 31)));
        Assert.Equal([new Interval(Utc(2199, 12, 31, 5), Utc(2200, 1, 1, 0))], newYork.GetWorkingIntervals(new LocalDate(2199, 12, 31)));
        Assert.Empty(newYork.GetWorkingIntervals(new LocalDate(2200, 1, 1)));

        // Kolkata is five and a half hours ahead: its 2200-01-01 starts at 2199-12-31T18:30Z.
        var kolkata = EveryDay(Kolkata, TimeOfDayRange.WholeDay).Build();
        Assert.Equal([new Interval(Utc(2199, 12, 31, 18, 30), Utc(2200, 1, 1, 0))], kolkata.GetWorkingIntervals(new LocalDate(2200, 1, 1)));
        Assert.Empty(BusinessCalendar.TwentyFourSeven.GetWorkingIntervals(new LocalDate(1899, 12, 31)));

        Assert.Equal([new Interval(Utc(1900, 1, 1, 9), Utc(1900, 1, 1, 17))], London9To5.GetWorkingIntervals(new LocalDate(1900, 1, 1)));
        Assert.Equal([new Interval(Utc(2199, 12, 31, 9), Utc(2199, 12, 31, 17))], London9To5.GetWorkingIntervals(new LocalDate(2199, 12, 31)));
    }

    // TwentyFourSeven.

    [Fact]
    public void TwentyFourSeven_EveryInstantIsWorking()
    {
        var calendar = BusinessCalendar.TwentyFourSeven;
        var a = Utc(2026, 3, 29, 0, 59) + Duration.FromNanoseconds(17);
        var b = Utc(2031, 10, 26, 1, 30);
        Assert.Equal(DateTimeZone.Utc, calendar.Zone);
        Assert.Equal(Duration.FromDays(7), calendar.WorkingTimePerWeek);
        Assert.Equal([TimeOfDayRange.WholeDay], calendar.GetWeeklyHours(IsoDayOfWeek.Sunday));
        Assert.True(calendar.IsWorking(a));
        Assert.Equal(a, calendar.NextWorkingInstant(a));
        Assert.Equal(b - a, calendar.Between(a, b));
        Assert.Equal(b, calendar.Add(a, b - a));
        Assert.Equal(a, calendar.Add(b, a - b));
        Assert.Equal([new Interval(Utc(2026, 3, 29, 0), Utc(2026, 3, 30, 0))], calendar.GetWorkingIntervals(new LocalDate(2026, 3, 29)));
    }

    [Fact]
    public void TwentyFourSeven_BetweenOverTheWholeSupportedRange_IsExact()
    {
        // 300 years is more nanoseconds than a long holds.
        var calendar = BusinessCalendar.TwentyFourSeven;
        var min = BusinessCalendar.MinSupportedInstant;
        var max = BusinessCalendar.MaxSupportedInstant;
        var whole = max - min;
        Assert.Equal(Duration.FromDays(109_573), whole);
        Assert.True(whole > Duration.FromNanoseconds(long.MaxValue));
        Assert.Equal(whole, calendar.Between(min, max));
        Assert.Equal(-whole, calendar.Between(max, min));
        Assert.Equal(whole - OneNanosecond, calendar.Between(min + OneNanosecond, max));
    }

    [Fact]
    public void TwentyFourSeven_AddOverTheWholeSupportedRange_IsExact()
    {
        var calendar = BusinessCalendar.TwentyFourSeven;
        var min = BusinessCalendar.MinSupportedInstant;
        var max = BusinessCalendar.MaxSupportedInstant;
        var whole = max - min;
        Assert.Equal(max, calendar.Add(min, whole));
        Assert.Equal(min, calendar.Add(max, -whole));
        var forward = Assert.Throws<NoWorkingTimeException>(() => calendar.Add(min, whole + OneNanosecond));
        Assert.Equal("Adding 109573:00:00:00.000000001 of working time to 1900-01-01T00:00:00Z ends after 2200-01-01T00:00:00Z, the end of the supported range.", forward.Message);
        var backward = Assert.Throws<NoWorkingTimeException>(() => calendar.Add(max, -whole - OneNanosecond));
        Assert.Equal("Adding -109573:00:00:00.000000001 of working time to 2200-01-01T00:00:00Z starts before 1900-01-01T00:00:00Z, the start of the supported range.", backward.Message);
    }

    [Fact]
    public void Add_OfTheLargestDurations_ThrowsNoWorkingTime()
    {
        var calendar = BusinessCalendar.TwentyFourSeven;
        var forward = Assert.Throws<NoWorkingTimeException>(() => calendar.Add(BusinessCalendar.MinSupportedInstant, Duration.MaxValue));
        Assert.StartsWith("Adding ", forward.Message);
        var backward = Assert.Throws<NoWorkingTimeException>(() => calendar.Add(BusinessCalendar.MaxSupportedInstant, Duration.MinValue));
        Assert.StartsWith("Adding -", backward.Message);
    }

    [Fact]
    public void Between_OverTheWholeSupportedRange_IsAdditive()
    {
        var min = BusinessCalendar.MinSupportedInstant;
        var max = BusinessCalendar.MaxSupportedInstant;
        var middle = Utc(2050, 6, 15, 12);
        var total = London9To5.Between(min, max);
        Assert.Equal(London9To5.Between(min, middle) + London9To5.Between(middle, max), total);
        Assert.Equal(-total, London9To5.Between(max, min));
        Assert.Equal(max - Duration.FromHours(7), London9To5.Add(min, total));
    }
}
