using System;
using System.Threading.Tasks;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Samples.WebApi.Http;
using Itsm.Sla;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Itsm.Services;

namespace Itsm.Samples.WebApi.Endpoints;

/// <summary>The incident endpoints: create, get, list, the commands, and the SLA status.</summary>
public static class IncidentEndpoints
{
    /// <summary>Maps the endpoints under <c>/tenants/{tenant}/incidents</c>.</summary>
    /// <param name="app">The route builder.</param>
    public static void Map(IEndpointRouteBuilder app)
    {
        new RecordEndpoints<Incident, IncidentId>(app, "incidents", Incident.RecordType, e => e.Incidents, g => new IncidentId(g), IncidentJson.From)
            .MapCreate(static (r, id) =>
            {
                var callerId = r.Body.RequiredString("callerId");
                var shortDescription = r.Body.RequiredString("shortDescription");
                var impact = r.Body.RequiredEnum<Impact>("impact");
                var urgency = r.Body.RequiredEnum<Urgency>("urgency");
                var service = r.Body.OptionalString("service");
                return new OpenIncident(callerId, shortDescription, impact, urgency, service is null ? null : new ServiceId(service));
            })
            .MapGet(static i => i.Version)
            .MapList(Enum.GetNames<IncidentState>(), nameof(IncidentState.Resolved))
            .MapView("sla", SlaStatusJson.Of)
            .MapAssignment(
                static (group, assignee) => new AssignIncident(group is null ? null : new SupportGroupId(group), assignee), nameof(IncidentCommand.Assign),
                static () => new UnassignIncident(), nameof(IncidentCommand.Unassign))
            .MapCommand("start-work", static r => new StartIncidentWork(), nameof(IncidentCommand.StartWork))
            .MapCommand("hold", static r =>
            {
                var reason = r.Body.RequiredEnum<OnHoldReason>("reason");
                var comment = r.Body.OptionalString("comment");
                return new PutIncidentOnHold(reason, comment);
            }, nameof(IncidentCommand.PutOnHold))
            .MapCommand("hold-reason", static r =>
            {
                var reason = r.Body.RequiredEnum<OnHoldReason>("reason");
                var comment = r.Body.OptionalString("comment");
                return new ChangeIncidentHoldReason(reason, comment);
            }, nameof(IncidentCommand.ChangeHoldReason))
            .MapCommand("resume", static r => new ResumeIncident(), nameof(IncidentCommand.Resume))
            .MapCommand("resolve", static r =>
            {
                var code = r.Body.RequiredEnum<IncidentResolutionCode>("code");
                // Notes are a domain rule (ITSM-INC-RESOLVE-001, 422), not a JSON requirement.
                var notes = r.Body.OptionalString("notes") ?? string.Empty;
                return new ResolveIncident(code, notes);
            }, nameof(IncidentCommand.Resolve))
            .MapCommand("reopen", static r =>
            {
                var reason = r.Body.RequiredString("reason");
                return new ReopenIncident(reason);
            }, nameof(IncidentCommand.Reopen))
            .MapCommand("close", static r => new CloseIncident(), nameof(IncidentCommand.Close))
            .MapCommand("cancel", static r =>
            {
                var reason = r.Body.RequiredString("reason");
                return new CancelIncident(reason);
            }, nameof(IncidentCommand.Cancel))
            .MapCommand("escalate", static r =>
            {
                // Functional escalation names a group; hierarchical escalation names a manager.
                var toGroup = r.Body.OptionalString("toGroup");
                var manager = r.Body.OptionalString("manager");
                var reason = r.Body.RequiredString("reason");
                return (toGroup, manager) switch
                {
                    ({ } group, null) => new EscalateIncidentFunctionally(new SupportGroupId(group), reason),
                    (null, { } name) => new EscalateIncidentHierarchically(name, reason),
                    _ => throw BadInputException.ForField("toGroup", "Escalation needs either 'toGroup' (functional) or 'manager' (hierarchical), not both and not neither."),
                };
            }, nameof(IncidentCommand.EscalateFunctionally), nameof(IncidentCommand.EscalateHierarchically))
            .MapCommand("priority", static r =>
            {
                var impact = r.Body.RequiredEnum<Impact>("impact");
                var urgency = r.Body.RequiredEnum<Urgency>("urgency");
                return new ChangeIncidentImpactOrUrgency(impact, urgency);
            }, nameof(IncidentCommand.ChangeImpactOrUrgency))
            // A named transition of the record's workflow (docs/workflows.md): {"transition": "triage"}.
            .MapCommand("transition", static r => new TransitionIncidentWorkflow(r.Body.RequiredString("transition")), nameof(IncidentCommand.TransitionWorkflow));
    }

}

/// <summary>An incident as the API shows it.</summary>
public sealed record IncidentJson(
    string Id,
    string? Number,
    string Tenant,
    long Version,
    string State,
    string? OnHoldReason,
    string CallerId,
    string ShortDescription,
    string? Service,
    string Impact,
    string Urgency,
    PriorityJson Priority,
    string? AssignmentGroup,
    string? AssignedTo,
    int EscalationLevel,
    bool IsMajor,
    string? ResolutionCode,
    string? ResolutionNotes,
    Instant OpenedAt,
    Instant? ResolvedAt,
    IReadOnlyList<string> PermittedCommands,
    WorkflowView? Workflow)
{
    /// <summary>The JSON of an incident.</summary>
    /// <param name="incident">The incident.</param>
    /// <param name="catalog">Translates its permitted triggers into API commands.</param>
    /// <returns>The JSON object.</returns>
    public static object From(Incident incident, ApiCommandCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(catalog);
        return new IncidentJson(
            incident.Id.ToString(),
            incident.Number,
            incident.Tenant.Value,
            incident.Version,
            incident.State.ToString(),
            incident.OnHoldReason?.ToString(),
            incident.CallerId,
            incident.ShortDescription,
            incident.Service?.Value,
            incident.Impact.ToString(),
            incident.Urgency.ToString(),
            PriorityJson.From(incident.Priority),
            incident.AssignmentGroup?.Value,
            incident.AssignedTo,
            incident.EscalationLevel,
            incident.IsMajor,
            incident.ResolutionCode?.ToString(),
            incident.ResolutionNotes,
            incident.OpenedAt,
            incident.ResolvedAt,
            catalog.CommandsFor(Incident.RecordType, incident.PermittedCommands.Select(c => c.ToString())),
            WorkflowView.Of(incident.Workflow, incident.WorkflowState));
    }
}

