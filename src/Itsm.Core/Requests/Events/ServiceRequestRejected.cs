using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>A service request was rejected (the entry's actor is the approver); terminal.</summary>
/// <remarks>Audit entry: command <c>Reject</c>; data keys <c>reason</c>, <c>level</c>, <c>onBehalfOf</c>, <c>levelStartedAt</c>, <c>levelDueAt</c> (a null value is left out).</remarks>
/// <param name="Reason">Why.</param>

public sealed record ServiceRequestRejected(string Reason) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Reject";

    internal override string Command => CommandName;

    /// <summary>The name of the level rejected, when the chain has more than one level; otherwise <see langword="null"/>.</summary>
    public string? Level { get; init; }

    /// <summary>The approvers a delegate rejected for (comma and space between), or <see langword="null"/> when the approver decided only for themselves.</summary>
    public string? OnBehalfOf { get; init; }

    /// <summary>
    /// When the level this decision decided started waiting and was due, or <see langword="null"/> when it decided no
    /// level with a due time (a level without one, an approval that left its level waiting, or an entry written before
    /// this version). The approval KPIs read it.
    /// </summary>
    public Itsm.Approvals.ApprovalLevelTiming? Timing { get; init; }

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("reason", Reason), ("level", Level), ("onBehalfOf", OnBehalfOf), Itsm.Approvals.ApprovalLevelTiming.StartedKey(Timing), Itsm.Approvals.ApprovalLevelTiming.DueKey(Timing));

    internal static ServiceRequestRejected? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ServiceRequestRejected(r.Required("reason")) { Level = r.Optional("level"), OnBehalfOf = r.Optional("onBehalfOf"), Timing = Itsm.Approvals.ApprovalLevelTiming.Read(data) };
        return r.Ok ? read : null;
    }
}
