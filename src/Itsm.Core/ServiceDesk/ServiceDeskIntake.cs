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
    /// <param name="resolvedOnFirstContact">Whether the agent resolves the incident during the contact (counted as a first-contact resolution).</param>
    /// <param name="openedAt">
    /// When the incident was opened, if before now (for example the interaction's <see cref="Interaction.LoggedAt"/>, when the call
    /// was taken); <see langword="null"/> for the clock's instant. See <see cref="Incident.Open"/>.
    /// </param>
    /// <returns>The new incident.</returns>
    /// <exception cref="InvalidTransitionException">The interaction is already classified; nothing is created.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="openedAt"/> is outside the range SLA clocks count in; nothing is created.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-OPENED-001</c>: <paramref name="openedAt"/> is after the clock's instant; nothing is created.</exception>
    public static Incident RaiseIncident(Interaction interaction, IncidentId id, Actor agent, Impact impact, Urgency urgency, IClock clock, IncidentOptions? options = null, Itsm.Services.ServiceId? service = null, bool resolvedOnFirstContact = false, Instant? openedAt = null) =>
        RaiseIncidentUnderWorkflow(interaction, id, agent, impact, urgency, clock, options, service, resolvedOnFirstContact, workflow: null, openedAt);

    /// <summary>The engine's intake: as the public overload, the incident opened under the tenant's incident workflow, if any.</summary>
    internal static Incident RaiseIncidentUnderWorkflow(Interaction interaction, IncidentId id, Actor agent, Impact impact, Urgency urgency, IClock clock, IncidentOptions? options, Itsm.Services.ServiceId? service, bool resolvedOnFirstContact, Itsm.Workflows.Workflow<IncidentState, IncidentCommand>? workflow, Instant? openedAt = null)
    {
        // Arguments first, then the interaction's state; nothing is created unless both pass.
        Guard.Against.Null(interaction);
        Guard.Against.Null(agent);
        if (id.Value == System.Guid.Empty)
        {
            throw new System.ArgumentException("The incident id must not be empty.", nameof(id));
        }

        Guard.Against.OutOfRange((int)impact, nameof(impact), 1, 3);
        Guard.Against.OutOfRange((int)urgency, nameof(urgency), 1, 3);
        Guard.Against.Null(clock);
        TicketOpenedAt.CheckRange(openedAt, nameof(openedAt));
        if (!interaction.Permits(InteractionCommand.ClassifyAsIncident))
        {
            interaction.ClassifyAsIncident(agent, id);
        }

        var incident = Incident.OpenUnderWorkflow(interaction.Tenant, id, agent, interaction.CallerId, interaction.ShortDescription, impact, urgency, clock, options, service, null, null, workflow, openedAt);
        interaction.ClassifyAsIncident(agent, id, resolvedOnFirstContact);
        return incident;
    }

    /// <summary>
    /// Submits a service request for an interaction and classifies the interaction as that request.
    /// The request's requester, and the actor of its Submit audit entry, is the interaction's caller;
    /// the classification is recorded as <paramref name="agent"/>'s.
    /// </summary>
    /// <param name="interaction">The logged interaction.</param>
    /// <param name="id">The new request's id.</param>
    /// <param name="agent">The service desk agent (the request's requester is the interaction's caller).</param>
    /// <param name="item">What is asked for.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>The new request.</returns>
    /// <exception cref="InvalidTransitionException">The interaction is already classified; nothing is created.</exception>
    public static ServiceRequest RaiseServiceRequest(Interaction interaction, ServiceRequestId id, Actor agent, CatalogItem item, IClock clock) =>
        RaiseServiceRequest(interaction, id, agent, item, clock, CatalogValues.Empty);

    /// <summary>
    /// Submits a service request with answers to its catalog item's variables for an interaction, and classifies
    /// the interaction as that request (docs/catalog.md). As the overload without answers otherwise.
    /// </summary>
    /// <param name="interaction">The logged interaction.</param>
    /// <param name="id">The new request's id.</param>
    /// <param name="agent">The service desk agent (the request's requester is the interaction's caller).</param>
    /// <param name="item">What is asked for.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="variables">The answers to <paramref name="item"/>'s variables.</param>
    /// <param name="openedAt">
    /// When the request was opened, if before now (for example the interaction's <see cref="Interaction.LoggedAt"/>);
    /// <see langword="null"/> for the clock's instant. See <see cref="ServiceRequest.Submit"/>.
    /// </param>
    /// <returns>The new request.</returns>
    /// <exception cref="InvalidTransitionException">The interaction is already classified; nothing is created.</exception>
    /// <exception cref="CatalogValuesException">The answers do not fit the item; nothing is created and the interaction is not classified.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="openedAt"/> is outside the range SLA clocks count in; nothing is created.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-OPENED-001</c>: <paramref name="openedAt"/> is after the clock's instant; nothing is created.</exception>
    public static ServiceRequest RaiseServiceRequest(Interaction interaction, ServiceRequestId id, Actor agent, CatalogItem item, IClock clock, CatalogValues variables, Instant? openedAt = null)
    {
        Guard.Against.Null(interaction);
        Guard.Against.Null(agent);
        if (id.Value == System.Guid.Empty)
        {
            throw new System.ArgumentException("The request id must not be empty.", nameof(id));
        }

        Guard.Against.Null(item);
        Guard.Against.Null(clock);
        TicketOpenedAt.CheckRange(openedAt, nameof(openedAt));
        if (!interaction.Permits(InteractionCommand.ClassifyAsServiceRequest))
        {
            interaction.ClassifyAsServiceRequest(agent, id);
        }

        Guard.Against.Null(variables);
        var request = ServiceRequest.Submit(interaction.Tenant, id, new Actor(interaction.CallerId), item, clock, variables: variables, openedAt: openedAt);
        interaction.ClassifyAsServiceRequest(agent, id);
        return request;
    }
}