/// <summary>A priority: its value (1 highest) and name.</summary>
/// <param name="Value">1 to 5.</param>
/// <param name="Name">Critical, High, Moderate, Low or Planning.</param>
public sealed record PriorityJson(int Value, string Name)
{
    /// <summary>The JSON of a priority.</summary>
    /// <param name="priority">The priority.</param>
    /// <returns>The JSON object.</returns>
    public static PriorityJson From(Priority priority) => new(priority.Value, priority.Name);
}

/// <summary>
/// The SLA status of an incident, evaluated now by the engine (<see cref="ItsmEngine.EvaluateSla"/>): its
/// SLA history replayed from its audit log (<see cref="ItsmEngine.ReadIncidentTicketHistoryAsync"/>), tracked with
/// the configured agreements, and each clock evaluated on its calendar.
/// Nothing is stored: the clocks are a pure function of history, calendar and instant.
/// </summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Version">Its version.</param>
/// <param name="EvaluatedAt">The instant the clocks were evaluated at.</param>
/// <param name="Clocks">One entry per clock (agreement, target and cycle).</param>
public sealed record SlaStatusJson(string IncidentId, long Version, Instant EvaluatedAt, IReadOnlyList<SlaClockJson> Clocks)
{
    /// <summary>Evaluates an incident's clocks now.</summary>
    /// <param name="request">The request (for the engine, which holds the clock, agreements and calendars).</param>
    /// <param name="incident">The incident.</param>
    /// <returns>The JSON object.</returns>
    public static async Task<object> Of(ApiRequest request, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(incident);
        var now = request.Engine.Clock.GetCurrentInstant();
        var history = await request.Engine.ReadIncidentTicketHistoryAsync(request.Tenant, incident.Id, request.Actor, request.Cancellation).ConfigureAwait(false);
        var clocks = request.Engine.EvaluateSla(history)
            .Select(clock => SlaClockJson.From(clock.Clock, clock.Status))
            .ToArray();
        return new SlaStatusJson(incident.Id.ToString(), incident.Version, now, clocks);
    }
}

/// <summary>One SLA clock's status.</summary>
/// <param name="Agreement">The agreement's id.</param>
/// <param name="AgreementName">The agreement's name.</param>
/// <param name="Kind">SLA, OLA or underpinning contract.</param>
/// <param name="Metric">The target's metric (Response, Resolution, ...).</param>
/// <param name="Cycle">The clock's cycle (a reopened ticket starts a new one).</param>
/// <param name="Priority">The priority the target was taken for.</param>
/// <param name="Calendar">The calendar id; null for 24x7.</param>
/// <param name="Stage">InProgress, Paused, Achieved, Breached or Cancelled.</param>
/// <param name="Target">The target duration, in business time.</param>
/// <param name="Elapsed">Business time elapsed.</param>
/// <param name="Remaining">Business time remaining (negative once breached).</param>
/// <param name="Paused">Time spent paused.</param>
/// <param name="WallClockElapsed">Wall-clock time since the start.</param>
/// <param name="ElapsedPercent">Elapsed as a percentage of the target.</param>
/// <param name="StartedAt">When the clock started.</param>
/// <param name="EndedAt">When it stopped or was cancelled, if it did.</param>
/// <param name="BreachAt">When it breaches (a forecast while running) or breached.</param>
/// <param name="HasEverBreached">Whether it breached.</param>
/// <param name="NextThresholdAt">The next warning or breach instant while running; null otherwise.</param>
public sealed record SlaClockJson(
    string Agreement,
    string AgreementName,
    string Kind,
    string Metric,
    int Cycle,
    int Priority,
    string? Calendar,
    string Stage,
    Duration Target,
    Duration Elapsed,
    Duration Remaining,
    Duration Paused,
    Duration WallClockElapsed,
    double ElapsedPercent,
    Instant StartedAt,
    Instant? EndedAt,
    Instant? BreachAt,
    bool HasEverBreached,
    Instant? NextThresholdAt)
{
    /// <summary>The JSON of a clock's status.</summary>
    /// <param name="clock">The clock.</param>
    /// <param name="status">Its status now.</param>
    /// <returns>The JSON object.</returns>
    public static SlaClockJson From(TrackedClock clock, SlaStatus status)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new SlaClockJson(
            clock.Agreement.Id,
            clock.Agreement.Name,
            clock.Agreement.Kind.ToString(),
            clock.Target.Metric.Name,
            clock.Cycle,
            clock.Priority.Value,
            clock.CalendarId,
            status.Stage.ToString(),
            status.Target,
            status.BusinessElapsed,
            status.BusinessRemaining,
            status.PausedDuration,
            status.WallClockElapsed,
            Math.Round(status.ElapsedPercent, 2),
            status.StartedAt,
            status.EndedAt,
            status.BreachInstant,
            status.HasEverBreached,
            status.NextThresholdInstant);
    }
}
