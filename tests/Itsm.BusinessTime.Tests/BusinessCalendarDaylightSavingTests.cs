using Itsm.BusinessTime;
using NodaTime;
using static Itsm.BusinessTime.Tests.TestCalendars;

namespace Itsm.BusinessTime.Tests;

/// <summary>
/// Offset transitions: wall times in a gap do not occur and are never working time; wall times in
/// an overlap occur twice and count twice.
/// </summary>
public sealed class BusinessCalendarDaylightSavingTests
{
    private static readonly Duration OneNanosecond = Duration.FromNanoseconds(1);

    // America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT at 07:00Z; 2026-11-01 02:00 EDT -> 01:00 EST at 06:00Z.
    private static readonly BusinessCalendar NewYorkOneToThree = EveryDay(NewYork, TimeOfDayRange.Parse("01:00-03:00")).Build();

    [Fact]
    public void Between_OnSpringForwardDay_CountsOneHourOfATwoHourSchedule()
    {
        Assert.Equal(Duration.FromHours(1), NewYorkOneToThree.Between(NewYork.StartOf(2026, 3, 8), NewYork.StartOf(2026, 3, 9)));
        Assert.Equal(Duration.FromHours(2), NewYorkOneToThree.Between(NewYork.StartOf(2026, 3, 7), NewYork.StartOf(2026, 3, 8)));
    }

    [Fact]
    public void Between_OnFallBackDay_CountsTheRepeatedHourTwice()
    {
        Assert.Equal(Duration.FromHours(3), NewYorkOneToThree.Between(NewYork.StartOf(2026, 11, 1), NewYork.StartOf(2026, 11, 2)));
        Assert.Equal(Duration.FromHours(2), NewYorkOneToThree.Between(NewYork.StartOf(2026, 11, 2), NewYork.StartOf(2026, 11, 3)));
    }

    [Fact]
    public void GetWorkingIntervals_OnTransitionDays_DropTheGapAndRepeatTheOverlap()
    {
        Assert.Equal([new Interval(Utc(2026, 3, 8, 6), Utc(2026, 3, 8, 7))], NewYorkOneToThree.GetWorkingIntervals(new LocalDate(2026, 3, 8)));
        Assert.Equal([new Interval(Utc(2026, 11, 1, 5), Utc(2026, 11, 1, 8))], NewYorkOneToThree.GetWorkingIntervals(new LocalDate(2026, 11, 1)));
        Assert.Equal([TimeOfDayRange.Parse("01:00-03:00")], NewYorkOneToThree.GetWorkingHours(new LocalDate(2026, 3, 8)));
    }

    [Fact]
    public void Add_OnSpringForwardDay_SkipsMissingHour()
    {
        // 01:30 EST is 06:30Z; half an hour is left before the gap, the rest starts at 01:00 EDT next day.
        Assert.Equal(Utc(2026, 3, 9, 5, 30), NewYorkOneToThree.Add(Utc(2026, 3, 8, 6, 30), Duration.FromHours(1)));
        Assert.Equal(Utc(2026, 3, 8, 7), NewYorkOneToThree.Add(Utc(2026, 3, 8, 6, 30), Duration.FromMinutes(30)));
        Assert.Equal(Utc(2026, 3, 8, 6, 30), NewYorkOneToThree.Add(Utc(2026, 3, 9, 5, 30), Duration.FromHours(-1)));
    }

    [Fact]
    public void Add_OnFallBackDay_CountsRepeatedHourTwice()
    {
        // 01:00 EDT is 05:00Z; two hours later it is 02:00 EST (07:00Z), not 03:00.
        Assert.Equal(Utc(2026, 11, 1, 7), NewYorkOneToThree.Add(Utc(2026, 11, 1, 5), Duration.FromHours(2)));
        Assert.Equal(Utc(2026, 11, 1, 8), NewYorkOneToThree.Add(Utc(2026, 11, 1, 5), Duration.FromHours(3)));
        Assert.Equal(Utc(2026, 11, 1, 5), NewYorkOneToThree.Add(Utc(2026, 11, 1, 8), Duration.FromHours(-3)));
    }

