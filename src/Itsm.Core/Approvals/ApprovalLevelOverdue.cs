using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Itsm.Common;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Approvals;

/// <summary>
/// The approval level a service request or a change waits on passed its due instant undecided: the event of
/// the <c>ApprovalOverdue</c> command the SLA worker records (<see cref="Itsm.Requests.RecordServiceRequestApprovalOverdue"/>,
/// <see cref="Itsm.Changes.RecordChangeApprovalOverdue"/>). The record's state does not change; the level may still
/// be decided, and that decision is late (<see cref="ApprovalLevelTiming.IsLate"/>).
/// </summary>
/// <remarks>
/// <para>Audit entry: command <c>ApprovalOverdue</c>; data keys <c>level</c> (the level's name), <c>levelIndex</c>
/// (0 for the first level), <c>dueAt</c> (ISO instant) and <c>pendingApprovers</c> (a person's id or
/// <c>role:</c> and a role, as <see cref="Approver.ToString"/> gives them, comma and space between; left out for an open level, which anyone the host authorises may decide).
/// The entry's own instant is when it was recorded; <see cref="DueAt"/> is when the level came due.</para>
/// <para>Recorded at most once per level and run of the chain: the record remembers it, so a second worker
/// (or a retry) is refused with <c>ITSM-APPROVAL-004</c> and a stale one fails on the record's version.</para>
/// </remarks>
/// <param name="Level">The level's name.</param>
/// <param name="LevelIndex">The level's place in the chain, from 0.</param>
/// <param name="DueAt">When the level was due.</param>
/// <param name="PendingApprovers">The level's approvers who have not approved it (people and roles), in the level's order; empty for an open level.</param>
public sealed record ApprovalLevelOverdue(string Level, int LevelIndex, Instant DueAt, IReadOnlyList<string> PendingApprovers) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "ApprovalOverdue";

    /// <summary>Value equality: the same level, due instant and pending approvers (in order).</summary>
    /// <param name="other">The other event.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(ApprovalLevelOverdue? other) =>
        other is not null && Level == other.Level && LevelIndex == other.LevelIndex && DueAt == other.DueAt
        && System.Linq.Enumerable.SequenceEqual(PendingApprovers, other.PendingApprovers);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Level, LevelIndex, DueAt, PendingApprovers.Count);

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(
        ("level", Level),
        ("levelIndex", AuditData.Number(LevelIndex)),
        ("dueAt", InstantPattern.ExtendedIso.Format(DueAt)),
        ("pendingApprovers", PendingApprovers.Count == 0 ? null : string.Join(", ", PendingApprovers)));

    internal static ApprovalLevelOverdue? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var level = r.Required("level");
        var index = (int)r.Number("levelIndex", 0, ApprovalChain.MaxLevels - 1);
        var dueText = r.Required("dueAt");
        var pending = r.Optional("pendingApprovers") is { } text ? text.Split(", ") : [];
        if (!r.Ok || InstantPattern.ExtendedIso.Parse(dueText) is not { Success: true } due)
        {
            return null;
        }

        return new ApprovalLevelOverdue(level, index, due.Value, new ReadOnlyCollection<string>(pending));
    }
}
