using System;
using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Services;

/// <summary>A support group (assignment group) and its members, the practitioners.</summary>
public sealed record SupportGroup
{
    /// <summary>Creates a support group.</summary>
    /// <param name="name">A unique, non-blank name.</param>
    /// <param name="members">The ids of the practitioners in the group; <see langword="null"/> for none (a readiness gap for the services it supports).</param>
    /// <exception cref="ArgumentException">The name is blank, or a member id is null or blank.</exception>
    public SupportGroup(string name, IEnumerable<string>? members = null)
    {
        Name = Names.Required(name, nameof(name));
        Members = Names.Normalize(members, nameof(members), FieldLimits.LinkedRecords);
    }

    /// <summary>The group's unique name.</summary>
    public string Name { get; }

    /// <summary>The ids of its members, sorted, without duplicates.</summary>
    public IReadOnlyList<string> Members { get; }
}
