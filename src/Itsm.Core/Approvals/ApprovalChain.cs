using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Itsm.Common;

namespace Itsm.Approvals;

/// <summary>
/// Who must approve a request or a change, in order: sequential <see cref="Levels"/>, each with parallel
/// approvers decided by <see cref="ApprovalRule.Any"/>, <see cref="ApprovalRule.All"/> or a
/// <see cref="ApprovalRule.Quorum(int)"/>. A rejection at any level rejects the chain. Immutable;
/// <see cref="ApprovalEvaluator"/> says where a set of decisions leaves it. See docs/approvals.md.
/// </summary>
public sealed partial record ApprovalChain
{
    /// <summary>The most levels a chain may have.</summary>
    public const int MaxLevels = 20;

    /// <summary>Creates a chain.</summary>
    /// <param name="name">The chain's name, for example <c>"Purchase approval"</c>.</param>
    /// <param name="levels">The levels, in order: at least one, at most <see cref="MaxLevels"/>.</param>
    /// <exception cref="ArgumentException">The name is blank, a level is null, or there are no levels or more than <see cref="MaxLevels"/>.</exception>
    public ApprovalChain(string name, IEnumerable<ApprovalLevel> levels)
    {
        Name = FieldCheck.Required(name, FieldLimits.Title);
        ArgumentNullException.ThrowIfNull(levels);
        var list = new List<ApprovalLevel>();
        foreach (var level in levels)
        {
            list.Add(level ?? throw new ArgumentException("A level is null.", nameof(levels)));
        }

        if (list.Count is 0 or > MaxLevels)
        {
            throw new ArgumentException($"A chain has 1 to {MaxLevels} levels; this one has {list.Count}.", nameof(levels));
        }

        Levels = new ReadOnlyCollection<ApprovalLevel>(list);
    }

    /// <summary>The chain's name.</summary>
    public string Name { get; }

    /// <summary>The levels, decided one after the other.</summary>
    public IReadOnlyList<ApprovalLevel> Levels { get; }

    /// <summary>A chain of one level.</summary>
    /// <param name="name">The chain's (and the level's) name.</param>
    /// <param name="rule">How the approvers decide.</param>
    /// <param name="approvers">Who may decide; none for anyone.</param>
    /// <returns>The chain.</returns>
    /// <exception cref="ArgumentException">As <see cref="ApprovalLevel(string, ApprovalRule, IEnumerable{Approver}, NodaTime.Duration?)"/>.</exception>
    public static ApprovalChain Single(string name, ApprovalRule rule, params Approver[] approvers) =>
        new(name, [new ApprovalLevel(name, rule, approvers)]);

    /// <summary>
    /// The chain a request gets when its catalog item requires approval and no chain is given: one level,
    /// <see cref="ApprovalRule.Any"/>, open to anyone the host authorises (the single approver of earlier versions).
    /// </summary>
    public static ApprovalChain SingleApprover { get; } = Single("Approval", ApprovalRule.Any);

    /// <summary>The chain as text: its name and levels.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name} [{string.Join("; ", Levels)}]";

    /// <summary>Value equality: the same name and the same levels in the same order.</summary>
    /// <param name="other">The other chain.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(ApprovalChain? other) =>
        other is not null && Name == other.Name && System.Linq.Enumerable.SequenceEqual(Levels, other.Levels);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Levels.Count);
}
