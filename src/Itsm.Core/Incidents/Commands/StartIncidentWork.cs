using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Starts work on a new incident (New to InProgress).</summary>
/// <remarks>Runs <see cref="Incident.StartWork"/>; its audit entry's command is <c>StartWork</c>.</remarks>
public sealed record StartIncidentWork : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "StartWork";

    internal override void Run(Incident record, Actor actor) => record.StartWork(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
