namespace Itsm.Approvals;

/// <summary>How the parallel approvers of one <see cref="ApprovalLevel"/> decide it.</summary>
public enum ApprovalRuleKind
{
    /// <summary>The first approval completes the level (ServiceNow's "Anyone approves", Jira Service Management's one approver).</summary>
    Any = 0,

    /// <summary>Every named approver must approve (ServiceNow's "Everyone approves").</summary>
    All = 1,

    /// <summary>A number of distinct approvers must approve (a CAB quorum; ServiceNow's "count of approvals").</summary>
    Quorum = 2,
}
