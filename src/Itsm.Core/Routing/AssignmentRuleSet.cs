using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Routing;

/// <summary>
/// An ordered list of <see cref="AssignmentRule"/>s and a fallback group: the first rule whose conditions a
/// ticket meets chooses its group, and a ticket no rule matches goes to the fallback (ServiceNow evaluates its
/// assignment rules by ascending order and stops at the first match; Jira Service Management's automation
/// rules are ordered the same way).
/// </summary>
/// <remarks>Immutable and thread-safe. Routing costs one pass over the rules, at most, with no allocation but the decision's explanation.</remarks>
public sealed class AssignmentRuleSet
{
    private readonly AssignmentRule[] _rules;

    /// <summary>Creates the rule set.</summary>
    /// <param name="rules">The rules, in the order they are tried.</param>
    /// <param name="fallback">The group of a ticket that no rule matches (typically the service desk).</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="rules"/> holds a null rule, two rules of the same name, or more than
    /// <see cref="FieldLimits.LinkedRecords"/> rules (the message lists every problem); or <paramref name="fallback"/> is <c>default</c>.
    /// </exception>
    public AssignmentRuleSet(IEnumerable<AssignmentRule> rules, SupportGroupId fallback)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (fallback.Value is null)
        {
            throw new ArgumentException("The fallback group is required.", nameof(fallback));
        }

        _rules = rules.ToArray();
        var errors = new List<string>();
        DefinitionList.Check(_rules, "rule", static r => r.Name, errors);

        if (errors.Count > 0)
        {
            throw new ArgumentException(ErrorList.Format("The assignment rule set", errors), nameof(rules));
        }

        Fallback = fallback;
    }

    /// <summary>The rules, in the order they are tried.</summary>
    public IReadOnlyList<AssignmentRule> Rules => _rules;

    /// <summary>The group of a ticket that no rule matches.</summary>
    public SupportGroupId Fallback { get; }

    /// <summary>Chooses the group for a ticket: the group of the first rule it matches, else the fallback.</summary>
    /// <param name="facts">The ticket's facts.</param>
    /// <returns>The decision, naming the rule that matched.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is null.</exception>
    public RoutingDecision Route(RoutingFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        for (int i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            if (rule.FirstFailedCondition(facts) is null)
            {
                return new RoutingDecision(
                    rule.Group,
                    rule,
                    i,
                    string.Create(CultureInfo.InvariantCulture, $"Rule '{rule.Name}' (#{i + 1} of {_rules.Length}) matched: {rule.DescribeConditions()}; group '{rule.Group}'."));
            }
        }

        return new RoutingDecision(
            Fallback,
            null,
            -1,
            string.Create(CultureInfo.InvariantCulture, $"No rule of {_rules.Length} matched; fallback group '{Fallback}'."));
    }

    /// <summary>
    /// Why each rule did or did not match a ticket, in order, up to and including the first match: for a rule
    /// that did not, the first condition (in the order service, category, configuration item, location, priority)
    /// the ticket fails. For a host's "why did this go there?" screen.
    /// </summary>
    /// <param name="facts">The ticket's facts.</param>
    /// <returns>One line per rule tried, for example <c>'vpn' (#1): no, location</c>, the last one <c>yes</c> if a rule matched.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is null.</exception>
    public IReadOnlyList<string> Trace(RoutingFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var lines = new List<string>();
        for (int i = 0; i < _rules.Length; i++)
        {
            string? failed = _rules[i].FirstFailedCondition(facts);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"'{_rules[i].Name}' (#{i + 1}): {(failed is null ? "yes" : "no, " + failed)}"));
            if (failed is null)
            {
                break;
            }
        }

        return lines;
    }
}
