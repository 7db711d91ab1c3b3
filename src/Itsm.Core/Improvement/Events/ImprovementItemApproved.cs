using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>An improvement item was approved (the entry's actor is the approver).</summary>
/// <remarks>Audit entry: command <c>Approve</c>; no data.</remarks>
public sealed record ImprovementItemApproved : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Approve";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static ImprovementItemApproved? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new ImprovementItemApproved();
    }
}
