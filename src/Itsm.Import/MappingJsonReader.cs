using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Itsm.Common;
using Itsm.Incidents;
using NodaTime;
using static Itsm.Import.MappingJsonValues;

namespace Itsm.Import;

/// <summary>Reads a mapping from JSON, collecting every problem with its JSON path rather than stopping at the first.</summary>
internal static class MappingJsonReader
{
    private static readonly string[] TopLevel =
        ["name", "description", "csv", "instants", "columns", "optionalColumns", "defaults", "impact", "urgency", "supportLevels", "resolutionCodes", "states", "lifecycle", "closedEdits"];

    private static readonly string[] ColumnNames =
        ["ticketKey", "at", "sequence", "actor", "openedAt", "openedBy", "caller", "shortDescription", "details", "service",
         "assignmentGroup", "assignee", "problem", "causedByChange", "status", "subStatus", "supportLevel", "impact", "urgency", "resolutionCode"];

    internal static MappingSpec? Read(JsonElement root, List<string> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$: the mapping must be a JSON object.");
            return null;
        }

        CheckProperties(root, "$", errors, TopLevel);
        string? name = Required(root, "name", "$", errors) is { } n ? ReadString(n, "$.name", errors) : null;
        if (name is not null && !IdText.IsValid(name))
        {
            errors.Add("$.name: must hold no control character (it is part of every imported record's id).");
        }

        string? description = root.TryGetProperty("description", out var d) ? ReadString(d, "$.description", errors, nullable: true) : null;
        var (separator, nullMarkers) = ReadCsv(root, errors);
        var (formats, zone) = ReadInstants(root, errors);
        var parser = InstantParser.Create(formats, zone ?? DateTimeZone.Utc, "$.instants.formats", errors);
        var columns = Required(root, "columns", "$", errors) is { } c ? ReadColumnsObject(c, errors) : null;
        var optional = root.TryGetProperty("optionalColumns", out var o)
            ? new HashSet<string>(ReadStringList(o, "$.optionalColumns", errors), StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        var defaults = ReadDefaults(root, errors);
        var impact = root.TryGetProperty("impact", out var i) ? ReadEnumMap<Impact>(i, "$.impact", errors) : new(StringComparer.OrdinalIgnoreCase);
        var urgency = root.TryGetProperty("urgency", out var u) ? ReadEnumMap<Urgency>(u, "$.urgency", errors) : new(StringComparer.OrdinalIgnoreCase);
        var levels = root.TryGetProperty("supportLevels", out var l) ? ReadLevels(l, "$.supportLevels", errors) : new(StringComparer.OrdinalIgnoreCase);
        var codes = root.TryGetProperty("resolutionCodes", out var r) ? ReadEnumMap<IncidentResolutionCode>(r, "$.resolutionCodes", errors) : new(StringComparer.OrdinalIgnoreCase);
        var states = Required(root, "states", "$", errors) is { } s ? MappingJsonStates.Read(s, "$.states", errors) : [];
        var lifecycle = root.TryGetProperty("lifecycle", out var lc) ? ReadLifecycle(lc, errors) : ImportLifecycle.Default;
        var closedEdits = root.TryGetProperty("closedEdits", out var ce) ? ReadClosedEdits(ce, errors) : ImportClosedEdits.Refuse;
        if (columns is null || name is null)
        {
            return null;
        }

        var spec = columns with
        {
            Name = name,
            Description = description,
            Separator = separator,
            NullMarkers = nullMarkers,
            Formats = formats,
            TimeZone = zone ?? DateTimeZone.Utc,
            Instants = parser,
            Optional = optional,
            DefaultCaller = defaults.Caller,
            DefaultImpact = defaults.Impact,
            DefaultUrgency = defaults.Urgency,
            DefaultResolutionCode = defaults.ResolutionCode,
            ImpactValues = impact,
            UrgencyValues = urgency,
            SupportLevels = levels,
            ResolutionCodes = codes,
            States = states,
            Lifecycle = lifecycle,
            ClosedEdits = closedEdits,
        };
        CheckConsistency(spec, errors);
        return spec;
    }

    private static JsonElement? Required(JsonElement parent, string property, string path, List<string> errors)
    {
        if (parent.TryGetProperty(property, out var value))
        {
            return value;
        }

        errors.Add($"{path}.{property}: is required.");
        return null;
    }

