using System;
using Ardalis.GuardClauses;

namespace Itsm.Common;

/// <summary>
/// The checks shared by the <c>Assign</c> and <c>Unassign</c> commands of incidents, problems and
/// service requests: an assignment is a support group, a person, or both (ServiceNow's
/// <c>assignment_group</c> and <c>assigned_to</c>), and each command must change something.
/// </summary>
internal static class AssignmentRules
{
    /// <summary>Checks <c>Assign</c>'s arguments: at least one of the two named, and a named one not blank.</summary>
    /// <exception cref="ArgumentException">Both are null, or one is blank.</exception>
    internal static void CheckArguments(string? group, string? assignee)
    {
        // Null means "none". A blank value is refused rather than read as none, so a form field left
        // empty by mistake never silently drops the group: clearing is Unassign's job.
        if (group is null && assignee is null)
        {
            throw new ArgumentException("Name a group, a person or both; to clear the assignment, unassign.", nameof(group));
        }

        if (group is not null)
        {
            FieldCheck.Required(group, FieldLimits.Id);
        }

        if (assignee is not null)
        {
            FieldCheck.Required(assignee, FieldLimits.Id);
        }
    }

    /// <summary>Refuses an assignment that is already exactly the current one.</summary>
    /// <exception cref="DomainRuleViolationException"><paramref name="code"/>: nothing would change.</exception>
    internal static void RequireChange(string code, string record, string? group, string? assignee, string? currentGroup, string? currentAssignee)
    {
        if (string.Equals(group, currentGroup, StringComparison.Ordinal) && string.Equals(assignee, currentAssignee, StringComparison.Ordinal))
        {
            throw new DomainRuleViolationException(code, $"The {record} is already assigned to {Describe(group, assignee)}.");
        }
    }

    /// <summary>Refuses to clear an assignment when nothing is assigned.</summary>
    /// <exception cref="DomainRuleViolationException"><paramref name="code"/>: nothing is assigned.</exception>
    internal static void RequireAssigned(string code, string record, string? currentGroup, string? currentAssignee)
    {
        if (currentGroup is null && currentAssignee is null)
        {
            throw new DomainRuleViolationException(code, $"The {record} is not assigned to anyone.");
        }
    }

    private static string Describe(string? group, string? assignee) =>
        group is null ? assignee! : assignee is null ? group : $"{assignee} of {group}";
}
