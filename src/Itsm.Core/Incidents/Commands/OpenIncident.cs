using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;
using NodaTime;

namespace Itsm.Incidents;

/// <summary>Opens (logs) a new incident in state New, with the engine's incident options (priority matrix, reopen window).</summary>
/// <remarks>Runs <see cref="Incident.Open"/>; its audit entry's command is <c>Open</c>.</remarks>
/// <param name="CallerId">The caller's id.</param>
/// <param name="ShortDescription">A short description.</param>
/// <param name="Impact">The impact.</param>
/// <param name="Urgency">The urgency.</param>
/// <param name="Service">The affected service, if known.</param>
public sealed record OpenIncident(string CallerId, string ShortDescription, Impact Impact, Urgency Urgency, ServiceId? Service = null) : CreateCommand<Incident>
{
    /// <summary>The service offering, if known; with a service model and a <see cref="Service"/>, it must be an offering of that service.</summary>
    public ServiceOfferingId? Offering { get; init; }

    /// <summary>The affected configuration items, if known (at most <see cref="FieldLimits.Items"/>, no duplicates); null or empty for none.</summary>
    public IReadOnlyList<ConfigurationItemId>? ConfigurationItems { get; init; }

    /// <summary>
    /// When the incident was opened, if before the command (ServiceNow's <c>opened_at</c>: the call was taken before the
    /// incident was typed in); <see langword="null"/> for the command's instant. It must lie at or before the engine's clock
    /// (else <c>ITSM-INC-OPENED-001</c>) and in the range SLA clocks count in (1900 to 2200, else an
    /// <see cref="System.ArgumentOutOfRangeException"/>). It becomes <see cref="Incident.OpenedAt"/>, the <c>openedAt</c> of the
    /// <c>Open</c> audit entry and <see cref="Itsm.Sla.TicketSnapshot.OpenedAt"/>, where SLA targets with
    /// <see cref="Itsm.Sla.SlaRetroactiveStart.Opened"/> start their clocks; <see cref="Itsm.Sla.SlaRetroactiveStart.Created"/>
    /// still starts at the command's instant.
    /// </summary>
    public Instant? OpenedAt { get; init; }

    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "Open";

    /// <summary>Creates the record: the engine passes its key, the actor, its clock and its settings.</summary>
    internal Incident Create(TenantId tenant, IncidentId id, Actor actor, IClock clock, IncidentOptions options, Itsm.Workflows.Workflow<IncidentState, IncidentCommand>? workflow = null) =>
        Incident.OpenUnderWorkflow(tenant, id, actor, CallerId, ShortDescription, Impact, Urgency, clock, options, Service, Offering, ConfigurationItems, workflow, OpenedAt);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(CallerId).Add(ShortDescription).Add((int)Impact).Add((int)Urgency).Add(Service?.Value).AddLater(Offering?.Value, TicketServiceFields.AuditText(ConfigurationItems ?? []))
        .AddLater(AuditData.Instant(OpenedAt));

    internal override void AddReferences(ServiceModelReferences references) =>
        references.Service(Service).Offering(Offering, Service).ConfigurationItems(ConfigurationItems);
}
