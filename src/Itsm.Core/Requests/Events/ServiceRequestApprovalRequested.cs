using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Approval was requested for a service request whose catalog item requires it.</summary>
/// <remarks>Audit entry: command <c>RequestApproval</c>; data keys <c>chain</c>, <c>levels</c>, left out for the default single approver.</remarks>
public sealed record ServiceRequestApprovalRequested : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RequestApproval";

    internal override string Command => CommandName;

    /// <summary>The name of the approval chain the request waits on, or <see langword="null"/> for the default single approver (<see cref="Itsm.Approvals.ApprovalChain.SingleApprover"/>).</summary>
    public string? Chain { get; init; }

    /// <summary>The chain's levels, in order (the level texts, "; " between), or <see langword="null"/> for the default single approver.</summary>
    public string? Levels { get; init; }

    internal override IReadOnlyDictionary<string, string> ToAuditData() =>
        Chain is null ? AuditData.Empty : AuditData.Of(("chain", Chain), ("levels", Levels));

    internal static ServiceRequestApprovalRequested? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        return new ServiceRequestApprovalRequested { Chain = r.Optional("chain"), Levels = r.Optional("levels") };
    }
}
