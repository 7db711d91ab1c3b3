using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// The fields of a record that a store keeps in indexed columns beside its state, so queries
/// (open tickets and their SLA due instants, tickets by state, service or group) never parse state.
/// </summary>
/// <param name="State">The lifecycle state's name, for example <c>"OnHold"</c>.</param>
/// <param name="IsOpen">
/// Whether the record is still active: its state permits at least one more command (ServiceNow's
/// <c>active</c> flag). A Resolved incident is open, since it may still reopen or close; Closed and
/// Canceled records are not. The KPI backlog (<c>KpiId.Backlog</c>) is narrower: New, InProgress and
/// OnHold incidents only; filter by <see cref="RecordQuery.State"/> for it.
/// </param>
/// <param name="Service">The affected service, if any.</param>
/// <param name="AssignmentGroup">The group it is assigned to, if any.</param>
/// <param name="Priority">The priority's value (1 is highest), if the record has one.</param>
/// <param name="OpenedAt">When the record was opened.</param>
/// <param name="SlaDueAt">
/// When the record next needs the SLA and auto-close worker, as of its last save: the instant of its
/// clocks' first threshold crossing (warning, breach or escalation step) not yet recorded on it with the
/// <c>SlaThreshold</c> command (a past instant while a crossing awaits recording, else the forecast of
/// the next one), or, for a resolved incident under an auto-close policy, its auto-close instant, or, for a
/// request or change waiting on an approval level with a due time, that level's due instant until its
/// overdue is recorded (<c>ApprovalOverdue</c>), whichever is earliest. One instant per record: the worker
/// handles everything due on the record when it comes. <see langword="null"/> when none applies (no clock running and nothing left to record,
/// no agreements, or the record is closed). Only a save (the worker's, or any command's) moves it.
/// </param>
public sealed record RecordIndex(
    string State,
    bool IsOpen,
    string? Service,
    string? AssignmentGroup,
    int? Priority,
    Instant OpenedAt,
    Instant? SlaDueAt);
