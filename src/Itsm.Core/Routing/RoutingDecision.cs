using Itsm.Services;

namespace Itsm.Routing;

/// <summary>
/// The group an <see cref="AssignmentRuleSet"/> chose for a ticket, and why: the rule that matched, or the
/// fallback when none did.
/// </summary>
/// <param name="Group">The support group chosen.</param>
/// <param name="Rule">The first rule that matched, or <see langword="null"/> when the fallback group was chosen.</param>
/// <param name="RuleIndex">The matched rule's zero-based position in the set, or -1 for the fallback.</param>
/// <param name="Explanation">
/// The decision as a sentence, for an audit entry or a work note: for example
/// <c>Rule 'network-p1' (#2 of 5) matched: service in (vpn) and priority in (1, 2).</c> or
/// <c>No rule of 5 matched; fallback group 'service-desk'.</c>
/// </param>
public sealed record RoutingDecision(SupportGroupId Group, AssignmentRule? Rule, int RuleIndex, string Explanation)
{
    /// <summary>Whether no rule matched and the fallback group was chosen.</summary>
    public bool IsFallback => Rule is null;
}
