using System;
using NodaTime;
using static Itsm.BusinessTime.Tests.TestCalendars;

namespace Itsm.BusinessTime.Tests.Reference;

/// <summary>
/// The brute-force reference on its own, against answers worked out by hand, so that the property
/// tests compare the engine with something known to be right.
/// </summary>
public sealed class ReferenceCalendarTests
{
    private static ReferenceCalendar EveryDay(DateTimeZone zone, WallSpan hours, LocalDate[]? holidays = null, ReferenceClosure[]? closures = null, Duration? step = null) =>
        new(zone, [[hours], [hours], [hours], [hours], [hours], [hours], [hours]], holidays ?? [], closures ?? [], step: step);

    private static ReferenceCalendar NineToFive(DateTimeZone zone, LocalDate[]? holidays = null)
    {
        var day = WallSpan.FromMinutes(9 * 60, 17 * 60);
        return new ReferenceCalendar(zone, [[day], [day], [day], [day], [day], [], []], holidays ?? [], []);
    }

    [Fact]
    public void Between_CountsTheSpringForwardAndFallBackDaysByInstants()
    {
        var reference = EveryDay(NewYork, WallSpan.FromMinutes(60, 180));
        Assert.Equal(Duration.FromHours(1), reference.Between(NewYork.StartOf(2026, 3, 8), NewYork.StartOf(2026, 3, 9)));
        Assert.Equal(Duration.FromHours(3), reference.Between(NewYork.StartOf(2026, 11, 1), NewYork.StartOf(2026, 11, 2)));
        Assert.Equal(Duration.FromHours(-3), reference.Between(NewYork.StartOf(2026, 11, 2), NewYork.StartOf(2026, 11, 1)));
    }

    [Fact]
    public void Between_OnLordHowesShortAndLongDays()
    {
        var reference = EveryDay(LordHowe, WallSpan.FromMinutes(0, 1440));
        Assert.Equal(Duration.FromMinutes(1410), reference.Between(LordHowe.StartOf(2026, 10, 4), LordHowe.StartOf(2026, 10, 5)));
        Assert.Equal(Duration.FromMinutes(1470), reference.Between(LordHowe.StartOf(2026, 4, 5), LordHowe.StartOf(2026, 4, 6)));
    }

    [Fact]
    public void Add_ForwardIsEarliestAndBackwardIsLatest()
    {
        var reference = NineToFive(London);
        Assert.Equal(London.Local(2026, 1, 12, 9, 30), reference.Add(London.Local(2026, 1, 9, 16, 30), Duration.FromHours(1)));
        Assert.Equal(London.Local(2026, 1, 9, 17, 0), reference.Add(London.Local(2026, 1, 9, 16, 0), Duration.FromHours(1)));
        Assert.Equal(London.Local(2026, 1, 9, 16, 0), reference.Add(London.Local(2026, 1, 12, 9, 0), Duration.FromHours(-1)));
        Assert.Equal(London.Local(2026, 1, 13, 9, 0), reference.Add(London.Local(2026, 1, 13, 12, 0), Duration.FromHours(-3)));
        Assert.Equal(London.Local(2026, 1, 10, 12, 0), reference.Add(London.Local(2026, 1, 10, 12, 0), Duration.Zero));
    }

    [Fact]
    public void HolidaysAndClosures_AreNotWorking()
    {
        var date = new LocalDate(2026, 1, 12);
        var reference = new ReferenceCalendar(
            London,
            [[WallSpan.FromMinutes(540, 1020)], [WallSpan.FromMinutes(540, 1020)], [], [], [], [], []],
            [new LocalDate(2026, 1, 13), new LocalDate(2026, 1, 13)],
            [new ReferenceClosure(date, WallSpan.FromMinutes(720, 840)), new ReferenceClosure(date, WallSpan.FromMinutes(780, 900))]);
        Assert.Equal(Duration.FromHours(5), reference.Between(London.Local(2026, 1, 12, 0, 0), London.Local(2026, 1, 14, 0, 0)));
        Assert.False(reference.IsWorking(London.Local(2026, 1, 12, 14, 59) + Duration.FromSeconds(59)));
        Assert.True(reference.IsWorking(London.Local(2026, 1, 12, 15, 0)));
        Assert.Equal(London.Local(2026, 1, 12, 15, 0), reference.NextWorkingInstant(London.Local(2026, 1, 12, 12, 0) + Duration.FromNanoseconds(1)));
        Assert.Equal(London.Local(2026, 1, 19, 9, 0), reference.NextWorkingInstant(London.Local(2026, 1, 12, 17, 0)));
    }

    [Fact]
    public void WorkingIntervals_OfTransitionDays()
    {
        var reference = EveryDay(NewYork, WallSpan.FromMinutes(60, 180));
        Assert.Equal([new Interval(Utc(2026, 3, 8, 6), Utc(2026, 3, 8, 7))], reference.WorkingIntervals(new LocalDate(2026, 3, 8)));
        Assert.Equal([new Interval(Utc(2026, 11, 1, 5), Utc(2026, 11, 1, 8))], reference.WorkingIntervals(new LocalDate(2026, 11, 1)));
        Assert.Empty(EveryDay(Apia, WallSpan.FromMinutes(0, 1440)).WorkingIntervals(new LocalDate(2011, 12, 30)));
    }

    [Fact]
    public void SteppingBySeconds_IsExactForOffsetsInSeconds()
    {
        // Asia/Kolkata was +05:21:10 in 1900: 09:00 local is 03:38:50Z.
        var reference = EveryDay(Kolkata, WallSpan.FromMinutes(540, 1020), step: Duration.FromSeconds(1));
        var nine = Instant.FromUtc(1900, 6, 1, 3, 38, 50);
        Assert.Equal(Duration.FromSeconds(10), reference.Between(nine - Duration.FromSeconds(10), nine + Duration.FromSeconds(10)));
        Assert.Equal(nine, reference.NextWorkingInstant(nine - Duration.FromMinutes(5)));
        Assert.Equal(nine + Duration.FromSeconds(1), reference.Add(nine - Duration.FromHours(1), Duration.FromSeconds(1)));
    }

    [Fact]
    public void Stepping_RejectsInstantsAndAmountsOffTheGrid()
    {
        var reference = NineToFive(London);
        var start = London.Local(2026, 1, 12, 9, 0);
        Assert.Throws<ArgumentException>(() => reference.Between(start + Duration.FromSeconds(1), start));
        Assert.Throws<ArgumentException>(() => reference.Add(start, Duration.FromSeconds(30)));
        Assert.Throws<ArgumentException>(() => EveryDay(London, WallSpan.FromMinutes(0, 1440), step: Duration.FromSeconds(7)));
    }

    [Fact]
    public void Stepping_GivesUpInsteadOfLooping()
    {
        var holidays = new LocalDate[30];
        for (int i = 0; i < holidays.Length; i++)
        {
            holidays[i] = new LocalDate(2026, 1, 1).PlusDays(i);
        }

        var reference = new ReferenceCalendar(DateTimeZone.Utc, [[WallSpan.FromMinutes(0, 1440)], [], [], [], [], [], []], holidays, [], maxSteps: 10_000);
        Assert.Throws<InvalidOperationException>(() => reference.NextWorkingInstant(Utc(2026, 1, 1, 0)));
    }
}
