namespace Itsm.Testing.Models;

/// <summary>A record's assignment, and the rules every Assign and Unassign share.</summary>
internal readonly record struct Assignment(string? Group, string? Assignee)
{
    /// <summary><paramref name="code"/> when assigning exactly what is assigned.</summary>
    public string? Unchanged(string? group, string? assignee, string code) => group == Group && assignee == Assignee ? code : null;

    /// <summary><paramref name="code"/> when nothing is assigned.</summary>
    public string? Nothing(string code) => Group is null && Assignee is null ? code : null;
}
