using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Itsm.Common;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Import;

/// <summary>Reads the values of a mapping's JSON, reporting each problem with its JSON path.</summary>
internal static class MappingJsonValues
{
    internal static string? ReadString(JsonElement element, string path, List<string> errors, bool nullable = false)
    {
        if (element.ValueKind == JsonValueKind.Null && nullable)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            errors.Add($"{path}: must be a non-empty string{(nullable ? " or null" : string.Empty)}.");
            return null;
        }

        return element.GetString()!.Trim();
    }

    /// <summary>A column, or null when the mapping maps nothing there.</summary>
    internal static string? ReadColumn(JsonElement element, string path, List<string> errors) => ReadString(element, path, errors, nullable: true);

    /// <summary>A column or a list of columns tried in order (the first non-null value wins); null or [] for none.</summary>
    internal static IReadOnlyList<string> ReadColumns(JsonElement element, string path, List<string> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return [];
            case JsonValueKind.String:
                return ReadString(element, path, errors) is { } one ? [one] : [];
            case JsonValueKind.Array:
                var columns = new List<string>();
                int i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (ReadString(item, $"{path}[{i++}]", errors) is { } column)
                    {
                        columns.Add(column);
                    }
                }

                return columns;
            default:
                errors.Add($"{path}: must be a column name or a list of column names.");
                return [];
        }
    }

    /// <summary>A list of strings; empty strings are allowed (the null marker "" is one).</summary>
    internal static IReadOnlyList<string> ReadStringList(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}: must be a list of strings.");
            return [];
        }

        var values = new List<string>();
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                values.Add(item.GetString()!);
            }
            else
            {
                errors.Add($"{path}[{i}]: must be a string.");
            }

            i++;
        }

        return values;
    }

    internal static bool? ReadBool(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return element.GetBoolean();
        }

        errors.Add($"{path}: must be true or false.");
        return null;
    }

    /// <summary>The member of <typeparamref name="T"/> named exactly <paramref name="element"/>'s text (no numbers).</summary>
    internal static T? ReadEnum<T>(JsonElement element, string path, List<string> errors, bool nullable = false)
        where T : struct, Enum
    {
        var text = ReadString(element, path, errors, nullable);
        return text is null ? null : ParseEnum<T>(text, path, errors);
    }

    internal static T? ParseEnum<T>(string text, string path, List<string> errors)
        where T : struct, Enum
    {
        foreach (var name in Enum.GetNames<T>())
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                return Enum.Parse<T>(name);
            }
        }

        errors.Add($"{path}: '{ImportText.Quote(text)}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
        return null;
    }

    /// <summary>An object from source values to members of <typeparamref name="T"/>; keys match ignoring case.</summary>
    internal static Dictionary<string, T> ReadEnumMap<T>(JsonElement element, string path, List<string> errors)
        where T : struct, Enum
    {
        var map = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object from source values to {typeof(T).Name} names.");
            return map;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (ReadEnum<T>(property.Value, $"{path}['{ImportText.Quote(property.Name)}']", errors) is { } value && !map.TryAdd(property.Name.Trim(), value))
            {
                errors.Add($"{path}: '{ImportText.Quote(property.Name)}' is mapped twice (keys match ignoring case).");
            }
        }

        return map;
    }

    internal static Dictionary<string, int> ReadLevels(JsonElement element, string path, List<string> errors)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object from source values to support levels (1, 2, 3, ...).");
            return map;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out int level) || level < 1)
            {
                errors.Add($"{path}['{ImportText.Quote(property.Name)}']: must be a support level, a whole number from 1.");
            }
            else if (!map.TryAdd(property.Name.Trim(), level))
            {
                errors.Add($"{path}: '{ImportText.Quote(property.Name)}' is mapped twice (keys match ignoring case).");
            }
        }

        return map;
    }

    internal static DateTimeZone? ReadZone(JsonElement element, string path, List<string> errors)
    {
        var id = ReadString(element, path, errors);
        if (id is null)
        {
            return null;
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
        if (zone is null)
        {
            errors.Add($"{path}: '{ImportText.Quote(id)}' is not a time zone id of the IANA database (for example \"UTC\", \"Europe/Brussels\").");
        }

        return zone;
    }

    internal static Duration? ReadDuration(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = ReadString(element, path, errors);
        if (text is null)
        {
            return null;
        }

        var result = PeriodPattern.NormalizingIso.Parse(text);
        if (!result.Success || result.Value.Years != 0 || result.Value.Months != 0)
        {
            errors.Add($"{path}: '{ImportText.Quote(text)}' is not an ISO 8601 duration of days, hours, minutes and seconds (for example \"P7D\", \"PT120H\").");
            return null;
        }

        return result.Value.ToDuration();
    }

    /// <summary>Reports every property of <paramref name="element"/> that is not among <paramref name="known"/> (a misspelt name would otherwise be ignored).</summary>
    internal static void CheckProperties(JsonElement element, string path, List<string> errors, params string[] known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                errors.Add($"{path}: unknown property '{ImportText.Quote(property.Name)}' (expected {string.Join(", ", known)}).");
            }
        }
    }
}
