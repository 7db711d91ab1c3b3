using NodaTime;

namespace Itsm.Changes;

/// <summary>One accepted approval of a change.</summary>
/// <param name="ApproverId">The approver's id.</param>
/// <param name="Roles">The roles the approver held when approving.</param>
/// <param name="At">When.</param>
public sealed record ChangeApproval(string ApproverId, System.Collections.Generic.IReadOnlyList<string> Roles, Instant At);
