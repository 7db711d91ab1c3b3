using Itsm.Common;
using Itsm.Services;

namespace Itsm.Incidents;

/// <summary>Sets an incident's assignment to a support group and/or a person; whether a new incident also starts work is <see cref="IncidentOptions.WorkStart"/>.</summary>
/// <remarks>Runs <see cref="Incident.Assign"/>; its audit entry's command is <c>Assign</c>.</remarks>
/// <param name="Group">The support group, or null for none.</param>
/// <param name="Assignee">The assignee, or null for the group's queue; at least one of the two is set.</param>
public sealed record AssignIncident(SupportGroupId? Group, string? Assignee = null) : RecordCommand<Incident>
{
    /// <inheritdoc/>
    public override string RecordType => Incident.RecordType;

    /// <inheritdoc/>
    public override string Name => "Assign";

    internal override void Run(Incident record, Actor actor) => record.Assign(actor, Group, Assignee);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Group?.Value).Add(Assignee);

    internal override void AddReferences(ServiceModelReferences references) => references.SupportGroup(Group);
}
