using Itsm.Common;
using Itsm.Services;

namespace Itsm.Requests;

/// <summary>Sets a service request's assignment to a support group and/or a person; the state does not change.</summary>
/// <remarks>Runs <see cref="ServiceRequest.Assign"/>; its audit entry's command is <c>Assign</c>.</remarks>
/// <param name="Group">The support group, or null for none.</param>
/// <param name="Assignee">The person, or null for the group's queue; at least one of the two is set.</param>
public sealed record AssignServiceRequest(SupportGroupId? Group, string? Assignee = null) : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "Assign";

    internal override void Run(ServiceRequest record, Actor actor) => record.Assign(actor, Group, Assignee);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Group?.Value).Add(Assignee);

    internal override void AddReferences(ServiceModelReferences references) => references.SupportGroup(Group);
}
