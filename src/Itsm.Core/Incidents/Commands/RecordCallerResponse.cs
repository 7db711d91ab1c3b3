using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Records that the caller responded; an incident awaiting the caller resumes.</summary>
/// <remarks>Runs <see cref="Incident.RecordCallerResponse"/>; its audit entry's command is <c>RecordCallerResponse</c>.</remarks>
/// <param name="Comment">The caller's response.</param>
public sealed record RecordCallerResponse(string Comment) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "RecordCallerResponse";

    internal override void Run(Incident record, Actor actor) => record.RecordCallerResponse(actor, Comment);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Comment);
}
