using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

/// <summary>Functional escalation: reassigns an incident to another support group.</summary>
/// <remarks>Runs <see cref="Incident.EscalateFunctionally"/>; its audit entry's command is <c>EscalateFunctionally</c>.</remarks>
/// <param name="ToGroup">The group to escalate to.</param>
/// <param name="Reason">Why.</param>
public sealed record EscalateIncidentFunctionally(SupportGroupId ToGroup, string Reason) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "EscalateFunctionally";

    internal override void Run(Incident record, Actor actor) => record.EscalateFunctionally(actor, ToGroup, Reason);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ToGroup.Value).Add(Reason);

    internal override void AddReferences(ServiceModelReferences references) => references.SupportGroup(ToGroup);
}
