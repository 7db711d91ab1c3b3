namespace Itsm.Requests;

/// <summary>The commands (Stateless triggers) a service request accepts.</summary>
public enum ServiceRequestCommand
{
    /// <summary>Ask for approval (the catalog item requires it).</summary>
    RequestApproval = 0,

    /// <summary>Approve, completing the approval chain; the request moves to fulfilment. The approver may not be the requester.</summary>
    Approve = 1,

    /// <summary>Reject; terminal. The approver may not be the requester.</summary>
    Reject = 2,

    /// <summary>Start fulfilment of a request that needs no approval.</summary>
    StartFulfilment = 3,

    /// <summary>Record that the request was fulfilled.</summary>
    Fulfil = 4,

    /// <summary>Close a fulfilled request.</summary>
    Close = 5,

    /// <summary>Cancel a request that is not fulfilled, closed or rejected.</summary>
    Cancel = 6,

    /// <summary>Record that an SLA clock crossed a threshold (warning, breach, escalation); a system command, the state does not change.</summary>
    SlaThreshold = 7,

    /// <summary>Set the assignment (support group and/or person); every state that is not terminal, the state does not change.</summary>
    Assign = 8,

    /// <summary>Clear the assignment; every state that is not terminal, the state does not change.</summary>
    Unassign = 9,

    /// <summary>Set the service and offering; every state that is not terminal.</summary>
    ChangeService = 10,

    /// <summary>Add a configuration item; every state that is not terminal.</summary>
    AddConfigurationItem = 11,

    /// <summary>Remove a configuration item; every state that is not terminal.</summary>
    RemoveConfigurationItem = 12,

    /// <summary>Assign to a supplier, or back from one; Submitted, AwaitingApproval and Fulfilling.</summary>
    AssignToSupplier = 13,

    /// <summary>Record an approval that leaves the approval chain waiting (a level needs more approvals, or the next level waits); AwaitingApproval, the state does not change.</summary>
    RecordApproval = 14,

    /// <summary>Hand an approver's decision on the current level to a delegate; AwaitingApproval, the state does not change.</summary>
    DelegateApproval = 15,

    /// <summary>Record that the approval level waiting passed its due instant undecided (a system command of the SLA worker); AwaitingApproval, the state does not change.</summary>
    ApprovalOverdue = 16,

    /// <summary>Record the customer satisfaction survey result (Fulfilled, Closed; same state). Numbered apart from the others so that commands added beside it in parallel keep distinct values.</summary>
    RecordSatisfaction = 41,

    /// <summary>Moves a service request between two custom states of its workflow (<see cref="Itsm.Workflows.Workflow{TState, TCommand}"/>) by a named transition; permitted only where the workflow has one.</summary>
    TransitionWorkflow = 50,

    // The journal commands every ticket type shares take 100 onwards, clear of the type's own commands.

    /// <summary>Add an internal work note to the journal (docs/journal.md); every state that is not final, the state does not change.</summary>
    AddWorkNote = 100,

    /// <summary>Add a comment the caller reads too; every state that is not final, the state does not change.</summary>
    AddComment = 101,

    /// <summary>Log time worked, with an optional note; every state that is not final, the state does not change.</summary>
    LogTime = 102,
}
