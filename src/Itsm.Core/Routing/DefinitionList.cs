using System;
using System.Collections.Generic;
using System.Globalization;
using Itsm.Common;

namespace Itsm.Routing;

/// <summary>The checks every list in a routing definition shares, collecting problems so one exception lists them all.</summary>
internal static class DefinitionList
{
    /// <summary>A problem per null item and per repeated name (when <paramref name="name"/> is given), by 1-based position, and one if the list is too long.</summary>
    internal static void Check<T>(T[] items, string noun, Func<T, string>? name, List<string> errors)
        where T : class
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] is null)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{noun} #{i + 1} is null"));
            }
            else if (name is not null && !names.Add(name(items[i])))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{noun} #{i + 1} repeats the name '{Itsm.Text.QuotedText.Of(name(items[i]))}'"));
            }
        }

        if (items.Length > FieldLimits.LinkedRecords)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{items.Length} {noun}s, more than the {FieldLimits.LinkedRecords} a definition may hold"));
        }
    }
}
