using System;
using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Services;

/// <summary>
/// A typed relationship from the configuration item that holds it (the source) to another (the
/// target), for example <c>app Runs on vm01</c>. Compared by value.
/// </summary>
public sealed record ConfigurationItemRelationship
{
    /// <summary>Creates a relationship.</summary>
    /// <param name="type">Its type (a built-in one such as <see cref="RelationshipType.RunsOn"/>, or the host's own).</param>
    /// <param name="target">The id of the target configuration item.</param>
    /// <exception cref="ArgumentException"><paramref name="type"/> is null, or <paramref name="target"/> is blank.</exception>
    public ConfigurationItemRelationship(RelationshipType type, string target)
    {
        Type = Guard.Against.Null(type);
        Target = Names.Required(target, nameof(target));
    }

    /// <summary>The relationship's type.</summary>
    public RelationshipType Type { get; }

    /// <summary>The id of the target configuration item.</summary>
    public string Target { get; }

    /// <summary>The relationship as read from the source, for example <c>Runs on vm01</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Type.Name} {Target}";
}
