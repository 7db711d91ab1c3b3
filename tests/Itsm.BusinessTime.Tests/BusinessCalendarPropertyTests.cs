using System;
using System.Linq;
using FsCheck.Xunit;
using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.BusinessTime.Tests;

/// <summary>
/// The engine against the minute-stepping <see cref="Reference.ReferenceCalendar"/> on random
/// calendars, zones and instants, and the laws of business time at nanosecond precision.
/// </summary>
[Properties(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 1000)]
public sealed class BusinessCalendarPropertyTests
{
    private static readonly Duration OneNanosecond = Duration.FromNanoseconds(1);

    // Agreement with the reference.

    [Property(MaxTest = 3000)]
    public void IsWorking_AgreesWithReference_AtAnyNanosecond(PointCase c)
    {
        Assert.Equal(c.Calendar.Reference.IsWorking(c.At), c.Calendar.Engine.IsWorking(c.At));
    }

    [Property(MaxTest = 1500)]
    public void Between_AgreesWithReference(SpanCase c)
    {
        Assert.Equal(c.Calendar.Reference.Between(c.Start, c.End), c.Calendar.Engine.Between(c.Start, c.End));
    }

    [Property(MaxTest = 1000)]
    public void Add_Forward_AgreesWithReference(AddCase c)
    {
        var reference = c.Calendar.Reference;
        var engine = c.Calendar.Engine;
        Assert.Equal(reference.Add(c.Start, c.WorkingTime), engine.Add(c.Start, c.WorkingTime));

        // An amount measured up to another instant often makes the answer land on a boundary.
        var measured = reference.Between(c.Start, c.Other).Magnitude();
        Assert.Equal(reference.Add(c.Start, measured), engine.Add(c.Start, measured));
    }

    [Property(MaxTest = 1000)]
    public void Add_Backward_AgreesWithReference(AddCase c)
    {
        var reference = c.Calendar.Reference;
        var engine = c.Calendar.Engine;
        Assert.Equal(reference.Add(c.Start, -c.WorkingTime), engine.Add(c.Start, -c.WorkingTime));

        var measured = -reference.Between(c.Start, c.Other).Magnitude();
        Assert.Equal(reference.Add(c.Start, measured), engine.Add(c.Start, measured));
    }

    [Property(MaxTest = 2000)]
    public void NextWorkingInstant_AgreesWithReference(PointCase c)
    {
        Assert.Equal(c.Calendar.Reference.NextWorkingInstant(c.At), c.Calendar.Engine.NextWorkingInstant(c.At));
    }

    [Property(MaxTest = 600)]
    public void GetWorkingIntervals_AgreesWithReference(DateCase c)
    {
        Assert.Equal(c.Calendar.Reference.WorkingIntervals(c.Date), c.Calendar.Engine.GetWorkingIntervals(c.Date));
    }

