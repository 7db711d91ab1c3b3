using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Records the customer satisfaction survey result of a resolved or closed ticket, as the engine's actor.</summary>
/// <remarks>Runs <see cref="Incident.RecordSatisfaction"/>; its audit entry's command is <c>RecordSatisfaction</c>.</remarks>
/// <param name="Score">The score, 1 (very dissatisfied) to 5 (very satisfied).</param>
/// <param name="Comment">The respondent's comment, or null.</param>
/// <param name="Respondent">Who answered.</param>
public sealed record RecordIncidentSatisfaction(int Score, string? Comment, string Respondent) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "RecordSatisfaction";

    internal override void Run(Incident record, Actor actor) => record.RecordSatisfaction(actor, Score, Comment, Respondent);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Score).Add(Comment).Add(Respondent);
}
