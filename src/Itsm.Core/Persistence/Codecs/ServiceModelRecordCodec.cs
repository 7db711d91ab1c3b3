using System;
using System.Text.Json;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.ServiceModelRecords;
using Itsm.Sla;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Persistence;

/// <summary>
/// Stores a tenant's service model (docs/record-state.md, "Service model"): <c>v</c>, <c>state</c>,
/// <c>createdAt</c> and the model's parts. A state whose model no longer builds reads as corrupt.
/// </summary>
internal sealed class ServiceModelRecordCodec : AggregateCodec<ServiceModelRecord, ServiceModelRecordId>
{
    public override string RecordType => ServiceModelRecord.RecordType;

    public override ServiceModelRecord Create(CreateCommand<ServiceModelRecord> command, TenantId tenant, ServiceModelRecordId id, Actor actor, IClock clock) =>
        command switch
        {
            CreateServiceModel create => create.Create(tenant, actor, clock),
            _ => throw UnknownCreateCommand(command),
        };

    public override string Serialize(ServiceModelRecord aggregate)
    {
        Guard.Against.Null(aggregate);
        return StateJson.Write(w =>
        {
            w.WriteEnum("state", aggregate.State);
            w.WriteInstant("createdAt", aggregate.CreatedAt);
            ServiceModelJson.WriteParts(w, aggregate.Model);
        });
    }

    public override ServiceModelRecord Deserialize(TenantId tenant, string id, long version, StateText json, IClock clock)
    {
        Guard.Against.Null(clock);
        if (!string.Equals(id, ServiceModelRecordId.Text, StringComparison.Ordinal))
        {
            throw new FormatException($"A service model's record id is '{ServiceModelRecordId.Text}', not '{Itsm.Text.QuotedText.Of(id)}'.");
        }

        using var document = json.ParseDocument();
        var root = document.RootElement;
        if (!root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != StateJson.SchemaVersion)
        {
            throw new JsonException($"The {RecordType} state is not schema version {StateJson.SchemaVersion}.");
        }

        if (root.GetProperty("state").GetString() != nameof(ServiceModelRecordState.Active))
        {
            throw new JsonException($"The {RecordType} state 'state' is not Active.");
        }

        var createdAt = InstantPattern.ExtendedIso.Parse(root.GetProperty("createdAt").GetString() ?? string.Empty).GetValueOrThrow();
        Itsm.Services.ServiceModel model;
        try
        {
            model = ServiceModelJson.ReadParts(root).Build();
        }
        catch (DomainRuleViolationException ex)
        {
            throw new FormatException($"The stored service model does not build: {Itsm.Text.QuotedText.Message(ex.Message)}", ex);
        }

        return ServiceModelRecord.Restore(tenant, version, clock, model, createdAt);
    }

    public override RecordIndex IndexOf(ServiceModelRecord aggregate, Instant? slaDueAt) => new(
        StateJson.NameOf(aggregate.State),
        true,
        null,
        null,
        null,
        aggregate.CreatedAt,
        null);

    public override TicketSlaLog? SlaLogOf(ServiceModelRecord aggregate) => null;
}