    [Property(MaxTest = 200)]
    public void Historic_AgreesWithReference_SteppingBySeconds(HistoricCase c)
    {
        var reference = c.Calendar.Reference;
        var engine = c.Calendar.Engine;
        Assert.Equal(reference.IsWorking(c.At), engine.IsWorking(c.At));
        var between = reference.Between(c.A, c.B);
        Assert.Equal(between, engine.Between(c.A, c.B));

        // Measured amounts keep the reference's stepping inside the window.
        Assert.Equal(reference.Add(c.A, between), engine.Add(c.A, between));
        Assert.Equal(reference.Add(c.B, -between), engine.Add(c.B, -between));

        // The next working instant, checked as far as the window reaches.
        var windowEnd = c.Calendar.Anchor + Duration.FromSeconds(CalendarArbitraries.HistoricWindowSeconds);
        var next = engine.NextWorkingInstant(c.At);
        if (next <= windowEnd)
        {
            Assert.Equal(reference.NextWorkingInstant(c.At), next);
        }
        else
        {
            Assert.False(reference.IsWorking(c.At));
            long nanos = (c.At - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
            long intoSecond = ((nanos % NodaConstants.NanosecondsPerSecond) + NodaConstants.NanosecondsPerSecond) % NodaConstants.NanosecondsPerSecond;
            var nextWholeSecond = c.At + Duration.FromNanoseconds(intoSecond == 0 ? 0 : NodaConstants.NanosecondsPerSecond - intoSecond);
            Assert.Equal(Duration.Zero, reference.Between(nextWholeSecond, windowEnd));
        }
    }

    // Laws (no reference needed: nanosecond instants and durations, spans of months).

    [Property]
    public void Between_OfAdd_IsTheAddedWorkingTime(LawCase c)
    {
        var calendar = c.Calendar.Engine;
        Assert.Equal(c.D1, calendar.Between(c.A, calendar.Add(c.A, c.D1)));
    }

    [Property]
    public void Add_OfZero_IsTheStart(LawCase c)
    {
        Assert.Equal(c.A, c.Calendar.Engine.Add(c.A, Duration.Zero));
    }

    [Property]
    public void Add_IsMonotoneInWorkingTime(LawCase c)
    {
        var calendar = c.Calendar.Engine;
        var (smaller, larger) = c.D1 <= c.D2 ? (c.D1, c.D2) : (c.D2, c.D1);
        Assert.True(calendar.Add(c.A, smaller) <= calendar.Add(c.A, larger));
    }

    [Property]
    public void Add_IsMonotoneInStart(LawCase c)
    {
        var calendar = c.Calendar.Engine;
        var (earlier, later) = c.A <= c.B ? (c.A, c.B) : (c.B, c.A);
        Assert.True(calendar.Add(earlier, c.D1) <= calendar.Add(later, c.D1));
    }

    [Property]
    public void Add_MovesInTheDirectionOfTheWorkingTime(LawCase c)
    {
        var result = c.Calendar.Engine.Add(c.A, c.D1);
        Assert.True(c.D1 >= Duration.Zero ? result >= c.A : result <= c.A);
    }

    [Property]
    public void Between_IsAdditive(LawCase c)
    {
        var calendar = c.Calendar.Engine;
        Assert.Equal(calendar.Between(c.A, c.C), calendar.Between(c.A, c.B) + calendar.Between(c.B, c.C));
    }

    [Property]
    public void Between_IsAntisymmetric(LawCase c)
    {
        var calendar = c.Calendar.Engine;
        Assert.Equal(-calendar.Between(c.A, c.B), calendar.Between(c.B, c.A));
        Assert.Equal(Duration.Zero, calendar.Between(c.A, c.A));
    }

    [Property]
    public void Between_IsNeverMoreThanElapsedTimeAndHasItsSign(LawCase c)
    {
        var between = c.Calendar.Engine.Between(c.A, c.B);
        var elapsed = c.B - c.A;
        Assert.True(between.Magnitude() <= elapsed.Magnitude(), $"{between} exceeds the elapsed {elapsed}");
        Assert.True(elapsed >= Duration.Zero ? between >= Duration.Zero : between <= Duration.Zero);
    }

    [Property]
    public void Add_Forward_EndsRightAfterWorkingTime(LawCase c)
    {
        var calendar = c.Calendar.Engine;
        var d = c.D1.Magnitude();
        if (d == Duration.Zero)
        {
            return;
        }

        // The earliest instant: the nanosecond just before the result is working time.
        var result = calendar.Add(c.A, d);
        Assert.True(calendar.IsWorking(result - OneNanosecond), $"the nanosecond before {result} is not working time");
    }

    [Property]
    public void Add_Backward_StartsOnWorkingTime(LawCase c)
    {
        var calendar = c.Calendar.Engine;
        var d = c.D1.Magnitude();
        if (d == Duration.Zero)
        {
            return;
        }

        // The latest instant: the result itself is working time.
        var result = calendar.Add(c.A, -d);
        Assert.True(calendar.IsWorking(result), $"{result} is not working time");
    }

    [Property]
    public void Add_ThenSubtract_ReturnsTheNextWorkingInstant(LawCase c)
    {
        var calendar = c.Calendar.Engine;
        var d = c.D1.Magnitude();
        if (d == Duration.Zero)
        {
            return;
        }

        Assert.Equal(calendar.NextWorkingInstant(c.A), calendar.Add(calendar.Add(c.A, d), -d));
    }

    [Property]
    public void Add_FromAnyStart_IsAddFromTheNextWorkingInstant(LawCase c)
    {
        var calendar = c.Calendar.Engine;
        var d = c.D1.Magnitude();
        if (d == Duration.Zero)
        {
            return;
        }

        Assert.Equal(calendar.Add(calendar.NextWorkingInstant(c.A), d), calendar.Add(c.A, d));
    }

    [Property]
    public void NextWorkingInstant_IsWorkingAndReachedWithoutWorkingTime(LawCase c)
    {
        var calendar = c.Calendar.Engine;
        var next = calendar.NextWorkingInstant(c.A);
        Assert.True(next >= c.A);
        Assert.True(calendar.IsWorking(next), $"{next} is not working time");
        Assert.Equal(Duration.Zero, calendar.Between(c.A, next));
        Assert.Equal(calendar.IsWorking(c.A), next == c.A);
    }

    [Property]
    public void IsWorking_MatchesBetweenOverTheNextNanosecond(LawCase c)
    {
        var calendar = c.Calendar.Engine;
        var expected = calendar.IsWorking(c.A) ? OneNanosecond : Duration.Zero;
        Assert.Equal(expected, calendar.Between(c.A, c.A + OneNanosecond));
    }

    [Property]
    public void GetWorkingIntervals_AreWorkingAndMeasureTheDate(DateCase c)
    {
        var calendar = c.Calendar.Engine;
        var intervals = calendar.GetWorkingIntervals(c.Date);
        for (int i = 0; i < intervals.Count; i++)
        {
            Assert.True(intervals[i].Start < intervals[i].End);
            Assert.True(calendar.IsWorking(intervals[i].Start));
            Assert.True(calendar.IsWorking(intervals[i].End - OneNanosecond));
            Assert.Equal(intervals[i].Duration, calendar.Between(intervals[i].Start, intervals[i].End));
            if (i > 0)
            {
                Assert.True(intervals[i - 1].End < intervals[i].Start, "intervals overlap, touch or are out of order");
            }
        }

        // The date's working time is what lies between the date's first and last instants.
        var from = FirstInstantOnOrAfter(c.Calendar.Zone, c.Date);
        var to = FirstInstantOnOrAfter(c.Calendar.Zone, c.Date.PlusDays(1));
        Assert.Equal(calendar.Between(from, to), intervals.Aggregate(Duration.Zero, (sum, i) => sum + i.Duration));
    }

    // The first instant whose local date is on or after the date (a skipped date has none of its own).
    private static Instant FirstInstantOnOrAfter(DateTimeZone zone, LocalDate date)
    {
        var mapping = zone.MapLocal(date.AtMidnight());
        return mapping.Count == 0 ? mapping.LateInterval.Start : mapping.First().ToInstant();
    }
}

internal static class DurationExtensions
{
    public static Duration Magnitude(this Duration duration) => duration < Duration.Zero ? -duration : duration;
}
