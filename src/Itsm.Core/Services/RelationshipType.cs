using System;
using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Services;

/// <summary>
/// A type of relationship between configuration items, named both ways as ServiceNow's CI
/// relationship types are (<c>"Runs on::Runs"</c>): how an outage travels along it, and whether
/// its relationships may form a cycle. The four built-in types are <see cref="DependsOn"/>,
/// <see cref="RunsOn"/>, <see cref="HostedOn"/> and <see cref="ConnectsTo"/>; a host defines its own
/// with the constructor. Types are compared by value; a model holds one definition per name.
/// </summary>
public sealed record RelationshipType
{
    /// <summary>Creates a relationship type.</summary>
    /// <param name="name">The name read from the source (<c>"Runs on"</c>); unique within a model.</param>
    /// <param name="reverseName">The name read from the target (<c>"Runs"</c>).</param>
    /// <param name="flow">Which way an outage travels.</param>
    /// <param name="acyclic">
    /// Whether its relationships, together with those of every other acyclic type, must not form a cycle
    /// (followed in the direction an outage travels); <see langword="true"/> by default. A type whose
    /// <paramref name="flow"/> is <see cref="ImpactFlow.Both"/> cannot be acyclic (each relationship is a two-way path).
    /// </param>
    /// <exception cref="ArgumentException">A name is blank or longer than an id, <paramref name="flow"/> is not defined, or an acyclic type flows both ways.</exception>
    public RelationshipType(string name, string reverseName, ImpactFlow flow = ImpactFlow.TargetToSource, bool acyclic = true)
    {
        Name = Names.Required(name, nameof(name));
        ReverseName = Names.Required(reverseName, nameof(reverseName));
        Flow = Enum.IsDefined(flow) ? flow : throw new ArgumentOutOfRangeException(nameof(flow), flow, "Not an impact flow.");
        if (acyclic && flow == ImpactFlow.Both)
        {
            throw new ArgumentException("A relationship type whose impact flows both ways cannot be acyclic.", nameof(acyclic));
        }

        Acyclic = acyclic;
    }

    /// <summary><c>"Depends on::Used by"</c>: the target's outage affects the source; acyclic. What <see cref="ConfigurationItem.DependsOn"/> holds.</summary>
    public static RelationshipType DependsOn { get; } = new("Depends on", "Used by");

    /// <summary><c>"Runs on::Runs"</c> (an application on a server): the target's outage affects the source; acyclic.</summary>
    public static RelationshipType RunsOn { get; } = new("Runs on", "Runs");

    /// <summary><c>"Hosted on::Hosts"</c> (a virtual machine on a host): the target's outage affects the source; acyclic.</summary>
    public static RelationshipType HostedOn { get; } = new("Hosted on", "Hosts");

    /// <summary><c>"Connects to::Connected by"</c> (a network link): an outage of either end affects the other; cycles allowed.</summary>
    public static RelationshipType ConnectsTo { get; } = new("Connects to", "Connected by", ImpactFlow.Both, acyclic: false);

    /// <summary>The four built-in types, which every model knows.</summary>
    public static IReadOnlyList<RelationshipType> BuiltIn { get; } = [DependsOn, RunsOn, HostedOn, ConnectsTo];

    /// <summary>The name read from the source, for example <c>"Runs on"</c>.</summary>
    public string Name { get; }

    /// <summary>The name read from the target, for example <c>"Runs"</c>.</summary>
    public string ReverseName { get; }

    /// <summary>Which way an outage travels.</summary>
    public ImpactFlow Flow { get; }

    /// <summary>Whether its relationships must not form a cycle (with every other acyclic type's).</summary>
    public bool Acyclic { get; }

    /// <summary>The type as ServiceNow writes it, for example <c>Runs on::Runs</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}::{ReverseName}";

    /// <summary>Whether <paramref name="name"/> names a built-in type.</summary>
    internal static RelationshipType? BuiltInNamed(string name)
    {
        foreach (var type in BuiltIn)
        {
            if (string.Equals(type.Name, name, StringComparison.Ordinal))
            {
                return type;
            }
        }

        return null;
    }
}
