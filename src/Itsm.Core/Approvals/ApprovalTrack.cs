using System;
using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Approvals;

/// <summary>
/// The rules a request and a change share for deciding the current level of their chain: whom a
/// decision counts for (the decider and the approvers who delegated to them), and which delegations
/// are allowed (no loop; only an approver who has yet to decide the level delegates).
/// </summary>
internal static class ApprovalTrack
{
    /// <summary>A delegation would make a loop (or delegate to oneself).</summary>
    internal const string DelegationLoopCode = "ITSM-APPROVAL-001";

    /// <summary>The delegator may not decide the current level, or already did.</summary>
    internal const string DelegatorCannotDecideCode = "ITSM-APPROVAL-002";

    /// <summary>No level with a due time waits, or the one waiting is not due yet.</summary>
    internal const string NotOverdueCode = "ITSM-APPROVAL-003";

    /// <summary>The waiting level's overdue was already recorded in this run of the chain.</summary>
    internal const string OverdueRecordedCode = "ITSM-APPROVAL-004";

    /// <summary>
    /// The people whose decision <paramref name="actor"/> gives at <paramref name="level"/>: themselves when
    /// the level accepts them, and every approver the level accepts whose delegation ends at them; each only
    /// while <paramref name="decided"/> says they have not decided the level yet.
    /// </summary>
    internal static List<string> DecidesFor(ApprovalLevel level, Actor actor, IReadOnlyList<ApprovalDelegation> delegations, Func<string, bool> decided)
    {
        var result = new List<string>(1);
        if (level.Accepts(actor.Id, actor.Roles) && !decided(actor.Id))
        {
            result.Add(actor.Id);
        }

        foreach (var delegation in delegations)
        {
            if (!string.Equals(delegation.From, actor.Id, StringComparison.Ordinal)
                && string.Equals(Resolve(delegation.From, delegations, null), actor.Id, StringComparison.Ordinal)
                && level.Accepts(delegation.From, delegation.FromRoles)
                && !decided(delegation.From)
                && !result.Contains(delegation.From))
            {
                result.Add(delegation.From);
            }
        }

        return result;
    }

    /// <summary>Checks that <paramref name="from"/> may hand the current level to <paramref name="to"/>.</summary>
    internal static void CheckDelegation(ApprovalLevel level, Actor from, string to, IReadOnlyList<ApprovalDelegation> delegations, Func<string, bool> decided)
    {
        if (!level.Accepts(from.Id, from.Roles) || decided(from.Id))
        {
            throw new DomainRuleViolationException(DelegatorCannotDecideCode, $"{from.Id} is not an approver of level {level.Name} who has yet to decide it, so has no decision to delegate.");
        }

        // from's own earlier delegation is being replaced, so it does not count toward a loop.
        if (string.Equals(to, from.Id, StringComparison.Ordinal) || string.Equals(Resolve(to, delegations, from.Id), from.Id, StringComparison.Ordinal))
        {
            throw new DomainRuleViolationException(DelegationLoopCode, $"Delegating from {from.Id} to {to} would make a loop: {to}'s decisions already end at {from.Id}.");
        }
    }

    /// <summary><paramref name="delegations"/> with <paramref name="delegation"/> replacing its delegator's earlier one.</summary>
    internal static void Put(List<ApprovalDelegation> delegations, ApprovalDelegation delegation)
    {
        delegations.RemoveAll(d => string.Equals(d.From, delegation.From, StringComparison.Ordinal));
        delegations.Add(delegation);
    }

    /// <summary>Whom <paramref name="person"/>'s decision ends at, following delegations (skipping <paramref name="skipFrom"/>'s).</summary>
    internal static string Resolve(string person, IReadOnlyList<ApprovalDelegation> delegations, string? skipFrom)
    {
        string current = person;

        // The delegations are loop-free by construction; the bound only keeps a corrupt state from spinning.
        for (int step = 0; step <= delegations.Count; step++)
        {
            string? next = null;
            foreach (var delegation in delegations)
            {
                if (string.Equals(delegation.From, current, StringComparison.Ordinal) && !string.Equals(delegation.From, skipFrom, StringComparison.Ordinal))
                {
                    next = delegation.To;
                    break;
                }
            }

            if (next is null)
            {
                return current;
            }

            current = next;
        }

        return current;
    }

