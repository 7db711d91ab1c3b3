using Itsm.Common;

namespace Itsm.ServiceDesk;

/// <summary>Classifies a logged interaction as the incident raised from it.</summary>
/// <remarks>Runs <see cref="Interaction.ClassifyAsIncident"/>; its audit entry's command is <c>ClassifyAsIncident</c>.</remarks>
/// <param name="Incident">The incident raised.</param>
/// <param name="ResolvedOnFirstContact">Whether the agent resolved the incident during the contact.</param>
public sealed record ClassifyInteractionAsIncident(IncidentId Incident, bool ResolvedOnFirstContact = false) : RecordCommand<Interaction>
{
    /// <inheritdoc/>
    public override string RecordType => Interaction.RecordType;

    /// <inheritdoc/>
    public override string Name => "ClassifyAsIncident";

    internal override void Run(Interaction record, Actor actor) => record.ClassifyAsIncident(actor, Incident, ResolvedOnFirstContact);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Incident.ToString()).Add(ResolvedOnFirstContact);
}
