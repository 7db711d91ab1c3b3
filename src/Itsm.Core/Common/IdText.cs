using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Itsm.Common;

/// <summary>
/// The rule for text that becomes a key or an indexed column of a store (tenant ids, record types and
/// ids, actor ids, idempotency keys, state, service and group names): it must survive every store
/// unchanged, so that two different ids can never be stored as the same one.
/// </summary>
/// <remarks>
/// <para>
/// Refused: an unpaired UTF-16 surrogate (a high surrogate not followed by a low one, or a low one not
/// preceded by a high one), which cannot be encoded as UTF-8 (SQLite stores it as U+FFFD, so
/// <c>"\uD800"</c>, <c>"\uDC00"</c> and <c>"\uFFFD"</c> would be one tenant; PostgreSQL refuses it);
/// and every control character (<see cref="char.IsControl(char)"/>: U+0000–U+001F, U+007F–U+009F),
/// which includes U+0000, which PostgreSQL <c>text</c> cannot hold.
/// </para>
/// <para>
/// Legal: everything else, including paired surrogates (emoji), U+FFFD itself, any script, combining
/// marks and spaces. Ids are compared ordinally: <c>"e\u0301"</c> and <c>"\u00e9"</c>, <c>"ß"</c> and
/// <c>"ss"</c>, <c>"a"</c> and <c>"A"</c> are different ids in every store.
/// </para>
/// </remarks>
public static class IdText
{
    private const int QuotedLength = 32;

    /// <summary>Whether <paramref name="value"/> may be a key: it holds no unpaired surrogate and no control character.</summary>
    /// <param name="value">The text; <see langword="null"/> is not valid.</param>
    /// <returns><see langword="true"/> when it may.</returns>
    public static bool IsValid(string? value) => value is not null && IndexOfInvalid(value) < 0;

    /// <summary>The index of the first character that makes <paramref name="value"/> unfit for a key.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The index of the first unpaired surrogate or control character, or -1 when there is none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static int IndexOfInvalid(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        // Printable ASCII is always valid: most keys are nothing else, and are passed in one vectorized search.
        int start = value.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        if (start < 0)
        {
            return -1;
        }

        for (int i = start; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (char.IsLowSurrogate(c) || char.IsControl(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Refuses text that cannot be a key (see <see cref="IdText"/>).</summary>
    /// <param name="value">The text.</param>
    /// <param name="paramName">The parameter to name in the exception; by default the argument's expression.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> holds an unpaired surrogate or a control character; the message says which and where.</exception>
    public static string Check(string value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        int index = IndexOfInvalid(value);
        if (index < 0)
        {
            return value;
        }

        char c = value[index];
        string what = char.IsHighSurrogate(c) ? "an unpaired high surrogate"
            : char.IsLowSurrogate(c) ? "an unpaired low surrogate"
            : c == '\0' ? "U+0000 (NUL)"
            : "a control character";
        throw new ArgumentException(
            string.Create(
                CultureInfo.InvariantCulture,
                $"The id \"{Quote(value)}\" holds {what} (U+{(int)c:X4}) at index {index}: ids must not hold unpaired surrogates or control characters, which not every store can keep apart."),
            paramName);
    }

    // The message must itself be safe to log and bounded: bad characters and quotes are escaped, long ids cut.
    internal static string Quote(string value) => Itsm.Text.QuotedText.Of(value, QuotedLength, escapeQuotes: true);
}
