using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.BusinessTime.Tests;

/// <summary>Wall-clock ranges: parsing, formatting, 24:00, and errors.</summary>
public sealed class TimeOfDayRangeTests
{
    private static readonly long NanosPerDay = NodaConstants.NanosecondsPerDay;

    [Fact]
    public void Parse_ReadsStartAndEnd()
    {
        var range = TimeOfDayRange.Parse("09:00-17:30");
        Assert.Equal(new LocalTime(9, 0), range.Start);
        Assert.Equal(new LocalTime(17, 30), range.End);
        Assert.Equal(Duration.FromMinutes(510), range.Length);
        Assert.False(range.EndsAtEndOfDay);
        Assert.False(range.IsEmpty);
        Assert.Equal("09:00-17:30", range.ToString());
        Assert.Equal(new TimeOfDayRange(new LocalTime(9, 0), new LocalTime(17, 30)), range);
    }

    [Fact]
    public void Parse_2400_IsTheEndOfTheDay()
    {
        var range = TimeOfDayRange.Parse("22:00-24:00");
        Assert.True(range.EndsAtEndOfDay);
        Assert.Equal(LocalTime.Midnight, range.End);
        Assert.Equal(Duration.FromHours(2), range.Length);
        Assert.Equal("22:00-24:00", range.ToString());
        Assert.Equal(TimeOfDayRange.UntilEndOfDay(new LocalTime(22, 0)), range);
        Assert.Equal(range, TimeOfDayRange.Parse("22:00-24:00:00"));
        Assert.True(range.Contains(new LocalTime(23, 59, 59).PlusNanoseconds(999_999_999)));
        Assert.False(range.Contains(LocalTime.Midnight));
    }

    [Fact]
    public void WholeDay_IsMidnightTo2400()
    {
        Assert.Equal(TimeOfDayRange.Parse("00:00-24:00"), TimeOfDayRange.WholeDay);
        Assert.Equal(TimeOfDayRange.UntilEndOfDay(LocalTime.Midnight), TimeOfDayRange.WholeDay);
        Assert.Equal("00:00-24:00", TimeOfDayRange.WholeDay.ToString());
        Assert.Equal(Duration.FromHours(24), TimeOfDayRange.WholeDay.Length);
        Assert.True(TimeOfDayRange.WholeDay.Contains(LocalTime.Midnight));
        Assert.True(TimeOfDayRange.WholeDay.EndsAtEndOfDay);
    }

    [Theory]
    [InlineData("08:30:15-17:00")]
    [InlineData("12:00:00.5-24:00")]
    [InlineData("00:00:00.000000001-00:00:00.000000002")]
    [InlineData("23:59:59.999999999-24:00")]
    [InlineData("00:00-00:01")]
    public void Parse_ThenToString_RoundTripsSecondsAndFractions(string text)
    {
        Assert.Equal(text, TimeOfDayRange.Parse(text).ToString());
    }

    [Fact]
    public void Parse_TrimsSpacesAroundTheTimes()
    {
        Assert.Equal(TimeOfDayRange.Parse("09:00-17:00"), TimeOfDayRange.Parse(" 09:00 - 17:00 "));
    }

    [Fact]
    public void Parse_WritesOnlyTheSecondsAndFractionsPresent()
    {
        Assert.Equal("09:00-17:00", TimeOfDayRange.Parse("09:00:00-17:00:00.000").ToString());
        Assert.Equal("09:00:30-17:00", TimeOfDayRange.Parse("09:00:30.0-17:00").ToString());
    }

    [Property(MaxTest = 300)]
    public Property ToString_ThenParse_IsTheSameRange() =>
        Prop.ForAll(Ranges().ToArbitrary(), range =>
        {
            var parsed = TimeOfDayRange.Parse(range.ToString());
            Assert.Equal(range, parsed);
            Assert.Equal(range.Length, parsed.Length);
            Assert.Equal(range.ToString(), parsed.ToString());
        });

    // Ranges with a precision of whole minutes, seconds, milliseconds or nanoseconds, sometimes to 24:00.
    private static Gen<TimeOfDayRange> Ranges() =>
        from unit in Gen.Elements(NodaConstants.NanosecondsPerMinute, NodaConstants.NanosecondsPerSecond, NodaConstants.NanosecondsPerMillisecond, 1L)
        from a in Gen.Choose(0, int.MaxValue)
        from b in Gen.Choose(0, int.MaxValue)
        from toEnd in Gen.Elements(false, true)
        let units = NanosPerDay / unit
        let start = (a % units) * unit
        let end = (b % units) * unit
        where toEnd || start != end
        select toEnd
            ? TimeOfDayRange.UntilEndOfDay(LocalTime.FromNanosecondsSinceMidnight(Math.Min(start, end)))
            : new TimeOfDayRange(LocalTime.FromNanosecondsSinceMidnight(Math.Min(start, end)), LocalTime.FromNanosecondsSinceMidnight(Math.Max(start, end)));

