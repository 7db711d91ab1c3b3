using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Sla;

/// <summary>
/// What SLA conditions see of a ticket (incident, request, problem, change) at one instant.
/// Hosts build one from their record after every change; <see cref="SlaTracker"/> turns a history
/// of snapshots into SLA timelines.
/// </summary>
public sealed record TicketSnapshot
{
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();

    /// <summary>The record's state name, for example <c>"InProgress"</c> or <c>"OnHold"</c>.</summary>
    public required string State { get; init; }

    /// <summary>
    /// The custom state of the record's workflow (for example <c>"Awaiting Change"</c>, inside <see cref="State"/>), or
    /// <see langword="null"/> for a record without a workflow; see <see cref="Itsm.Workflows.Workflow{TState, TCommand}"/>.
    /// Conditions name it as the field <c>workflowState</c>.
    /// </summary>
    public string? WorkflowState { get; init; }

    /// <summary>The priority.</summary>
    public required Priority Priority { get; init; }

    /// <summary>
    /// Who the ticket is for, or <see langword="null"/> when not known: an incident's caller (<c>Incident.CallerId</c>,
    /// ServiceNow's <c>caller_id</c>), a service request's requester (<c>ServiceRequest.RequesterId</c>, ServiceNow's
    /// <c>requested_for</c>). Conditions name it as the field <c>caller</c>; an <see cref="SlaCalendarResolver"/> keys on it
    /// to count a ticket on its caller's calendar (ServiceNow's SLA time zone source "the caller's time zone").
    /// </summary>
    public string? Caller { get; init; }

    /// <summary>Why the record is on hold (for example <c>"AwaitingCaller"</c>), or <see langword="null"/>.</summary>
    public string? OnHoldReason { get; init; }

    /// <summary>The service the record is for, or <see langword="null"/>.</summary>
    public string? Service { get; init; }

    /// <summary>The service offering the record is for, or <see langword="null"/>.</summary>
    public string? Offering { get; init; }

    /// <summary>The support group the record is assigned to, or <see langword="null"/>.</summary>
    public string? AssignmentGroup { get; init; }

    /// <summary>
    /// The supplier working on the record, or <see langword="null"/>: the supplier an incident waits for
    /// on hold (<c>AwaitingVendor</c> naming one) or else the supplier it is assigned to, so an underpinning
    /// contract with that supplier (<see cref="Agreement.Supplier"/>, or a scope listing it in
    /// <see cref="AgreementScope.Suppliers"/>) runs while the supplier has the ticket.
    /// </summary>
    public string? Supplier { get; init; }

    /// <summary>
    /// The configuration items the record names (affected or changed), in the order they were added; empty
    /// for none. Matched by <see cref="AgreementScope.ConfigurationItems"/> and by the condition field
    /// <c>configurationItem</c> (which holds when any of them is one of its values).
    /// </summary>
    public IReadOnlyList<string> ConfigurationItems { get; init; } = [];

    /// <summary>
    /// When the ticket was opened (ServiceNow's <c>opened_at</c>), or <see langword="null"/> for the
    /// instant of its first snapshot. Read from the first snapshot by <see cref="SlaRetroactiveStart.Opened"/>; a host
    /// that builds snapshots puts its own start instant here. The engine's snapshots of incidents and service
    /// requests (<c>ToTicketSnapshot</c>, <c>ReplayTicketHistory</c>) carry the ticket's opened instant on every snapshot:
    /// the one the host gave when opening it (<see cref="Itsm.Incidents.OpenIncident.OpenedAt"/>,
    /// <see cref="Itsm.Requests.SubmitServiceRequest.OpenedAt"/>), else the creating command's instant.
    /// </summary>
    public NodaTime.Instant? OpenedAt { get; init; }

    /// <summary>
    /// When the ticket was created (ServiceNow's <c>sys_created_on</c>), or <see langword="null"/> for
    /// the instant of its first snapshot. Read from the first snapshot by <see cref="SlaRetroactiveStart.Created"/>; a host
    /// that builds snapshots puts its own start instant here. The engine's snapshots of incidents and service
    /// requests carry the creating command's instant on every snapshot (<c>Incident.CreatedAt</c>, <c>ServiceRequest.SubmittedAt</c>).
    /// </summary>
    public NodaTime.Instant? CreatedAt { get; init; }

    /// <summary>Host-defined attributes, compared as strings by conditions (<c>attributes.&lt;name&gt;</c>).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = NoAttributes;

    /// <summary>
    /// The value of a field by its condition name: <c>state</c>, <c>workflowState</c>, <c>priority</c> (as its number),
    /// <c>caller</c>, <c>onHoldReason</c>, <c>service</c>, <c>offering</c>, <c>assignmentGroup</c>, <c>supplier</c>, or
    /// <c>attributes.&lt;name&gt;</c>; <see langword="null"/> when the field has no value. The many-valued
    /// <c>configurationItem</c> has no single value (null here): read <see cref="ConfigurationItems"/>.
    /// </summary>
    /// <param name="field">The field name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? GetField(string field) => field switch
    {
        "state" => State,
        "workflowState" => WorkflowState,
        "priority" => Priority.Value switch { 1 => "1", 2 => "2", 3 => "3", 4 => "4", 5 => "5", _ => null },
        "caller" => Caller,
        "onHoldReason" => OnHoldReason,
        "service" => Service,
        "offering" => Offering,
        "assignmentGroup" => AssignmentGroup,
        "supplier" => Supplier,
        _ when field is not null && field.StartsWith("attributes.", System.StringComparison.Ordinal) =>
            Attributes.TryGetValue(field["attributes.".Length..], out var value) ? value : null,
        _ => null,
    };
}
