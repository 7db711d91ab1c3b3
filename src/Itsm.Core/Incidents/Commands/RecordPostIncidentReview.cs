using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Records the post-incident review of a major incident.</summary>
/// <remarks>Runs <see cref="Incident.RecordPostIncidentReview"/>; its audit entry's command is <c>RecordPostIncidentReview</c>.</remarks>
/// <param name="Summary">The review's summary.</param>
public sealed record RecordPostIncidentReview(string Summary) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "RecordPostIncidentReview";

    internal override void Run(Incident record, Actor actor) => record.RecordPostIncidentReview(actor, Summary);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Summary);
}
