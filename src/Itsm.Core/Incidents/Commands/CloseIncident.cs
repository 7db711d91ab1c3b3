using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Closes a resolved incident.</summary>
/// <remarks>Runs <see cref="Incident.Close"/>; its audit entry's command is <c>Close</c>.</remarks>
public sealed record CloseIncident : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "Close";

    internal override void Run(Incident record, Actor actor) => record.Close(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
