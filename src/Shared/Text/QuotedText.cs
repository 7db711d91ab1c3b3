using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Itsm.Text;

/// <summary>
/// Quotes a value in an exception message (the caller adds the quote marks): at most
/// <see cref="MaxQuoted"/> characters, control characters and unpaired surrogates escaped as <c>\uXXXX</c>; a longer value is cut (never inside a surrogate
/// pair), followed by an ellipsis and its total length. So a message stays short and safe to log whatever
/// the input: a 10 MB bad value makes a message of about a hundred characters more than a short one.
/// </summary>
/// <remarks>Shared as source by Itsm.BusinessTime, Itsm.BusinessTime.ICalendar and Itsm.Core (none exposes it).</remarks>
internal static class QuotedText
{
    /// <summary>The most characters of a value a message quotes.</summary>
    internal const int MaxQuoted = 64;

    /// <summary>The most characters <see cref="Of(string)"/> returns, for any input: every quoted character escaped (6 each), the ellipsis and the length.</summary>
    internal const int MaxLength = (MaxQuoted * 6) + 40;

    /// <summary>The most characters of another library's message a message quotes.</summary>
    internal const int MaxMessage = 256;

    /// <summary>The text of <paramref name="value"/>, cut and escaped; <c>null</c> for null.</summary>
    internal static string Of(object? value) => Of(value?.ToString());

    /// <summary>A message of another library (a JSON parser's), cut to <see cref="MaxMessage"/> characters and escaped.</summary>
    internal static string Message(string message) => Of(message, MaxMessage);

    /// <summary>The value, cut to <see cref="MaxQuoted"/> characters and escaped; <c>null</c> for null.</summary>
    internal static string Of(string? value) => Of(value, MaxQuoted);

    /// <summary>The value, cut to <paramref name="max"/> characters and escaped; with <paramref name="escapeQuotes"/>, double quotes and backslashes too (for a value shown between double quotes).</summary>
    internal static string Of(string? value, int max, bool escapeQuotes = false)
    {
        if (value is null)
        {
            return "null";
        }

        if (value.Length <= max && IsPlain(value, escapeQuotes))
        {
            return value;
        }

        var text = new StringBuilder(max + 32);
        int end = Math.Min(value.Length, max);
        for (int i = 0; i < end; i++)
        {
            char c = value[i];
            bool paired = (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                || (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]));
            if (char.IsControl(c) || (char.IsSurrogate(c) && !paired) || (escapeQuotes && c is '"' or '\\'))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else if (char.IsHighSurrogate(c) && i + 1 == end)
            {
                end = i; // never cut a pair in half
                break;
            }
            else
            {
                text.Append(c);
            }
        }

        if (end < value.Length)
        {
            text.Append(CultureInfo.InvariantCulture, $"… ({value.Length} characters)");
        }

        return text.ToString();
    }

    /// <summary>The most problems a definition error's message lists; the exception's <c>Errors</c> holds them all.</summary>
    internal const int MaxListed = 20;

    /// <summary>The message of an exception listing every problem of a definition: the first <see cref="MaxListed"/>, then how many more.</summary>
    internal static string Problems(string subject, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 1)
        {
            return $"Invalid {subject}: {errors[0]}";
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Invalid {subject} ({errors.Count} problems):");
        int listed = Math.Min(errors.Count, MaxListed);
        for (int i = 0; i < listed; i++)
        {
            text.Append(Environment.NewLine).Append("- ").Append(errors[i]);
        }

        if (listed < errors.Count)
        {
            text.Append(Environment.NewLine).Append(CultureInfo.InvariantCulture, $"- and {errors.Count - listed} more.");
        }

        return text.ToString();
    }

    private static bool IsPlain(string value, bool escapeQuotes)
    {
        foreach (char c in value)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || (escapeQuotes && c is '"' or '\\'))
            {
                return false;
            }
        }

        return true;
    }
}
