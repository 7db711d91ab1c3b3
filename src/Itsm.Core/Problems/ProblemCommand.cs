namespace Itsm.Problems;

/// <summary>The commands (Stateless triggers) a problem accepts.</summary>
public enum ProblemCommand
{
    /// <summary>Start assessing a new problem (New → Assess).</summary>
    Assess = 0,

    /// <summary>Start root cause analysis (Assess → RootCauseAnalysis).</summary>
    StartRootCauseAnalysis = 1,

    /// <summary>Record (or revise) the root cause (RootCauseAnalysis, FixInProgress; same state).</summary>
    RecordRootCause = 2,

    /// <summary>Document (or revise) a workaround (Assess, RootCauseAnalysis, FixInProgress; same state).</summary>
    DocumentWorkaround = 3,

    /// <summary>Create the problem's <see cref="KnownError"/> record (RootCauseAnalysis, FixInProgress; same state; once).</summary>
    MarkAsKnownError = 4,

    /// <summary>Start applying a fix for the recorded root cause (RootCauseAnalysis → FixInProgress).</summary>
    StartFix = 5,

    /// <summary>Link a change raised to apply the fix (RootCauseAnalysis, FixInProgress; same state).</summary>
    RaiseChange = 6,

    /// <summary>Link an incident caused by the problem (every state but Closed and Canceled; same state).</summary>
    LinkIncident = 7,

    /// <summary>Unlink a linked incident (every state but Closed and Canceled; same state).</summary>
    UnlinkIncident = 8,

    /// <summary>Resolve the problem with a <see cref="ProblemResolutionCode"/> (Assess, RootCauseAnalysis, FixInProgress → Resolved).</summary>
    Resolve = 9,

    /// <summary>Close a resolved problem (Resolved → Closed).</summary>
    Close = 10,

    /// <summary>Cancel a problem that is not resolved (New, Assess, RootCauseAnalysis, FixInProgress → Canceled).</summary>
    Cancel = 11,

    /// <summary>Set the assignment (support group and/or person) (every state but Closed and Canceled; same state).</summary>
    Assign = 12,

    /// <summary>Clear the assignment (every state but Closed and Canceled; same state).</summary>
    Unassign = 13,

    /// <summary>Set the service and offering (every state but Closed and Canceled; same state).</summary>
    ChangeService = 14,

    /// <summary>Add a configuration item (every state but Closed and Canceled; same state).</summary>
    AddConfigurationItem = 15,

    /// <summary>Remove a configuration item (every state but Closed and Canceled; same state).</summary>
    RemoveConfigurationItem = 16,

    /// <summary>Assign to a supplier, or back from one (New, Assess, RootCauseAnalysis, FixInProgress; same state).</summary>
    AssignToSupplier = 17,

    /// <summary>Cite a published knowledge article, for a known error its workaround article (every state but Closed and Canceled; same state). Numbered apart from the others so that commands added beside it in parallel keep distinct values.</summary>
    LinkKnowledgeArticle = 40,

    /// <summary>Moves a problem between two custom states of its workflow (<see cref="Itsm.Workflows.Workflow{TState, TCommand}"/>) by a named transition; permitted only where the workflow has one.</summary>
    TransitionWorkflow = 50,

    // The journal commands every ticket type shares take 100 onwards, clear of the type's own commands.

    /// <summary>Add an internal work note to the journal (docs/journal.md); every state that is not final, the state does not change.</summary>
    AddWorkNote = 100,

    /// <summary>Add a comment the caller reads too; every state that is not final, the state does not change.</summary>
    AddComment = 101,

    /// <summary>Log time worked, with an optional note; every state that is not final, the state does not change.</summary>
    LogTime = 102,
}
