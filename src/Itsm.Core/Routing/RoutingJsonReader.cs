using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Itsm.Common;
using Itsm.Services;
using Itsm.Text;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Routing;

/// <summary>Reads the routing JSON format (docs/routing-json.md), collecting every problem with its path instead of stopping at the first.</summary>
internal sealed class RoutingJsonReader
{
    private static readonly LocalDateTimePattern MinutesPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    internal List<string> Errors { get; } = [];

    internal (AssignmentRuleSet? Rules, List<OnCallSchedule> Schedules) ReadDocument(JsonElement root)
    {
        var schedules = new List<OnCallSchedule>();
        if (!Object(root, "document", ["rules", "schedules"]))
        {
            return (null, schedules);
        }

        AssignmentRuleSet? rules = root.TryGetProperty("rules", out var r) ? ReadRules(r, "rules") : null;
        if (root.TryGetProperty("schedules", out var s))
        {
            ForEach(s, "schedules", (item, path) => Add(schedules, ReadSchedule(item, path)));
        }

        return (rules, schedules);
    }

    private AssignmentRuleSet? ReadRules(JsonElement element, string path)
    {
        if (!Object(element, path, ["fallback", "list"]))
        {
            return null;
        }

        int before = Errors.Count;
        string? fallback = RequiredString(element, "fallback", path);
        var rules = new List<AssignmentRule>();
        if (element.TryGetProperty("list", out var list))
        {
            ForEach(list, path + ".list", (item, itemPath) => Add(rules, ReadRule(item, itemPath)));
        }
        else
        {
            Errors.Add($"{path}.list: is required.");
        }

        // A set missing a rule that failed would only add misleading problems.
        return fallback is null || Errors.Count > before ? null : Build(path, () => new AssignmentRuleSet(rules, new SupportGroupId(fallback)));
    }

    private AssignmentRule? ReadRule(JsonElement element, string path)
    {
        if (!Object(element, path, ["name", "group", "services", "categories", "configurationItems", "locations", "priorities"]))
        {
            return null;
        }

        string? name = RequiredString(element, "name", path);
        string? group = RequiredString(element, "group", path);
        var services = Strings(element, "services", path);
        var categories = Strings(element, "categories", path);
        var items = Strings(element, "configurationItems", path);
        var locations = Strings(element, "locations", path);
        var priorities = Integers(element, "priorities", path);
        if (name is null || group is null)
        {
            return null;
        }

        return Build(path, () => new AssignmentRule(
            name,
            new SupportGroupId(group),
            services.Select(x => new ServiceId(x)).ToArray(),
            categories,
            items.Select(x => new ConfigurationItemId(x)).ToArray(),
            locations,
            priorities.Select(p => new Priority(p)).ToArray()));
    }

    private OnCallSchedule? ReadSchedule(JsonElement element, string path)
    {
        if (!Object(element, path, ["group", "layers", "overrides"]))
        {
            return null;
        }

        int before = Errors.Count;
        string? group = RequiredString(element, "group", path);
        var layers = new List<RotaLayer>();
        var overrides = new List<RotaOverride>();
        if (element.TryGetProperty("layers", out var l))
        {
            ForEach(l, path + ".layers", (item, itemPath) => Add(layers, ReadLayer(item, itemPath)));
        }

        if (element.TryGetProperty("overrides", out var o))
        {
            ForEach(o, path + ".overrides", (item, itemPath) => Add(overrides, ReadOverride(item, itemPath)));
        }

        // A schedule missing a layer that failed would only add misleading problems ("there is no layer").
        return group is null || Errors.Count > before ? null : Build(path, () => new OnCallSchedule(new SupportGroupId(group), layers, overrides));
    }

    private RotaLayer? ReadLayer(JsonElement element, string path)
    {
        if (!Object(element, path, ["name", "participants", "handoffEvery", "firstHandoff", "timeZone", "restrictions"]))
        {
            return null;
        }

        string? name = RequiredString(element, "name", path);
        var participants = Strings(element, "participants", path);
        bool hasEvery = TryParse(element, "handoffEvery", path, static t => PeriodPattern.NormalizingIso.Parse(t), "an ISO 8601 period such as P1W or PT12H", out Period? every);
        bool hasFirst = TryParse(element, "firstHandoff", path, ParseLocalDateTime, "a local date and time such as 2026-04-13T09:00", out LocalDateTime first);
        string? zoneId = RequiredString(element, "timeZone", path);
        var zone = zoneId is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        if (zoneId is not null && zone is null)
        {
            Errors.Add($"{path}.timeZone: '{QuotedText.Of(zoneId)}' is not a TZDB time zone id.");
        }

        var restrictions = new List<RotaRestriction>();
        if (element.TryGetProperty("restrictions", out var r))
        {
            ForEach(r, path + ".restrictions", (item, itemPath) =>
            {
                if (ReadRestriction(item, itemPath) is { } restriction)
                {
                    restrictions.Add(restriction);
                }
            });
        }

        if (name is null || !hasEvery || !hasFirst || zone is null)
        {
            return null;
        }

        return Build(path, () => new RotaLayer(name, new Rotation(participants, every!, first, zone), restrictions));
    }

