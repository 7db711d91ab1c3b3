using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Hierarchical escalation: records that a manager was notified.</summary>
/// <remarks>Runs <see cref="Incident.EscalateHierarchically"/>; its audit entry's command is <c>EscalateHierarchically</c>.</remarks>
/// <param name="Manager">The manager notified.</param>
/// <param name="Reason">Why.</param>
public sealed record EscalateIncidentHierarchically(string Manager, string Reason) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "EscalateHierarchically";

    internal override void Run(Incident record, Actor actor) => record.EscalateHierarchically(actor, Manager, Reason);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Manager).Add(Reason);
}
