using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Itsm.Common;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Sla;

/// <summary>Reads and writes agreement definitions as JSON (docs/sla-definitions-json.md).</summary>
internal static class AgreementJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static IReadOnlyList<Agreement> ReadMany(string json, string paramName)
    {
        using var document = Parse(json, paramName);
        var root = document.RootElement;
        var errors = new List<string>();
        var agreements = new List<Agreement>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("agreements", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new SlaDefinitionException(["the document must be an object with an 'agreements' list."], paramName);
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "agreements")
            {
                errors.Add($"'{property.Name}' is not a property of the document (expected agreements).");
            }
        }

        int i = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array.EnumerateArray())
        {
            var agreement = ReadAgreement(item, $"agreements[{i}]", errors);
            if (agreement is not null && !ids.Add(agreement.Id))
            {
                errors.Add($"agreements[{i}].id: '{agreement.Id}' is used by an earlier agreement.");
            }

            if (agreement is not null)
            {
                agreements.Add(agreement);
            }

            i++;
        }

        if (errors.Count > 0)
        {
            throw new SlaDefinitionException(errors, paramName);
        }

        return agreements;
    }

    internal static Agreement ReadOne(string json, string paramName)
    {
        using var document = Parse(json, paramName);
        var errors = new List<string>();
        var agreement = ReadAgreement(document.RootElement, "agreement", errors);
        if (errors.Count > 0 || agreement is null)
        {
            throw new SlaDefinitionException(errors.Count > 0 ? errors : ["agreement: could not be read."], paramName);
        }

        return agreement;
    }

    internal static string WriteMany(IEnumerable<Agreement> agreements) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("agreements");
        foreach (var agreement in agreements)
        {
            WriteAgreement(writer, agreement);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    internal static string WriteOne(Agreement agreement) => Write(writer => WriteAgreement(writer, agreement));

    private static JsonDocument Parse(string json, string paramName)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new SlaDefinitionException([$"the text is not valid JSON: {ex.Message}"], paramName);
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Agreement? ReadAgreement(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object.");
            return null;
        }

        int before = errors.Count;
        string? id = null;
        string? name = null;
        var kind = AgreementKind.ServiceLevelAgreement;
        var scope = AgreementScope.Everything;
        var targets = new List<SlaTarget>();
        bool sawTargets = false;
        foreach (var property in element.EnumerateObject())
        {
            string at = path + "." + property.Name;
            switch (property.Name)
            {
                case "id":
                    id = ReadString(property.Value, at, errors);
                    break;
                case "name":
                    name = ReadString(property.Value, at, errors);
                    break;
                case "kind":
                    switch (ReadString(property.Value, at, errors))
                    {
                        case null:
                            break;
                        case "sla":
                            kind = AgreementKind.ServiceLevelAgreement;
                            break;
                        case "ola":
                            kind = AgreementKind.OperationalLevelAgreement;
                            break;
                        case "underpinningContract":
                            kind = AgreementKind.UnderpinningContract;
                            break;
                        case var other:
                            errors.Add($"{at}: '{other}' is not an agreement kind (expected sla, ola or underpinningContract).");
                            break;
                    }

                    break;
                case "scope":
                    scope = ReadScope(property.Value, at, errors);
                    break;
                case "targets":
                    sawTargets = true;
                    if (property.Value.ValueKind != JsonValueKind.Array)
                    {
                        errors.Add($"{at}: must be a list of targets.");
                        break;
                    }

                    int t = 0;
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        var target = ReadTarget(item, $"{at}[{t++}]", errors);
                        if (target is not null)
                        {
                            targets.Add(target);
                        }
                    }

                    break;
                default:
                    errors.Add($"{path}: '{property.Name}' is not an agreement property (expected id, name, kind, scope, targets).");
                    break;
            }
        }

        if (id is null && !element.TryGetProperty("id", out _))
        {
            errors.Add($"{path}.id: is missing.");
        }

        if (!sawTargets)
        {
            errors.Add($"{path}.targets: is missing.");
        }

        if (errors.Count > before)
        {
            return null;
        }

        var problems = Agreement.Validate(id, name ?? id, kind, scope, targets.ToArray(), false);
        if (problems.Count > 0)
        {
            errors.AddRange(problems.Select(p => path + "." + p));
            return null;
        }

        return new Agreement(id!, name ?? id!, kind, scope, targets);
    }

    private static AgreementScope ReadScope(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object.");
            return AgreementScope.Everything;
        }

        var scope = AgreementScope.Everything;
        foreach (var property in element.EnumerateObject())
        {
            string at = path + "." + property.Name;
            switch (property.Name)
            {
                case "services":
                    scope = scope with { Services = ReadStrings(property.Value, at, errors) };
                    break;
                case "offerings":
                    scope = scope with { Offerings = ReadStrings(property.Value, at, errors) };
                    break;
                case "assignmentGroups":
                    scope = scope with { AssignmentGroups = ReadStrings(property.Value, at, errors) };
                    break;
                case "suppliers":
                    scope = scope with { Suppliers = ReadStrings(property.Value, at, errors) };
                    break;
                case "priorities":
                    scope = scope with { Priorities = ReadPriorities(property.Value, at, errors) };
                    break;
                default:
                    errors.Add($"{path}: '{property.Name}' is not a scope property (expected services, offerings, assignmentGroups, suppliers, priorities).");
                    break;
            }
        }

        return scope;
    }

    private static SlaTarget? ReadTarget(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object.");
            return null;
        }

        int before = errors.Count;
        SlaMetric? metric = null;
        var durations = new Dictionary<Priority, Duration>();
        string? calendar = null;
        IReadOnlyList<double> thresholds = [50.0, 75.0];
        SlaConditions? conditions = null;
        var policy = PriorityChangePolicy.Retarget;
        bool retroactivePauses = false;
        foreach (var property in element.EnumerateObject())
        {
            string at = path + "." + property.Name;
            switch (property.Name)
            {
                case "metric":
                    var metricName = ReadString(property.Value, at, errors);
                    if (!string.IsNullOrWhiteSpace(metricName))
                    {
                        metric = new SlaMetric(metricName);
                    }
                    else if (metricName is not null)
                    {
                        errors.Add($"{at}: must not be empty.");
                    }

                    break;
                case "durations":
                    ReadDurations(property.Value, at, durations, errors);
                    break;
                case "calendar":
                    calendar = ReadString(property.Value, at, errors);
                    break;
                case "warningThresholds":
                    thresholds = ReadThresholds(property.Value, at, errors);
                    break;
                case "conditions":
                    conditions = ReadConditions(property.Value, at, errors);
                    break;
                case "priorityChange":
                    switch (ReadString(property.Value, at, errors))
                    {
                        case null:
                            break;
                        case "retarget":
                            policy = PriorityChangePolicy.Retarget;
                            break;
                        case "cancelAndRestartRetroactive":
                            policy = PriorityChangePolicy.CancelAndRestartRetroactive;
                            break;
                        case var other:
                            errors.Add($"{at}: '{other}' is not a policy (expected retarget or cancelAndRestartRetroactive).");
                            break;
                    }

                    break;
                case "retroactivePauses":
                    if (property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        retroactivePauses = property.Value.GetBoolean();
                    }
                    else
                    {
                        errors.Add($"{at}: must be true or false.");
                    }

                    break;
                default:
                    errors.Add($"{path}: '{property.Name}' is not a target property (expected metric, durations, calendar, warningThresholds, conditions, priorityChange, retroactivePauses).");
                    break;
            }
        }

        foreach (var required in new[] { "metric", "durations", "conditions" })
        {
            if (!element.TryGetProperty(required, out _))
            {
                errors.Add($"{path}.{required}: is missing.");
            }
        }

        if (errors.Count > before || metric is null || conditions is null)
        {
            return null;
        }

        return new SlaTarget
        {
            Metric = metric.Value,
            Durations = durations,
            CalendarId = calendar,
            WarningThresholds = thresholds,
            Conditions = conditions,
            PriorityChangePolicy = policy,
            RetroactivePauses = retroactivePauses,
        };
    }

    private static void ReadDurations(JsonElement element, string path, Dictionary<Priority, Duration> durations, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object from priority (\"1\" to \"5\") to an ISO 8601 duration such as \"PT4H\".");
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            string at = $"{path}.{property.Name}";
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value is < 1 or > 5)
            {
                errors.Add($"{path}: '{property.Name}' is not a priority (\"1\" to \"5\").");
                continue;
            }

            var text = ReadString(property.Value, at, errors);
            if (text is null)
            {
                continue;
            }

            if (TryParseDuration(text, out var duration))
            {
                durations[new Priority(value)] = duration;
            }
            else
            {
                errors.Add($"{at}: '{text}' is not an ISO 8601 duration of days, hours, minutes and seconds (for example \"PT4H\", \"PT30M\", \"P2DT4H\").");
            }
        }
    }

    internal static bool TryParseDuration(string text, out Duration duration)
    {
        duration = default;
        var result = PeriodPattern.NormalizingIso.Parse(text);
        if (!result.Success || result.Value.Years != 0 || result.Value.Months != 0)
        {
            return false;
        }

        duration = result.Value.ToDuration();
        return true;
    }

    // Hours, not days: "P1D" would read as one business day to a person, and a target is business time.
    internal static string FormatDuration(Duration duration)
    {
        long nanos = duration.ToInt64Nanoseconds();
        long hours = nanos / NodaConstants.NanosecondsPerHour;
        long minutes = nanos % NodaConstants.NanosecondsPerHour / NodaConstants.NanosecondsPerMinute;
        long secondNanos = nanos % NodaConstants.NanosecondsPerMinute;
        var text = new StringBuilder("PT");
        if (hours != 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
        }

        if (minutes != 0)
        {
            text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
        }

        if (secondNanos != 0 || (hours == 0 && minutes == 0))
        {
            long seconds = secondNanos / NodaConstants.NanosecondsPerSecond;
            long fraction = secondNanos % NodaConstants.NanosecondsPerSecond;
            text.Append(seconds.ToString(CultureInfo.InvariantCulture));
            if (fraction != 0)
            {
                text.Append('.').Append(fraction.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0'));
            }

            text.Append('S');
        }

        return text.ToString();
    }

    private static IReadOnlyList<double> ReadThresholds(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}: must be a list of percentages.");
            return [];
        }

        var list = new List<double>();
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetDouble(out double percent))
            {
                list.Add(percent);
            }
            else
            {
                errors.Add($"{path}[{i}]: must be a number (a percentage of the target).");
            }

            i++;
        }

        return list;
    }

    private static SlaConditions? ReadConditions(JsonElement element, string path, List<string> errors)
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
            string at = path + "." + property.Name;
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
                    errors.Add($"{path}: '{property.Name}' is not a condition (expected start, pause, resume, stop, cancel, reset).");
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
            string? field = ReadString(element.GetProperty("field"), path + ".field", errors);
            var values = ReadStrings(element.GetProperty("in"), path + ".in", errors);
            if (field is null)
            {
                return null;
            }

            if (!SlaCondition.IsKnownField(field))
            {
                errors.Add($"{path}.field: '{field}' is not a field (expected {string.Join(", ", SlaCondition.FieldNames)} or attributes.<name>).");
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
                var values = ReadStrings(only.Value, at, errors);
                return NonEmpty(values, at, errors) ? SlaCondition.FieldIn("state", values) : null;
            }

            case "onHoldReasonIn":
            {
                var values = ReadStrings(only.Value, at, errors);
                return NonEmpty(values, at, errors) ? SlaCondition.FieldIn("onHoldReason", values) : null;
            }

            case "priorityIn":
            {
                var values = ReadPriorities(only.Value, at, errors);
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
                errors.Add($"{path}: '{only.Name}' is not a condition (expected stateIn, priorityIn, onHoldReasonIn, all, any, not, or field with in).");
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

    private static string? ReadString(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}: must be a string.");
            return null;
        }

        return element.GetString();
    }

    private static IReadOnlyList<string> ReadStrings(JsonElement element, string path, List<string> errors)
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

    private static IReadOnlyList<Priority> ReadPriorities(JsonElement element, string path, List<string> errors)
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

    private static void WriteAgreement(Utf8JsonWriter writer, Agreement agreement)
    {
        writer.WriteStartObject();
        writer.WriteString("id", agreement.Id);
        writer.WriteString("name", agreement.Name);
        writer.WriteString("kind", agreement.Kind switch
        {
            AgreementKind.OperationalLevelAgreement => "ola",
            AgreementKind.UnderpinningContract => "underpinningContract",
            _ => "sla",
        });
        var scope = agreement.Scope;
        writer.WriteStartObject("scope");
        WriteStrings(writer, "services", scope.Services);
        WriteStrings(writer, "offerings", scope.Offerings);
        WriteStrings(writer, "assignmentGroups", scope.AssignmentGroups);
        WriteStrings(writer, "suppliers", scope.Suppliers);
        if (scope.Priorities.Count > 0)
        {
            writer.WriteStartArray("priorities");
            foreach (var priority in scope.Priorities)
            {
                writer.WriteNumberValue(priority.Value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteStartArray("targets");
        for (int i = 0; i < agreement.Targets.Count; i++)
        {
            WriteTarget(writer, agreement.Targets[i], $"{agreement.Id}.targets[{i}]");
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteTarget(Utf8JsonWriter writer, SlaTarget target, string path)
    {
        writer.WriteStartObject();
        writer.WriteString("metric", target.Metric.Name);
        writer.WriteStartObject("durations");
        foreach (var (priority, duration) in target.Durations.OrderBy(d => d.Key.Value))
        {
            writer.WriteString(priority.Value.ToString(CultureInfo.InvariantCulture), FormatDuration(duration));
        }

        writer.WriteEndObject();
        if (target.CalendarId is not null)
        {
            writer.WriteString("calendar", target.CalendarId);
        }

        writer.WriteStartArray("warningThresholds");
        foreach (double percent in target.WarningThresholds)
        {
            writer.WriteNumberValue(percent);
        }

        writer.WriteEndArray();
        var c = target.Conditions;
        writer.WriteStartObject("conditions");
        WriteCondition(writer, "start", c.Start, path);
        WriteCondition(writer, "pause", c.Pause, path);
        if (c.Resume is not null)
        {
            WriteCondition(writer, "resume", c.Resume, path);
        }

        WriteCondition(writer, "stop", c.Stop, path);
        WriteCondition(writer, "cancel", c.Cancel, path);
        WriteCondition(writer, "reset", c.Reset, path);
        writer.WriteEndObject();
        writer.WriteString("priorityChange", target.PriorityChangePolicy == PriorityChangePolicy.Retarget ? "retarget" : "cancelAndRestartRetroactive");
        if (target.RetroactivePauses)
        {
            writer.WriteBoolean("retroactivePauses", true);
        }

        writer.WriteEndObject();
    }

    private static void WriteCondition(Utf8JsonWriter writer, string name, SlaCondition condition, string path)
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
                        WriteStrings(writer, "stateIn", fieldIn.Values, always: true);
                        break;
                    case "onHoldReason":
                        WriteStrings(writer, "onHoldReasonIn", fieldIn.Values, always: true);
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
                        WriteStrings(writer, "in", fieldIn.Values, always: true);
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
                throw new InvalidOperationException($"{path}: the condition '{condition}' is written in code (SlaCondition.Predicate) and cannot be written as JSON.");
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values, bool always = false)
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
