using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Itsm.Persistence;

/// <summary>
/// The names of an enum as the state documents write them (<c>ToString()</c> of each declared value),
/// computed once per type, so reading compares UTF-8 bytes and writing copies pre-encoded text
/// instead of formatting and allocating a string per field.
/// </summary>
internal static class StateEnumNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TEnum[] Values = Enum.GetValues<TEnum>();

    // ToString of each value, as the reader before this cache compared: an alias (two names, one
    // value) is accepted only under the name ToString gives.
    private static readonly string[] Names = Array.ConvertAll(Values, v => v.ToString());

    private static readonly byte[][] Utf8Names = Array.ConvertAll(Names, System.Text.Encoding.UTF8.GetBytes);

    private static readonly JsonEncodedText[] Encoded = Array.ConvertAll(Names, n => JsonEncodedText.Encode(n, StateJson.Encoder));

    /// <summary>The value whose name is exactly <paramref name="utf8"/> (ordinal), if any.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> utf8, out TEnum value)
    {
        for (int i = 0; i < Utf8Names.Length; i++)
        {
            if (utf8.SequenceEqual(Utf8Names[i]))
            {
                value = Values[i];
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The value's name, pre-encoded; false for a value the type does not declare.</summary>
    internal static bool TryGetEncoded(TEnum value, out JsonEncodedText encoded)
    {
        for (int i = 0; i < Values.Length; i++)
        {
            if (EqualityComparer<TEnum>.Default.Equals(Values[i], value))
            {
                encoded = Encoded[i];
                return true;
            }
        }

        encoded = default;
        return false;
    }
}
