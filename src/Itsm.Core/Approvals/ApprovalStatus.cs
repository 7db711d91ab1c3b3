namespace Itsm.Approvals;

/// <summary>Where a chain stands after a set of decisions (<see cref="ApprovalEvaluator.Evaluate"/>).</summary>
/// <param name="Outcome">Pending, approved or rejected.</param>
/// <param name="Level">
/// Pending: the level waiting for decisions; rejected: the level that was rejected; approved: the number of levels.
/// </param>
/// <param name="Approvals">Pending: the distinct approvals the waiting level has; otherwise 0.</param>
public readonly record struct ApprovalStatus(ApprovalOutcome Outcome, int Level, int Approvals);
