using FsCheck.Xunit;
using NodaTime;

namespace Itsm.BusinessTime.Tests;

/// <summary>
/// Whole working days, the previous working instant and extra openings against the brute-force
/// <see cref="Reference.ReferenceCalendar"/> on random calendars (openings included), and their laws.
/// </summary>
[Properties(Arbitrary = [typeof(CalendarArbitraries)], MaxTest = 500)]
public sealed class WorkingDaysPropertyTests
{
    private static readonly Duration OneNanosecond = Duration.FromNanoseconds(1);

    [Property(MaxTest = 1500)]
    public void PreviousWorkingInstant_AgreesWithReference(PointCase c)
    {
        Assert.Equal(c.Calendar.Reference.PreviousWorkingInstant(c.At), c.Calendar.Engine.PreviousWorkingInstant(c.At));
    }

    [Property(MaxTest = 600)]
    public void IsWorkingDay_AgreesWithReference(DateCase c)
    {
        Assert.Equal(c.Calendar.Reference.IsWorkingDay(c.Date), c.Calendar.Engine.IsWorkingDay(c.Date));
    }

    [Property(MaxTest = 400)]
    public void WorkingDaysBetween_AgreesWithReference(SpanCase c)
    {
        Assert.Equal(c.Calendar.Reference.WorkingDaysBetween(c.Start, c.End), c.Calendar.Engine.WorkingDaysBetween(c.Start, c.End));
    }

    [Property(MaxTest = 600)]
    public void AddWorkingDays_AgreesWithReference(DayAddCase c)
    {
        Assert.Equal(c.Calendar.Reference.AddWorkingDays(c.Start, c.Days), c.Calendar.Engine.AddWorkingDays(c.Start, c.Days));
    }

    [Property]
    public void AddWorkingDays_MovesByExactlyThatManyWorkingDays(DayAddCase c)
    {
        // Forward, the start's date never counts and the answer's date does; backward, the start's
        // date counts when it is a working day, and the answer's (the |n|-th before it) does not.
        var engine = c.Calendar.Engine;
        var moved = engine.AddWorkingDays(c.Start, c.Days);
        bool startDateWorks = engine.IsWorkingDay(c.Start.InZone(engine.Zone).Date);
        int expected = c.Days >= 0 ? c.Days : c.Days + (startDateWorks ? 0 : 1);
        Assert.Equal(expected, engine.WorkingDaysBetween(c.Start, moved));
        if (c.Days != 0)
        {
            Assert.True(engine.IsWorkingDay(moved.InZone(engine.Zone).Date));
        }
    }

    [Property]
    public void WorkingDaysBetween_IsAdditiveAndAntisymmetric(LawCase c)
    {
        var engine = c.Calendar.Engine;
        Assert.Equal(engine.WorkingDaysBetween(c.A, c.C), engine.WorkingDaysBetween(c.A, c.B) + engine.WorkingDaysBetween(c.B, c.C));
        Assert.Equal(-engine.WorkingDaysBetween(c.A, c.B), engine.WorkingDaysBetween(c.B, c.A));
    }

    [Property]
    public void PreviousWorkingInstant_IsReachedWithoutWorkingTimeAndEndsWorkingTime(LawCase c)
    {
        var engine = c.Calendar.Engine;
        var previous = engine.PreviousWorkingInstant(c.A);
        Assert.True(previous <= c.A);
        Assert.Equal(Duration.Zero, engine.Between(previous, c.A));
        Assert.True(engine.IsWorking(previous - OneNanosecond));
    }

    [Property]
    public void PreviousWorkingInstant_IsWhereBackwardAddLandsAfterTheLastNanosecond(LawCase c)
    {
        // Adding back a nanosecond of work from the previous working instant undoes taking it.
        var engine = c.Calendar.Engine;
        var previous = engine.PreviousWorkingInstant(c.A);
        Assert.Equal(previous, engine.Add(engine.Add(c.A, -OneNanosecond), OneNanosecond));
    }
}
