namespace Itsm.Incidents;

/// <summary>The commands (Stateless triggers) an incident accepts.</summary>
public enum IncidentCommand
{
    /// <summary>Set the assignment (group and/or person); under <see cref="IncidentOptions.WorkStart"/> it may start work on a new incident.</summary>
    Assign = 0,

    /// <summary>Put on hold with a reason.</summary>
    PutOnHold = 1,

    /// <summary>Resume work on an incident on hold.</summary>
    Resume = 2,

    /// <summary>The caller responded (resumes an incident awaiting the caller).</summary>
    RecordCallerResponse = 3,

    /// <summary>Resolve with a resolution code and notes.</summary>
    Resolve = 4,

    /// <summary>Reopen a resolved incident (or a closed one), as <see cref="IncidentOptions.Reopen"/> allows.</summary>
    Reopen = 5,

    /// <summary>Close a resolved incident.</summary>
    Close = 6,

    /// <summary>Cancel an incident that is not resolved or closed.</summary>
    Cancel = 7,

    /// <summary>Change impact or urgency; the priority is derived again.</summary>
    ChangeImpactOrUrgency = 8,

    /// <summary>Functional escalation: reassign to another support group.</summary>
    EscalateFunctionally = 9,

    /// <summary>Hierarchical escalation: notify a manager.</summary>
    EscalateHierarchically = 10,

    /// <summary>Promote to a major incident.</summary>
    PromoteToMajor = 11,

    /// <summary>Demote from major incident.</summary>
    DemoteFromMajor = 12,

    /// <summary>Make this incident a child of a major incident.</summary>
    AttachToParent = 13,

    /// <summary>Record the post-incident review a major incident needs before it closes.</summary>
    RecordPostIncidentReview = 14,

    /// <summary>Link the change that caused the incident.</summary>
    LinkCausedByChange = 15,

    /// <summary>Link the related problem.</summary>
    LinkProblem = 16,

    /// <summary>Record that an SLA clock crossed a threshold (warning, breach, escalation); a system command, the state does not change.</summary>
    SlaThreshold = 17,

    /// <summary>Clear the assignment (group and person); the state does not change.</summary>
    Unassign = 18,

    /// <summary>Start work on a new incident (New to InProgress).</summary>
    StartWork = 19,

    /// <summary>Change why an incident on hold waits; it stays on hold.</summary>
    ChangeHoldReason = 20,

    /// <summary>Set the service and offering.</summary>
    ChangeService = 21,

    /// <summary>Add an affected configuration item.</summary>
    AddConfigurationItem = 22,

    /// <summary>Remove an affected configuration item.</summary>
    RemoveConfigurationItem = 23,

    /// <summary>Assign to a supplier, or back from one.</summary>
    AssignToSupplier = 24,

    /// <summary>Cite a published knowledge article (open states and Resolved; same state). Numbered apart from the others so that commands added beside it in parallel keep distinct values.</summary>
    LinkKnowledgeArticle = 40,

    /// <summary>Record the customer satisfaction survey result of the current resolution (Resolved, Closed; same state).</summary>
    RecordSatisfaction = 41,

    // The journal commands every ticket type shares take 100 onwards, clear of the type's own commands.

    /// <summary>Moves an incident between two custom states of its workflow (<see cref="Itsm.Workflows.Workflow{TState, TCommand}"/>) by a named transition; permitted only where the workflow has one.</summary>
    TransitionWorkflow = 50,

    /// <summary>Add an internal work note to the journal (docs/journal.md); every state that is not final, the state does not change.</summary>
    AddWorkNote = 100,

    /// <summary>Add a comment the caller reads too; every state that is not final, the state does not change.</summary>
    AddComment = 101,

    /// <summary>Log time worked, with an optional note; every state that is not final, the state does not change.</summary>
    LogTime = 102,
}
