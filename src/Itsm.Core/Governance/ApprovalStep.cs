namespace Itsm.Governance;

/// <summary>What an audit event does to a record's approvals.</summary>
internal enum ApprovalStep
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>One more approval.</summary>
    Approved = 1,

    /// <summary>Every approval held so far no longer counts (a rejection, or an edit of what was approved).</summary>
    Voided = 2,
}
