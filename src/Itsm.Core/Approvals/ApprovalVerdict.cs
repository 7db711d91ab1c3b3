namespace Itsm.Approvals;

/// <summary>What an approver decided.</summary>
public enum ApprovalVerdict
{
    /// <summary>Approved.</summary>
    Approve = 0,

    /// <summary>Rejected: the level, and so the chain, is rejected.</summary>
    Reject = 1,
}
