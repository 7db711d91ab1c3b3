using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Changes an incident's impact and urgency; the priority is derived again.</summary>
/// <remarks>Runs <see cref="Incident.ChangeImpactOrUrgency"/>; its audit entry's command is <c>ChangeImpactOrUrgency</c>.</remarks>
/// <param name="Impact">The new impact.</param>
/// <param name="Urgency">The new urgency.</param>
public sealed record ChangeIncidentImpactOrUrgency(Impact Impact, Urgency Urgency) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "ChangeImpactOrUrgency";

    internal override void Run(Incident record, Actor actor) => record.ChangeImpactOrUrgency(actor, Impact, Urgency);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add((int)Impact).Add((int)Urgency);
}
