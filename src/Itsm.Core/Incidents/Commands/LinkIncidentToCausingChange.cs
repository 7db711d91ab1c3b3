using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Links the change that caused an incident.</summary>
/// <remarks>Runs <see cref="Incident.LinkCausedByChange"/>; its audit entry's command is <c>LinkCausedByChange</c>.</remarks>
/// <param name="ChangeId">The change's id.</param>
public sealed record LinkIncidentToCausingChange(string ChangeId) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "LinkCausedByChange";

    internal override void Run(Incident record, Actor actor) => record.LinkCausedByChange(actor, ChangeId);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(ChangeId);
}
