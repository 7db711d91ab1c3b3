using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Requests;
using Itsm.Services;

namespace Itsm.Routing;

/// <summary>
/// What assignment rules see of a ticket: its service, category, configuration items, location and priority.
/// </summary>
/// <remarks>
/// Tickets carry their service, configuration items and priority (<see cref="ForIncident"/>
/// reads them); the category and the location are the host's (a caller's site, a form's category), so the host
/// supplies them. Every field is optional: a rule's condition on a field the ticket lacks does not hold.
/// </remarks>
public sealed record RoutingFacts
{
    /// <summary>The service the ticket is for, or <see langword="null"/>.</summary>
    public ServiceId? Service { get; init; }

    /// <summary>The ticket's category (for example <c>"network"</c>), or <see langword="null"/>.</summary>
    public string? Category { get; init; }

    /// <summary>The configuration items the ticket names; empty for none.</summary>
    public IReadOnlyList<ConfigurationItemId> ConfigurationItems { get; init; } = [];

    /// <summary>Where the caller or the fault is (for example <c>"london"</c>), or <see langword="null"/>.</summary>
    public string? Location { get; init; }

    /// <summary>The ticket's priority, or <see langword="null"/>.</summary>
    public Priority? Priority { get; init; }

    /// <summary>The facts of an incident: its service, configuration items and priority, with the host's category and location.</summary>
    /// <param name="incident">The incident.</param>
    /// <param name="category">The incident's category, or <see langword="null"/>.</param>
    /// <param name="location">Where the caller or the fault is, or <see langword="null"/>.</param>
    /// <returns>The facts.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="incident"/> is null.</exception>
    public static RoutingFacts ForIncident(Incident incident, string? category = null, string? location = null)
    {
        Guard.Against.Null(incident);
        return Of(incident.Service, incident.ConfigurationItems, incident.Priority, category, location);
    }

    /// <summary>The facts of a service request: its service, configuration items and priority, with the host's category and location.</summary>
    /// <param name="request">The request.</param>
    /// <param name="category">The request's category, or <see langword="null"/>.</param>
    /// <param name="location">Where the requester is, or <see langword="null"/>.</param>
    /// <returns>The facts.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="request"/> is null.</exception>
    public static RoutingFacts ForRequest(ServiceRequest request, string? category = null, string? location = null)
    {
        Guard.Against.Null(request);
        return Of(request.Service, request.ConfigurationItems, request.Priority, category, location);
    }

    private static RoutingFacts Of(ServiceId? service, IReadOnlyList<ConfigurationItemId> items, Priority priority, string? category, string? location) => new()
    {
        Service = service,
        Category = category,
        ConfigurationItems = items.ToArray(),
        Location = location,
        Priority = priority,
    };
}
