namespace Itsm.Requests;

/// <summary>The states of a service request.</summary>
public enum ServiceRequestState
{
    /// <summary>Submitted by the requester.</summary>
    Submitted = 0,

    /// <summary>Waiting for approval (only when the catalog item requires it).</summary>
    AwaitingApproval = 1,

    /// <summary>Being fulfilled.</summary>
    Fulfilling = 2,

    /// <summary>Fulfilled; waiting to be closed.</summary>
    Fulfilled = 3,

    /// <summary>Closed: terminal.</summary>
    Closed = 4,

    /// <summary>Rejected by an approver: terminal.</summary>
    Rejected = 5,

    /// <summary>Canceled: terminal.</summary>
    Canceled = 6,
}
