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
/// The earliest next SLA threshold (warning or breach) of the record's running clocks, as of its
/// last save; <see langword="null"/> when no clock is running or no agreements are configured.
/// A due-list loop re-evaluates the clock at that instant and needs no save to move on.
/// </param>
public sealed record RecordIndex(
    string State,
    bool IsOpen,
    string? Service,
    string? AssignmentGroup,
    int? Priority,
    Instant OpenedAt,
    Instant? SlaDueAt);
