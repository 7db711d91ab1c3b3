using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Workflows;
using NodaTime;

namespace Itsm.Import;

/// <summary>The validated content of an <see cref="ImportMapping"/>; see docs/import.md for each field.</summary>
internal sealed record MappingSpec
{
    internal required string Name { get; init; }

    internal string? Description { get; init; }

    internal char Separator { get; init; } = ',';

    internal required IReadOnlyList<string> NullMarkers { get; init; }

    internal required IReadOnlyList<string> Formats { get; init; }

    internal required DateTimeZone TimeZone { get; init; }

    internal required InstantParser Instants { get; init; }

    internal required string TicketKey { get; init; }

    internal required string At { get; init; }

    internal string? Sequence { get; init; }

    internal required IReadOnlyList<string> Actor { get; init; }

    internal IReadOnlyList<string> OpenedAt { get; init; } = [];

    internal IReadOnlyList<string> OpenedBy { get; init; } = [];

    internal IReadOnlyList<string> Caller { get; init; } = [];

    internal IReadOnlyList<string> ShortDescription { get; init; } = [];

    internal IReadOnlyList<string> Details { get; init; } = [];

    internal IReadOnlyList<string> Service { get; init; } = [];

    internal IReadOnlyList<string> AssignmentGroup { get; init; } = [];

    internal IReadOnlyList<string> Assignee { get; init; } = [];

    internal IReadOnlyList<string> Problem { get; init; } = [];

    internal IReadOnlyList<string> CausedByChange { get; init; } = [];

    internal required string Status { get; init; }

    internal string? SubStatus { get; init; }

    internal string? SupportLevel { get; init; }

    internal string? Impact { get; init; }

    internal string? Urgency { get; init; }

    internal string? ResolutionCode { get; init; }

    internal IReadOnlySet<string> Optional { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    internal string? DefaultCaller { get; init; }

    internal Impact? DefaultImpact { get; init; }

    internal Urgency? DefaultUrgency { get; init; }

    internal IncidentResolutionCode? DefaultResolutionCode { get; init; }

    internal IReadOnlyDictionary<string, Impact> ImpactValues { get; init; } = new Dictionary<string, Impact>();

    internal IReadOnlyDictionary<string, Urgency> UrgencyValues { get; init; } = new Dictionary<string, Urgency>();

    internal IReadOnlyDictionary<string, int> SupportLevels { get; init; } = new Dictionary<string, int>();

    internal IReadOnlyDictionary<string, IncidentResolutionCode> ResolutionCodes { get; init; } = new Dictionary<string, IncidentResolutionCode>();

    internal required IReadOnlyList<StateRule> States { get; init; }

    internal required ImportLifecycle Lifecycle { get; init; }

    internal ImportClosedEdits ClosedEdits { get; init; } = ImportClosedEdits.Refuse;

    /// <summary>Every column the mapping names, each once, in the order the mapping names them.</summary>
    internal IReadOnlyList<string> Columns =>
        new[] { TicketKey, At, Sequence, Status, SubStatus, SupportLevel, Impact, Urgency, ResolutionCode }
            .Concat(Actor).Concat(OpenedAt).Concat(OpenedBy).Concat(Caller).Concat(ShortDescription).Concat(Details).Concat(Service)
            .Concat(AssignmentGroup).Concat(Assignee).Concat(Problem).Concat(CausedByChange)
            .OfType<string>().Distinct(StringComparer.Ordinal).ToArray();

    internal IReadOnlyList<string> RequiredColumns => Columns.Where(c => !Optional.Contains(c)).ToArray();

    /// <summary>
    /// Checks the states' <c>workflowState</c> names against <paramref name="workflow"/>: each must be one of its states,
    /// inside the library state its status maps to; a status mapped to New may name a state inside InProgress, where a
    /// ticket already worked goes back to a queue.
    /// </summary>
    internal void CheckWorkflow(Workflow<IncidentState, IncidentCommand> workflow, List<string> errors)
    {
        for (int i = 0; i < States.Count; i++)
        {
            var rule = States[i];
            if (rule.WorkflowState is not { } name)
            {
                continue;
            }

            if (workflow.ParentNameOf(name) is null)
            {
                errors.Add($"$.states[{i}].workflowState: '{ImportText.Quote(name)}' ({rule.Label}) is not a state of the tenant's incident workflow {workflow}.");
                continue;
            }

            var parent = workflow.ParentOf(name);
            if (parent != rule.State && !(rule.State == IncidentState.New && parent == IncidentState.InProgress))
            {
                errors.Add($"$.states[{i}].workflowState: '{ImportText.Quote(name)}' is inside {parent} in workflow {workflow}, but {rule.Label} maps to {rule.State}.");
            }
        }
    }

    /// <summary>The rule for a status and sub-status: the exact pair first, then the status with any sub-status.</summary>
    internal StateRule? FindState(string status, string? subStatus)
    {
        StateRule? any = null;

        // Indexed: every row asks, and a foreach over the interface would box an enumerator each time.
        var states = States;
        for (int i = 0; i < states.Count; i++)
        {
            var rule = states[i];
            if (!string.Equals(rule.Status, status, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (rule.SubStatus is null)
            {
                any ??= rule;
            }
            else if (subStatus is not null && string.Equals(rule.SubStatus, subStatus, StringComparison.OrdinalIgnoreCase))
            {
                return rule;
            }
        }

        return any;
    }
}