    [Fact]
    public void IsWorking_InsideTransitions_FollowsTheWallClock()
    {
        Assert.True(NewYorkOneToThree.IsWorking(Utc(2026, 3, 8, 7) - OneNanosecond)); // 01:59:59.999999999 EST
        Assert.False(NewYorkOneToThree.IsWorking(Utc(2026, 3, 8, 7, 30)));           // 03:30 EDT
        Assert.True(NewYorkOneToThree.IsWorking(Utc(2026, 11, 1, 5, 30)));            // 01:30 EDT
        Assert.True(NewYorkOneToThree.IsWorking(Utc(2026, 11, 1, 6, 30)));            // 01:30 EST
        Assert.Equal(Utc(2026, 3, 9, 5), NewYorkOneToThree.NextWorkingInstant(Utc(2026, 3, 8, 7)));
    }

    // Australia/Lord_Howe: +10:30 standard, +11 in summer; 2026-04-05 02:00 -> 01:30, 2026-10-04 02:00 -> 02:30.

    [Fact]
    public void LordHowe_ThirtyMinuteShift_ChangesTheLengthOfAWholeDaySchedule()
    {
        var calendar = EveryDay(LordHowe, TimeOfDayRange.WholeDay).Build();
        Assert.Equal(Duration.FromMinutes(23 * 60 + 30), calendar.Between(LordHowe.StartOf(2026, 10, 4), LordHowe.StartOf(2026, 10, 5)));
        Assert.Equal(Duration.FromMinutes(24 * 60 + 30), calendar.Between(LordHowe.StartOf(2026, 4, 5), LordHowe.StartOf(2026, 4, 6)));
        Assert.Equal([new Interval(LordHowe.StartOf(2026, 10, 4), LordHowe.StartOf(2026, 10, 5))], calendar.GetWorkingIntervals(new LocalDate(2026, 10, 4)));
        Assert.Equal(Duration.FromMinutes(24 * 60 + 30), calendar.GetWorkingIntervals(new LocalDate(2026, 4, 5))[0].Duration);
        Assert.Equal(LordHowe.Local(2026, 10, 5, 0, 30), calendar.Add(LordHowe.StartOf(2026, 10, 4), Duration.FromHours(24)));
    }

    [Fact]
    public void LordHowe_ThirtyMinuteShift_InsideTheSchedule()
    {
        // 01:00-03:00: 01:00-02:00 then 02:30-03:00 on 2026-10-04; 01:00-02:00, 01:30-02:00 again, then 02:00-03:00 on 2026-04-05.
        var calendar = EveryDay(LordHowe, TimeOfDayRange.Parse("01:00-03:00")).Build();
        Assert.Equal(Duration.FromMinutes(90), calendar.Between(LordHowe.StartOf(2026, 10, 4), LordHowe.StartOf(2026, 10, 5)));
        Assert.Equal(Duration.FromMinutes(150), calendar.Between(LordHowe.StartOf(2026, 4, 5), LordHowe.StartOf(2026, 4, 6)));
        Assert.Equal(
            [new Interval(Utc(2026, 10, 3, 14, 30), Utc(2026, 10, 3, 16))],
            calendar.GetWorkingIntervals(new LocalDate(2026, 10, 4)));
        Assert.Equal(
            [new Interval(Utc(2026, 4, 4, 14), Utc(2026, 4, 4, 16, 30))],
            calendar.GetWorkingIntervals(new LocalDate(2026, 4, 5)));
    }

