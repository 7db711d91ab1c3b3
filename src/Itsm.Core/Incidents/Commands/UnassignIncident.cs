using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Clears an incident's assignment (group and person); the state does not change.</summary>
/// <remarks>Runs <see cref="Incident.Unassign"/>; its audit entry's command is <c>Unassign</c>.</remarks>
public sealed record UnassignIncident : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "Unassign";

    internal override void Run(Incident record, Actor actor) => record.Unassign(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
