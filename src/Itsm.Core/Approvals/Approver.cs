using System;
using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Approvals;

/// <summary>Who may decide a level: a person by actor id, or anyone holding a role.</summary>
public sealed record Approver
{
    private Approver(ApproverKind kind, string id)
    {
        Kind = kind;
        Id = id;
    }

    /// <summary>Whether <see cref="Id"/> is a person's id or a role.</summary>
    public ApproverKind Kind { get; }

    /// <summary>The person's actor id, or the role.</summary>
    public string Id { get; }

    /// <summary>A person, by actor id.</summary>
    /// <param name="id">The person's actor id.</param>
    /// <returns>The approver.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is blank or too long.</exception>
    public static Approver Person(string id) => new(ApproverKind.Person, FieldCheck.Required(id, FieldLimits.Id));

    /// <summary>Anyone holding <paramref name="role"/>.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The approver.</returns>
    /// <exception cref="ArgumentException"><paramref name="role"/> is blank or too long.</exception>
    public static Approver Role(string role) => new(ApproverKind.Role, FieldCheck.Required(role, FieldLimits.Id));

    /// <summary>Whether the person <paramref name="personId"/>, holding <paramref name="roles"/>, is this approver.</summary>
    /// <param name="personId">The person's actor id.</param>
    /// <param name="roles">The roles they hold.</param>
    /// <returns><see langword="true"/> when the id matches a person approver, or a role matches a role approver.</returns>
    public bool Matches(string personId, IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(personId);
        ArgumentNullException.ThrowIfNull(roles);
        if (Kind == ApproverKind.Person)
        {
            return string.Equals(Id, personId, StringComparison.Ordinal);
        }

        for (int i = 0; i < roles.Count; i++)
        {
            if (string.Equals(roles[i], Id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The approver as text: the person's id, or <c>role:</c> and the role.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind == ApproverKind.Person ? Id : "role:" + Id;
}
