using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>A service request was approved and moved to fulfilment (the entry's actor is the approver).</summary>
/// <remarks>Audit entry: command <c>Approve</c>; data keys <c>comment</c> (a null value is left out).</remarks>
/// <param name="Comment">The approver's comment, if any.</param>

public sealed record ServiceRequestApproved(string? Comment) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Approve";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("comment", Comment));

    internal static ServiceRequestApproved? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ServiceRequestApproved(r.Optional("comment"));
        return r.Ok ? read : null;
    }
}