    [Fact]
    public void Chatham_FortyFiveMinuteOffsets_ShiftAtQuarterToThree()
    {
        // Pacific/Chatham: +12:45 / +13:45; 2026-09-27 02:45 -> 03:45, 2026-04-05 03:45 -> 02:45.
        var chatham = Chatham;
        var calendar = EveryDay(chatham, TimeOfDayRange.Parse("02:00-04:00")).Build();
        Assert.Equal(Duration.FromHours(1), calendar.Between(chatham.StartOf(2026, 9, 27), chatham.StartOf(2026, 9, 28)));
        Assert.Equal(Duration.FromHours(3), calendar.Between(chatham.StartOf(2026, 4, 5), chatham.StartOf(2026, 4, 6)));
        Assert.Equal([new Interval(Utc(2026, 4, 4, 12, 15), Utc(2026, 4, 4, 15, 15))], calendar.GetWorkingIntervals(new LocalDate(2026, 4, 5)));
        Assert.Equal([new Interval(Utc(2026, 9, 26, 13, 15), Utc(2026, 9, 26, 14, 15))], calendar.GetWorkingIntervals(new LocalDate(2026, 9, 27)));
    }

    [Fact]
    public void Apia_SkippedDate_HasNoWorkingTime()
    {
        // Pacific/Apia went from 2011-12-29T24:00 -10 straight to 2011-12-31T00:00 +14.
        var calendar = EveryDay(Apia, TimeOfDayRange.WholeDay).Build();
        Assert.Empty(calendar.GetWorkingIntervals(new LocalDate(2011, 12, 30)));
        Assert.Equal(Duration.FromHours(24), calendar.Between(Apia.StartOf(2011, 12, 29), Apia.StartOf(2011, 12, 31)));
        Assert.Equal(Utc(2011, 12, 30, 10), Apia.StartOf(2011, 12, 31));

        // Work only on Fridays: the skipped Friday has none, so the next is a week later.
        var fridays = BusinessCalendar.CreateBuilder(Apia).AddWorkingHours(IsoDayOfWeek.Friday, new LocalTime(9, 0), new LocalTime(17, 0)).Build();
        Assert.Equal(Apia.Local(2012, 1, 6, 10, 0), fridays.Add(Apia.Local(2011, 12, 29, 12, 0), Duration.FromHours(1)));
        Assert.Equal(Apia.Local(2012, 1, 6, 9, 0), fridays.NextWorkingInstant(Apia.Local(2011, 12, 29, 12, 0)));
    }

    [Fact]
    public void SaoPaulo_MidnightTransitions_MoveTheStartAndEndOfTheDay()
    {
        // 2018-11-04 began at 01:00 (-02); on 2019-02-17 at 00:00 -02 the clock went back to 23:00 on the 16th (-03).
        var small = EveryDay(SaoPaulo, TimeOfDayRange.Parse("00:00-02:00")).Build();
        Assert.Equal([new Interval(Utc(2018, 11, 4, 3), Utc(2018, 11, 4, 4))], small.GetWorkingIntervals(new LocalDate(2018, 11, 4)));
        Assert.Equal(Duration.FromHours(1), small.Between(SaoPaulo.StartOf(2018, 11, 4), SaoPaulo.StartOf(2018, 11, 5)));

        var late = EveryDay(SaoPaulo, TimeOfDayRange.UntilEndOfDay(new LocalTime(22, 0))).Build();
        Assert.Equal([new Interval(Utc(2019, 2, 17, 0), Utc(2019, 2, 17, 3))], late.GetWorkingIntervals(new LocalDate(2019, 2, 16)));
        Assert.Equal(Duration.FromHours(3), late.Between(SaoPaulo.StartOf(2019, 2, 16), SaoPaulo.StartOf(2019, 2, 17)));
    }

    [Fact]
    public void Kolkata_1900_OffsetInSeconds_IsExact()
    {
        // Asia/Kolkata was +05:21:10 until 1906.
        var calendar = EveryDay(Kolkata, TimeOfDayRange.Parse("09:00-17:00")).Build();
        var nine = Instant.FromUtc(1900, 6, 1, 3, 38, 50);
        Assert.True(calendar.IsWorking(nine));
        Assert.False(calendar.IsWorking(nine - OneNanosecond));
        Assert.Equal([new Interval(nine, nine + Duration.FromHours(8))], calendar.GetWorkingIntervals(new LocalDate(1900, 6, 1)));
        Assert.Equal(nine + Duration.FromHours(1), calendar.Add(nine - Duration.FromHours(2), Duration.FromHours(1)));
    }

