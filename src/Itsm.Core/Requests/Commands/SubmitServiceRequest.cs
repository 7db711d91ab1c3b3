using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;
using NodaTime;

namespace Itsm.Requests;

/// <summary>Submits a new service request in state Submitted; the engine's actor is the requester.</summary>
/// <remarks>Runs <see cref="ServiceRequest.Submit"/>; its audit entry's command is <c>Submit</c>.</remarks>
/// <param name="Item">What is asked for.</param>
/// <param name="Priority">The priority; null for 4 Low.</param>
public sealed record SubmitServiceRequest(CatalogItem Item, Priority? Priority = null) : CreateCommand<ServiceRequest>
{
    /// <summary>The service the request is for, if known.</summary>
    public ServiceId? Service { get; init; }

    /// <summary>The service offering, if known; with a service model and a <see cref="Service"/>, it must be an offering of that service.</summary>
    public ServiceOfferingId? Offering { get; init; }

    /// <summary>The configuration items the request is about, if any (at most <see cref="FieldLimits.Items"/>, no duplicates); null or empty for none.</summary>
    public IReadOnlyList<ConfigurationItemId>? ConfigurationItems { get; init; }

    /// <summary>
    /// The answers to <see cref="Item"/>'s variables; null or empty for none. They must fit the item
    /// (<see cref="CatalogItem.Validate"/>), or the command is refused with a <see cref="CatalogValuesException"/>
    /// listing every problem. With a service model, references to its elements must name elements it holds.
    /// </summary>
    public CatalogValues? Variables { get; init; }

    /// <summary>
    /// When the request was opened, if before the command (ServiceNow's <c>opened_at</c>: the request was phoned in before it
    /// was typed in); <see langword="null"/> for the command's instant. It must lie at or before the engine's clock (else
    /// <c>ITSM-REQ-OPENED-001</c>) and in the range SLA clocks count in (1900 to 2200, else an
    /// <see cref="System.ArgumentOutOfRangeException"/>). It becomes <see cref="ServiceRequest.OpenedAt"/>, the <c>openedAt</c> of
    /// the <c>Submit</c> audit entry and <see cref="Itsm.Sla.TicketSnapshot.OpenedAt"/>, where SLA targets with
    /// <see cref="Itsm.Sla.SlaRetroactiveStart.Opened"/> start their clocks; <see cref="Itsm.Sla.SlaRetroactiveStart.Created"/>
    /// still starts at the command's instant.
    /// </summary>
    public Instant? OpenedAt { get; init; }

    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "Submit";

    /// <summary>Creates the record: the engine passes its key, the actor, its clock and its settings.</summary>
    internal ServiceRequest Create(TenantId tenant, ServiceRequestId id, Actor actor, IClock clock, Itsm.Workflows.Workflow<ServiceRequestState, ServiceRequestCommand>? workflow = null) =>
        ServiceRequest.SubmitUnderWorkflow(tenant, id, actor, Item, clock, Priority, Service, Offering, ConfigurationItems, Variables, workflow, OpenedAt);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Item?.Id).Add(Item?.RequiresApproval == true).Add(Priority?.Value ?? 0)
        .AddLater(Service?.Value, Offering?.Value, TicketServiceFields.AuditText(ConfigurationItems ?? []))
        .AddLater(Variables is { Count: > 0 } answers ? CatalogValuesJson.WriteTagged(answers) : null, Item is { Variables.Count: > 0 } item ? item.Definition : null)
        .AddLater(AuditData.Instant(OpenedAt));

    internal override void AddReferences(ServiceModelReferences references)
    {
        references.Service(Service).Offering(Offering, Service).ConfigurationItems(ConfigurationItems);
        CatalogReferences.Add(references, Item, Variables);
    }
}
