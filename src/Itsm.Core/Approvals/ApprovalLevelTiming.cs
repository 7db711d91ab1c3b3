using System.Collections.Generic;
using Itsm.Common;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Approvals;

/// <summary>
/// When the approval level a decision decided started waiting and when it was due: carried by the decision that
/// completes or rejects a level with a due time (a request's <c>Approve</c>, <c>RecordApproval</c> with <c>levelCompleted</c> and
/// <c>Reject</c>; a change's <c>Approve</c> that meets a level and <c>Reject</c>), so the approval KPIs
/// (<c>KpiId.ApprovalLevelsDecidedOnTime</c>, <c>KpiId.MeanTimeToApprovalDecision</c>) read from the audit log alone
/// whether the decision was late and how long it took.
/// </summary>
/// <remarks>Audit data keys <c>levelStartedAt</c> and <c>levelDueAt</c> (ISO instants), both or neither: a level without a due
/// time, and entries written before this version, carry neither and read with no timing.</remarks>
/// <param name="StartedAt">When the level started waiting: the chain's start for the first level, else the approval that met the level before.</param>
/// <param name="DueAt">When the level was due (<see cref="ApprovalLevel.DueAt"/>, in the engine's approval calendar).</param>
public sealed record ApprovalLevelTiming(Instant StartedAt, Instant DueAt)
{
    /// <summary>Whether a decision at <paramref name="decidedAt"/> was late: the level had a due instant and the decision came at or after it (as <c>IsApprovalOverdue</c> counts).</summary>
    /// <param name="decidedAt">When the level was decided.</param>
    /// <returns><see langword="true"/> when late; <see langword="false"/> when on time.</returns>
    public bool IsLate(Instant decidedAt) => decidedAt >= DueAt;

    internal static (string Key, string? Value) StartedKey(ApprovalLevelTiming? timing) =>
        ("levelStartedAt", timing is null ? null : InstantPattern.ExtendedIso.Format(timing.StartedAt));

    internal static (string Key, string? Value) DueKey(ApprovalLevelTiming? timing) =>
        ("levelDueAt", timing is null ? null : InstantPattern.ExtendedIso.Format(timing.DueAt));

    /// <summary>The timing in an entry's data; <see langword="null"/> when it has none or it does not parse.</summary>
    internal static ApprovalLevelTiming? Read(IReadOnlyDictionary<string, string> data)
    {
        return data.TryGetValue("levelStartedAt", out var started) && InstantPattern.ExtendedIso.Parse(started) is { Success: true } start
            && data.TryGetValue("levelDueAt", out var dueText) && InstantPattern.ExtendedIso.Parse(dueText) is { Success: true } due
            ? new ApprovalLevelTiming(start.Value, due.Value)
            : null;
    }
}
