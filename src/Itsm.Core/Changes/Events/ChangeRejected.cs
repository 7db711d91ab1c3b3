using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>The change authority rejected the change: its approvals were voided, and it went back to New or was canceled, by its rejection policy.</summary>
/// <remarks>Audit entry: command <c>Reject</c>; data keys <c>approver</c>, <c>reason</c>, <c>policy</c>, <c>voidedApprovals</c> (a null value is left out).</remarks>
/// <param name="Approver">The id of who rejected it.</param>
/// <param name="Reason">Why.</param>
/// <param name="Policy">Where the rejection led.</param>
/// <param name="VoidedApprovals">The number of approvals voided.</param>

public sealed record ChangeRejected(string Approver, string Reason, RejectionPolicy Policy, int VoidedApprovals) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Reject";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("approver", Approver), ("reason", Reason), ("policy", Policy.ToString()), ("voidedApprovals", AuditData.Number(VoidedApprovals)));

    internal static ChangeRejected? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ChangeRejected(r.Required("approver"), r.Required("reason"), r.Enum<RejectionPolicy>("policy"), (int)r.Number("voidedApprovals", int.MinValue, int.MaxValue));
        return r.Ok ? read : null;
    }
}
