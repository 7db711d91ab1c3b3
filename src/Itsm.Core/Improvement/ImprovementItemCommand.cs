namespace Itsm.Improvement;

/// <summary>The commands (Stateless triggers) an improvement item accepts.</summary>
public enum ImprovementItemCommand
{
    /// <summary>Revise the title, baseline and target (Proposed, Approved, InProgress; same state).</summary>
    Update = 0,

    /// <summary>Approve the proposal (Proposed → Approved; not by the proposer).</summary>
    Approve = 1,

    /// <summary>Reject the proposal with a reason (Proposed → Rejected; not by the proposer).</summary>
    Reject = 2,

    /// <summary>Start implementing (Approved → InProgress).</summary>
    Start = 3,

    /// <summary>Complete, recording the KPI's measured value (InProgress → Done).</summary>
    Complete = 4,
}
