using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Itsm.Common;
using Itsm.Text;
using NodaTime.Text;

namespace Itsm.Requests;

/// <summary>
/// Answers as JSON. In a catalog item's definition (defaults, visibility values) a value has its variable's
/// natural form (<c>"laptop"</c>, <c>16</c>, <c>"2026-12-01"</c>, <c>true</c>). In a request's stored state and
/// audit entry, where no item is at hand, each value is tagged with its kind: <c>{"ram":{"number":16}}</c>.
/// </summary>
internal static class CatalogValuesJson
{
    /// <summary>Writes a value in the natural form of its kind.</summary>
    internal static void WriteNatural(Utf8JsonWriter writer, CatalogValue value)
    {
        switch (value.Kind)
        {
            case CatalogVariableKind.Number:
                writer.WriteNumberValue(value.AsNumber);
                break;
            case CatalogVariableKind.Boolean:
                writer.WriteBooleanValue(value.AsBoolean);
                break;
            case CatalogVariableKind.Choice when value.AsOptions.Count != 1:
                writer.WriteStartArray();
                foreach (var option in value.AsOptions)
                {
                    writer.WriteStringValue(option);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    /// <summary>Reads a value of <paramref name="kind"/> in its natural form; null (with a problem added) when it is not one.</summary>
    internal static CatalogValue? ReadNatural(JsonElement element, CatalogVariableKind kind, string path, List<string> errors)
    {
        switch (kind)
        {
            case CatalogVariableKind.Number when element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out decimal number):
                return CatalogValue.Number(number);
            case CatalogVariableKind.Boolean when element.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return CatalogValue.Boolean(element.GetBoolean());
            case CatalogVariableKind.Text when element.ValueKind == JsonValueKind.String:
                string text = element.GetString()!;
                if (text.Length <= FieldLimits.Text)
                {
                    return CatalogValue.Text(text);
                }

                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: is {text.Length} characters long; at most {FieldLimits.Text}."));
                return null;
            case CatalogVariableKind.Date when element.ValueKind == JsonValueKind.String:
                var date = LocalDatePattern.Iso.Parse(element.GetString()!);
                if (date.Success)
                {
                    return CatalogValue.Date(date.Value);
                }

                errors.Add($"{path}: '{QuotedText.Of(element.GetString())}' is not a date (expected \"yyyy-MM-dd\", for example \"2026-12-01\").");
                return null;
            case CatalogVariableKind.Reference when element.ValueKind == JsonValueKind.String:
                string id = element.GetString()!;
                if (IsId(id))
                {
                    return CatalogValue.Reference(id);
                }

                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: '{QuotedText.Of(id)}' is not an id (non-blank id text of at most {FieldLimits.Id} characters)."));
                return null;
            case CatalogVariableKind.Choice when element.ValueKind is JsonValueKind.String or JsonValueKind.Array:
                return ReadChoice(element, path, errors);
            default:
                errors.Add($"{path}: must be {Expected(kind)}.");
                return null;
        }
    }

    /// <summary>The tagged form of a set of answers, as compact JSON text.</summary>
    internal static string WriteTagged(CatalogValues values) => DefinitionJson.Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var (name, value) in values)
        {
            writer.WriteStartObject(name);
            writer.WritePropertyName(Tag(value.Kind));
            WriteNatural(writer, value);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }, indented: false);

    /// <summary>Reads the tagged form of a set of answers.</summary>
    /// <exception cref="FormatException">The text is not a set of tagged answers; the message lists the problems.</exception>
    internal static CatalogValues ReadTagged(string json)
    {
        var errors = new List<string>();
        var values = new List<KeyValuePair<string, CatalogValue>>();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The answers must be a JSON object.");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                string path = QuotedText.Of(property.Name);
                if (property.Value.ValueKind != JsonValueKind.Object || !IsId(property.Name))
                {
                    errors.Add($"{path}: must be an object with one kind tag, named by a variable name.");
                    continue;
                }

                int count = 0;
                foreach (var tagged in property.Value.EnumerateObject())
                {
                    count++;
                    if (KindOf(tagged.Name) is not { } kind)
                    {
                        errors.Add($"{path}: '{QuotedText.Of(tagged.Name)}' is not a kind (expected text, number, choice, date, reference or boolean).");
                    }
                    else if (ReadNatural(tagged.Value, kind, $"{path}.{tagged.Name}", errors) is { } value)
                    {
                        values.Add(new(property.Name, value));
                    }
                }

                if (count != 1)
                {
                    errors.Add($"{path}: must have exactly one kind tag.");
                }
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"The answers are not valid JSON: {QuotedText.Message(e.Message)}", e);
        }

        if (errors.Count > 0)
        {
            throw new FormatException(ErrorList.Format("answers", errors));
        }

        try
        {
            return CatalogValues.Of(values);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"The answers are not a valid set: {QuotedText.Message(e.Message)}", e);
        }
    }

    internal static string Tag(CatalogVariableKind kind) => kind switch
    {
        CatalogVariableKind.Text => "text",
        CatalogVariableKind.Number => "number",
        CatalogVariableKind.Choice => "choice",
        CatalogVariableKind.Date => "date",
        CatalogVariableKind.Reference => "reference",
        _ => "boolean",
    };

    internal static CatalogVariableKind? KindOf(string? tag) => tag switch
    {
        "text" => CatalogVariableKind.Text,
        "number" => CatalogVariableKind.Number,
        "choice" => CatalogVariableKind.Choice,
        "date" => CatalogVariableKind.Date,
        "reference" => CatalogVariableKind.Reference,
        "boolean" => CatalogVariableKind.Boolean,
        _ => null,
    };

    internal static bool IsId(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= FieldLimits.Id && IdText.IsValid(value);

    private static CatalogValue? ReadChoice(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            string option = element.GetString()!;
            if (IsId(option))
            {
                return CatalogValue.Choice(option);
            }

            errors.Add($"{path}: '{QuotedText.Of(option)}' is not an option (non-blank id text).");
            return null;
        }

        var options = new List<string>();
        int before = errors.Count;
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            string at = string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]");
            if (item.ValueKind != JsonValueKind.String || !IsId(item.GetString()))
            {
                errors.Add($"{at}: must be an option (non-blank id text).");
            }
            else if (options.Contains(item.GetString()!))
            {
                errors.Add($"{at}: '{QuotedText.Of(item.GetString())}' is chosen twice.");
            }
            else
            {
                options.Add(item.GetString()!);
            }
        }

        if (options.Count > FieldLimits.Items)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: chooses {options.Count} options; at most {FieldLimits.Items}."));
        }

        return errors.Count > before ? null : CatalogValue.Choices(options);
    }

    private static string Expected(CatalogVariableKind kind) => kind switch
    {
        CatalogVariableKind.Text => "a string",
        CatalogVariableKind.Number => "a number (a decimal within ±7.9e28)",
        CatalogVariableKind.Choice => "an option or a list of options",
        CatalogVariableKind.Date => "a date string (\"yyyy-MM-dd\")",
        CatalogVariableKind.Reference => "an id string",
        _ => "true or false",
    };
}
