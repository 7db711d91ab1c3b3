using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>Assigns an incident to a support group and, optionally, a person; a new incident moves to InProgress.</summary>
/// <remarks>Runs <see cref="Incident.Assign"/>; its audit entry's command is <c>Assign</c>.</remarks>
/// <param name="Group">The support group.</param>
/// <param name="Assignee">The assignee, or null for the group's queue.</param>
public sealed record AssignIncident(string Group, string? Assignee = null) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "Assign";

    internal override void Run(Incident record, Actor actor) => record.Assign(actor, Group, Assignee);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Group).Add(Assignee);
}
