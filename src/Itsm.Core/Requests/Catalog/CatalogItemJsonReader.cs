using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Itsm.Common;
using Itsm.Text;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Requests;

/// <summary>Reads catalog items from JSON (docs/catalog-items-json.md), collecting every problem with its JSON path rather than stopping at the first.</summary>
internal static class CatalogItemJsonReader
{
    private static readonly string[] TargetNames =
        ["configurationItem", "service", "serviceOffering", "supportGroup", "supplier", "incident", "problem", "change", "serviceRequest"];

    private static readonly Dictionary<CatalogVariableKind, string[]> KindProperties = new()
    {
        [CatalogVariableKind.Text] = ["maxLength", "pattern"],
        [CatalogVariableKind.Number] = ["min", "max", "integerOnly"],
        [CatalogVariableKind.Choice] = ["options", "multiple"],
        [CatalogVariableKind.Date] = ["min", "max"],
        [CatalogVariableKind.Reference] = ["target"],
        [CatalogVariableKind.Boolean] = [],
    };

    private static readonly string[] CommonProperties = ["name", "kind", "label", "required", "default", "visibleWhen"];

    internal static string TargetName(CatalogReferenceTarget target) => TargetNames[(int)target];

    internal static CatalogItem? ReadItem(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object.");
            return null;
        }

