using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Requests;
using Itsm.Samples.WebApi.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Itsm.Services;

namespace Itsm.Samples.WebApi.Endpoints;

/// <summary>The service request endpoints: submit, get, list, the fulfilment commands, and assignment.</summary>
public static class ServiceRequestEndpoints
{
    private static readonly Priority[] Priorities = [Priority.Critical, Priority.High, Priority.Moderate, Priority.Low, Priority.Planning];

    /// <summary>Maps the endpoints under <c>/tenants/{tenant}/requests</c>.</summary>
    /// <param name="app">The route builder.</param>
    public static void Map(IEndpointRouteBuilder app)
    {
        new RecordEndpoints<ServiceRequest, ServiceRequestId>(app, "requests", ServiceRequest.RecordType, e => e.ServiceRequests, g => new ServiceRequestId(g), ServiceRequestJson.From)
            .MapCreate(static (r, id) =>
            {
                var itemId = r.Body.RequiredString("item");
                var item = SampleConfiguration.Catalog.GetValueOrDefault(itemId)
                    ?? throw BadInputException.ForField("item", $"The field 'item' must be one of {string.Join(", ", SampleConfiguration.Catalog.Keys.Order(StringComparer.Ordinal))}; '{itemId}' is not.");
                return new SubmitServiceRequest(item, OptionalPriority(r.Body));
            })
            .MapGet(static s => s.Version)
            .MapList(Enum.GetNames<ServiceRequestState>(), nameof(ServiceRequestState.Fulfilled))
            .MapAssignment(
                static (group, assignee) => new AssignServiceRequest(group is null ? null : new SupportGroupId(group), assignee), nameof(ServiceRequestCommand.Assign),
                static () => new UnassignServiceRequest(), nameof(ServiceRequestCommand.Unassign))
            .MapCommand("request-approval", static r => new RequestServiceRequestApproval(), nameof(ServiceRequestCommand.RequestApproval))
            .MapCommand("approve", static r => new ApproveServiceRequest(r.Body.OptionalString("comment")), nameof(ServiceRequestCommand.Approve))
            .MapCommand("reject", static r => new RejectServiceRequest(r.Body.RequiredString("reason")), nameof(ServiceRequestCommand.Reject))
            .MapCommand("start-fulfilment", static r => new StartServiceRequestFulfilment(), nameof(ServiceRequestCommand.StartFulfilment))
            .MapCommand("fulfil", static r => new FulfilServiceRequest(r.Body.RequiredString("notes")), nameof(ServiceRequestCommand.Fulfil))
            .MapCommand("close", static r => new CloseServiceRequest(), nameof(ServiceRequestCommand.Close))
            .MapCommand("cancel", static r => new CancelServiceRequest(r.Body.RequiredString("reason")), nameof(ServiceRequestCommand.Cancel))
            // A named transition of the record's workflow (docs/workflows.md): {"transition": "triage"}.
            .MapCommand("transition", static r => new TransitionServiceRequestWorkflow(r.Body.RequiredString("transition")), nameof(ServiceRequestCommand.TransitionWorkflow));
    }

    // Priorities are named as ServiceNow names them (Critical ... Planning), like the incident's priority in JSON.
    private static Priority? OptionalPriority(RequestBody body)
    {
        if (body.OptionalString("priority") is not { } text)
        {
            return null;
        }

        return Array.Find(Priorities, p => string.Equals(p.Name, text, StringComparison.OrdinalIgnoreCase)) is { Value: > 0 } found
            ? found
            : throw BadInputException.ForField("priority", $"The field 'priority' must be one of {string.Join(", ", Priorities.Select(p => p.Name))}; '{text}' is not.");
    }
}

/// <summary>A service request as the API shows it.</summary>
public sealed record ServiceRequestJson(
    string Id,
    string? Number,
    string Tenant,
    long Version,
    string State,
    string RequesterId,
    string Item,
    bool RequiresApproval,
    PriorityJson Priority,
    string? ApproverId,
    string? AssignmentGroup,
    string? AssignedTo,
    Instant SubmittedAt,
    IReadOnlyList<string> PermittedCommands,
    WorkflowView? Workflow)
{
    /// <summary>The JSON of a service request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="catalog">Translates its permitted triggers into API commands.</param>
    /// <returns>The JSON object.</returns>
    public static object From(ServiceRequest request, ApiCommandCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        return new ServiceRequestJson(
            request.Id.ToString(),
            request.Number,
            request.Tenant.Value,
            request.Version,
            request.State.ToString(),
            request.RequesterId,
            request.Item.Id,
            request.Item.RequiresApproval,
            PriorityJson.From(request.Priority),
            request.ApproverId,
            request.AssignmentGroup?.Value,
            request.AssignedTo,
            request.SubmittedAt,
            catalog.CommandsFor(ServiceRequest.RecordType, request.PermittedCommands.Select(c => c.ToString())),
            WorkflowView.Of(request.Workflow, request.WorkflowState));
    }
}
