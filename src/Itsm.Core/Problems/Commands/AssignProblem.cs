using Itsm.Common;
using Itsm.Services;

namespace Itsm.Problems;

/// <summary>Sets a problem's assignment to a support group and/or a person; the state does not change.</summary>
/// <remarks>Runs <see cref="Problem.Assign"/>; its audit entry's command is <c>Assign</c>.</remarks>
/// <param name="Group">The support group, or null for none.</param>
/// <param name="Assignee">The person, or null for the group's queue; at least one of the two is set.</param>
public sealed record AssignProblem(SupportGroupId? Group, string? Assignee = null) : RecordCommand<Problem>
{
    /// <inheritdoc/>
    public override string RecordType => Problem.RecordType;

    /// <inheritdoc/>
    public override string Name => "Assign";

    internal override void Run(Problem record, Actor actor) => record.Assign(actor, Group, Assignee);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Group?.Value).Add(Assignee);

    internal override void AddReferences(ServiceModelReferences references) => references.SupportGroup(Group);
}
