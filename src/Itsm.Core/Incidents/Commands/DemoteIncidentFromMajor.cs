using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Demotes a major incident to an ordinary one.</summary>
/// <remarks>Runs <see cref="Incident.DemoteFromMajor"/>; its audit entry's command is <c>DemoteFromMajor</c>.</remarks>
/// <param name="Reason">Why.</param>
public sealed record DemoteIncidentFromMajor(string Reason) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "DemoteFromMajor";

    internal override void Run(Incident record, Actor actor) => record.DemoteFromMajor(actor, Reason);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason);
}
