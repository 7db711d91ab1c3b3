using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Records the customer satisfaction survey result of a resolved or closed ticket, as the engine's actor.</summary>
/// <remarks>Runs <see cref="ServiceRequest.RecordSatisfaction"/>; its audit entry's command is <c>RecordSatisfaction</c>.</remarks>
/// <param name="Score">The score, 1 (very dissatisfied) to 5 (very satisfied).</param>
/// <param name="Comment">The respondent's comment, or null.</param>
/// <param name="Respondent">Who answered.</param>
public sealed record RecordServiceRequestSatisfaction(int Score, string? Comment, string Respondent) : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "RecordSatisfaction";

    internal override void Run(ServiceRequest record, Actor actor) => record.RecordSatisfaction(actor, Score, Comment, Respondent);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Score).Add(Comment).Add(Respondent);
}
