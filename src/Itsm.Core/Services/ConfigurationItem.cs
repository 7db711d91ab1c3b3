using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;

namespace Itsm.Services;

/// <summary>
/// A configuration item (a server, a database, a network link, a SaaS tenant) and its typed
/// relationships to other items (<c>Depends on</c>, <c>Runs on</c>, <c>Hosted on</c>, <c>Connects to</c>,
/// or the host's own <see cref="RelationshipType"/>).
/// </summary>
public sealed record ConfigurationItem
{
    /// <summary>Creates a configuration item.</summary>
    /// <param name="id">A unique, non-blank id; this is what <c>ScheduledChange.ConfigurationItems</c> holds.</param>
    /// <param name="name">A display name, or <see langword="null"/> for the id.</param>
    /// <param name="dependsOn">The ids of the configuration items it depends on directly (each becomes a <see cref="RelationshipType.DependsOn"/> relationship); <see langword="null"/> for none.</param>
    /// <param name="relationships">Its other relationships, this item being the source; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The id is blank, the name is blank (not null), a dependency id is null or blank, or a relationship is null.</exception>
    public ConfigurationItem(string id, string? name = null, IEnumerable<string>? dependsOn = null, IEnumerable<ConfigurationItemRelationship>? relationships = null)
    {
        Id = Names.Required(id, nameof(id));
        Name = Names.Optional(name, nameof(name)) ?? id;
        var all = new List<ConfigurationItemRelationship>();
        foreach (var target in Names.Normalize(dependsOn, nameof(dependsOn)))
        {
            all.Add(new ConfigurationItemRelationship(RelationshipType.DependsOn, target));
        }

        foreach (var relationship in relationships ?? [])
        {
            all.Add(relationship ?? throw new ArgumentException("A relationship is null.", nameof(relationships)));
        }

        if (all.Count > FieldLimits.Items)
        {
            throw new ArgumentException($"A configuration item holds at most {FieldLimits.Items} relationships.", nameof(relationships));
        }

        Relationships = all.Distinct()
            .OrderBy(r => r.Type.Name, StringComparer.Ordinal)
            .ThenBy(r => r.Target, StringComparer.Ordinal)
            .ToArray();
        DependsOn = Relationships.Where(r => r.Type == RelationshipType.DependsOn).Select(r => r.Target).ToArray();
    }

    /// <summary>The item's unique id.</summary>
    public string Id { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>The ids of the items it depends on directly (its <see cref="RelationshipType.DependsOn"/> relationships), sorted, without duplicates.</summary>
    public IReadOnlyList<string> DependsOn { get; }

    /// <summary>Every relationship it is the source of, <see cref="DependsOn"/>'s included, sorted by type name then target, without duplicates.</summary>
    public IReadOnlyList<ConfigurationItemRelationship> Relationships { get; }

    /// <summary>This item with <paramref name="relationships"/> instead of its own.</summary>
    internal ConfigurationItem WithRelationships(IEnumerable<ConfigurationItemRelationship> relationships) =>
        new(Id, Name == Id ? null : Name, null, relationships);
}