    private RotaRestriction? ReadRestriction(JsonElement element, string path)
    {
        if (!Object(element, path, ["day", "from", "to"]))
        {
            return null;
        }

        IsoDayOfWeek? day = null;
        if (element.TryGetProperty("day", out var d))
        {
            if (d.ValueKind == JsonValueKind.String && Enum.TryParse<IsoDayOfWeek>(d.GetString(), ignoreCase: false, out var parsed) && parsed != IsoDayOfWeek.None && Enum.IsDefined(parsed))
            {
                day = parsed;
            }
            else
            {
                Errors.Add($"{path}.day: must be a weekday name such as \"Saturday\".");
                return null;
            }
        }

        bool hasFrom = TryParse(element, "from", path, ParseTime, "a local time such as 09:00", out LocalTime from);
        bool hasTo = TryParse(element, "to", path, ParseTime, "a local time such as 17:00, or 24:00 for the end of the day", out LocalTime to);
        if (!hasFrom || !hasTo)
        {
            return null;
        }

        try
        {
            return new RotaRestriction(day, from, to);
        }
        catch (ArgumentException ex)
        {
            Errors.Add($"{path}: {QuotedText.Message(ex.Message)}");
            return null;
        }
    }

    private RotaOverride? ReadOverride(JsonElement element, string path)
    {
        if (!Object(element, path, ["start", "end", "person"]))
        {
            return null;
        }

        bool hasStart = TryParse(element, "start", path, static t => InstantPattern.ExtendedIso.Parse(t), "an instant such as 2026-04-15T17:00:00Z", out Instant start);
        bool hasEnd = TryParse(element, "end", path, static t => InstantPattern.ExtendedIso.Parse(t), "an instant such as 2026-04-16T08:00:00Z", out Instant end);
        string? person = RequiredString(element, "person", path);
        if (!hasStart || !hasEnd || person is null)
        {
            return null;
        }

        if (end <= start)
        {
            Errors.Add($"{path}.end: must be after start.");
            return null;
        }

        return Build(path, () => new RotaOverride(new Interval(start, end), person));
    }

    private static ParseResult<LocalDateTime> ParseLocalDateTime(string text)
    {
        var minutes = MinutesPattern.Parse(text);
        return minutes.Success ? minutes : LocalDateTimePattern.ExtendedIso.Parse(text);
    }

    // HH:mm, or with seconds (HH:mm:ss and a fraction) as the writer keeps a time that has them.
    private static ParseResult<LocalTime> ParseTime(string text)
    {
        if (text == "24:00")
        {
            return ParseResult<LocalTime>.ForValue(LocalTime.Midnight);
        }

        var minutes = TimePattern.Parse(text);
        return minutes.Success ? minutes : LocalTimePattern.ExtendedIso.Parse(text);
    }

    private T? Build<T>(string path, Func<T> build)
        where T : class
    {
        try
        {
            return build();
        }
        catch (ArgumentException ex)
        {
            Errors.Add($"{path}: {QuotedText.Message(ex.Message)}");
            return null;
        }
    }

    private static void Add<T>(List<T> list, T? item)
        where T : class
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }

    private bool Object(JsonElement element, string path, string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Errors.Add($"{path}: must be an object.");
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                Errors.Add($"{path}: '{QuotedText.Of(property.Name)}' is not a property (expected {string.Join(", ", known)}).");
            }
        }

        return true;
    }

    private void ForEach(JsonElement element, string path, Action<JsonElement, string> read)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            Errors.Add($"{path}: must be a list.");
            return;
        }

        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            read(item, $"{path}[{i++}]");
        }
    }

    private string? RequiredString(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            Errors.Add($"{path}.{name}: is required.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Errors.Add($"{path}.{name}: must be a string.");
            return null;
        }

        return value.GetString();
    }

    private bool TryParse<T>(JsonElement element, string name, string path, Func<string, ParseResult<T>> parse, string expected, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value)
    {
        value = default;
        string? text = RequiredString(element, name, path);
        if (text is null)
        {
            return false;
        }

        var result = parse(text);
        if (!result.Success)
        {
            Errors.Add($"{path}.{name}: '{QuotedText.Of(text)}' is not {expected}.");
            return false;
        }

        value = result.Value;
        return true;
    }

    private string[] Strings(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(static v => v.ValueKind != JsonValueKind.String))
        {
            Errors.Add($"{path}.{name}: must be a list of strings.");
            return [];
        }

        return value.EnumerateArray().Select(static v => v.GetString()!).ToArray();
    }

    private int[] Integers(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(static v => v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out _)))
        {
            Errors.Add($"{path}.{name}: must be a list of whole numbers.");
            return [];
        }

        return value.EnumerateArray().Select(static v => v.GetInt32()).ToArray();
    }
}
