using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.ServiceDesk;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>Stores service desk interactions (docs/record-state.md). No agreement applies to an interaction: no ticket history.</summary>
internal sealed class InteractionCodec : AggregateCodec<Interaction, InteractionId>
{
    public override string RecordType => Interaction.RecordType;


    public override Interaction Create(CreateCommand<Interaction> command, TenantId tenant, InteractionId id, Actor actor, IClock clock) =>
        command switch
        {
            LogInteraction log => log.Create(tenant, id, actor, clock),
            _ => throw UnknownCreateCommand(command),
        };

    public override string Serialize(Interaction aggregate)
    {
        Guard.Against.Null(aggregate);
        return StateJson.Write(w =>
        {
            w.WriteEnum("state", aggregate.State);
            w.WriteEnum("channel", aggregate.Channel);
            w.WriteString("callerId", aggregate.CallerId);
            w.WriteString("shortDescription", aggregate.ShortDescription);
            w.WriteInstant("loggedAt", aggregate.LoggedAt);
            w.WriteGuid("incidentId", aggregate.IncidentId?.Value);
            w.WriteGuid("serviceRequestId", aggregate.ServiceRequestId?.Value);
            w.WriteString("answer", aggregate.Answer);
            w.WriteBoolean("resolvedOnFirstContact", aggregate.ResolvedOnFirstContact);
        });
    }

    public override Interaction Deserialize(TenantId tenant, string id, long version, StateText json, IClock clock)
    {
        Guard.Against.Null(clock);
        var interactionId = new InteractionId(StateJson.ParseId(id, Interaction.RecordType));
        return StateJson.Read(Interaction.RecordType, json, r => Interaction.Restore(
            tenant,
            interactionId,
            version,
            clock,
            r.Enum<Channel>("channel"),
            r.String("callerId"),
            r.String("shortDescription"),
            r.Enum<InteractionState>("state"),
            r.Instant("loggedAt"),
            r.NullableGuid("incidentId") is { } incident ? new IncidentId(incident) : null,
            r.NullableGuid("serviceRequestId") is { } request ? new ServiceRequestId(request) : null,
            r.NullableString("answer"),
            r.Bool("resolvedOnFirstContact")));
    }

    public override RecordIndex IndexOf(Interaction aggregate, Instant? slaDueAt) => new(
        StateJson.NameOf(aggregate.State),
        aggregate.PermittedCommands.Count > 0,
        null,
        null,
        null,
        aggregate.LoggedAt,
        slaDueAt);

    public override TicketSlaLog? SlaLogOf(Interaction aggregate) => null;
}
