using System;
using Ardalis.GuardClauses;
using Itsm.Common;
using NodaTime;
using Stateless;

namespace Itsm.ServiceDesk;

/// <summary>
/// One contact with the service desk, the single point of contact: logged with its channel,
/// caller and description, then classified into a new incident, a new service request, or a
/// question answered on first contact. First-contact resolution is recorded for the KPIs.
/// </summary>
/// <remarks>Same command contract as the other lifecycles: one audit entry and one version per
/// accepted command; a refused command changes nothing. Not thread-safe.</remarks>
public sealed class Interaction : Aggregate<InteractionId, InteractionState, InteractionCommand>
{
    /// <summary>The record type used in audit entries and errors.</summary>
    public const string RecordType = "Interaction";


    private Interaction(TenantId tenant, InteractionId id, Channel channel, string callerId, string shortDescription, IClock clock)
        : base(RecordType, tenant, id, clock)
    {
        Channel = channel;
        CallerId = callerId;
        ShortDescription = shortDescription;
    }

    /// <summary>How the contact came in.</summary>
    public Channel Channel { get; }

    /// <summary>Who made contact.</summary>
    public string CallerId { get; }

    /// <summary>What the contact is about.</summary>
    public string ShortDescription { get; }

    /// <summary>When the interaction was logged.</summary>
    public Instant LoggedAt { get; private set; }

    /// <summary>The incident raised from it, if classified as an incident.</summary>
    public IncidentId? IncidentId { get; private set; }

    /// <summary>The service request raised from it, if classified as a request.</summary>
    public ServiceRequestId? ServiceRequestId { get; private set; }

    /// <summary>The answer given, if answered.</summary>
    public string? Answer { get; private set; }

    /// <summary>Whether the contact was resolved on first contact (answered, or an incident the agent resolved during the contact).</summary>
    public bool ResolvedOnFirstContact { get; private set; }

    /// <summary>Logs a new interaction.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The interaction's id.</param>
    /// <param name="agent">Who logs it (an agent, or the portal or monitoring system).</param>
    /// <param name="channel">How the contact came in.</param>
    /// <param name="callerId">Who made contact.</param>
    /// <param name="shortDescription">What it is about.</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <returns>The interaction, at version 1.</returns>
    /// <exception cref="ArgumentException">An argument is null, blank or undefined.</exception>
    public static Interaction Log(TenantId tenant, InteractionId id, Actor agent, Channel channel, string callerId, string shortDescription, IClock clock)
    {
        Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));
        if (id.Value == Guid.Empty)
        {
            throw new ArgumentException("The interaction id must not be empty.", nameof(id));
        }

        Guard.Against.Null(agent);
        Guard.Against.OutOfRange((int)channel, nameof(channel), 0, 5);
        FieldCheck.Required(callerId, FieldLimits.Id);
        FieldCheck.Required(shortDescription, FieldLimits.Title);
        Guard.Against.Null(clock);
        var interaction = new Interaction(tenant, id, channel, callerId, shortDescription, clock) { State = InteractionState.Logged };
        interaction.LoggedAt = clock.GetCurrentInstant();
        interaction.RecordCreation(agent, interaction.LoggedAt, new InteractionLogged(channel, callerId));
        return interaction;
    }

    /// <summary>Rebuilds a stored interaction at <paramref name="version"/>: no guards, nothing recorded (the codec validates the state).</summary>
    internal static Interaction Restore(
        TenantId tenant,
        InteractionId id,
        long version,
        IClock clock,
        Channel channel,
        string callerId,
        string shortDescription,
        InteractionState state,
        Instant loggedAt,
        IncidentId? incidentId,
        ServiceRequestId? serviceRequestId,
        string? answer,
        bool resolvedOnFirstContact)
    {
        var interaction = new Interaction(tenant, id, channel, callerId, shortDescription, clock)
        {
            State = state,
            LoggedAt = loggedAt,
            IncidentId = incidentId,
            ServiceRequestId = serviceRequestId,
            Answer = answer,
            ResolvedOnFirstContact = resolvedOnFirstContact,
        };
        interaction.Restore(version);
        return interaction;
    }

    /// <summary>Classifies the interaction as the incident raised from it.</summary>
    /// <param name="agent">Who classifies it.</param>
    /// <param name="incident">The incident raised.</param>
    /// <param name="resolvedOnFirstContact">Whether the agent resolved the incident during the contact.</param>
    /// <exception cref="InvalidTransitionException">Already classified.</exception>
    public void ClassifyAsIncident(Actor agent, IncidentId incident, bool resolvedOnFirstContact = false)
    {
        Guard.Against.Null(agent);
        if (incident.Value == Guid.Empty)
        {
            throw new ArgumentException("The incident id must not be empty.", nameof(incident));
        }

        Execute(agent, InteractionCommand.ClassifyAsIncident, _ =>
        {
            IncidentId = incident;
            ResolvedOnFirstContact = resolvedOnFirstContact;
        }, new InteractionClassifiedAsIncident(incident, resolvedOnFirstContact));
    }

    /// <summary>Classifies the interaction as the service request raised from it.</summary>
    /// <param name="agent">Who classifies it.</param>
    /// <param name="request">The request raised.</param>
    /// <exception cref="InvalidTransitionException">Already classified.</exception>
    public void ClassifyAsServiceRequest(Actor agent, ServiceRequestId request)
    {
        Guard.Against.Null(agent);
        if (request.Value == Guid.Empty)
        {
            throw new ArgumentException("The request id must not be empty.", nameof(request));
        }

        Execute(agent, InteractionCommand.ClassifyAsServiceRequest, _ => ServiceRequestId = request, new InteractionClassifiedAsServiceRequest(request));
    }

    /// <summary>Answers a question on first contact (counted as a first-contact resolution).</summary>
    /// <param name="agent">Who answers.</param>
    /// <param name="answer">The answer given.</param>
    /// <exception cref="InvalidTransitionException">Already classified.</exception>
    public void AnswerOnFirstContact(Actor agent, string answer)
    {
        Guard.Against.Null(agent);
        FieldCheck.Required(answer, FieldLimits.Text);
        Execute(agent, InteractionCommand.Answer, _ =>
        {
            Answer = answer;
            ResolvedOnFirstContact = true;
        }, new InteractionAnswered(answer));
    }

    /// <summary>The interaction's id and state.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"Interaction {Id} ({State})";
    private protected override void ConfigureLifecycle(StateMachine<InteractionState, InteractionCommand> machine, Func<Aggregate<InteractionId, InteractionState, InteractionCommand>> current) =>
        InteractionLifecycle.Configure(machine);
}