    [Fact]
    public void OvernightShift_AcrossSpringForward_LosesTheSkippedHour()
    {
        // Europe/London 2026-03-29 01:00 GMT -> 02:00 BST; shift Saturday 22:00 to Sunday 06:00.
        var calendar = BusinessCalendar.CreateBuilder(London)
            .AddWorkingHours(IsoDayOfWeek.Saturday, TimeOfDayRange.UntilEndOfDay(new LocalTime(22, 0)))
            .AddWorkingHours(IsoDayOfWeek.Sunday, new LocalTime(0, 0), new LocalTime(6, 0))
            .Build();
        Assert.Equal(Duration.FromHours(7), calendar.Between(London.Local(2026, 3, 28, 21, 0), London.Local(2026, 3, 29, 7, 0)));
        Assert.Equal(London.Local(2026, 3, 29, 6, 0), calendar.Add(London.Local(2026, 3, 28, 22, 0), Duration.FromHours(7)));
        Assert.Equal(London.Local(2026, 3, 29, 2, 30), calendar.Add(London.Local(2026, 3, 28, 22, 0), Duration.FromHours(3.5)));
        Assert.Equal(Duration.FromHours(9), calendar.Between(London.Local(2026, 10, 24, 21, 0), London.Local(2026, 10, 25, 7, 0)));
    }

    // Holidays and closures in transition weeks.

    [Fact]
    public void Holiday_OnTheSpringForwardDay_RemovesTheShortDay()
    {
        var calendar = EveryDay(NewYork, TimeOfDayRange.WholeDay).AddHoliday(new LocalDate(2026, 3, 8)).Build();
        Assert.Equal(Duration.FromHours(48), calendar.Between(NewYork.StartOf(2026, 3, 7), NewYork.StartOf(2026, 3, 10)));
        Assert.Equal(NewYork.StartOf(2026, 3, 8), calendar.Add(NewYork.StartOf(2026, 3, 7), Duration.FromHours(24)));
        Assert.Equal(NewYork.Local(2026, 3, 9, 1, 0), calendar.Add(NewYork.StartOf(2026, 3, 7), Duration.FromHours(25)));
        Assert.Equal(NewYork.StartOf(2026, 3, 7), calendar.Add(NewYork.StartOf(2026, 3, 10), Duration.FromHours(-48)));
        Assert.Equal(NewYork.StartOf(2026, 3, 9), calendar.NextWorkingInstant(NewYork.StartOf(2026, 3, 8)));
        Assert.Empty(calendar.GetWorkingIntervals(new LocalDate(2026, 3, 8)));
    }

    [Fact]
    public void Holiday_OnTheFallBackDay_RemovesTheLongDay()
    {
        var calendar = EveryDay(NewYork, TimeOfDayRange.WholeDay).AddHoliday(new LocalDate(2026, 11, 1)).Build();
        Assert.Equal(Duration.FromHours(48), calendar.Between(NewYork.StartOf(2026, 10, 31), NewYork.StartOf(2026, 11, 3)));
        Assert.Equal(NewYork.StartOf(2026, 11, 1), calendar.Add(NewYork.StartOf(2026, 10, 31), Duration.FromHours(24)));
        Assert.Equal(NewYork.Local(2026, 11, 2, 1, 0), calendar.Add(NewYork.StartOf(2026, 10, 31), Duration.FromHours(25)));
        Assert.Equal(NewYork.StartOf(2026, 10, 31), calendar.Add(NewYork.StartOf(2026, 11, 3), Duration.FromHours(-48)));
    }