    private static (char Separator, IReadOnlyList<string> NullMarkers) ReadCsv(JsonElement root, List<string> errors)
    {
        char separator = ',';
        IReadOnlyList<string> nullMarkers = [string.Empty];
        if (!root.TryGetProperty("csv", out var csv))
        {
            return (separator, nullMarkers);
        }

        if (csv.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$.csv: must be an object.");
            return (separator, nullMarkers);
        }

        CheckProperties(csv, "$.csv", errors, "separator", "nullMarkers");
        if (csv.TryGetProperty("separator", out var s))
        {
            var text = s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (text is { Length: 1 } && text[0] is > ' ' and < (char)127 and not '"')
            {
                separator = text[0];
            }
            else
            {
                errors.Add("$.csv.separator: must be one printable ASCII character other than the quote, such as \",\" or \";\".");
            }
        }

        if (csv.TryGetProperty("nullMarkers", out var markers))
        {
            // The markers are compared with trimmed values, so they are trimmed too.
            nullMarkers = ReadStringList(markers, "$.csv.nullMarkers", errors).Select(m => m.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        }

        return (separator, nullMarkers);
    }

    private static (IReadOnlyList<string> Formats, DateTimeZone? Zone) ReadInstants(JsonElement root, List<string> errors)
    {
        if (Required(root, "instants", "$", errors) is not { } instants)
        {
            return ([], null);
        }

        if (instants.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$.instants: must be an object with formats and timeZone.");
            return ([], null);
        }

        CheckProperties(instants, "$.instants", errors, "formats", "timeZone");
        var formats = Required(instants, "formats", "$.instants", errors) is { } f ? ReadStringList(f, "$.instants.formats", errors) : [];
        if (formats.Count == 0 && instants.TryGetProperty("formats", out _))
        {
            errors.Add("$.instants.formats: must name at least one format.");
        }

        var zone = instants.TryGetProperty("timeZone", out var z) ? ReadZone(z, "$.instants.timeZone", errors) : DateTimeZone.Utc;
        return (formats, zone);
    }

    private static MappingSpec? ReadColumnsObject(JsonElement element, List<string> errors)
    {
        const string path = "$.columns";
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object from fields to columns.");
            return null;
        }

        CheckProperties(element, path, errors, ColumnNames);
        string? Single(string field, bool required = false)
        {
            if (element.TryGetProperty(field, out var value))
            {
                var column = ReadColumn(value, $"{path}.{field}", errors);
                if (column is null && required)
                {
                    errors.Add($"{path}.{field}: is required.");
                }

                return column;
            }

            if (required)
            {
                errors.Add($"{path}.{field}: is required.");
            }

            return null;
        }

        IReadOnlyList<string> Many(string field, bool required = false)
        {
            var columns = element.TryGetProperty(field, out var value) ? ReadColumns(value, $"{path}.{field}", errors) : [];
            if (columns.Count == 0 && required)
            {
                errors.Add($"{path}.{field}: is required (a column or a list of columns).");
            }

            return columns;
        }

        var ticketKey = Single("ticketKey", required: true);
        var at = Single("at", required: true);
        var status = Single("status", required: true);
        var actor = Many("actor", required: true);
        return new MappingSpec
        {
            Name = string.Empty,
            NullMarkers = [],
            Formats = [],
            TimeZone = DateTimeZone.Utc,
            Instants = null!,
            States = [],
            Lifecycle = ImportLifecycle.Default,
            TicketKey = ticketKey ?? string.Empty,
            At = at ?? string.Empty,
            Sequence = Single("sequence"),
            Actor = actor,
            OpenedAt = Many("openedAt"),
            OpenedBy = Many("openedBy"),
            Caller = Many("caller"),
            ShortDescription = Many("shortDescription"),
            Details = Many("details"),
            Service = Many("service"),
            AssignmentGroup = Many("assignmentGroup"),
            Assignee = Many("assignee"),
            Problem = Many("problem"),
            CausedByChange = Many("causedByChange"),
            Status = status ?? string.Empty,
            SubStatus = Single("subStatus"),
            SupportLevel = Single("supportLevel"),
            Impact = Single("impact"),
            Urgency = Single("urgency"),
            ResolutionCode = Single("resolutionCode"),
        };
    }

    private static (string? Caller, Impact? Impact, Urgency? Urgency, IncidentResolutionCode? ResolutionCode) ReadDefaults(JsonElement root, List<string> errors)
    {
        if (!root.TryGetProperty("defaults", out var defaults))
        {
            return default;
        }

        if (defaults.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$.defaults: must be an object.");
            return default;
        }

        CheckProperties(defaults, "$.defaults", errors, "caller", "impact", "urgency", "resolutionCode");
        string? caller = defaults.TryGetProperty("caller", out var c) ? ReadString(c, "$.defaults.caller", errors, nullable: true) : null;
        if (caller is not null && !IdText.IsValid(caller))
        {
            errors.Add("$.defaults.caller: must hold no control character.");
        }

        return (
            caller,
            defaults.TryGetProperty("impact", out var i) ? ReadEnum<Impact>(i, "$.defaults.impact", errors, nullable: true) : null,
            defaults.TryGetProperty("urgency", out var u) ? ReadEnum<Urgency>(u, "$.defaults.urgency", errors, nullable: true) : null,
            defaults.TryGetProperty("resolutionCode", out var r) ? ReadEnum<IncidentResolutionCode>(r, "$.defaults.resolutionCode", errors, nullable: true) : null);
    }