    [Theory]
    [InlineData("09:00", "'09:00' is not a time range: expected 'HH:mm-HH:mm'.")]
    [InlineData("09:00-17:00-18:00", "'09:00-17:00-18:00' is not a time range: expected 'HH:mm-HH:mm'.")]
    [InlineData("", "'' is not a time range: expected 'HH:mm-HH:mm'.")]
    [InlineData("9am-5pm", "'9am' in '9am-5pm' is not a time of day: expected 'HH:mm' (00:00 to 23:59).")]
    [InlineData("0900-1700", "'0900' in '0900-1700' is not a time of day: expected 'HH:mm' (00:00 to 23:59).")]
    [InlineData("24:00-24:00", "'24:00' in '24:00-24:00' is not a time of day: expected 'HH:mm' (00:00 to 23:59).")]
    [InlineData("09:00-24:01", "'24:01' in '09:00-24:01' is not a time of day: expected 'HH:mm' (00:00 to 24:00).")]
    [InlineData("09:00-", "'' in '09:00-' is not a time of day: expected 'HH:mm' (00:00 to 24:00).")]
    [InlineData("09:60-10:00", "'09:60' in '09:60-10:00' is not a time of day: expected 'HH:mm' (00:00 to 23:59).")]
    [InlineData("17:00-09:00", "The range '17:00-09:00' ends before it starts: 'to' must be later than 'from' (use 24:00 for the end of the day).")]
    [InlineData("22:00-00:00", "The range '22:00-00:00' ends before it starts: 'to' must be later than 'from' (use 24:00 for the end of the day).")]
    [InlineData("09:00-09:00", "The range '09:00-09:00' is empty: 'to' must be later than 'from'.")]
    [InlineData("00:00-00:00", "The range '00:00-00:00' is empty: 'to' must be later than 'from'.")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingTheProblem(string text, string message)
    {
        var ex = Assert.Throws<FormatException>(() => TimeOfDayRange.Parse(text));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Parse_Null_ThrowsNamingTheText()
    {
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => TimeOfDayRange.Parse(null!)).ParamName);
    }

    [Theory]
    [InlineData(17, 0, 9, 0, "17:00-09:00")]
    [InlineData(9, 0, 9, 0, "09:00-09:00")]
    [InlineData(22, 0, 0, 0, "22:00-00:00")]
    public void Constructor_EndNotAfterStart_ThrowsNamingTheEnd(int startHour, int startMinute, int endHour, int endMinute, string shown)
    {
        var ex = Assert.Throws<ArgumentException>(() => new TimeOfDayRange(new LocalTime(startHour, startMinute), new LocalTime(endHour, endMinute)));
        Assert.Equal("end", ex.ParamName);
        Assert.Equal(
            $"The range {shown} is empty or reversed: 'end' must be later than 'start'. Use TimeOfDayRange.UntilEndOfDay for a range that ends at 24:00. (Parameter 'end')",
            ex.Message);
    }

    [Fact]
    public void Default_IsTheEmptyRangeAtMidnight()
    {
        TimeOfDayRange range = default;
        Assert.True(range.IsEmpty);
        Assert.Equal(LocalTime.Midnight, range.Start);
        Assert.Equal(LocalTime.Midnight, range.End);
        Assert.Equal(Duration.Zero, range.Length);
        Assert.False(range.EndsAtEndOfDay);
        Assert.False(range.Contains(LocalTime.Midnight));
        Assert.Equal("00:00-00:00", range.ToString());
        Assert.NotEqual(TimeOfDayRange.WholeDay, range);
    }

    [Fact]
    public void Contains_IsHalfOpen()
    {
        var range = TimeOfDayRange.Parse("09:00-17:00");
        Assert.True(range.Contains(new LocalTime(9, 0)));
        Assert.True(range.Contains(new LocalTime(16, 59, 59).PlusNanoseconds(999_999_999)));
        Assert.False(range.Contains(new LocalTime(17, 0)));
        Assert.False(range.Contains(new LocalTime(8, 59, 59).PlusNanoseconds(999_999_999)));
    }

    [Fact]
    public void Overlaps_IsSymmetricAndIgnoresTouching()
    {
        var morning = TimeOfDayRange.Parse("09:00-12:00");
        var noon = TimeOfDayRange.Parse("12:00-13:00");
        var late = TimeOfDayRange.Parse("11:59-12:30");
        Assert.False(morning.Overlaps(noon));
        Assert.False(noon.Overlaps(morning));
        Assert.True(morning.Overlaps(late));
        Assert.True(late.Overlaps(morning));
        Assert.True(noon.Overlaps(late));
        Assert.True(TimeOfDayRange.WholeDay.Overlaps(noon));
        Assert.True(morning.Overlaps(morning));
    }

    [Fact]
    public void Equality_ComparesStartAndEnd()
    {
        var a = TimeOfDayRange.Parse("09:00-17:00");
        var b = new TimeOfDayRange(new LocalTime(9, 0), new LocalTime(17, 0));
        var c = TimeOfDayRange.Parse("09:00-17:01");
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a != c);
        Assert.True(a.Equals((object)b));
        Assert.False(a.Equals((object)"09:00-17:00"));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(TimeOfDayRange.UntilEndOfDay(new LocalTime(9, 0)), TimeOfDayRange.Parse("09:00-23:59:59.999999999"));
    }
}
