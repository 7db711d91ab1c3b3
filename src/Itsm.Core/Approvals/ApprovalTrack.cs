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
}
