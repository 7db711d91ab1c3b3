using Ardalis.GuardClauses;
using Itsm.Changes;
using Itsm.Requests;
using NodaTime;

namespace Itsm.Engine;

// The approval SLA: which records' waiting approval level is overdue and not yet recorded so.
public sealed partial class ItsmEngine
{
    /// <summary>
    /// The due instant of the approval level <paramref name="request"/> waits on, when the level is overdue at
    /// <paramref name="now"/> and its overdue is not recorded yet: the SLA worker then records it with
    /// <see cref="RecordServiceRequestApprovalOverdue"/>. Due times count in <see cref="ItsmEngineOptions.ApprovalCalendarId"/>.
    /// </summary>
    /// <param name="request">The request, as loaded through this engine.</param>
    /// <param name="now">The worker's current instant.</param>
    /// <returns>The due instant, or <see langword="null"/> when nothing waits, the level has no due time, it is not due at <paramref name="now"/>, or it was recorded.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="request"/> is null.</exception>
    public Instant? PendingApprovalOverdue(ServiceRequest request, Instant now)
    {
        Guard.Against.Null(request);
        return request.UnrecordedApprovalDueAt() is { } due && due <= now ? due : null;
    }

    /// <summary>As <see cref="PendingApprovalOverdue(ServiceRequest, Instant)"/>, for a change waiting in Authorize (recorded with <see cref="RecordChangeApprovalOverdue"/>).</summary>
    /// <param name="change">The change, as loaded through this engine.</param>
    /// <param name="now">The worker's current instant.</param>
    /// <returns>The due instant, or <see langword="null"/> when nothing waits, the level has no due time, it is not due at <paramref name="now"/>, or it was recorded.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="change"/> is null.</exception>
    public Instant? PendingApprovalOverdue(Change change, Instant now)
    {
        Guard.Against.Null(change);
        return change.UnrecordedApprovalDueAt() is { } due && due <= now ? due : null;
    }
}
