using System.Collections.Generic;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Itsm.Import;

/// <summary>
/// Parses the instants of a file with the mapping's formats, tried in order: formats with an offset
/// give the instant they name; local formats are read in the mapping's time zone (in a daylight-saving
/// overlap the earlier instant, in a gap the instant just after it, as NodaTime's lenient resolver does).
/// </summary>
internal sealed class InstantParser
{
    /// <summary>ISO 8601 with an offset or <c>Z</c>, seconds optional fractions: <c>2010-03-31T15:59:42+01:00</c>.</summary>
    internal const string IsoOffset = "iso-offset";

    /// <summary>ISO 8601 without an offset, read in the time zone: <c>2016-02-29T01:16:00</c>.</summary>
    internal const string IsoLocal = "iso-local";

    private readonly IPattern<OffsetDateTime>[] _offsetPatterns;
    private readonly IPattern<LocalDateTime>[] _localPatterns;
    private readonly bool[] _isOffset;
    private readonly DateTimeZone _zone;

    private InstantParser(List<IPattern<OffsetDateTime>> offsetPatterns, List<IPattern<LocalDateTime>> localPatterns, List<bool> isOffset, DateTimeZone zone)
    {
        _offsetPatterns = offsetPatterns.ToArray();
        _localPatterns = localPatterns.ToArray();
        _isOffset = isOffset.ToArray();
        _zone = zone;
    }

    /// <summary>Builds a parser; a format that is not a valid NodaTime pattern is reported in <paramref name="errors"/>.</summary>
    internal static InstantParser Create(IReadOnlyList<string> formats, DateTimeZone zone, string path, List<string> errors)
    {
        var offsetPatterns = new List<IPattern<OffsetDateTime>>();
        var localPatterns = new List<IPattern<LocalDateTime>>();
        var isOffset = new List<bool>();
        for (int i = 0; i < formats.Count; i++)
        {
            string format = formats[i];
            try
            {
                switch (format)
                {
                    case IsoOffset:
                        offsetPatterns.Add(OffsetDateTimePattern.ExtendedIso);
                        isOffset.Add(true);
                        break;
                    case IsoLocal:
                        localPatterns.Add(LocalDateTimePattern.ExtendedIso);
                        isOffset.Add(false);
                        break;
                    default:
                        if (format.Contains("o<", System.StringComparison.Ordinal))
                        {
                            offsetPatterns.Add(OffsetDateTimePattern.CreateWithInvariantCulture(format));
                            isOffset.Add(true);
                        }
                        else
                        {
                            localPatterns.Add(LocalDateTimePattern.CreateWithInvariantCulture(format));
                            isOffset.Add(false);
                        }

                        break;
                }
            }
            catch (InvalidPatternException e)
            {
                errors.Add($"{path}[{i}]: '{ImportText.Quote(format)}' is not a date and time pattern: {ImportText.Quote(e.Message)}");
            }
        }

        return new InstantParser(offsetPatterns, localPatterns, isOffset, zone);
    }

    /// <summary>The instants an import accepts: the library's supported years (<see cref="Itsm.BusinessTime.BusinessCalendar.MinSupportedInstant"/> to <see cref="Itsm.BusinessTime.BusinessCalendar.MaxSupportedInstant"/>), inside every store's range.</summary>
    internal static bool InRange(Instant instant) =>
        instant >= Itsm.BusinessTime.BusinessCalendar.MinSupportedInstant && instant < Itsm.BusinessTime.BusinessCalendar.MaxSupportedInstant;

    /// <summary>The refusal message of an instant outside <see cref="InRange"/>.</summary>
    internal static string OutOfRange(long row, string column, string text) =>
        $"Row {row}: {column} '{ImportText.Quote(text)}' is outside the supported years 1900 to 2199.";

    /// <summary>Parses <paramref name="text"/> with the first format that accepts it.</summary>
    internal bool TryParse(string text, out Instant instant)
    {
        int offsetIndex = 0;
        int localIndex = 0;
        foreach (bool offset in _isOffset)
        {
            if (offset)
            {
                var pattern = _offsetPatterns[offsetIndex++];
                if (ReferenceEquals(pattern, OffsetDateTimePattern.ExtendedIso) && TryParseIsoSeconds(text, out instant))
                {
                    return true;
                }

                var result = pattern.Parse(text);
                if (result.Success)
                {
                    instant = result.Value.ToInstant();
                    return true;
                }
            }
            else
            {
                var result = _localPatterns[localIndex++].Parse(text);
                if (result.Success)
                {
                    instant = _zone.ResolveLocal(result.Value, Resolvers.LenientResolver).ToInstant();
                    return true;
                }
            }
        }

        instant = default;
        return false;
    }

    /// <summary>
    /// The usual shape of <see cref="IsoOffset"/> values, <c>2010-03-31T15:59:42+01:00</c> or <c>2010-03-31T14:59:42Z</c>,
    /// read directly: NodaTime's pattern parser took a fifth of the time of reading a file. Anything else (fractions,
    /// other offsets, a value that is not a date) returns false, and the pattern decides, so the results are the
    /// pattern's own.
    /// </summary>
    internal static bool TryParseIsoSeconds(string text, out Instant instant)
    {
        instant = default;
        if ((text.Length != 20 && text.Length != 25)
            || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !TryDigits(text, 0, 4, out int year) || !TryDigits(text, 5, 2, out int month) || !TryDigits(text, 8, 2, out int day)
            || !TryDigits(text, 11, 2, out int hour) || !TryDigits(text, 14, 2, out int minute) || !TryDigits(text, 17, 2, out int second))
        {
            return false;
        }

        int offsetSeconds = 0;
        if (text.Length == 20)
        {
            if (text[19] != 'Z')
            {
                return false;
            }
        }
        else
        {
            char sign = text[19];
            if ((sign != '+' && sign != '-') || text[22] != ':' || !TryDigits(text, 20, 2, out int offsetHours) || !TryDigits(text, 23, 2, out int offsetMinutes)
                || offsetHours > 17 || offsetMinutes > 59 || (sign == '-' && offsetHours == 0 && offsetMinutes == 0))
            {
                return false;
            }

            offsetSeconds = (sign == '-' ? -1 : 1) * ((offsetHours * 3600) + (offsetMinutes * 60));
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        instant = new LocalDateTime(year, month, day, hour, minute, second).WithOffset(Offset.FromSeconds(offsetSeconds)).ToInstant();
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            char c = text[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
