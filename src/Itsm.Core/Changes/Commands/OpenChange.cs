using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;
using NodaTime;

namespace Itsm.Changes;

/// <summary>Opens (logs) a new change in state New, requested by the actor, under the engine's change authority policy.</summary>
/// <remarks>Runs <see cref="Change.Open"/>; its audit entry's command is <c>Open</c>.</remarks>
/// <param name="Type">Its type (a standard change comes from a pre-authorised template).</param>
/// <param name="ShortDescription">A short description.</param>
/// <param name="Plan">The implementation plan.</param>
/// <param name="Service">The service it touches, or null; with a service model, one it holds.</param>
/// <param name="ConfigurationItems">The configuration items it touches (at most <see cref="FieldLimits.Items"/>, no duplicates; together with the service, at least one); with a service model, ones it holds.</param>
/// <param name="ImplementerId">The planned implementer's id, if known; they may not approve it.</param>
/// <param name="Rejection">Where a rejection leads.</param>
public sealed record OpenChange(ChangeType Type, string ShortDescription, string Plan, ServiceId? Service, IReadOnlyList<ConfigurationItemId>? ConfigurationItems, string? ImplementerId = null, RejectionPolicy Rejection = RejectionPolicy.ReturnToNew) : CreateCommand<Change>
{
    /// <summary>The service offering it touches, if any; with a service model and a <see cref="Service"/>, it must be an offering of that service.</summary>
    public ServiceOfferingId? Offering { get; init; }

    /// <summary>The support group that owns the change, if any; with a service model, one it holds.</summary>
    public SupportGroupId? AssignmentGroup { get; init; }

    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "Open";

    /// <summary>Creates the record: the engine passes its key, the actor, its clock and its settings.</summary>
    internal Change Create(TenantId tenant, ChangeId id, Actor actor, IClock clock, ChangeAuthorityPolicy options, Itsm.Workflows.Workflow<ChangeState, ChangeCommand>? workflow = null) =>
        Change.OpenUnderWorkflow(tenant, id, Type, actor, ShortDescription, Plan, Service, ConfigurationItems, clock, ImplementerId, Rejection, options, Offering, AssignmentGroup, workflow);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Type.ToString()).Add(ShortDescription).Add(Plan).Add(Service?.Value)
        .Add(TicketServiceFields.AuditText(ConfigurationItems ?? [])).Add(ImplementerId).Add(Rejection.ToString())
        .AddLater(Offering?.Value, AssignmentGroup?.Value);

    internal override void AddReferences(ServiceModelReferences references) =>
        references.Service(Service).Offering(Offering, Service).ConfigurationItems(ConfigurationItems).SupportGroup(AssignmentGroup);
}
