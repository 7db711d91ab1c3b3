using System.Collections.Generic;
using System.Text.Json;
using Itsm.Common;

namespace Itsm.Sla;

/// <summary>Reads and writes the plain values of agreement JSON: strings, lists of strings and priorities.</summary>
internal static class AgreementJsonValues
{
    internal static string? ReadString(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}: must be a string.");
            return null;
        }

        return element.GetString();
    }

    internal static IReadOnlyList<string> ReadStrings(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}: must be a list of strings.");
            return [];
        }

        var list = new List<string>();
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var value = ReadString(item, $"{path}[{i++}]", errors);
            if (value is not null)
            {
                list.Add(value);
            }
        }

        return list;
    }

    internal static IReadOnlyList<Priority> ReadPriorities(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}: must be a list of priorities (1 to 5).");
            return [];
        }

        var list = new List<Priority>();
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out int value) && value is >= 1 and <= 5)
            {
                list.Add(new Priority(value));
            }
            else
            {
                errors.Add($"{path}[{i}]: must be a priority, 1 to 5.");
            }

            i++;
        }

        return list;
    }

    internal static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values, bool always = false)
    {
        if (values.Count == 0 && !always)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
