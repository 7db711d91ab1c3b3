using System;
using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Services;

/// <summary>A configuration item (a server, a database, a network link, a SaaS tenant) and the items it depends on.</summary>
public sealed record ConfigurationItem
{
    /// <summary>Creates a configuration item.</summary>
    /// <param name="id">A unique, non-blank id; this is what <c>ScheduledChange.ConfigurationItems</c> holds.</param>
    /// <param name="name">A display name, or <see langword="null"/> for the id.</param>
    /// <param name="dependsOn">The ids of the configuration items it depends on directly; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The id is blank, the name is blank (not null), or a dependency id is null or blank.</exception>
    public ConfigurationItem(string id, string? name = null, IEnumerable<string>? dependsOn = null)
    {
        Id = Names.Required(id, nameof(id));
        Name = Names.Optional(name, nameof(name)) ?? id;
        DependsOn = Names.Normalize(dependsOn, nameof(dependsOn));
    }

    /// <summary>The item's unique id.</summary>
    public string Id { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>The ids of the items it depends on directly, sorted, without duplicates.</summary>
    public IReadOnlyList<string> DependsOn { get; }
}
