using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Import.Tests;

/// <summary>The direct reading of <c>iso-offset</c> values gives NodaTime's pattern's instant, or declines and leaves the value to it.</summary>
public sealed class InstantParserTests
{
    private static readonly OffsetDateTimePattern Iso = OffsetDateTimePattern.ExtendedIso;

    /// <summary>Values of the usual shape, any date, time and offset (whole minutes up to ±17:59, and Z; -00:00 as NodaTime reads it).</summary>
    private static Gen<string> Shaped() =>
        from year in Gen.Choose(1, 9999)
        from month in Gen.Choose(1, 12)
        from day in Gen.Choose(1, CalendarSystem.Iso.GetDaysInMonth(year, month))
        from seconds in Gen.Choose(0, (24 * 3600) - 1)
        from offsetMinutes in Gen.Choose(-(17 * 60) - 59, (17 * 60) + 59)
        from zulu in Gen.Elements(true, false)
        let local = LocalDateTimePattern.ExtendedIso.Format(new LocalDateTime(year, month, day, 0, 0).PlusSeconds(seconds))
        let sign = offsetMinutes < 0 ? '-' : '+'
        let magnitude = System.Math.Abs(offsetMinutes)
        select zulu ? local + "Z" : string.Create(CultureInfo.InvariantCulture, $"{local}{sign}{magnitude / 60:00}:{magnitude % 60:00}");

    /// <summary>Values near the shape: one character of a shaped value replaced, or cut short.</summary>
    private static Gen<string> Damaged() =>
        from text in Shaped()
        from at in Gen.Choose(0, text.Length - 1)
        from replacement in Gen.Elements('0', '9', '3', '1', '-', '+', ':', 'T', 'Z', ' ', '.', '٣')
        from cut in Gen.Elements(true, false)
        select cut ? text[..at] : text[..at] + replacement + text[(at + 1)..];

    [Property(MaxTest = 500)]
    public Property ShapedValues_ReadAsThePatternReadsThem() =>
        Prop.ForAll(Shaped().ToArbitrary(), text =>
        {
            var expected = Iso.Parse(text);
            return InstantParser.TryParseIsoSeconds(text, out var instant) && expected.Success && expected.Value.ToInstant() == instant;
        });

    [Property(MaxTest = 1000)]
    public Property DamagedValues_AreDeclinedOrReadAsThePatternReadsThem() =>
        Prop.ForAll(Damaged().ToArbitrary(), text =>
        {
            var expected = Iso.Parse(text);
            return !InstantParser.TryParseIsoSeconds(text, out var instant) || (expected.Success && expected.Value.ToInstant() == instant);
        });

    [Theory]
    [InlineData("2010-03-31T15:59:42+01:00", "2010-03-31T14:59:42Z")]
    [InlineData("2012-02-29T23:59:59-05:30", "2012-03-01T05:29:59Z")]
    [InlineData("2010-03-31T15:59:42Z", "2010-03-31T15:59:42Z")]
    public void ShapedValues_GiveTheirInstant(string text, string utc)
    {
        Assert.True(InstantParser.TryParseIsoSeconds(text, out var instant));
        Assert.Equal(InstantPattern.ExtendedIso.Parse(utc).Value, instant);
    }

    [Theory]
    [InlineData("2010-03-31T15:59:42.5+01:00")]
    [InlineData("2010-03-31T15:59:42-00:00")]
    [InlineData("2010-02-30T15:59:42+01:00")]
    [InlineData("2010-03-31T24:00:00+01:00")]
    [InlineData("2010-03-31 15:59:42+01:00")]
    [InlineData("0000-03-31T15:59:42+01:00")]
    [InlineData("2010-03-31T15:59:42+18:00")]
    public void UnusualValues_AreLeftToThePattern(string text) =>
        Assert.False(InstantParser.TryParseIsoSeconds(text, out _));
}
