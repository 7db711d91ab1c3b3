using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Itsm.Sla;

/// <summary>Writes an agreement, its scope and its targets as JSON in the shape <see cref="AgreementJsonReader"/> reads.</summary>
internal static class AgreementJsonWriter
{
    internal static void WriteAgreement(Utf8JsonWriter writer, Agreement agreement)
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
        if (agreement.Supplier is { } supplier)
        {
            writer.WriteString("supplier", supplier.Value);
        }

        var scope = agreement.Scope;
        writer.WriteStartObject("scope");
        AgreementJsonValues.WriteStrings(writer, "services", scope.Services);
        AgreementJsonValues.WriteStrings(writer, "offerings", scope.Offerings);
        AgreementJsonValues.WriteStrings(writer, "assignmentGroups", scope.AssignmentGroups);
        AgreementJsonValues.WriteStrings(writer, "suppliers", scope.Suppliers);
        AgreementJsonValues.WriteStrings(writer, "configurationItems", scope.ConfigurationItems);
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
            writer.WriteString(priority.Value.ToString(CultureInfo.InvariantCulture), AgreementJsonDurations.FormatDuration(duration));
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
        AgreementJsonConditions.WriteCondition(writer, "start", c.Start, path);
        AgreementJsonConditions.WriteCondition(writer, "pause", c.Pause, path);
        if (c.Resume is not null)
        {
            AgreementJsonConditions.WriteCondition(writer, "resume", c.Resume, path);
        }

        AgreementJsonConditions.WriteCondition(writer, "stop", c.Stop, path);
        AgreementJsonConditions.WriteCondition(writer, "cancel", c.Cancel, path);
        AgreementJsonConditions.WriteCondition(writer, "reset", c.Reset, path);
        writer.WriteEndObject();
        writer.WriteString("priorityChange", AgreementJsonReader.WordOf(AgreementJsonReader.PriorityChangePolicies, target.PriorityChangePolicy));
        if (target.RetroactivePauses)
        {
            writer.WriteBoolean("retroactivePauses", true);
        }

        // Written only when not the default, so agreements written before profiles read and write the same.
        if (target.Profile != SlaProfile.Itsm)
        {
            writer.WriteString("profile", AgreementJsonReader.WordOf(AgreementJsonReader.Profiles, target.Profile));
        }

        if (target.CancelWhen is not null)
        {
            writer.WriteString("whenToCancel", AgreementJsonReader.WordOf(AgreementJsonReader.CancelRules, target.CancelWhen));
        }

        if (target.RetroactiveStart != SlaRetroactiveStart.None)
        {
            writer.WriteString("retroactiveStart", AgreementJsonReader.WordOf(AgreementJsonReader.RetroactiveStarts, target.RetroactiveStart));
        }

        writer.WriteEndObject();
    }
}
