using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Requests;
using Itsm.Services;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>Stores service requests (docs/record-state.md); the catalog item given at submission is state.</summary>
internal sealed class ServiceRequestCodec : AggregateCodec<ServiceRequest, ServiceRequestId>
{
    public override string RecordType => ServiceRequest.RecordType;


    public override ServiceRequest Create(CreateCommand<ServiceRequest> command, TenantId tenant, ServiceRequestId id, Actor actor, IClock clock) =>
        command switch
        {
            SubmitServiceRequest submit => submit.Create(tenant, id, actor, clock),
            _ => throw UnknownCreateCommand(command),
        };

    public override string Serialize(ServiceRequest aggregate)
    {
        Guard.Against.Null(aggregate);
        return StateJson.Write(w =>
        {
            w.WriteEnum("state", aggregate.State);
            w.WriteString("requesterId", aggregate.RequesterId);
            w.WriteStartObject("item");
            w.WriteString("id", aggregate.Item.Id);
            w.WriteBoolean("requiresApproval", aggregate.Item.RequiresApproval);
            w.WriteEndObject();
            w.WriteNumber("priority", aggregate.Priority.Value);
            w.WriteString("approverId", aggregate.ApproverId);
            w.WriteString("assignmentGroup", aggregate.AssignmentGroup?.Value);
            w.WriteString("service", aggregate.Service?.Value);
            w.WriteServiceFields(aggregate.Offering, aggregate.ConfigurationItems, aggregate.Supplier);
            w.WriteString("assignedTo", aggregate.AssignedTo);
            w.WriteInstant("submittedAt", aggregate.SubmittedAt);
            w.WriteSlaLedger("sla", aggregate.Sla.ForSave);
            w.WriteSlaThreshold("lastSlaThreshold", aggregate.LastSlaThreshold);
            w.WriteSatisfaction(aggregate.Satisfaction, null);
        });
    }

    public override ServiceRequest Deserialize(TenantId tenant, string id, long version, string json, IClock clock)
    {
        Guard.Against.Null(clock);
        var requestId = new ServiceRequestId(StateJson.ParseId(id, ServiceRequest.RecordType));
        return StateJson.Read(ServiceRequest.RecordType, json, r =>
        {
            var state = r.Enum<ServiceRequestState>("state");
            string requesterId = r.String("requesterId");
            var item = r.Object("item");
            var catalogItem = new CatalogItem(item.String("id"), item.Bool("requiresApproval"));
            return ServiceRequest.Restore(
                tenant,
                requestId,
                version,
                clock,
                requesterId,
                catalogItem,
                r.Priority("priority"),
                state,
                r.NullableString("approverId"),
                r.Id("assignmentGroup", v => new SupportGroupId(v), optional: true),
                r.Id("service", v => new ServiceId(v), optional: true),
                r.Id("offering", v => new ServiceOfferingId(v), optional: true),
                r.ConfigurationItems("configurationItems"),
                r.Id("supplier", v => new SupplierId(v), optional: true),
                r.OptionalString("assignedTo"),
                r.Instant("submittedAt"),
                StateJson.TicketSlaLog(r),
                r.OptionalSlaThreshold("lastSlaThreshold")).WithSatisfaction(r.Satisfaction().Response);
        });
    }

    public override RecordIndex IndexOf(ServiceRequest aggregate, Instant? slaDueAt) => new(
        aggregate.State.ToString(),
        aggregate.AcceptsWork,
        aggregate.Service?.Value,
        aggregate.AssignmentGroup?.Value,
        aggregate.Priority.Value,
        aggregate.SubmittedAt,
        slaDueAt);

    public override TicketSlaLog? SlaLogOf(ServiceRequest aggregate) => aggregate.Sla;

    public override TicketSlaProjection? SlaProjection => Itsm.Requests.ServiceRequestSlaProjection.Instance;

    public override void RecomputeSla(ServiceRequest aggregate, Actor actor, string reason, SlaLedger ledger) => aggregate.RecomputeSla(actor, reason, ledger);

    public override SlaThresholdReached? LastSlaThresholdOf(ServiceRequest aggregate) => aggregate.LastSlaThreshold;
}