    /// <summary>When <paramref name="waiting"/> is due: its due time after it started, in working time of <paramref name="calendar"/> when given.</summary>
    internal static NodaTime.Instant? DueAt((ApprovalLevel Level, int Index)? waiting, NodaTime.Instant? chainStartedAt, IEnumerable<(int Level, NodaTime.Instant At)> approvals, Itsm.BusinessTime.BusinessCalendar? calendar) =>
        waiting is var (level, index) && chainStartedAt is { } started ? level.DueAt(LevelStartedAt(started, index, approvals), calendar) : null;

    /// <summary>When the level now waiting started: the chain's start for the first level, else the last approval of the level before.</summary>
    internal static NodaTime.Instant LevelStartedAt(NodaTime.Instant chainStartedAt, int level, IEnumerable<(int Level, NodaTime.Instant At)> approvals)
    {
        var started = chainStartedAt;
        foreach (var (approvalLevel, at) in approvals)
        {
            if (approvalLevel == level - 1 && at > started)
            {
                started = at;
            }
        }

        return started;
    }

    /// <summary>
    /// The overdue event of the level now waiting, or <see langword="null"/> when nothing waits or the level has no
    /// due time; <paramref name="approved"/> says who already approved the level (they are not pending).
    /// </summary>
    internal static ApprovalLevelOverdue? Overdue((ApprovalLevel Level, int Index)? waiting, NodaTime.Instant? due, Func<string, bool> approved)
    {
        if (waiting is not var (level, index) || due is not { } dueAt)
        {
            return null;
        }

        var pending = new List<string>(level.Approvers.Count);
        foreach (var approver in level.Approvers)
        {
            if (approver.Kind == ApproverKind.Role || !approved(approver.Id))
            {
                pending.Add(approver.ToString());
            }
        }

        return new ApprovalLevelOverdue(level.Name, index, dueAt, pending.AsReadOnly());
    }

    /// <summary>Checks that <paramref name="overdue"/> may be recorded at <paramref name="now"/> on <paramref name="what"/>, given the overdue already recorded in this run.</summary>
    internal static void CheckOverdue(ApprovalLevelOverdue? overdue, NodaTime.Instant now, (int Level, NodaTime.Instant DueAt)? recorded, string what)
    {
        if (overdue is null)
        {
            throw new DomainRuleViolationException(NotOverdueCode, $"{what} has no approval level with a due time waiting, so none is overdue.");
        }

        if (now < overdue.DueAt)
        {
            throw new DomainRuleViolationException(NotOverdueCode, $"Approval level {overdue.Level} of {what} is due at {overdue.DueAt}, not yet overdue at {now}.");
        }

        if (recorded is var (level, dueAt) && level == overdue.LevelIndex && dueAt == overdue.DueAt)
        {
            throw new DomainRuleViolationException(OverdueRecordedCode, $"Approval level {overdue.Level} of {what} was already recorded overdue (due at {overdue.DueAt}).");
        }
    }

    /// <summary>The due instant of the level now waiting when its overdue is still to be recorded; <see langword="null"/> when nothing is left to record.</summary>
    internal static NodaTime.Instant? UnrecordedDue((ApprovalLevel Level, int Index)? waiting, NodaTime.Instant? due, (int Level, NodaTime.Instant DueAt)? recorded) =>
        waiting is var (_, index) && due is { } dueAt && recorded != (index, dueAt) ? dueAt : null;

    /// <summary>The timing of the level a decision decides (when it started and when it was due); <see langword="null"/> for a level without a due time.</summary>
    internal static ApprovalLevelTiming? Timing(ApprovalLevel level, int index, NodaTime.Instant chainStartedAt, IEnumerable<(int Level, NodaTime.Instant At)> approvals, Itsm.BusinessTime.BusinessCalendar? calendar)
    {
        var started = LevelStartedAt(chainStartedAt, index, approvals);
        return level.DueAt(started, calendar) is { } due ? new ApprovalLevelTiming(started, due) : null;
    }
}
