using NodaTime;

namespace Itsm.Approvals;

/// <summary>One approval a request's chain has recorded.</summary>
/// <param name="Level">The level's index, from 0.</param>
/// <param name="ApproverId">Who the approval counts for.</param>
/// <param name="DelegateId">Who gave it on their behalf, or <see langword="null"/> when they did themselves.</param>
/// <param name="At">When.</param>
public sealed record ApprovalEntry(int Level, string ApproverId, string? DelegateId, Instant At);
