using Itsm.Common;

namespace Itsm.Problems;

/// <summary>Unlinks a linked incident from a problem.</summary>
/// <remarks>Runs <see cref="Problem.UnlinkIncident"/>; its audit entry's command is <c>UnlinkIncident</c>.</remarks>
/// <param name="IncidentId">The incident's id.</param>
public sealed record UnlinkProblemIncident(IncidentId IncidentId) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "UnlinkIncident";

    internal override void Run(Problem record, Actor actor) => record.UnlinkIncident(actor, IncidentId);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(IncidentId.ToString());
}
