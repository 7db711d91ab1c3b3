using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Routing;

/// <summary>
/// One assignment rule: conditions on a ticket's service, category, configuration items, location and
/// priority, and the support group a ticket that meets them goes to (ServiceNow's assignment rule, whose
/// conditions are a filter on the task and whose result is an assignment group).
/// </summary>
/// <remarks>
/// Each condition is a set of accepted values; an empty set (the default) accepts anything, including a ticket
/// without that field. A non-empty set holds when the ticket's value is one of its values (for configuration
/// items: when any of the ticket's items is one of them), and never holds for a ticket that lacks the field.
/// The rule matches when all its conditions hold, so a rule without conditions matches every ticket.
/// Categories and locations compare ordinally (case-sensitive), like every id in the engine.
/// </remarks>
public sealed class AssignmentRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="name">The rule's name, unique in its <see cref="AssignmentRuleSet"/>, shown in every decision it makes.</param>
    /// <param name="group">The support group a matching ticket goes to.</param>
    /// <param name="services">The services accepted; null or empty for any.</param>
    /// <param name="categories">The categories accepted; null or empty for any.</param>
    /// <param name="configurationItems">The configuration items accepted (any one of the ticket's); null or empty for any.</param>
    /// <param name="locations">The locations accepted; null or empty for any.</param>
    /// <param name="priorities">The priorities accepted; null or empty for any.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="name"/> is blank or too long; <paramref name="group"/> is <c>default</c>; or a condition holds a
    /// <c>default</c> id, a blank or too long text, or an invalid priority (the exception names that condition).
    /// </exception>
    public AssignmentRule(
        string name,
        SupportGroupId group,
        IEnumerable<ServiceId>? services = null,
        IEnumerable<string>? categories = null,
        IEnumerable<ConfigurationItemId>? configurationItems = null,
        IEnumerable<string>? locations = null,
        IEnumerable<Priority>? priorities = null)
    {
        Name = Names.Required(name, nameof(name));
        if (group.Value is null)
        {
            throw new ArgumentException("The group is required.", nameof(group));
        }

        Group = group;
        Services = Ids(services, static s => s.Value, nameof(services));
        Categories = Names.Normalize(categories, nameof(categories));
        ConfigurationItems = Ids(configurationItems, static c => c.Value, nameof(configurationItems));
        Locations = Names.Normalize(locations, nameof(locations));
        Priorities = PriorityList(priorities, nameof(priorities));
    }

    /// <summary>The rule's name.</summary>
    public string Name { get; }

    /// <summary>The support group a matching ticket goes to.</summary>
    public SupportGroupId Group { get; }

    /// <summary>The services accepted, sorted, without duplicates; empty for any.</summary>
    public IReadOnlyList<ServiceId> Services { get; }

    /// <summary>The categories accepted, sorted, without duplicates; empty for any.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The configuration items accepted, sorted, without duplicates; empty for any.</summary>
    public IReadOnlyList<ConfigurationItemId> ConfigurationItems { get; }

    /// <summary>The locations accepted, sorted, without duplicates; empty for any.</summary>
    public IReadOnlyList<string> Locations { get; }

    /// <summary>The priorities accepted, highest first, without duplicates; empty for any.</summary>
    public IReadOnlyList<Priority> Priorities { get; }

    /// <summary>Whether a ticket with these facts meets every condition of the rule.</summary>
    /// <param name="facts">The ticket's facts.</param>
    /// <returns><see langword="true"/> when every condition holds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is null.</exception>
    public bool Matches(RoutingFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return FirstFailedCondition(facts) is null;
    }

    /// <summary>The rule's conditions as text, for example <c>service in (vpn) and priority in (1, 2)</c>; <c>any ticket</c> when it has none.</summary>
    /// <returns>The conditions.</returns>
    public string DescribeConditions()
    {
        var parts = new List<string>(5);
        Describe(parts, "service", Services.Select(static s => s.Value));
        Describe(parts, "category", Categories);
        Describe(parts, "configuration item", ConfigurationItems.Select(static c => c.Value));
        Describe(parts, "location", Locations);
        Describe(parts, "priority", Priorities.Select(static p => p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return parts.Count == 0 ? "any ticket" : string.Join(" and ", parts);
    }

    /// <summary>The name of the first condition (in field order) that the facts do not meet, or null when all hold.</summary>
    internal string? FirstFailedCondition(RoutingFacts facts)
    {
        if (Services.Count > 0 && (facts.Service is not { } service || !Services.Contains(service)))
        {
            return "service";
        }

        if (Categories.Count > 0 && (facts.Category is null || !Categories.Contains(facts.Category, StringComparer.Ordinal)))
        {
            return "category";
        }

        if (ConfigurationItems.Count > 0 && !facts.ConfigurationItems.Any(ConfigurationItems.Contains))
        {
            return "configuration item";
        }

        if (Locations.Count > 0 && (facts.Location is null || !Locations.Contains(facts.Location, StringComparer.Ordinal)))
        {
            return "location";
        }

        if (Priorities.Count > 0 && (facts.Priority is not { } priority || !Priorities.Contains(priority)))
        {
            return "priority";
        }

        return null;
    }

    private static void Describe(List<string> parts, string field, IEnumerable<string> values)
    {
        var list = values.ToList();
        if (list.Count > 0)
        {
            parts.Add(new StringBuilder(field).Append(" in (").Append(string.Join(", ", list)).Append(')').ToString());
        }
    }

    private static T[] Ids<T>(IEnumerable<T>? ids, Func<T, string?> value, string paramName)
    {
        if (ids is null)
        {
            return [];
        }

        var list = ids.ToArray();
        if (list.Any(id => value(id) is null))
        {
            throw new ArgumentException("An id is default (has no value).", paramName);
        }

        FieldCheck.Count(list, FieldLimits.Items, paramName);
        return list.DistinctBy(value).OrderBy(value, StringComparer.Ordinal).ToArray();
    }

    private static Priority[] PriorityList(IEnumerable<Priority>? priorities, string paramName)
    {
        if (priorities is null)
        {
            return [];
        }

        var list = priorities.ToArray();
        if (list.Any(static p => p.Value is < 1 or > 5))
        {
            throw new ArgumentException("A priority is default (not 1 to 5).", paramName);
        }

        return list.Distinct().Order().ToArray();
    }
}
