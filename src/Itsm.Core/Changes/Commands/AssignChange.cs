using Itsm.Common;
using Itsm.Services;

namespace Itsm.Changes;

/// <summary>Sets the support group that owns a change, or clears it (null), in every state that is not terminal.</summary>
/// <remarks>Runs <see cref="Change.Assign"/>; its audit entry's command is <c>Assign</c>.</remarks>
/// <param name="Group">The support group, or null for none.</param>
public sealed record AssignChange(SupportGroupId? Group) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "Assign";

    internal override void Run(Change record, Actor actor) => record.Assign(actor, Group);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Group?.Value);

    internal override void AddReferences(ServiceModelReferences references) => references.SupportGroup(Group);
}
