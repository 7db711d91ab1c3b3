namespace Itsm.Approvals;

/// <summary>Where a level or a chain stands.</summary>
public enum ApprovalOutcome
{
    /// <summary>Still waiting for decisions.</summary>
    Pending = 0,

    /// <summary>Approved: the level's rule is met (for a chain: every level's).</summary>
    Approved = 1,

    /// <summary>Rejected: someone rejected.</summary>
    Rejected = 2,
}
