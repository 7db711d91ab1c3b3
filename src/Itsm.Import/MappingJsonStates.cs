using System;
using System.Collections.Generic;
using System.Text.Json;
using Itsm.Incidents;
using static Itsm.Import.MappingJsonValues;

namespace Itsm.Import;

/// <summary>Reads a mapping's <c>states</c>: each status (and sub-status) of the source and what it means.</summary>
internal static class MappingJsonStates
{
    internal static IReadOnlyList<StateRule> Read(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}: must be a list of status rules.");
            return [];
        }

        var rules = new List<StateRule>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int index = 0;
        foreach (var item in element.EnumerateArray())
        {
            string at = $"{path}[{index++}]";
            if (ReadRule(item, at, errors) is not { } rule)
            {
                continue;
            }

            if (!seen.Add(rule.Label))
            {
                errors.Add($"{at}: status '{ImportText.Quote(rule.Label)}' is mapped twice (statuses match ignoring case).");
            }

            rules.Add(rule);
        }

        if (index == 0)
        {
            errors.Add($"{path}: must map at least one status.");
        }

        return rules;
    }

    private static StateRule? ReadRule(JsonElement item, string at, List<string> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{at}: must be an object with status and state.");
            return null;
        }

        CheckProperties(item, at, errors, "status", "subStatus", "state", "holdReason", "assignee", "resolutionCode", "reason", "workflowState");
        int before = errors.Count;
        string? status = item.TryGetProperty("status", out var s) ? ReadString(s, $"{at}.status", errors) : Missing(at, "status", errors);
        string? subStatus = item.TryGetProperty("subStatus", out var ss) ? ReadString(ss, $"{at}.subStatus", errors, nullable: true) : null;
        IncidentState? state = null;
        if (!item.TryGetProperty("state", out var st))
        {
            errors.Add($"{at}.state: is required (a state, or null for a status that carries no state information, with a reason).");
        }
        else
        {
            state = ReadEnum<IncidentState>(st, $"{at}.state", errors, nullable: true);
        }

        var holdReason = item.TryGetProperty("holdReason", out var h) ? ReadEnum<OnHoldReason>(h, $"{at}.holdReason", errors) : null;
        var assignee = AssigneeSource.Row;
        if (item.TryGetProperty("assignee", out var a))
        {
            switch (ReadString(a, $"{at}.assignee", errors))
            {
                case "row":
                    break;
                case "keep":
                    assignee = AssigneeSource.Keep;
                    break;
                case "clear":
                    assignee = AssigneeSource.Clear;
                    break;
                case { } other:
                    errors.Add($"{at}.assignee: '{ImportText.Quote(other)}' is not row, keep or clear.");
                    break;
            }
        }

        var code = item.TryGetProperty("resolutionCode", out var c) ? ReadEnum<IncidentResolutionCode>(c, $"{at}.resolutionCode", errors) : null;
        string? reason = item.TryGetProperty("reason", out var r) ? ReadString(r, $"{at}.reason", errors) : null;
        string? workflowState = item.TryGetProperty("workflowState", out var w) ? ReadString(w, $"{at}.workflowState", errors) : null;
        if (state == IncidentState.OnHold && holdReason is null && !item.TryGetProperty("holdReason", out _))
        {
            errors.Add($"{at}.holdReason: an OnHold status needs a hold reason ({string.Join(", ", Enum.GetNames<OnHoldReason>())}).");
        }

        if (state != IncidentState.OnHold && holdReason is not null)
        {
            errors.Add($"{at}.holdReason: only an OnHold status has a hold reason.");
        }

        if (code is not null && state is not (IncidentState.Resolved or IncidentState.Closed))
        {
            errors.Add($"{at}.resolutionCode: only a Resolved or Closed status has a resolution code.");
        }

        if (item.TryGetProperty("state", out var stated) && stated.ValueKind == JsonValueKind.Null && reason is null)
        {
            errors.Add($"{at}.reason: a status mapped to no state (null) needs a reason saying why, for the import report and docs.");
        }

        if (workflowState is not null && state is null)
        {
            errors.Add($"{at}.workflowState: a status mapped to no state (null) keeps the workflow state too; it names none.");
        }

        return errors.Count > before || status is null ? null : new StateRule(status, subStatus, state, holdReason, assignee, code, reason, workflowState);
    }

    private static string? Missing(string at, string property, List<string> errors)
    {
        errors.Add($"{at}.{property}: is required.");
        return null;
    }
}
