using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;

namespace Itsm.Common;

/// <summary>Who did something: a person or a system, with the roles it acted in.</summary>
public sealed record Actor
{
    /// <summary>Creates an actor.</summary>
    /// <param name="id">A non-empty, stable id (a user name, an employee number, a system name), valid as <see cref="IdText"/> says: it is stored with every audit entry.</param>
    /// <param name="roles">The roles the actor holds (for example <c>"itil"</c>, <c>"change_manager"</c>); compared ordinally.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is blank or holds an unpaired surrogate or a control character, or a role is null or blank.</exception>
    public Actor(string id, params string[] roles)
    {
        Id = IdText.Check(FieldCheck.Required(id, FieldLimits.Id), nameof(id));
        Guard.Against.Null(roles);
        if (roles.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A role is null or blank.", nameof(roles));
        }

        FieldCheck.Items(roles, FieldLimits.Items, FieldLimits.Id, nameof(roles));

        Roles = Array.AsReadOnly(roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>The actor's id.</summary>
    public string Id { get; }

    /// <summary>The actor's roles, sorted ordinally and without duplicates.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>Whether the actor holds <paramref name="role"/>.</summary>
    /// <param name="role">A role name.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Whether two actors have the same id and roles.</summary>
    /// <param name="other">Another actor.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(Actor? other) => other is not null && Id == other.Id && Roles.SequenceEqual(other.Roles);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Roles.Count);

    /// <summary>The actor's id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id;
}