        int before = errors.Count;
        string? id = null;
        bool requiresApproval = false;
        var variables = new List<CatalogVariable>();
        foreach (var property in element.EnumerateObject())
        {
            string at = path + "." + QuotedText.Of(property.Name);
            switch (property.Name)
            {
                case "id":
                    id = ReadString(property.Value, at, errors);
                    if (id is not null && !CatalogValuesJson.IsId(id))
                    {
                        errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}: '{QuotedText.Of(id)}' is not an id (non-blank id text of at most {FieldLimits.Id} characters)."));
                        id = null;
                    }

                    break;
                case "requiresApproval":
                    requiresApproval = ReadBool(property.Value, at, errors) ?? false;
                    break;
                case "variables":
                    ReadVariables(property.Value, at, errors, variables);
                    break;
                default:
                    errors.Add($"{path}: '{QuotedText.Of(property.Name)}' is not a catalog item property (expected id, requiresApproval, variables).");
                    break;
            }
        }

        if (!element.TryGetProperty("id", out _))
        {
            errors.Add($"{path}.id: is missing.");
        }

        if (errors.Count > before || id is null)
        {
            return null;
        }

        var problems = CatalogRules.DefinitionProblems(variables);
        if (problems.Count > 0)
        {
            errors.AddRange(problems.Select(p => path + "." + p));
            return null;
        }

        return CatalogItem.Checked(id, requiresApproval, variables);
    }

    private static void ReadVariables(JsonElement element, string path, List<string> errors, List<CatalogVariable> variables)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}: must be a list of variables.");
            return;
        }

        int count = element.GetArrayLength();
        if (count > FieldLimits.Items)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: lists {count} variables; at most {FieldLimits.Items}."));
            return;
        }

        // Visibility values take the form of the controlling variable's kind, which may be defined further down.
        var kinds = new Dictionary<string, CatalogVariableKind>(StringComparer.Ordinal);
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && item.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && CatalogValuesJson.KindOf(kind.GetString()) is { } k)
            {
                kinds.TryAdd(name.GetString()!, k);
            }
        }

        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (ReadVariable(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"), errors, kinds) is { } variable)
            {
                variables.Add(variable);
            }
        }
    }

    private static CatalogVariable? ReadVariable(JsonElement element, string path, List<string> errors, Dictionary<string, CatalogVariableKind> kinds)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object.");
            return null;
        }

        int before = errors.Count;
        string? name = element.TryGetProperty("name", out var n) ? ReadString(n, path + ".name", errors) : null;
        if (name is not null && !CatalogValuesJson.IsId(name))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}.name: '{QuotedText.Of(name)}' is not a name (non-blank id text of at most {FieldLimits.Id} characters)."));
            name = null;
        }
        else if (name is null && n.ValueKind == JsonValueKind.Undefined)
        {
            errors.Add($"{path}.name: is missing.");
        }

        CatalogVariableKind? kind = null;
        if (!element.TryGetProperty("kind", out var k))
        {
            errors.Add($"{path}.kind: is missing.");
        }
        else if (ReadString(k, path + ".kind", errors) is { } tag && (kind = CatalogValuesJson.KindOf(tag)) is null)
        {
            errors.Add($"{path}.kind: '{QuotedText.Of(tag)}' is not a kind (expected text, number, choice, date, reference or boolean).");
        }

        if (kind is not { } variableKind)
        {
            return null;
        }

        var settings = new Settings();
        foreach (var property in element.EnumerateObject())
        {
            string at = path + "." + QuotedText.Of(property.Name);
            var value = property.Value;
            switch (property.Name)
            {
                case "name" or "kind":
                    break;
                case "label":
                    settings.Label = ReadString(value, at, errors);
                    break;
                case "required":
                    settings.Required = ReadBool(value, at, errors) ?? false;
                    break;
                case "default":
                    settings.Default = CatalogValuesJson.ReadNatural(value, variableKind, at, errors);
                    break;
                case "visibleWhen":
                    settings.VisibleWhen = ReadVisibility(value, at, errors, kinds);
                    break;
                case "maxLength" when variableKind == CatalogVariableKind.Text:
                    settings.MaxLength = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int max) ? max : Bad<int?>(errors, at, "must be a whole number.");
                    break;
                case "pattern" when variableKind == CatalogVariableKind.Text:
                    settings.Pattern = ReadString(value, at, errors);
                    break;
                case "min" or "max" when variableKind == CatalogVariableKind.Number:
                    var number = value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal d) ? d : Bad<decimal?>(errors, at, "must be a number.");
                    (property.Name == "min" ? ref settings.Min : ref settings.Max) = number;
                    break;
                case "integerOnly" when variableKind == CatalogVariableKind.Number:
                    settings.IntegerOnly = ReadBool(value, at, errors) ?? false;
                    break;
                case "min" or "max" when variableKind == CatalogVariableKind.Date:
                    var date = value.ValueKind == JsonValueKind.String && LocalDatePattern.Iso.Parse(value.GetString()!) is { Success: true } parsed
                        ? parsed.Value
                        : Bad<LocalDate?>(errors, at, "must be a date (\"yyyy-MM-dd\", for example \"2026-12-01\").");
                    (property.Name == "min" ? ref settings.MinDate : ref settings.MaxDate) = date;
                    break;
                case "options" when variableKind == CatalogVariableKind.Choice:
                    settings.Options = ReadStrings(value, at, errors);
                    break;
                case "multiple" when variableKind == CatalogVariableKind.Choice:
                    settings.Multiple = ReadBool(value, at, errors) ?? false;
                    break;
                case "target" when variableKind == CatalogVariableKind.Reference:
                    if (ReadString(value, at, errors) is { } target)
                    {
                        int t = Array.IndexOf(TargetNames, target);
                        settings.Target = t >= 0 ? (CatalogReferenceTarget)t : Bad<CatalogReferenceTarget?>(errors, at, $"'{QuotedText.Of(target)}' is not a target (expected {string.Join(", ", TargetNames)}).");
                    }

                    break;
                default:
                    errors.Add($"{path}: '{QuotedText.Of(property.Name)}' is not a property of a {CatalogValuesJson.Tag(variableKind)} variable (expected {string.Join(", ", CommonProperties.Concat(KindProperties[variableKind]))}).");
                    break;
            }
        }

        if (variableKind == CatalogVariableKind.Reference && !element.TryGetProperty("target", out _))
        {
            errors.Add($"{path}.target: is missing.");
        }

        if (variableKind == CatalogVariableKind.Choice && !element.TryGetProperty("options", out _))
        {
            errors.Add($"{path}.options: is missing.");
        }

        return errors.Count > before || name is null ? null : settings.Create(name, variableKind);
    }

    private static CatalogVisibility? ReadVisibility(JsonElement element, string path, List<string> errors, Dictionary<string, CatalogVariableKind> kinds)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object with 'variable' and 'in'.");
            return null;
        }

        int before = errors.Count;
        string? variable = null;
        JsonElement? values = null;
        foreach (var property in element.EnumerateObject())
        {
            string at = path + "." + QuotedText.Of(property.Name);
            switch (property.Name)
            {
                case "variable":
                    variable = ReadString(property.Value, at, errors);
                    break;
                case "in":
                    values = property.Value;
                    break;
                default:
                    errors.Add($"{path}: '{QuotedText.Of(property.Name)}' is not a visibleWhen property (expected variable, in).");
                    break;
            }
        }

        if (variable is null || !kinds.TryGetValue(variable, out var kind))
        {
            errors.Add(variable is null ? $"{path}.variable: is missing." : $"{path}.variable: '{QuotedText.Of(variable)}' is not a variable of the item.");
            return null;
        }

        if (values is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() is 0 or > FieldLimits.Items)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}.in: must be a list of 1 to {FieldLimits.Items} values of '{QuotedText.Of(variable)}'."));
            return null;
        }

        var anyOf = new List<CatalogValue>();
        int i = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (CatalogValuesJson.ReadNatural(item, kind, string.Create(CultureInfo.InvariantCulture, $"{path}.in[{i++}]"), errors) is { } value)
            {
                anyOf.Add(value);
            }
        }

        return errors.Count > before ? null : new CatalogVisibility(variable, anyOf);
    }

    private static string? ReadString(JsonElement element, string path, List<string> errors) =>
        element.ValueKind == JsonValueKind.String ? element.GetString() : Bad<string>(errors, path, "must be a string.");

    private static bool? ReadBool(JsonElement element, string path, List<string> errors) =>
        element.ValueKind is JsonValueKind.True or JsonValueKind.False ? element.GetBoolean() : Bad<bool?>(errors, path, "must be true or false.");

    private static List<string>? ReadStrings(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            return Bad<List<string>>(errors, path, "must be a list of strings.");
        }

        var list = new List<string>();
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (ReadString(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"), errors) is { } value)
            {
                list.Add(value);
            }
        }

        return list;
    }

    private static T? Bad<T>(List<string> errors, string path, string problem)
    {
        errors.Add($"{path}: {problem}");
        return default;
    }

    private sealed class Settings
    {
#pragma warning disable SA1401, CA1051 // fields so that min and max can be set through one ref
        public decimal? Min;
        public decimal? Max;
        public LocalDate? MinDate;
        public LocalDate? MaxDate;
#pragma warning restore SA1401, CA1051

        public string? Label { get; set; }

        public bool Required { get; set; }

        public CatalogValue? Default { get; set; }

        public CatalogVisibility? VisibleWhen { get; set; }

        public int? MaxLength { get; set; }

        public string? Pattern { get; set; }

        public bool IntegerOnly { get; set; }

        public List<string>? Options { get; set; }

        public bool Multiple { get; set; }

        public CatalogReferenceTarget? Target { get; set; }

        public CatalogVariable Create(string name, CatalogVariableKind kind) => kind switch
        {
            CatalogVariableKind.Text => new TextVariable(name) { MaxLength = MaxLength ?? FieldLimits.Text, Pattern = Pattern, Label = Label, Required = Required, Default = Default, VisibleWhen = VisibleWhen },
            CatalogVariableKind.Number => new NumberVariable(name) { Min = Min, Max = Max, IntegerOnly = IntegerOnly, Label = Label, Required = Required, Default = Default, VisibleWhen = VisibleWhen },
            CatalogVariableKind.Choice => new ChoiceVariable(name) { Options = Options ?? [], Multiple = Multiple, Label = Label, Required = Required, Default = Default, VisibleWhen = VisibleWhen },
            CatalogVariableKind.Date => new DateVariable(name) { Min = MinDate, Max = MaxDate, Label = Label, Required = Required, Default = Default, VisibleWhen = VisibleWhen },
            CatalogVariableKind.Reference => new ReferenceVariable(name, Target!.Value) { Label = Label, Required = Required, Default = Default, VisibleWhen = VisibleWhen },
            _ => new BooleanVariable(name) { Label = Label, Required = Required, Default = Default, VisibleWhen = VisibleWhen },
        };
    }
}
