using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>A member of the change authority approved the change (each approver counts once toward the authority's quorum).</summary>
/// <remarks>Audit entry: command <c>Approve</c>; data keys <c>approver</c>, <c>roles</c>, <c>level</c>, <c>onBehalfOf</c>, <c>levelStartedAt</c>, <c>levelDueAt</c> (a null value is left out).</remarks>
/// <param name="Approver">The approver's id.</param>
/// <param name="Roles">The approver's roles, as recorded: joined with a comma and a space.</param>

public sealed record ChangeApproved(string Approver, string Roles) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Approve";

    internal override string Command => CommandName;

    /// <summary>The name of the approval level approved at, when the authority's chain has more than one level; otherwise <see langword="null"/>.</summary>
    public string? Level { get; init; }

    /// <summary>The approvers a delegate approved for (comma and space between), or <see langword="null"/> when the approver approved only for themselves.</summary>
    public string? OnBehalfOf { get; init; }

    /// <summary>
    /// When the level this decision decided started waiting and was due, or <see langword="null"/> when it decided no
    /// level with a due time (a level without one, an approval that left its level waiting, or an entry written before
    /// this version). The approval KPIs read it.
    /// </summary>
    public Itsm.Approvals.ApprovalLevelTiming? Timing { get; init; }

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("approver", Approver), ("roles", Roles), ("level", Level), ("onBehalfOf", OnBehalfOf), Itsm.Approvals.ApprovalLevelTiming.StartedKey(Timing), Itsm.Approvals.ApprovalLevelTiming.DueKey(Timing));

    internal static ChangeApproved? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ChangeApproved(r.Required("approver"), r.Required("roles")) { Level = r.Optional("level"), OnBehalfOf = r.Optional("onBehalfOf"), Timing = Itsm.Approvals.ApprovalLevelTiming.Read(data) };
        return r.Ok ? read : null;
    }
}
