using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Itsm.Common;
using Itsm.Text;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Routing;

/// <summary>
/// Writes the routing JSON format (docs/routing-json.md) that <see cref="RoutingJsonReader"/> reads back into an equal
/// definition; empty condition lists and override lists are left out, as the reader takes them for "any" and "none".
/// </summary>
internal static class RoutingJsonWriter
{
    private static readonly LocalDateTimePattern MinutesPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    /// <summary>The document, or a <see cref="RoutingDefinitionException"/> listing what the format cannot hold (a zone outside TZDB).</summary>
    internal static string Write(RoutingDefinition definition, bool indented)
    {
        var errors = new List<string>();
        int index = 0;
        foreach (var group in definition.Rota.Groups)
        {
            definition.Rota.TryGetSchedule(group, out var schedule);
            for (int i = 0; i < schedule!.Layers.Count; i++)
            {
                var zone = schedule.Layers[i].Rotation.Zone;
                if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone.Id) is null)
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"schedules[{index}].layers[{i}].timeZone: '{QuotedText.Of(zone.Id)}' is not a TZDB time zone id, so the document could not be read back."));
                }
            }

            index++;
        }

        if (errors.Count > 0)
        {
            throw new RoutingDefinitionException(errors, "definition");
        }

        return DefinitionJson.Write(writer => WriteDocument(writer, definition), indented);
    }

    private static void WriteDocument(Utf8JsonWriter writer, RoutingDefinition definition)
    {
        writer.WriteStartObject();
        if (definition.Rules is { } rules)
        {
            writer.WriteStartObject("rules");
            writer.WriteString("fallback", rules.Fallback.Value);
            writer.WriteStartArray("list");
            foreach (var rule in rules.Rules)
            {
                WriteRule(writer, rule);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        if (definition.Rota.Groups.Count > 0)
        {
            writer.WriteStartArray("schedules");
            foreach (var group in definition.Rota.Groups)
            {
                definition.Rota.TryGetSchedule(group, out var schedule);
                WriteSchedule(writer, schedule!);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter writer, AssignmentRule rule)
    {
        writer.WriteStartObject();
        writer.WriteString("name", rule.Name);
        writer.WriteString("group", rule.Group.Value);
        WriteStrings(writer, "services", rule.Services, static s => s.Value);
        WriteStrings(writer, "categories", rule.Categories, static c => c);
        WriteStrings(writer, "configurationItems", rule.ConfigurationItems, static c => c.Value);
        WriteStrings(writer, "locations", rule.Locations, static l => l);
        if (rule.Priorities.Count > 0)
        {
            writer.WriteStartArray("priorities");
            foreach (var priority in rule.Priorities)
            {
                writer.WriteNumberValue(priority.Value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteSchedule(Utf8JsonWriter writer, OnCallSchedule schedule)
    {
        writer.WriteStartObject();
        writer.WriteString("group", schedule.Group.Value);
        writer.WriteStartArray("layers");
        foreach (var layer in schedule.Layers)
        {
            WriteLayer(writer, layer);
        }

        writer.WriteEndArray();
        if (schedule.Overrides.Count > 0)
        {
            writer.WriteStartArray("overrides");
            foreach (var o in schedule.Overrides)
            {
                writer.WriteStartObject();
                writer.WriteString("start", InstantPattern.ExtendedIso.Format(o.Interval.Start));
                writer.WriteString("end", InstantPattern.ExtendedIso.Format(o.Interval.End));
                writer.WriteString("person", o.Person);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteLayer(Utf8JsonWriter writer, RotaLayer layer)
    {
        var rotation = layer.Rotation;
        writer.WriteStartObject();
        writer.WriteString("name", layer.Name);
        writer.WriteStartArray("participants");
        foreach (var participant in rotation.Participants)
        {
            writer.WriteStringValue(participant);
        }

        writer.WriteEndArray();
        writer.WriteString("handoffEvery", PeriodPattern.NormalizingIso.Format(rotation.HandoffEvery));
        var first = rotation.FirstHandoff;
        writer.WriteString("firstHandoff", first.TimeOfDay == first.TimeOfDay.With(TimeAdjusters.TruncateToMinute) ? MinutesPattern.Format(first) : LocalDateTimePattern.ExtendedIso.Format(first));
        writer.WriteString("timeZone", rotation.Zone.Id);
        if (layer.Restrictions.Count > 0)
        {
            writer.WriteStartArray("restrictions");
            foreach (var restriction in layer.Restrictions)
            {
                writer.WriteStartObject();
                if (restriction.Day is { } day)
                {
                    writer.WriteString("day", day.ToString());
                }

                writer.WriteString("from", Time(restriction.From));
                writer.WriteString("to", restriction.To == LocalTime.Midnight ? "24:00" : Time(restriction.To));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    // Whole minutes as HH:mm (the documented form); a time with seconds keeps them (the reader takes both).
    private static string Time(LocalTime time) =>
        time == time.With(TimeAdjusters.TruncateToMinute) ? TimePattern.Format(time) : LocalTimePattern.ExtendedIso.Format(time);

    private static void WriteStrings<T>(Utf8JsonWriter writer, string name, IReadOnlyList<T> values, System.Func<T, string> text)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(text(value));
        }

        writer.WriteEndArray();
    }
}
