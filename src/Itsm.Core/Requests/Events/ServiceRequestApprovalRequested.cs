using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Approval was requested for a service request whose catalog item requires it.</summary>
/// <remarks>Audit entry: command <c>RequestApproval</c>; no data.</remarks>
public sealed record ServiceRequestApprovalRequested : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RequestApproval";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static ServiceRequestApprovalRequested? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new ServiceRequestApprovalRequested();
    }
}
