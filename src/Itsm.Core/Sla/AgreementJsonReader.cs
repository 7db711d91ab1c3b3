using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Itsm.Common;
using NodaTime;
using Itsm.Text;

namespace Itsm.Sla;

/// <summary>Reads an agreement, its scope and its targets from JSON, collecting every problem with its JSON path rather than stopping at the first.</summary>
internal static class AgreementJsonReader
{
    internal static Agreement? ReadAgreement(JsonElement element, string path, List<string> errors)
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
        string? supplier = null;
        var targets = new List<SlaTarget>();
        bool sawTargets = false;
        foreach (var property in element.EnumerateObject())
        {
            string at = path + "." + QuotedText.Of(property.Name);
            switch (property.Name)
            {
                case "id":
                    id = AgreementJsonValues.ReadString(property.Value, at, errors);
                    break;
                case "name":
                    name = AgreementJsonValues.ReadString(property.Value, at, errors);
                    break;
                case "kind":
                    switch (AgreementJsonValues.ReadString(property.Value, at, errors))
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
                            errors.Add($"{at}: '{QuotedText.Of(other)}' is not an agreement kind (expected sla, ola or underpinningContract).");
                            break;
                    }

                    break;
                case "scope":
                    scope = ReadScope(property.Value, at, errors);
                    break;
                case "supplier":
                    supplier = AgreementJsonValues.ReadString(property.Value, at, errors);
                    if (supplier is not null && (supplier.Length > Itsm.Common.FieldLimits.Id || !Itsm.Common.IdText.IsValid(supplier)))
                    {
                        errors.Add($"{at}: '{QuotedText.Of(supplier)}' is not a valid supplier id.");
                        supplier = null;
                    }

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
                    errors.Add($"{path}: '{QuotedText.Of(property.Name)}' is not an agreement property (expected id, name, kind, supplier, scope, targets).");
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

        if (supplier is not null && kind != AgreementKind.UnderpinningContract)
        {
            errors.Add($"{path}.supplier: only an underpinning contract names a supplier.");
            return null;
        }

        if (supplier is not null && Agreement.SupplierOutsideScope(scope, supplier) is { } outside)
        {
            errors.Add($"{path}.{outside}");
            return null;
        }

        return new Agreement(id!, name ?? id!, kind, scope, targets)
        {
            Supplier = supplier is null ? null : new Itsm.Services.SupplierId(supplier),
        };
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
            string at = path + "." + QuotedText.Of(property.Name);
            switch (property.Name)
            {
                case "services":
                    scope = scope with { Services = AgreementJsonValues.ReadStrings(property.Value, at, errors) };
                    break;
                case "offerings":
                    scope = scope with { Offerings = AgreementJsonValues.ReadStrings(property.Value, at, errors) };
                    break;
                case "assignmentGroups":
                    scope = scope with { AssignmentGroups = AgreementJsonValues.ReadStrings(property.Value, at, errors) };
                    break;
                case "suppliers":
                    scope = scope with { Suppliers = AgreementJsonValues.ReadStrings(property.Value, at, errors) };
                    break;
                case "configurationItems":
                    scope = scope with { ConfigurationItems = AgreementJsonValues.ReadStrings(property.Value, at, errors) };
                    break;
                case "priorities":
                    scope = scope with { Priorities = AgreementJsonValues.ReadPriorities(property.Value, at, errors) };
                    break;
                default:
                    errors.Add($"{path}: '{QuotedText.Of(property.Name)}' is not a scope property (expected services, offerings, assignmentGroups, suppliers, configurationItems, priorities).");
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
        var profile = SlaProfile.Itsm;
        SlaCancelRule? cancelWhen = null;
        var retroactiveStart = SlaRetroactiveStart.None;
        foreach (var property in element.EnumerateObject())
        {
            string at = path + "." + QuotedText.Of(property.Name);
            switch (property.Name)
            {
                case "metric":
                    var metricName = AgreementJsonValues.ReadString(property.Value, at, errors);
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
                    AgreementJsonDurations.ReadDurations(property.Value, at, durations, errors);
                    break;
                case "calendar":
                    calendar = AgreementJsonValues.ReadString(property.Value, at, errors);
                    break;
                case "warningThresholds":
                    thresholds = ReadThresholds(property.Value, at, errors);
                    break;
                case "conditions":
                    conditions = AgreementJsonConditions.ReadConditions(property.Value, at, errors);
                    break;
                case "priorityChange":
                    policy = ReadChoice(property.Value, at, errors, "a policy", policy, PriorityChangePolicies);
                    break;
                case "profile":
                    profile = ReadChoice(property.Value, at, errors, "a profile", profile, Profiles);
                    break;
                case "whenToCancel":
                    cancelWhen = ReadChoice(property.Value, at, errors, "a cancel rule", cancelWhen, CancelRules);
                    break;
                case "retroactiveStart":
                    retroactiveStart = ReadChoice(property.Value, at, errors, "a retroactive start", retroactiveStart, RetroactiveStarts);
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
                    errors.Add($"{path}: '{QuotedText.Of(property.Name)}' is not a target property (expected metric, durations, calendar, warningThresholds, conditions, priorityChange, retroactivePauses, profile, whenToCancel, retroactiveStart).");
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
            Profile = profile,
            CancelWhen = cancelWhen,
            RetroactiveStart = retroactiveStart,
        };
    }

    /// <summary>The words of each choice in the format, in the order the error message lists them.</summary>
    internal static readonly (string Word, PriorityChangePolicy Value)[] PriorityChangePolicies =
        [("retarget", PriorityChangePolicy.Retarget), ("cancelAndRestartRetroactive", PriorityChangePolicy.CancelAndRestartRetroactive), ("cancelAndAttach", PriorityChangePolicy.CancelAndAttach)];

    internal static readonly (string Word, SlaProfile Value)[] Profiles =
        [("itsm", SlaProfile.Itsm), ("serviceNow", SlaProfile.ServiceNow), ("jiraServiceManagement", SlaProfile.JiraServiceManagement)];

    internal static readonly (string Word, SlaCancelRule? Value)[] CancelRules =
        [("cancelConditionMet", SlaCancelRule.CancelConditionMet), ("startConditionNotMet", SlaCancelRule.StartConditionNotMet), ("never", SlaCancelRule.Never)];

    internal static readonly (string Word, SlaRetroactiveStart Value)[] RetroactiveStarts =
        [("none", SlaRetroactiveStart.None), ("opened", SlaRetroactiveStart.Opened), ("created", SlaRetroactiveStart.Created)];

    internal static string WordOf<T>((string Word, T Value)[] choices, T value) =>
        Array.Find(choices, c => EqualityComparer<T>.Default.Equals(c.Value, value)).Word;

    private static T ReadChoice<T>(JsonElement element, string at, List<string> errors, string what, T current, (string Word, T Value)[] choices)
    {
        var word = AgreementJsonValues.ReadString(element, at, errors);
        if (word is null)
        {
            return current;
        }

        foreach (var (w, value) in choices)
        {
            if (string.Equals(w, word, StringComparison.Ordinal))
            {
                return value;
            }
        }

        errors.Add($"{at}: '{QuotedText.Of(word)}' is not {what} (expected {string.Join(", ", choices.Select(c => c.Word))}).");
        return current;
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
}
