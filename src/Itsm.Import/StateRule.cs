using Itsm.Incidents;

namespace Itsm.Import;

/// <summary>What the assignee of a row is, by the row's status (see docs/import.md, "states").</summary>
internal enum AssigneeSource
{
    /// <summary>The mapping's assignee columns (the default).</summary>
    Row,

    /// <summary>The assignee does not change on such a row.</summary>
    Keep,

    /// <summary>The ticket waits in its group's queue: no assignee.</summary>
    Clear,
}

/// <summary>
/// One entry of a mapping's <c>states</c>: a status (and optionally a sub-status) of the source and the
/// library state, hold reason, assignee source and resolution code it means, and the custom state of the
/// tenant's incident workflow it is (<see cref="WorkflowState"/>, used only when the tenant has a workflow).
/// <see cref="State"/> null means the row carries no state information (the current state is kept);
/// <see cref="Reason"/> says why.
/// </summary>
internal sealed record StateRule(
    string Status,
    string? SubStatus,
    IncidentState? State,
    OnHoldReason? HoldReason,
    AssigneeSource Assignee,
    IncidentResolutionCode? ResolutionCode,
    string? Reason,
    string? WorkflowState = null)
{
    /// <summary>The source's words for this status, for notes and comments: <c>Accepted/Wait - User</c>.</summary>
    /// <remarks>Computed once: the replay writes it into a note of most rows. A copy made with <c>with</c> that changes
    /// <see cref="Status"/> or <see cref="SubStatus"/> must set it again (none is made).</remarks>
    internal string Label { get; init; } = SubStatus is null ? Status : Status + "/" + SubStatus;
}
