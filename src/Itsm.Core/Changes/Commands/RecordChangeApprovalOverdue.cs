using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Records that the change's waiting approval level passed its due instant undecided (a system command of the SLA worker; the state does not change).</summary>
/// <remarks>Runs <see cref="Change.RecordApprovalOverdue"/>; its audit entry's command is <c>ApprovalOverdue</c> and its event an <see cref="Itsm.Approvals.ApprovalLevelOverdue"/>.</remarks>
public sealed record RecordChangeApprovalOverdue : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => Itsm.Approvals.ApprovalLevelOverdue.CommandName;

    internal override void Run(Change record, Actor actor) => record.RecordApprovalOverdue(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
