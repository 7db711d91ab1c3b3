using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Approvals;

namespace Itsm.Changes;

/// <summary>
/// Who must approve a change: an <see cref="ApprovalChain"/> (<see cref="Chain"/>). The classic form is a
/// quorum of distinct approvers, each holding one of the accepted roles: a one-level
/// <see cref="ApprovalRule.Quorum(int)"/> chain. A quorum of 0 means no approval is needed (a standard change).
/// </summary>
public sealed record ChangeAuthority
{
    private readonly bool _fromChain;

    /// <summary>Creates a change authority of one level: a quorum of distinct approvers holding one of <paramref name="roles"/>.</summary>
    /// <param name="name">Its name, for example <c>"CAB"</c>.</param>
    /// <param name="quorum">How many distinct approvers are needed (0: none).</param>
    /// <param name="roles">The roles an approver must hold one of (at least one unless the quorum is 0).</param>
    /// <exception cref="ArgumentException">The name is blank, the quorum negative, a role blank, or no role for a positive quorum.</exception>
    public ChangeAuthority(string name, int quorum, params string[] roles)
    {
        Name = Guard.Against.NullOrWhiteSpace(name);
        Guard.Against.Negative(quorum);
        Guard.Against.Null(roles);
        if (roles.Any(string.IsNullOrWhiteSpace) || (quorum > 0 && roles.Length == 0))
        {
            throw new ArgumentException("Roles must not be blank, and an authority that needs approvals needs a role.", nameof(roles));
        }

        Quorum = quorum;
        Roles = roles.Distinct(StringComparer.Ordinal).ToArray();
        Chain = quorum == 0 ? null : ApprovalChain.Single(name, ApprovalRule.Quorum(quorum), Roles.Select(Approver.Role).ToArray());
    }

    /// <summary>Creates a change authority from an approval chain (for example a peer review, then the CAB).</summary>
    /// <param name="name">Its name.</param>
    /// <param name="chain">The chain; every level names its approvers (a change's approvers are never "anyone").</param>
    /// <exception cref="ArgumentException">The name is blank, the chain null, or a level of the chain names no approver.</exception>
    public ChangeAuthority(string name, ApprovalChain chain)
    {
        Name = Guard.Against.NullOrWhiteSpace(name);
        Guard.Against.Null(chain);
        if (chain.Levels.Any(l => l.IsOpen))
        {
            throw new ArgumentException("Every level of a change authority's chain names its approvers.", nameof(chain));
        }

        Chain = chain;
        _fromChain = true;
        Quorum = chain.Levels.Sum(l => l.Rule.Kind switch
        {
            ApprovalRuleKind.All => l.Approvers.Count,
            ApprovalRuleKind.Quorum => l.Rule.Count,
            _ => 1,
        });
        Roles = chain.Levels.SelectMany(l => l.Approvers).Where(a => a.Kind == ApproverKind.Role).Select(a => a.Id).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>No approval needed.</summary>
    public static ChangeAuthority None { get; } = new("None", 0);

    /// <summary>The authority's name.</summary>
    public string Name { get; }

    /// <summary>How many distinct approvals are needed at least: the quorum; for a chain, the sum over its levels (Any 1, All each person, Quorum its count).</summary>
    public int Quorum { get; }

    /// <summary>The roles an approver may hold one of (for a chain, the roles any level names).</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>The approval chain the change goes through, or <see langword="null"/> when no approval is needed.</summary>
    public ApprovalChain? Chain { get; }

    /// <summary>Whether someone holding <paramref name="roles"/> holds one of <see cref="Roles"/>.</summary>
    /// <param name="roles">The approver's roles.</param>
    /// <returns><see langword="true"/> when one of them is accepted.</returns>
    public bool Accepts(IEnumerable<string> roles)
    {
        Guard.Against.Null(roles);
        return roles.Any(r => Roles.Contains(r, StringComparer.Ordinal));
    }

    /// <summary>
    /// Whether <paramref name="approvals"/> satisfy the authority: <see cref="ApprovalEvaluator"/> finds every level of
    /// <see cref="Chain"/> approved, counting each approval at its <see cref="ChangeApproval.Level"/> only when that level
    /// accepts its approver (by id or by the roles it carries). For a quorum authority: at least <see cref="Quorum"/>
    /// distinct approvers holding an accepted role.
    /// </summary>
    /// <param name="approvals">The approvals.</param>
    /// <returns><see langword="true"/> when satisfied.</returns>
    public bool IsSatisfiedBy(IEnumerable<ChangeApproval> approvals)
    {
        Guard.Against.Null(approvals);
        if (Chain is not { } chain)
        {
            return true;
        }

        var counted = approvals
            .Where(a => a.Level >= 0 && a.Level < chain.Levels.Count && chain.Levels[a.Level].Accepts(a.ApproverId, a.Roles))
            .Select(a => new ApprovalDecision(a.Level, a.ApproverId, ApprovalVerdict.Approve));
        return ApprovalEvaluator.Evaluate(chain, counted).Outcome == ApprovalOutcome.Approved;
    }

    /// <summary>The authority as text: its name and quorum (or its chain).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Chain is null ? Name : _fromChain ? $"{Name} ({Chain})" : $"{Name} ({Quorum} of {string.Join(", ", Roles)})";
}