    [Fact]
    public void Holiday_BesideTheTransitionDay_KeepsTheTransition()
    {
        var calendar = EveryDay(NewYork, TimeOfDayRange.WholeDay).AddHoliday(new LocalDate(2026, 3, 7)).AddHoliday(new LocalDate(2026, 11, 2)).Build();
        Assert.Equal(Duration.FromHours(23), calendar.Between(NewYork.StartOf(2026, 3, 7), NewYork.StartOf(2026, 3, 9)));
        Assert.Equal(Duration.FromHours(25), calendar.Between(NewYork.StartOf(2026, 11, 1), NewYork.StartOf(2026, 11, 3)));
    }

    [Fact]
    public void Holiday_InTheWeekOfSpringForward_OnANineToFiveCalendar()
    {
        // Europe/London: clocks go forward on Sunday 2026-03-29; Monday 2026-03-30 is a holiday.
        var calendar = NineToFive(London).AddHoliday(new LocalDate(2026, 3, 30)).Build();
        Assert.Equal(Utc(2026, 3, 31, 9), calendar.Add(London.Local(2026, 3, 27, 16, 0), Duration.FromHours(2)));
        Assert.Equal(London.Local(2026, 3, 27, 16, 0), calendar.Add(Utc(2026, 3, 31, 9), Duration.FromHours(-2)));
        Assert.Equal(Duration.FromHours(72), calendar.Between(London.StartOf(2026, 3, 23), London.StartOf(2026, 4, 6)));
    }

    [Fact]
    public void Holiday_InTheWeekOfFallBack_OnANineToFiveCalendar()
    {
        // Europe/London: clocks go back on Sunday 2026-10-25; Friday 2026-10-23 is a holiday.
        var calendar = NineToFive(London).AddHoliday(new LocalDate(2026, 10, 23)).Build();
        Assert.Equal(Utc(2026, 10, 26, 10), calendar.Add(London.Local(2026, 10, 22, 16, 0), Duration.FromHours(2)));
        Assert.Equal(Duration.FromHours(32), calendar.Between(London.StartOf(2026, 10, 19), London.StartOf(2026, 10, 26)));
    }

    [Fact]
    public void Closure_OverTheGap_ClosesOnlyTheWallTimesThatOccur()
    {
        // 01:00-04:00 on 2026-03-08 is 01:00-02:00 EST and 03:00-04:00 EDT: two hours of a 23-hour day.
        var calendar = EveryDay(NewYork, TimeOfDayRange.WholeDay).AddClosure(new LocalDate(2026, 3, 8), TimeOfDayRange.Parse("01:00-04:00")).Build();
        Assert.Equal(Duration.FromHours(21), calendar.Between(NewYork.StartOf(2026, 3, 8), NewYork.StartOf(2026, 3, 9)));
        Assert.Equal(
            [new Interval(Utc(2026, 3, 8, 5), Utc(2026, 3, 8, 6)), new Interval(Utc(2026, 3, 8, 8), Utc(2026, 3, 9, 4))],
            calendar.GetWorkingIntervals(new LocalDate(2026, 3, 8)));
        Assert.Equal(Utc(2026, 3, 8, 8), calendar.NextWorkingInstant(Utc(2026, 3, 8, 6)));
    }

    [Fact]
    public void Closure_OverTheOverlap_ClosesBothOccurrences()
    {
        // 01:00-02:00 on 2026-11-01 occurs twice: 05:00Z-06:00Z (EDT) and 06:00Z-07:00Z (EST).
        var calendar = EveryDay(NewYork, TimeOfDayRange.WholeDay).AddClosure(new LocalDate(2026, 11, 1), TimeOfDayRange.Parse("01:00-02:00")).Build();
        Assert.Equal(Duration.FromHours(23), calendar.Between(NewYork.StartOf(2026, 11, 1), NewYork.StartOf(2026, 11, 2)));
        Assert.False(calendar.IsWorking(Utc(2026, 11, 1, 5, 30)));
        Assert.False(calendar.IsWorking(Utc(2026, 11, 1, 6, 30)));
        Assert.Equal(Utc(2026, 11, 1, 7), calendar.NextWorkingInstant(Utc(2026, 11, 1, 5)));
    }
}
