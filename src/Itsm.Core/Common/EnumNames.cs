using System;
using System.Collections.Generic;

namespace Itsm.Common;

/// <summary>
/// An enum value's <c>ToString()</c> without boxing it: an enum's <c>ToString</c> is <see cref="Enum"/>'s, so every
/// call boxes the value, and audit entries and index rows name states on every command (issue 18).
/// </summary>
internal static class EnumNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TEnum[] Values = Enum.GetValues<TEnum>();

    private static readonly string[] Names = Array.ConvertAll(Values, v => v.ToString());

    /// <summary>The name <c>ToString()</c> gives <paramref name="value"/>.</summary>
    internal static string Of(TEnum value)
    {
        for (int i = 0; i < Values.Length; i++)
        {
            if (EqualityComparer<TEnum>.Default.Equals(Values[i], value))
            {
                return Names[i];
            }
        }

        return value.ToString();
    }
}
