using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Links an incident a problem causes to the problem (the incident's own link is <see cref="Itsm.Incidents.LinkIncidentToProblem"/>).</summary>
/// <remarks>Runs <see cref="Problem.LinkIncident"/>; its audit entry's command is <c>LinkIncident</c>.</remarks>
/// <param name="IncidentId">The incident's id.</param>
public sealed record LinkProblemIncident(IncidentId IncidentId) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "LinkIncident";

    internal override void Run(Problem record, Actor actor) => record.LinkIncident(actor, IncidentId);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(IncidentId.ToString());
}
