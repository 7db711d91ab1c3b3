using System;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// NodaTime's extended ISO instant pattern (<c>uuuu-MM-ddTHH:mm:ss;FFFFFFFFFZ</c>) on UTF-8 bytes,
/// for the common shape only: years 1 to 9999. Parsing accepts exactly what
/// <see cref="NodaTime.Text.InstantPattern.ExtendedIso"/> accepts in that shape, with the same value,
/// and formatting writes the same text; anything else returns false, and the caller goes through
/// NodaTime's pattern (which also words the error). The pattern costs a few hundred nanoseconds and
/// a string per instant; the state documents hold several instants per record.
/// </summary>
internal static class IsoInstantText
{
    /// <summary>The longest text written: <c>9999-12-31T23:59:59.999999999Z</c>.</summary>
    internal const int MaxLength = 30;

    private const long SecondsPerDay = 86_400;

    internal static bool TryParse(ReadOnlySpan<byte> text, out Instant instant)
    {
        instant = default;
        if (text.Length < 20 || text.Length > MaxLength || text[^1] != (byte)'Z'
            || text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] != (byte)'T' || text[13] != (byte)':' || text[16] != (byte)':')
        {
            return false;
        }

        if (!TryDigits(text, 0, 4, out int year) || !TryDigits(text, 5, 2, out int month) || !TryDigits(text, 8, 2, out int day)
            || !TryDigits(text, 11, 2, out int hour) || !TryDigits(text, 14, 2, out int minute) || !TryDigits(text, 17, 2, out int second))
        {
            return false;
        }

        long nanoseconds = 0;
        int fractionDigits = text.Length - 21;
        if (text.Length > 20)
        {
            // A separator with no digit after it ("…:05.Z") is left to NodaTime.
            if (text[19] != (byte)'.' || fractionDigits < 1 || !TryDigits(text, 20, fractionDigits, out int fraction))
            {
                return false;
            }

            nanoseconds = fraction;
            for (int i = fractionDigits; i < 9; i++)
            {
                nanoseconds *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long seconds = (DaysFromCivil(year, month, day) * SecondsPerDay) + (hour * 3600) + (minute * 60) + second;
        instant = Instant.FromUnixTimeSeconds(seconds).PlusNanoseconds(nanoseconds);
        return true;
    }

    /// <summary>Writes <paramref name="instant"/> as the pattern does; false (nothing written) outside years 1 to 9999.</summary>
    internal static bool TryFormat(Instant instant, Span<byte> destination, out int written)
    {
        written = 0;
        // Floored, so the second and day of an instant before 1970 count forwards like any other.
        long unixSeconds = instant.ToUnixTimeSeconds();
        int fraction = (int)(instant - Instant.FromUnixTimeSeconds(unixSeconds)).ToInt64Nanoseconds();
        long days = Math.DivRem(unixSeconds, SecondsPerDay, out long secondOfDay);
        if (secondOfDay < 0)
        {
            days--;
            secondOfDay += SecondsPerDay;
        }

        var (year, month, day) = CivilFromDays(days);
        if (year is < 1 or > 9999 || destination.Length < MaxLength)
        {
            return false;
        }

        WriteDigits(destination, 0, 4, year);
        destination[4] = (byte)'-';
        WriteDigits(destination, 5, 2, month);
        destination[7] = (byte)'-';
        WriteDigits(destination, 8, 2, day);
        destination[10] = (byte)'T';
        WriteDigits(destination, 11, 2, (int)(secondOfDay / 3600));
        destination[13] = (byte)':';
        WriteDigits(destination, 14, 2, (int)(secondOfDay / 60 % 60));
        destination[16] = (byte)':';
        WriteDigits(destination, 17, 2, (int)(secondOfDay % 60));
        int length = 19;
        if (fraction != 0)
        {
            // FFFFFFFFF: up to nine digits, trailing zeros dropped.
            int digits = 9;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            destination[19] = (byte)'.';
            WriteDigits(destination, 20, digits, fraction);
            length = 20 + digits;
        }

        destination[length] = (byte)'Z';
        written = length + 1;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            int digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private static void WriteDigits(Span<byte> destination, int start, int count, int value)
    {
        for (int i = start + count - 1; i >= start; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static int DaysInMonth(int year, int month) => month == 2
        ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28)
        : 30 + ((month + (month >> 3)) & 1);

    // Howard Hinnant's days_from_civil and civil_from_days (proleptic Gregorian, as ISO and NodaTime).
    private static long DaysFromCivil(int year, int month, int day)
    {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yearOfEra = y - (era * 400);
        int dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        int dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return ((long)era * 146_097) + dayOfEra - 719_468;
    }

    private static (int Year, int Month, int Day) CivilFromDays(long days)
    {
        days += 719_468;
        long era = (days >= 0 ? days : days - 146_096) / 146_097;
        long dayOfEra = days - (era * 146_097);
        long yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        long dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        long mp = ((5 * dayOfYear) + 2) / 153;
        int day = (int)(dayOfYear - (((153 * mp) + 2) / 5) + 1);
        int month = (int)(mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
        return ((int)year, month, day);
    }
}
