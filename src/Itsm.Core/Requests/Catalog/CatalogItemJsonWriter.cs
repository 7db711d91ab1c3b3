using System.Text.Json;
using NodaTime.Text;

namespace Itsm.Requests;

/// <summary>Writes catalog items in the JSON format of docs/catalog-items-json.md; only what differs from a default is written.</summary>
internal static class CatalogItemJsonWriter
{
    internal static void WriteItem(Utf8JsonWriter writer, CatalogItem item)
    {
        writer.WriteStartObject();
        writer.WriteString("id", item.Id);
        writer.WriteBoolean("requiresApproval", item.RequiresApproval);
        if (item.Variables.Count > 0)
        {
            writer.WriteStartArray("variables");
            foreach (var variable in item.Variables)
            {
                WriteVariable(writer, variable);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteVariable(Utf8JsonWriter writer, CatalogVariable variable)
    {
        writer.WriteStartObject();
        writer.WriteString("name", variable.Name);
        writer.WriteString("kind", CatalogValuesJson.Tag(variable.Kind));
        if (variable.Label is not null)
        {
            writer.WriteString("label", variable.Label);
        }

        if (variable.Required)
        {
            writer.WriteBoolean("required", true);
        }

        switch (variable)
        {
            case TextVariable text:
                if (text.MaxLength != Common.FieldLimits.Text)
                {
                    writer.WriteNumber("maxLength", text.MaxLength);
                }

                if (text.Pattern is not null)
                {
                    writer.WriteString("pattern", text.Pattern);
                }

                break;
            case NumberVariable number:
                if (number.Min is { } min)
                {
                    writer.WriteNumber("min", min);
                }

                if (number.Max is { } max)
                {
                    writer.WriteNumber("max", max);
                }

                if (number.IntegerOnly)
                {
                    writer.WriteBoolean("integerOnly", true);
                }

                break;
            case ChoiceVariable choice:
                writer.WriteStartArray("options");
                foreach (var option in choice.Options)
                {
                    writer.WriteStringValue(option);
                }

                writer.WriteEndArray();
                if (choice.Multiple)
                {
                    writer.WriteBoolean("multiple", true);
                }

                break;
            case DateVariable date:
                if (date.Min is { } from)
                {
                    writer.WriteString("min", LocalDatePattern.Iso.Format(from));
                }

                if (date.Max is { } to)
                {
                    writer.WriteString("max", LocalDatePattern.Iso.Format(to));
                }

                break;
            case ReferenceVariable reference:
                writer.WriteString("target", CatalogItemJsonReader.TargetName(reference.Target));
                break;
        }

        if (variable.Default is { } fallback)
        {
            writer.WritePropertyName("default");
            CatalogValuesJson.WriteNatural(writer, fallback);
        }

        if (variable.VisibleWhen is { } when)
        {
            writer.WriteStartObject("visibleWhen");
            writer.WriteString("variable", when.Variable);
            writer.WriteStartArray("in");
            foreach (var value in when.AnyOf)
            {
                CatalogValuesJson.WriteNatural(writer, value);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
