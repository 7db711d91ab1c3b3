using System.Collections.Generic;
using NodaTime;

namespace Itsm.Approvals;

/// <summary>
/// An approver handed their decision to someone else: what <see cref="To"/> decides counts for
/// <see cref="From"/> (who may still decide themselves). It holds until the chain restarts or ends.
/// </summary>
/// <param name="From">The approver who delegated.</param>
/// <param name="FromRoles">The roles they held when they delegated (a level of roles accepts the delegate's decision by these).</param>
/// <param name="To">The delegate.</param>
/// <param name="At">When.</param>
public sealed record ApprovalDelegation(string From, IReadOnlyList<string> FromRoles, string To, Instant At);
