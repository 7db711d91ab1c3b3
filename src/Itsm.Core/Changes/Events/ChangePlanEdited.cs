using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>The implementation plan was replaced and every approval voided (a scheduled change goes back to authorisation).</summary>
/// <remarks>Audit entry: command <c>EditPlan</c>; data keys <c>plan</c>, <c>voidedApprovals</c> (a null value is left out).</remarks>
/// <param name="Plan">The new plan.</param>
/// <param name="VoidedApprovals">The number of approvals voided.</param>

public sealed record ChangePlanEdited(string Plan, int VoidedApprovals) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "EditPlan";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("plan", Plan), ("voidedApprovals", AuditData.Number(VoidedApprovals)));

    internal static ChangePlanEdited? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ChangePlanEdited(r.Required("plan"), (int)r.Number("voidedApprovals", int.MinValue, int.MaxValue));
        return r.Ok ? read : null;
    }
}
