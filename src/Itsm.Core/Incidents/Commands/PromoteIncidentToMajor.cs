using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Promotes an incident to a major incident.</summary>
/// <remarks>Runs <see cref="Incident.PromoteToMajor"/>; its audit entry's command is <c>PromoteToMajor</c>.</remarks>
/// <param name="Reason">Why.</param>
public sealed record PromoteIncidentToMajor(string Reason) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "PromoteToMajor";

    internal override void Run(Incident record, Actor actor) => record.PromoteToMajor(actor, Reason);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Reason);
}
