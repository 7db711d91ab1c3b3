namespace Itsm.Changes;

/// <summary>What a rejection does to a change.</summary>
public enum RejectionPolicy
{
    /// <summary>The change returns to <see cref="ChangeState.New"/> (its approvals are voided).</summary>
    ReturnToNew = 0,

    /// <summary>The change is canceled.</summary>
    Cancel = 1,
}