    private static ImportClosedEdits ReadClosedEdits(JsonElement element, List<string> errors)
    {
        const string path = "$.closedEdits";
        switch (ReadString(element, path, errors))
        {
            case "carryToReopen":
                return ImportClosedEdits.CarryToReopen;
            case "refuse":
                return ImportClosedEdits.Refuse;
            case { } other:
                errors.Add($"{path}: '{ImportText.Quote(other)}' is not carryToReopen or refuse.");
                break;
        }

        return ImportClosedEdits.Refuse;
    }

    private static ImportLifecycle ReadLifecycle(JsonElement element, List<string> errors)
    {
        const string path = "$.lifecycle";
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object.");
            return ImportLifecycle.Default;
        }

        CheckProperties(element, path, errors, "reopenBy", "reopenRoles", "reopenWindow", "reopenFromClosed", "workStart");
        var reopen = IncidentReopenPolicy.Default;
        if (element.TryGetProperty("reopenBy", out var by))
        {
            var who = IncidentReopeners.None;
            foreach (var name in ReadStringList(by, $"{path}.reopenBy", errors))
            {
                who |= name switch
                {
                    "caller" => IncidentReopeners.Caller,
                    "assignee" => IncidentReopeners.Assignee,
                    "anyone" => IncidentReopeners.Anyone,
                    _ => Unknown(name),
                };
            }

            reopen = reopen with { Reopeners = who };
        }

        if (element.TryGetProperty("reopenRoles", out var roles))
        {
            var list = ReadStringList(roles, $"{path}.reopenRoles", errors);
            if (list.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{path}.reopenRoles: a role is blank.");
            }
            else
            {
                reopen = reopen with { Roles = list };
            }
        }

        if (element.TryGetProperty("reopenWindow", out var window))
        {
            reopen = reopen with
            {
                Window = ReadDuration(window, $"{path}.reopenWindow", errors) is Duration length && length > Duration.Zero
                    ? IncidentReopenWindow.WallClock(length)
                    : IncidentReopenWindow.None,
            };
        }

        if (element.TryGetProperty("reopenFromClosed", out var fromClosed) && ReadBool(fromClosed, $"{path}.reopenFromClosed", errors) is bool b)
        {
            reopen = reopen with { FromClosed = b };
        }

        var workStart = IncidentWorkStart.OnAssignment;
        if (element.TryGetProperty("workStart", out var start) && ReadEnum<IncidentWorkStart>(start, $"{path}.workStart", errors) is { } parsed)
        {
            workStart = parsed;
        }

        return new ImportLifecycle(reopen, workStart);

        IncidentReopeners Unknown(string name)
        {
            errors.Add($"{path}.reopenBy: '{ImportText.Quote(name)}' is not caller, assignee or anyone.");
            return IncidentReopeners.None;
        }
    }

    private static void CheckConsistency(MappingSpec spec, List<string> errors)
    {
        if (spec.Impact is null && spec.DefaultImpact is null)
        {
            errors.Add("$.columns.impact: name an impact column or give $.defaults.impact.");
        }

        if (spec.Urgency is null && spec.DefaultUrgency is null)
        {
            errors.Add("$.columns.urgency: name an urgency column or give $.defaults.urgency.");
        }

        if (spec.Impact is not null && spec.ImpactValues.Count == 0)
        {
            errors.Add("$.impact: the impact column needs a map from its values to High, Medium or Low.");
        }

        if (spec.Urgency is not null && spec.UrgencyValues.Count == 0)
        {
            errors.Add("$.urgency: the urgency column needs a map from its values to High, Medium or Low.");
        }

        if (spec.SupportLevel is not null && spec.SupportLevels.Count == 0)
        {
            errors.Add("$.supportLevels: the support level column needs a map from its values to levels.");
        }

        if (spec.Caller.Count == 0 && spec.DefaultCaller is null)
        {
            errors.Add("$.columns.caller: name a caller column or give $.defaults.caller.");
        }

        foreach (var column in spec.Optional.Where(c => !spec.Columns.Contains(c, StringComparer.Ordinal)))
        {
            errors.Add($"$.optionalColumns: '{ImportText.Quote(column)}' is not a column the mapping names.");
        }

        foreach (var required in new[] { spec.TicketKey, spec.At, spec.Status }.Concat(spec.Actor.Take(1)).Where(c => spec.Optional.Contains(c)))
        {
            errors.Add($"$.optionalColumns: '{ImportText.Quote(required)}' cannot be optional (the ticket key, instant, status and first actor column are needed on every row).");
        }
    }
}
