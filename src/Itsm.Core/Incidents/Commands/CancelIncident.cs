using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Cancels an incident that is not resolved or closed.</summary>
/// <remarks>Runs <see cref="Incident.Cancel"/>; its audit entry's command is <c>Cancel</c>.</remarks>
/// <param name="Reason">Why.</param>
public sealed record CancelIncident(string Reason) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "Cancel";

    internal override void Run(Incident record, Actor actor) => record.Cancel(actor, Reason);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason);
}
