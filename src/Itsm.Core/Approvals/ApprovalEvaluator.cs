using System;
using System.Collections.Generic;

namespace Itsm.Approvals;

/// <summary>
/// Where a set of decisions leaves an <see cref="ApprovalChain"/>: a pure function of the chain and the
/// decisions, whatever order the decisions of one level came in. The aggregates use it for every
/// approval; it is public so a host can show or test a chain on its own.
/// </summary>
/// <remarks>
/// <para>Levels are decided in order. A level is rejected by any rejection among its decisions, else
/// approved when its rule is met: <see cref="ApprovalRuleKind.Any"/> by one approval,
/// <see cref="ApprovalRuleKind.All"/> when every named person approved, <see cref="ApprovalRuleKind.Quorum"/>
/// by <see cref="ApprovalRule.Count"/> distinct approvers. Each person counts once per level, however
/// often their approval appears.</para>
/// <para>A rejected level rejects the chain; a pending level stops the walk, so decisions for later
/// levels count only once every earlier level is approved (the aggregates never record such decisions).</para>
/// <para>The evaluator trusts that each decision's <see cref="ApprovalDecision.Approver"/> may decide its
/// level; who may is the aggregates' rule (<see cref="ApprovalLevel.Accepts"/>, delegation).</para>
/// </remarks>
public static class ApprovalEvaluator
{
    /// <summary>Evaluates <paramref name="decisions"/> against <paramref name="chain"/>.</summary>
    /// <param name="chain">The chain.</param>
    /// <param name="decisions">The decisions, in any order.</param>
    /// <returns>The chain's status.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A decision names no approver or a level the chain does not have.</exception>
    public static ApprovalStatus Evaluate(ApprovalChain chain, IEnumerable<ApprovalDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(decisions);
        int count = chain.Levels.Count;
        var approved = new HashSet<string>[count];
        var rejected = new bool[count];
        foreach (var decision in decisions)
        {
            if (decision.Level < 0 || decision.Level >= count)
            {
                throw new ArgumentException($"A decision names level {decision.Level}; the chain has levels 0 to {count - 1}.", nameof(decisions));
            }

            if (string.IsNullOrWhiteSpace(decision.Approver))
            {
                throw new ArgumentException("A decision names no approver.", nameof(decisions));
            }

            if (decision.Verdict == ApprovalVerdict.Reject)
            {
                rejected[decision.Level] = true;
            }
            else
            {
                (approved[decision.Level] ??= new HashSet<string>(StringComparer.Ordinal)).Add(decision.Approver);
            }
        }

        for (int i = 0; i < count; i++)
        {
            if (rejected[i])
            {
                return new ApprovalStatus(ApprovalOutcome.Rejected, i, 0);
            }

            var level = chain.Levels[i];
            int approvals = Counted(level, approved[i]);
            if (!IsMet(level.Rule, level.Approvers.Count, approvals))
            {
                return new ApprovalStatus(ApprovalOutcome.Pending, i, approvals);
            }
        }

        return new ApprovalStatus(ApprovalOutcome.Approved, count, 0);
    }

    /// <summary>Whether <paramref name="approvals"/> distinct approvals meet <paramref name="rule"/> on a level naming <paramref name="approverCount"/> approvers.</summary>
    internal static bool IsMet(ApprovalRule rule, int approverCount, int approvals) => rule.Kind switch
    {
        ApprovalRuleKind.All => approvals >= approverCount,
        ApprovalRuleKind.Quorum => approvals >= rule.Count,
        _ => approvals >= 1,
    };

    // Under All only the named people count: a level's approvers are people there, and a decision
    // counts for the person it was given for.
    private static int Counted(ApprovalLevel level, HashSet<string>? approved)
    {
        if (approved is null)
        {
            return 0;
        }

        if (level.Rule.Kind != ApprovalRuleKind.All)
        {
            return approved.Count;
        }

        int counted = 0;
        foreach (var approver in level.Approvers)
        {
            if (approved.Contains(approver.Id))
            {
                counted++;
            }
        }

        return counted;
    }
}
