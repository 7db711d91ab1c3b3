namespace Itsm.Approvals;

/// <summary>One decision given on a chain: who it counts for, at which level, and what it was.</summary>
/// <param name="Level">The level's index in <see cref="ApprovalChain.Levels"/>, from 0.</param>
/// <param name="Approver">The person the decision counts for (the delegator, when a delegate decided).</param>
/// <param name="Verdict">Approve or reject.</param>
public readonly record struct ApprovalDecision(int Level, string Approver, ApprovalVerdict Verdict);
