using Itsm.Common;
using NodaTime;

namespace Itsm.Requests;

/// <summary>Submits a new service request in state Submitted; the engine's actor is the requester.</summary>
/// <remarks>Runs <see cref="ServiceRequest.Submit"/>; its audit entry's command is <c>Submit</c>.</remarks>
/// <param name="Item">What is asked for.</param>
/// <param name="Priority">The priority; null for 4 Low.</param>
public sealed record SubmitServiceRequest(CatalogItem Item, Priority? Priority = null) : CreateCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "Submit";

    /// <summary>Creates the record: the engine passes its key, the actor, its clock and its settings.</summary>
    internal ServiceRequest Create(TenantId tenant, ServiceRequestId id, Actor actor, IClock clock) =>
        ServiceRequest.Submit(tenant, id, actor, Item, clock, Priority);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Item?.Id).Add(Item?.RequiresApproval == true).Add(Priority?.Value ?? 0);
}
