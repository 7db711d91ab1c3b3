using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Records that the request's waiting approval level passed its due instant undecided (a system command of the SLA worker; the state does not change).</summary>
/// <remarks>Runs <see cref="ServiceRequest.RecordApprovalOverdue"/>; its audit entry's command is <c>ApprovalOverdue</c> and its event an <see cref="Itsm.Approvals.ApprovalLevelOverdue"/>.</remarks>
public sealed record RecordServiceRequestApprovalOverdue : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => Itsm.Approvals.ApprovalLevelOverdue.CommandName;

    internal override void Run(ServiceRequest record, Actor actor) => record.RecordApprovalOverdue(actor);

    internal override void WriteArguments(CommandArguments arguments)
    {
    }
}
