using System;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Itsm.Text;

namespace Itsm.BusinessTime;

/// <summary>
/// A half-open range of wall-clock time within one local day, <c>[Start, End)</c>, that may end
/// at the end of the day (written <c>24:00</c>).
/// </summary>
/// <remarks>
/// <para>
/// Ranges are used for the working hours of a weekday and for partial closures. They are
/// wall-clock ranges: on a day with a daylight-saving transition the instants they cover are
/// found by <see cref="BusinessCalendar"/> (wall times in a gap do not occur; wall times in an
/// overlap occur twice).
/// </para>
/// <para>
/// The text form is <c>HH:mm-HH:mm</c> (seconds and fractions of a second are allowed:
/// <c>HH:mm:ss.fffffffff</c>), with <c>24:00</c> as the end of the day. An overnight shift is two
/// ranges on consecutive days, for example <c>22:00-24:00</c> on Friday and <c>00:00-06:00</c> on
/// Saturday.
/// </para>
/// <para>
/// <c>default(TimeOfDayRange)</c> is the empty range at midnight; it is not accepted as working
/// hours or as a closure.
/// </para>
/// </remarks>
public readonly struct TimeOfDayRange : IEquatable<TimeOfDayRange>
{
    private static readonly LocalTimePattern[] ParsePatterns =
    [
        LocalTimePattern.CreateWithInvariantCulture("HH':'mm"),
        LocalTimePattern.CreateWithInvariantCulture("HH':'mm':'ss"),
        LocalTimePattern.CreateWithInvariantCulture("HH':'mm':'ss.FFFFFFFFF"),
    ];

    private readonly long _startNanos;
    private readonly long _endNanos;

    private TimeOfDayRange(long startNanos, long endNanos)
    {
        _startNanos = startNanos;
        _endNanos = endNanos;
    }

    /// <summary>
    /// Creates the range <c>[start, end)</c> within one day.
    /// </summary>
    /// <param name="start">The first wall-clock time in the range.</param>
    /// <param name="end">The first wall-clock time after the range; must be later than <paramref name="start"/>.
    /// To end at the end of the day (24:00), use <see cref="UntilEndOfDay(LocalTime)"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not later than <paramref name="start"/>.</exception>
    public TimeOfDayRange(LocalTime start, LocalTime end)
    {
        if (end <= start)
        {
            throw new ArgumentException(
                $"The range {Format(start)}-{Format(end)} is empty or reversed: 'end' must be later than 'start'. Use TimeOfDayRange.UntilEndOfDay for a range that ends at 24:00.",
                nameof(end));
        }

        _startNanos = start.NanosecondOfDay;
        _endNanos = end.NanosecondOfDay;
    }

    /// <summary>The range from midnight to the end of the day (<c>00:00-24:00</c>).</summary>
    public static TimeOfDayRange WholeDay { get; } = new(0, NodaConstants.NanosecondsPerDay);

    /// <summary>Creates the range from <paramref name="start"/> to the end of the day (<c>24:00</c>).</summary>
    /// <param name="start">The first wall-clock time in the range.</param>
    /// <returns>The range <c>[start, 24:00)</c>.</returns>
    public static TimeOfDayRange UntilEndOfDay(LocalTime start) => new(start.NanosecondOfDay, NodaConstants.NanosecondsPerDay);

    /// <summary>The first wall-clock time in the range.</summary>
    public LocalTime Start => LocalTime.FromNanosecondsSinceMidnight(_startNanos);

    /// <summary>
    /// The first wall-clock time after the range; <see cref="LocalTime.Midnight"/> when the range
    /// ends at the end of the day (see <see cref="EndsAtEndOfDay"/>).
    /// </summary>
    public LocalTime End => _endNanos == NodaConstants.NanosecondsPerDay ? LocalTime.Midnight : LocalTime.FromNanosecondsSinceMidnight(_endNanos);

    /// <summary>Whether the range runs to the end of the day (<c>24:00</c>).</summary>
    public bool EndsAtEndOfDay => _endNanos == NodaConstants.NanosecondsPerDay;

    /// <summary>The wall-clock length of the range (what it covers on a day without a time-zone transition).</summary>
    public Duration Length => Duration.FromNanoseconds(_endNanos - _startNanos);

    /// <summary>Whether the range is empty (only <c>default(TimeOfDayRange)</c> is).</summary>
    public bool IsEmpty => _endNanos <= _startNanos;

    internal long StartNanos => _startNanos;

    internal static TimeOfDayRange FromNanos(long startNanos, long endNanos) => new(startNanos, endNanos);

    internal long EndNanos => _endNanos;

    /// <summary>Whether <paramref name="time"/> lies in <c>[Start, End)</c>.</summary>
    /// <param name="time">A wall-clock time.</param>
    /// <returns><see langword="true"/> when the range contains the time.</returns>
    public bool Contains(LocalTime time)
    {
        long t = time.NanosecondOfDay;
        return t >= _startNanos && t < _endNanos;
    }

    /// <summary>Whether this range and <paramref name="other"/> share at least one wall-clock time.</summary>
    /// <param name="other">Another range.</param>
    /// <returns><see langword="true"/> when they overlap; ranges that only touch (<c>09:00-12:00</c> and <c>12:00-13:00</c>) do not.</returns>
    public bool Overlaps(TimeOfDayRange other) => _startNanos < other._endNanos && other._startNanos < _endNanos;

    /// <summary>
    /// Parses <c>HH:mm-HH:mm</c> (optionally with seconds and up to nine fractional digits),
    /// where the end may be <c>24:00</c>.
    /// </summary>
    /// <param name="text">The text to parse, for example <c>09:00-17:30</c> or <c>22:00-24:00</c>.</param>
    /// <returns>The parsed range.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is malformed, or the end is not later than the start.</exception>
    public static TimeOfDayRange Parse(string text)
    {
        Preconditions.CheckNotNull(text);
        if (!TryParse(text, out var range, out var error))
        {
            throw new FormatException(error);
        }

        return range;
    }

    internal static bool TryParse(string text, out TimeOfDayRange range, out string error)
    {
        range = default;
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || text.IndexOf('-', dash + 1) >= 0)
        {
            error = $"'{QuotedText.Of(text)}' is not a time range: expected 'HH:mm-HH:mm'.";
            return false;
        }

        string fromText = text[..dash].Trim();
        string toText = text[(dash + 1)..].Trim();
        if (!TryParseTime(fromText, allowEndOfDay: false, out long from))
        {
            error = $"'{QuotedText.Of(fromText)}' in '{QuotedText.Of(text)}' is not a time of day: expected 'HH:mm' (00:00 to 23:59).";
            return false;
        }

        if (!TryParseTime(toText, allowEndOfDay: true, out long to))
        {
            error = $"'{QuotedText.Of(toText)}' in '{QuotedText.Of(text)}' is not a time of day: expected 'HH:mm' (00:00 to 24:00).";
            return false;
        }

        if (to <= from)
        {
            error = to == from
                ? $"The range '{QuotedText.Of(text)}' is empty: 'to' must be later than 'from'."
                : $"The range '{QuotedText.Of(text)}' ends before it starts: 'to' must be later than 'from' (use 24:00 for the end of the day).";
            return false;
        }

        range = new TimeOfDayRange(from, to);
        error = string.Empty;
        return true;
    }

    internal static bool TryParseTime(string text, bool allowEndOfDay, out long nanosOfDay)
    {
        nanosOfDay = 0;
        if (allowEndOfDay && (text == "24:00" || text == "24:00:00"))
        {
            nanosOfDay = NodaConstants.NanosecondsPerDay;
            return true;
        }

        foreach (var pattern in ParsePatterns)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                nanosOfDay = result.Value.NanosecondOfDay;
                return true;
            }
        }

        return false;
    }

    internal static string FormatNanos(long nanosOfDay)
    {
        if (nanosOfDay == NodaConstants.NanosecondsPerDay)
        {
            return "24:00";
        }

        return Format(LocalTime.FromNanosecondsSinceMidnight(nanosOfDay));
    }

    private static string Format(LocalTime time)
    {
        if (time.NanosecondOfSecond != 0)
        {
            return time.ToString("HH':'mm':'ss.FFFFFFFFF", CultureInfo.InvariantCulture);
        }

        return time.Second != 0
            ? time.ToString("HH':'mm':'ss", CultureInfo.InvariantCulture)
            : time.ToString("HH':'mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The range as <c>HH:mm-HH:mm</c> (with seconds or fractions only when present; <c>24:00</c> for the end of the day).</summary>
    /// <returns>The text form, which <see cref="Parse(string)"/> reads back.</returns>
    public override string ToString() => FormatNanos(_startNanos) + "-" + FormatNanos(_endNanos);

    /// <inheritdoc />
    public bool Equals(TimeOfDayRange other) => _startNanos == other._startNanos && _endNanos == other._endNanos;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TimeOfDayRange other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_startNanos, _endNanos);

    /// <summary>Whether two ranges cover the same wall-clock times.</summary>
    /// <param name="left">The first range.</param>
    /// <param name="right">The second range.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(TimeOfDayRange left, TimeOfDayRange right) => left.Equals(right);

    /// <summary>Whether two ranges differ.</summary>
    /// <param name="left">The first range.</param>
    /// <param name="right">The second range.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(TimeOfDayRange left, TimeOfDayRange right) => !left.Equals(right);
}
