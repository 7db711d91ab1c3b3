namespace Itsm.Changes;

/// <summary>The commands (Stateless triggers) a change accepts. Which states permit each depends on the <see cref="ChangeType"/>.</summary>
public enum ChangeCommand
{
    /// <summary>Submit a normal change for assessment (normal: New → Assess).</summary>
    Submit = 0,

    /// <summary>Assess the change's risk (normal: Assess; emergency: New, Authorize; same state).</summary>
    AssessRisk = 1,

    /// <summary>Ask the change authority for approval (normal: Assess → Authorize; emergency: New → Authorize).</summary>
    RequestAuthorization = 2,

    /// <summary>Approve the change (normal, emergency: Authorize; same state).</summary>
    Approve = 3,

    /// <summary>Reject the change (normal, emergency: Authorize → New, or → Canceled under <see cref="RejectionPolicy.Cancel"/>).</summary>
    Reject = 4,

    /// <summary>Schedule the change for its planned window (standard: New → Scheduled; normal, emergency: Authorize → Scheduled).</summary>
    Schedule = 5,

    /// <summary>Edit the implementation plan (every state before Implement; from Scheduled back to Authorize, or to New for a standard change).</summary>
    EditPlan = 6,

    /// <summary>Edit the planned window (every state before Implement; from Scheduled back to Authorize, or to New for a standard change).</summary>
    EditWindow = 7,

    /// <summary>Start implementing (Scheduled → Implement).</summary>
    StartImplementation = 8,

    /// <summary>Finish implementing (Implement → Review).</summary>
    CompleteImplementation = 9,

    /// <summary>Close with the review's <see cref="ChangeReviewOutcome"/> (Review → Closed).</summary>
    Close = 10,

    /// <summary>Cancel the change (every state up to and including Implement → Canceled).</summary>
    Cancel = 11,

    /// <summary>Set the service and offering (every state before Closed and Canceled; same state; refused with <c>ITSM-CHG-SCOPE-001</c> once authorisation was asked for).</summary>
    ChangeService = 12,

    /// <summary>Add a configuration item (as <see cref="ChangeService"/>).</summary>
    AddConfigurationItem = 13,

    /// <summary>Remove a configuration item (as <see cref="ChangeService"/>).</summary>
    RemoveConfigurationItem = 14,

    /// <summary>Assign to a supplier, or back from one (as <see cref="ChangeService"/>).</summary>
    AssignToSupplier = 15,

    /// <summary>Set or clear the assignment group (every state before Closed and Canceled; same state).</summary>
    Assign = 16,
    /// <summary>Hand an approver's decision on the current approval level to a delegate (Authorize; the state does not change).</summary>
    DelegateApproval = 17,

    /// <summary>Record that the approval level waiting passed its due instant undecided (a system command of the SLA worker); Authorize, the state does not change.</summary>
    ApprovalOverdue = 18,

    // The journal commands every ticket type shares take 100 onwards, clear of the type's own commands.

    /// <summary>Moves a change between two custom states of its workflow (<see cref="Itsm.Workflows.Workflow{TState, TCommand}"/>) by a named transition; permitted only where the workflow has one.</summary>
    TransitionWorkflow = 50,

    /// <summary>Add an internal work note to the journal (docs/journal.md); every state that is not final, the state does not change.</summary>
    AddWorkNote = 100,

    /// <summary>Add a comment the caller reads too; every state that is not final, the state does not change.</summary>
    AddComment = 101,

    /// <summary>Log time worked, with an optional note; every state that is not final, the state does not change.</summary>
    LogTime = 102,
}
