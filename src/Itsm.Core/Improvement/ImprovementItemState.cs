namespace Itsm.Improvement;

/// <summary>The states of an improvement item of the continual improvement register.</summary>
public enum ImprovementItemState
{
    /// <summary>Proposed, waiting for a decision.</summary>
    Proposed = 0,

    /// <summary>Approved by someone other than the proposer; not started yet.</summary>
    Approved = 1,

    /// <summary>Being implemented.</summary>
    InProgress = 2,

    /// <summary>Completed, with the KPI's measured value after completion: terminal.</summary>
    Done = 3,

    /// <summary>Rejected (with a reason) before approval: terminal.</summary>
    Rejected = 4,
}
