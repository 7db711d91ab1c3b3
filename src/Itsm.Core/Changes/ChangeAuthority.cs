using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;

namespace Itsm.Changes;

/// <summary>
/// Who must approve a change: a quorum of distinct approvers, each holding one of the accepted roles.
/// A quorum of 0 means no approval is needed (a standard change).
/// </summary>
public sealed record ChangeAuthority
{
    /// <summary>Creates a change authority.</summary>
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
    }

    /// <summary>No approval needed.</summary>
    public static ChangeAuthority None { get; } = new("None", 0);

    /// <summary>The authority's name.</summary>
    public string Name { get; }

    /// <summary>How many distinct approvers are needed.</summary>
    public int Quorum { get; }

    /// <summary>The roles an approver must hold one of.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>Whether someone holding <paramref name="roles"/> may approve for this authority.</summary>
    /// <param name="roles">The approver's roles.</param>
    /// <returns><see langword="true"/> when one of them is accepted.</returns>
    public bool Accepts(IEnumerable<string> roles)
    {
        Guard.Against.Null(roles);
        return roles.Any(r => Roles.Contains(r, StringComparer.Ordinal));
    }

    /// <summary>Whether <paramref name="approvals"/> satisfy the authority: at least <see cref="Quorum"/> distinct approvers holding an accepted role.</summary>
    /// <param name="approvals">The approvals.</param>
    /// <returns><see langword="true"/> when satisfied.</returns>
    public bool IsSatisfiedBy(IEnumerable<ChangeApproval> approvals)
    {
        Guard.Against.Null(approvals);
        return approvals.Where(a => Accepts(a.Roles)).Select(a => a.ApproverId).Distinct(StringComparer.Ordinal).Count() >= Quorum;
    }

    /// <summary>The authority as text: its name and quorum.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Quorum == 0 ? Name : $"{Name} ({Quorum} of {string.Join(", ", Roles)})";
}
