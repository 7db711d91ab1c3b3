using NodaTime;

namespace Itsm.Changes;

/// <summary>One accepted approval of a change.</summary>
/// <param name="ApproverId">The approver's id (the approver it counts for, when a delegate gave it).</param>
/// <param name="Roles">The roles the approver held when approving (or, for a delegate's approval, when delegating).</param>
/// <param name="At">When.</param>
public sealed record ChangeApproval(string ApproverId, System.Collections.Generic.IReadOnlyList<string> Roles, Instant At)
{
    /// <summary>The index of the authority's approval level it was given at, from 0 (a one-level authority: always 0).</summary>
    public int Level { get; init; }

    /// <summary>The delegate who gave it for <see cref="ApproverId"/>, or <see langword="null"/> when the approver gave it.</summary>
    public string? DelegateId { get; init; }
}
