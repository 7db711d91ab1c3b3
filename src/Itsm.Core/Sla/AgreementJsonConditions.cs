using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Itsm.Text;

namespace Itsm.Sla;

/// <summary>Reads and writes SLA conditions (start, pause, resume, stop, cancel, reset) as JSON.</summary>
internal static class AgreementJsonConditions
{
    internal static SlaConditions? ReadConditions(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object with start, stop and optionally pause, resume, cancel, reset.");
            return null;
        }

        SlaCondition? start = null, stop = null, resume = null;
        SlaCondition pause = SlaCondition.Never, cancel = SlaCondition.Never, reset = SlaCondition.Never;
        foreach (var property in element.EnumerateObject())
        {
            string at = path + "." + QuotedText.Of(property.Name);
            var condition = ReadCondition(property.Value, at, errors);
            switch (property.Name)
            {
                case "start":
                    start = condition;
                    break;
                case "stop":
                    stop = condition;
                    break;
                case "pause":
                    pause = condition ?? pause;
                    break;
                case "resume":
                    resume = condition;
                    break;
                case "cancel":
                    cancel = condition ?? cancel;
                    break;
                case "reset":
                    reset = condition ?? reset;
                    break;
                default:
                    errors.Add($"{path}: '{QuotedText.Of(property.Name)}' is not a condition (expected start, pause, resume, stop, cancel, reset).");
                    break;
            }
        }

        if (!element.TryGetProperty("start", out _))
        {
            errors.Add($"{path}.start: is missing.");
        }

        if (!element.TryGetProperty("stop", out _))
        {
            errors.Add($"{path}.stop: is missing.");
        }

        return start is null || stop is null
            ? null
            : new SlaConditions { Start = start, Stop = stop, Pause = pause, Resume = resume, Cancel = cancel, Reset = reset };
    }

    internal static SlaCondition? ReadCondition(JsonElement element, string path, List<string> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return SlaCondition.Always;
            case JsonValueKind.False:
                return SlaCondition.Never;
            case JsonValueKind.Object:
                break;
            default:
                errors.Add($"{path}: a condition is true, false, or an object such as {{ \"stateIn\": [\"New\"] }}.");
                return null;
        }

        var properties = element.EnumerateObject().ToArray();
        string[] names = properties.Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        if (names.SequenceEqual(["field", "in"]))
        {
            string? field = AgreementJsonValues.ReadString(element.GetProperty("field"), path + ".field", errors);
            var values = AgreementJsonValues.ReadStrings(element.GetProperty("in"), path + ".in", errors);
            if (field is null)
            {
                return null;
            }

            if (!SlaCondition.IsKnownField(field))
            {
                errors.Add($"{path}.field: '{QuotedText.Of(field)}' is not a field (expected {string.Join(", ", SlaCondition.FieldNames)} or attributes.<name>).");
                return null;
            }

            return NonEmpty(values, path + ".in", errors) ? SlaCondition.FieldIn(field, values) : null;
        }

        if (properties.Length != 1)
        {
            errors.Add($"{path}: a condition object has one of stateIn, priorityIn, onHoldReasonIn, all, any, not, or both field and in.");
            return null;
        }

        var only = properties[0];
        string at = path + "." + only.Name;
        switch (only.Name)
        {
            case "stateIn":
            {
                var values = AgreementJsonValues.ReadStrings(only.Value, at, errors);
                return NonEmpty(values, at, errors) ? SlaCondition.FieldIn("state", values) : null;
            }

            case "onHoldReasonIn":
            {
                var values = AgreementJsonValues.ReadStrings(only.Value, at, errors);
                return NonEmpty(values, at, errors) ? SlaCondition.FieldIn("onHoldReason", values) : null;
            }

            case "priorityIn":
            {
                var values = AgreementJsonValues.ReadPriorities(only.Value, at, errors);
                return NonEmpty(values, at, errors) ? SlaCondition.PriorityIn(values.ToArray()) : null;
            }

            case "all":
            case "any":
            {
                if (only.Value.ValueKind != JsonValueKind.Array)
                {
                    errors.Add($"{at}: must be a list of conditions.");
                    return null;
                }

                int before = errors.Count;
                var parts = new List<SlaCondition>();
                int i = 0;
                foreach (var item in only.Value.EnumerateArray())
                {
                    var part = ReadCondition(item, $"{at}[{i++}]", errors);
                    if (part is not null)
                    {
                        parts.Add(part);
                    }
                }

                if (errors.Count > before)
                {
                    return null;
                }

                return only.Name == "all" ? SlaCondition.All(parts.ToArray()) : SlaCondition.Any(parts.ToArray());
            }

            case "not":
            {
                var inner = ReadCondition(only.Value, at, errors);
                return inner is null ? null : SlaCondition.Not(inner);
            }

            default:
                errors.Add($"{path}: '{QuotedText.Of(only.Name)}' is not a condition (expected stateIn, priorityIn, onHoldReasonIn, all, any, not, or field with in).");
                return null;
        }
    }

    private static bool NonEmpty<T>(IReadOnlyList<T> values, string path, List<string> errors)
    {
        if (values.Count == 0)
        {
            errors.Add($"{path}: must list at least one value.");
            return false;
        }

        return true;
    }

    internal static void WriteCondition(Utf8JsonWriter writer, string name, SlaCondition condition, string path)
    {
        writer.WritePropertyName(name);
        WriteConditionValue(writer, condition, $"{path}.conditions.{name}");
    }

    internal static void WriteConditionValue(Utf8JsonWriter writer, SlaCondition condition, string path)
    {
        switch (condition)
        {
            case SlaCondition.ConstantCondition constant:
                writer.WriteBooleanValue(constant.Value);
                break;
            case SlaCondition.FieldInCondition fieldIn:
                writer.WriteStartObject();
                switch (fieldIn.Field)
                {
                    case "state":
                        AgreementJsonValues.WriteStrings(writer, "stateIn", fieldIn.Values, always: true);
                        break;
                    case "onHoldReason":
                        AgreementJsonValues.WriteStrings(writer, "onHoldReasonIn", fieldIn.Values, always: true);
                        break;
                    case "priority" when fieldIn.Values.All(v => v is "1" or "2" or "3" or "4" or "5"):
                        writer.WriteStartArray("priorityIn");
                        foreach (var value in fieldIn.Values)
                        {
                            writer.WriteNumberValue(int.Parse(value, CultureInfo.InvariantCulture));
                        }

                        writer.WriteEndArray();
                        break;
                    default:
                        writer.WriteString("field", fieldIn.Field);
                        AgreementJsonValues.WriteStrings(writer, "in", fieldIn.Values, always: true);
                        break;
                }

                writer.WriteEndObject();
                break;
            case SlaCondition.CompositeCondition composite:
                writer.WriteStartObject();
                writer.WriteStartArray(composite.IsAll ? "all" : "any");
                for (int i = 0; i < composite.Conditions.Count; i++)
                {
                    WriteConditionValue(writer, composite.Conditions[i], $"{path}[{i}]");
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            case SlaCondition.NotCondition not:
                writer.WriteStartObject();
                writer.WritePropertyName("not");
                WriteConditionValue(writer, not.Inner, path + ".not");
                writer.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException($"{path}: the condition '{QuotedText.Of(condition)}' is written in code (SlaCondition.Predicate) and cannot be written as JSON.");
        }
    }
}
