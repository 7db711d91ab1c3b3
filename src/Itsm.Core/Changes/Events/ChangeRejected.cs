using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>The change authority rejected the change: its approvals were voided, and it went back to New or was canceled, by its rejection policy.</summary>
/// <remarks>Audit entry: command <c>Reject</c>; data keys <c>approver</c>, <c>reason</c>, <c>policy</c>, <c>voidedApprovals</c>, <c>levelStartedAt</c>, <c>levelDueAt</c> (a null value is left out).</remarks>
/// <param name="Approver">The id of who rejected it.</param>
/// <param name="Reason">Why.</param>
/// <param name="Policy">Where the rejection led.</param>
/// <param name="VoidedApprovals">The number of approvals voided.</param>

public sealed record ChangeRejected(string Approver, string Reason, RejectionPolicy Policy, int VoidedApprovals) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Reject";

    internal override string Command => CommandName;

    /// <summary>
    /// When the level this decision decided started waiting and was due, or <see langword="null"/> when it decided no
    /// level with a due time (a level without one, an approval that left its level waiting, or an entry written before
    /// this version). The approval KPIs read it.
    /// </summary>
    public Itsm.Approvals.ApprovalLevelTiming? Timing { get; init; }

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("approver", Approver), ("reason", Reason), ("policy", Policy.ToString()), ("voidedApprovals", AuditData.Number(VoidedApprovals)), Itsm.Approvals.ApprovalLevelTiming.StartedKey(Timing), Itsm.Approvals.ApprovalLevelTiming.DueKey(Timing));

    internal static ChangeRejected? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ChangeRejected(r.Required("approver"), r.Required("reason"), r.Enum<RejectionPolicy>("policy"), (int)r.Number("voidedApprovals", int.MinValue, int.MaxValue)) { Timing = Itsm.Approvals.ApprovalLevelTiming.Read(data) };
        return r.Ok ? read : null;
    }
}
