using System;
using System.Collections.Generic;
using System.Text.Json;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Sla;
using Itsm.Text;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Governance;

/// <summary>Reads and writes control definitions as JSON (docs/governance.md), collecting every problem with its JSON path rather than stopping at the first.</summary>
internal static class ControlDefinitionJson
{
    private static readonly (ControlKind Kind, string Name)[] Kinds =
    [
        (ControlKind.NormalChangeAuthorized, "normalChangeAuthorized"),
        (ControlKind.EmergencyChangeReviewed, "emergencyChangeReviewed"),
        (ControlKind.NoSelfApproval, "noSelfApproval"),
        (ControlKind.MajorIncidentReviewed, "majorIncidentReviewed"),
        (ControlKind.NoChangeInBlackout, "noChangeInBlackout"),
    ];

    internal static string KindName(ControlKind kind) => Array.Find(Kinds, k => k.Kind == kind).Name ?? kind.ToString();

    internal static IReadOnlyList<ControlDefinition> ReadMany(string json, string paramName)
    {
        using var document = Parse(json, paramName);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("controls", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new ControlDefinitionException(["the document must be an object with a 'controls' list."], paramName);
        }

        var errors = new List<string>();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "controls")
            {
                errors.Add($"'{QuotedText.Of(property.Name)}' is not a property of the document (expected controls).");
            }
        }

        var controls = new List<ControlDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var control = Read(item, $"controls[{i}]", errors);
            if (control is not null && !ids.Add(control.Id))
            {
                errors.Add($"controls[{i}].id: '{QuotedText.Of(control.Id)}' is used by an earlier control.");
            }

            if (control is not null)
            {
                controls.Add(control);
            }

            i++;
        }

        return errors.Count > 0 ? throw new ControlDefinitionException(errors, paramName) : controls.AsReadOnly();
    }

    internal static ControlDefinition ReadOne(string json, string paramName)
    {
        using var document = Parse(json, paramName);
        var errors = new List<string>();
        var control = Read(document.RootElement, "control", errors);
        return errors.Count > 0 || control is null
            ? throw new ControlDefinitionException(errors.Count > 0 ? errors : ["control: could not be read."], paramName)
            : control;
    }

    internal static string WriteMany(IEnumerable<ControlDefinition> controls) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("controls");
        foreach (var control in controls)
        {
            WriteControl(writer, control);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    internal static string WriteOne(ControlDefinition control) => Write(writer => WriteControl(writer, control));

    private static ControlDefinition? Read(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object.");
            return null;
        }

        int before = errors.Count;
        string? id = null;
        string? name = null;
        ControlKind? kind = null;
        int? days = null;
        DayCount? dayCount = null;
        IReadOnlyList<string>? recordTypes = null;
        List<BlackoutWindow?>? blackouts = null;
        foreach (var property in element.EnumerateObject())
        {
            string at = path + "." + QuotedText.Of(property.Name);
            var value = property.Value;
            switch (property.Name)
            {
                case "id":
                    id = ReadString(value, at, errors);
                    break;
                case "name":
                    name = ReadString(value, at, errors);
                    break;
                case "kind":
                    var kindName = ReadString(value, at, errors);
                    int found = Array.FindIndex(Kinds, k => k.Name == kindName);
                    if (found >= 0)
                    {
                        kind = Kinds[found].Kind;
                    }
                    else if (kindName is not null)
                    {
                        errors.Add($"{at}: '{QuotedText.Of(kindName)}' is not a control kind (expected {string.Join(", ", Array.ConvertAll(Kinds, k => k.Name))}).");
                    }

                    break;
                case "days":
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number))
                    {
                        days = number;
                    }
                    else
                    {
                        errors.Add($"{at}: must be a whole number of days.");
                    }

                    break;
                case "dayCount":
                    switch (ReadString(value, at, errors))
                    {
                        case null:
                            break;
                        case "calendar":
                            dayCount = DayCount.Calendar;
                            break;
                        case "business":
                            dayCount = DayCount.Business;
                            break;
                        case var other:
                            errors.Add($"{at}: '{QuotedText.Of(other)}' is not a day count (expected calendar or business).");
                            break;
                    }

                    break;
                case "recordTypes":
                    recordTypes = ReadStrings(value, at, errors);
                    break;
                case "blackouts":
                    blackouts = ReadBlackouts(value, at, errors);
                    break;
                default:
                    errors.Add($"{path}: '{QuotedText.Of(property.Name)}' is not a control property (expected id, name, kind, days, dayCount, recordTypes, blackouts).");
                    break;
            }
        }

        if (!element.TryGetProperty("kind", out _))
        {
            errors.Add($"{path}.kind: is missing.");
        }

        if (errors.Count > before || kind is null)
        {
            if (id is null && !element.TryGetProperty("id", out _))
            {
                errors.Add($"{path}.id: is missing.");
            }

            return null;
        }

        var problems = new List<string>();
        var control = ControlDefinition.TryCreate(id, name, kind.Value, days, dayCount, recordTypes, blackouts, problems);
        errors.AddRange(problems.ConvertAll(p => path + "." + p));
        return control;
    }

    private static List<BlackoutWindow?>? ReadBlackouts(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}: must be a list of blackout windows.");
            return null;
        }

        var list = new List<BlackoutWindow?>();
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            list.Add(ReadBlackout(item, $"{path}[{i++}]", errors));
        }

        return list;
    }

    private static BlackoutWindow? ReadBlackout(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object.");
            return null;
        }

        int before = errors.Count;
        string? name = null;
        Instant? start = null;
        Instant? end = null;
        IReadOnlyList<string> services = [];
        foreach (var property in element.EnumerateObject())
        {
            string at = path + "." + QuotedText.Of(property.Name);
            switch (property.Name)
            {
                case "name":
                    name = ReadString(property.Value, at, errors);
                    break;
                case "start":
                    start = ReadInstant(property.Value, at, errors);
                    break;
                case "end":
                    end = ReadInstant(property.Value, at, errors);
                    break;
                case "services":
                    services = ReadStrings(property.Value, at, errors);
                    break;
                default:
                    errors.Add($"{path}: '{QuotedText.Of(property.Name)}' is not a blackout window property (expected name, start, end, services).");
                    break;
            }
        }

        foreach (var required in (ReadOnlySpan<string>)["name", "start", "end"])
        {
            if (!element.TryGetProperty(required, out _))
            {
                errors.Add($"{path}.{required}: is missing.");
            }
        }

        if (start is { } s && end is { } e && e <= s)
        {
            errors.Add($"{path}.end: must be after the start.");
        }

        if (errors.Count > before)
        {
            return null;
        }

        try
        {
            return new BlackoutWindow(name!, new Interval(start!.Value, end!.Value), services);
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{path}: {QuotedText.Message(ex.Message)}");
            return null;
        }
    }

    private static Instant? ReadInstant(JsonElement element, string path, List<string> errors)
    {
        var text = ReadString(element, path, errors);
        if (text is null)
        {
            return null;
        }

        var parsed = InstantPattern.ExtendedIso.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value;
        }

        errors.Add($"{path}: '{QuotedText.Of(text)}' is not an ISO 8601 instant in UTC (for example \"2026-12-20T00:00:00Z\").");
        return null;
    }

    private static string? ReadString(JsonElement element, string path, List<string> errors) => AgreementJsonValues.ReadString(element, path, errors);

    private static IReadOnlyList<string> ReadStrings(JsonElement element, string path, List<string> errors) => AgreementJsonValues.ReadStrings(element, path, errors);

    private static void WriteControl(Utf8JsonWriter writer, ControlDefinition control)
    {
        writer.WriteStartObject();
        writer.WriteString("id", control.Id);
        if (control.Name != control.Id)
        {
            writer.WriteString("name", control.Name);
        }

        writer.WriteString("kind", KindName(control.Kind));
        if (control.Days is { } days)
        {
            writer.WriteNumber("days", days);
        }

        if (control.DayCount is { } dayCount)
        {
            writer.WriteString("dayCount", dayCount == DayCount.Business ? "business" : "calendar");
        }

        if (control.Kind == ControlKind.NoSelfApproval)
        {
            WriteStrings(writer, "recordTypes", control.RecordTypes);
        }

        if (control.Kind == ControlKind.NoChangeInBlackout)
        {
            writer.WriteStartArray("blackouts");
            foreach (var blackout in control.Blackouts)
            {
                writer.WriteStartObject();
                writer.WriteString("name", blackout.Name);
                writer.WriteString("start", InstantPattern.ExtendedIso.Format(blackout.Window.Start));
                writer.WriteString("end", InstantPattern.ExtendedIso.Format(blackout.Window.End));
                if (blackout.Services.Count > 0)
                {
                    WriteStrings(writer, "services", blackout.Services);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static JsonDocument Parse(string json, string paramName) =>
        DefinitionJson.ParseChecked(json, problem => new ControlDefinitionException([problem], paramName));

    private static string Write(Action<Utf8JsonWriter> write) => DefinitionJson.Write(write);
}
