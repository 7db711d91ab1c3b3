using System;

namespace Itsm.Approvals;

/// <summary>
/// How one level's parallel approvers decide it: <see cref="Any"/>, <see cref="All"/> or
/// <see cref="Quorum(int)"/>. Whatever the rule, one rejection rejects the level and so the chain.
/// </summary>
/// <remarks><c>default</c> is <see cref="Any"/>.</remarks>
public readonly record struct ApprovalRule
{
    private ApprovalRule(ApprovalRuleKind kind, int count)
    {
        Kind = kind;
        Count = count;
    }

    /// <summary>One approval completes the level.</summary>
    public static ApprovalRule Any => default;

    /// <summary>Every named approver of the level must approve (the level names people, not roles).</summary>
    public static ApprovalRule All => new(ApprovalRuleKind.All, 0);

    /// <summary>The kind of rule.</summary>
    public ApprovalRuleKind Kind { get; }

    /// <summary>For <see cref="ApprovalRuleKind.Quorum"/>, how many distinct approvers must approve; otherwise 0.</summary>
    public int Count { get; }

    /// <summary>A quorum: <paramref name="count"/> distinct approvers must approve.</summary>
    /// <param name="count">At least 1.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public static ApprovalRule Quorum(int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A quorum needs at least 1 approval.");
        }

        return new(ApprovalRuleKind.Quorum, count);
    }

    /// <summary>The rule as text: <c>Any</c>, <c>All</c> or <c>Quorum(n)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind == ApprovalRuleKind.Quorum ? $"Quorum({Count})" : Kind.ToString();
}
