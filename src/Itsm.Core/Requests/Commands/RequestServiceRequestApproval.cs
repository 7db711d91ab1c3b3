using Itsm.Approvals;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Asks for approval of a service request whose catalog item requires it: by <see cref="Chain"/>, or the single approver when none is given.</summary>
/// <remarks>Runs <see cref="ServiceRequest.RequestApproval(Actor)"/> or <see cref="ServiceRequest.RequestApproval(Actor, ApprovalChain)"/>; its audit entry's command is <c>RequestApproval</c>.</remarks>
public sealed record RequestServiceRequestApproval : RecordCommand<ServiceRequest>
{
    /// <summary>The approval chain to wait on, or <see langword="null"/> for <see cref="ApprovalChain.SingleApprover"/>.</summary>
    public ApprovalChain? Chain { get; init; }

    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "RequestApproval";

    internal override void Run(ServiceRequest record, Actor actor)
    {
        if (Chain is null)
        {
            record.RequestApproval(actor);
        }
        else
        {
            record.RequestApproval(actor, Chain);
        }
    }

    internal override void WriteArguments(CommandArguments arguments) => arguments.AddLater(Chain?.ToString());
}
