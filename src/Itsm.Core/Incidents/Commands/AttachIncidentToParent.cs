using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Makes an incident a child of a major incident, given as loaded (its state and tenant are checked).</summary>
/// <remarks>Runs <see cref="Incident.AttachToParent"/>; its audit entry's command is <c>AttachToParent</c>.</remarks>
/// <param name="Parent">The major incident.</param>
public sealed record AttachIncidentToParent(Incident Parent) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "AttachToParent";

    internal override void Run(Incident record, Actor actor) => record.AttachToParent(actor, Parent);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Parent?.RecordId);
}
