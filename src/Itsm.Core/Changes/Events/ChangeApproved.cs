using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>A member of the change authority approved the change (each approver counts once toward the authority's quorum).</summary>
/// <remarks>Audit entry: command <c>Approve</c>; data keys <c>approver</c>, <c>roles</c> (a null value is left out).</remarks>
/// <param name="Approver">The approver's id.</param>
/// <param name="Roles">The approver's roles, as recorded: joined with a comma and a space.</param>

public sealed record ChangeApproved(string Approver, string Roles) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Approve";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("approver", Approver), ("roles", Roles));

    internal static ChangeApproved? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ChangeApproved(r.Required("approver"), r.Required("roles"));
        return r.Ok ? read : null;
    }
}
