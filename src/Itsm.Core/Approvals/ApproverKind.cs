namespace Itsm.Approvals;

/// <summary>Whether an <see cref="Approver"/> names a person or a role.</summary>
public enum ApproverKind
{
    /// <summary>One person, by actor id.</summary>
    Person = 0,

    /// <summary>Anyone holding the role (each person counts once).</summary>
    Role = 1,
}
