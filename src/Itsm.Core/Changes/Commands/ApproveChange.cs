using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Approves a change: the actor is the approver, with their roles (segregation of duties applies).</summary>
/// <remarks>Runs <see cref="Change.Approve"/>; its audit entry's command is <c>Approve</c>.</remarks>
public sealed record ApproveChange : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "Approve";

    internal override void Run(Change record, Actor actor) => record.Approve(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
