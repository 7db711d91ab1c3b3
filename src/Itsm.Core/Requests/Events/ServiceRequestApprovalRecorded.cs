using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>
/// An approval that leaves the request's chain waiting: its level still needs more approvals, or the
/// chain has a next level (the entry's actor is the approver). The request stays AwaitingApproval.
/// </summary>
/// <remarks>Audit entry: command <c>RecordApproval</c>; data keys <c>level</c>, <c>levelCompleted</c>, <c>onBehalfOf</c>, <c>comment</c>, <c>levelStartedAt</c>, <c>levelDueAt</c> (a null value is left out).</remarks>
/// <param name="Level">The name of the level approved at.</param>
/// <param name="LevelCompleted">Whether this approval completed the level (the next level now waits).</param>
/// <param name="OnBehalfOf">The approvers a delegate approved for (comma and space between), or <see langword="null"/> when the approver approved only for themselves.</param>
/// <param name="Comment">The approver's comment, if any.</param>
public sealed record ServiceRequestApprovalRecorded(string Level, bool LevelCompleted, string? OnBehalfOf, string? Comment) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RecordApproval";

    internal override string Command => CommandName;

    /// <summary>
    /// When the level this decision decided started waiting and was due, or <see langword="null"/> when it decided no
    /// level with a due time (a level without one, an approval that left its level waiting, or an entry written before
    /// this version). The approval KPIs read it.
    /// </summary>
    public Itsm.Approvals.ApprovalLevelTiming? Timing { get; init; }

    internal override IReadOnlyDictionary<string, string> ToAuditData() =>
        AuditData.Of(("level", Level), ("levelCompleted", LevelCompleted ? "true" : "false"), ("onBehalfOf", OnBehalfOf), ("comment", Comment), Itsm.Approvals.ApprovalLevelTiming.StartedKey(Timing), Itsm.Approvals.ApprovalLevelTiming.DueKey(Timing));

    internal static ServiceRequestApprovalRecorded? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ServiceRequestApprovalRecorded(r.Required("level"), r.Boolean("levelCompleted"), r.Optional("onBehalfOf"), r.Optional("comment")) { Timing = Itsm.Approvals.ApprovalLevelTiming.Read(data) };
        return r.Ok ? read : null;
    }
}
