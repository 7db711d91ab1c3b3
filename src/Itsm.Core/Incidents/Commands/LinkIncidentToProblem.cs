using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Links an incident to its related problem.</summary>
/// <remarks>Runs <see cref="Incident.LinkProblem"/>; its audit entry's command is <c>LinkProblem</c>.</remarks>
/// <param name="ProblemId">The problem's id.</param>
public sealed record LinkIncidentToProblem(string ProblemId) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "LinkProblem";

    internal override void Run(Incident record, Actor actor) => record.LinkProblem(actor, ProblemId);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ProblemId);
}
