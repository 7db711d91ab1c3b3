using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Requests;
using NodaTime;

namespace Itsm.ServiceDesk;

/// <summary>
/// The service desk's intake: raises the incident or service request an interaction is about,
/// with the interaction's caller and description, and classifies the interaction accordingly.
/// </summary>
public static class ServiceDeskIntake
{
    /// <summary>Opens an incident for an interaction and classifies the interaction as that incident.</summary>
    /// <param name="interaction">The logged interaction.</param>
    /// <param name="id">The new incident's id.</param>
    /// <param name="agent">The service desk agent.</param>
    /// <param name="impact">The impact.</param>
    /// <param name="urgency">The urgency.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="options">Incident settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="service">The affected service, if known.</param>
    /// <returns>The new incident.</returns>
    /// <exception cref="InvalidTransitionException">The interaction is already classified; nothing is created.</exception>
    public static Incident RaiseIncident(Interaction interaction, IncidentId id, Actor agent, Impact impact, Urgency urgency, IClock clock, IncidentOptions? options = null, string? service = null)
    {
        Guard.Against.Null(interaction);
        if (!interaction.Permits(InteractionCommand.ClassifyAsIncident))
        {
            // Refuse before anything is created.
            interaction.ClassifyAsIncident(agent, id);
        }

        var incident = Incident.Open(interaction.Tenant, id, agent, interaction.CallerId, interaction.ShortDescription, impact, urgency, clock, options, service);
        interaction.ClassifyAsIncident(agent, id);
        return incident;
    }

    /// <summary>Submits a service request for an interaction and classifies the interaction as that request.</summary>
    /// <param name="interaction">The logged interaction.</param>
    /// <param name="id">The new request's id.</param>
    /// <param name="agent">The service desk agent (the request's requester is the interaction's caller).</param>
    /// <param name="item">What is asked for.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The new request.</returns>
    /// <exception cref="InvalidTransitionException">The interaction is already classified; nothing is created.</exception>
    public static ServiceRequest RaiseServiceRequest(Interaction interaction, ServiceRequestId id, Actor agent, CatalogItem item, IClock clock)
    {
        Guard.Against.Null(interaction);
        Guard.Against.Null(agent);
        if (!interaction.Permits(InteractionCommand.ClassifyAsServiceRequest))
        {
            interaction.ClassifyAsServiceRequest(agent, id);
        }

        var request = ServiceRequest.Submit(interaction.Tenant, id, new Actor(interaction.CallerId), item, clock);
        interaction.ClassifyAsServiceRequest(agent, id);
        return request;
    }
}
