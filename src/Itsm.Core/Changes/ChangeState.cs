namespace Itsm.Changes;

/// <summary>The states of a change (ServiceNow's change model).</summary>
public enum ChangeState
{
    /// <summary>Logged, not yet submitted (normal), authorised (emergency) or scheduled (standard).</summary>
    New = 0,

    /// <summary>A normal change being assessed: its risk is assessed here.</summary>
    Assess = 1,

    /// <summary>Awaiting the approvals its change authority requires (normal and emergency).</summary>
    Authorize = 2,

    /// <summary>Scheduled for its planned window on the change calendar.</summary>
    Scheduled = 3,

    /// <summary>Being implemented.</summary>
    Implement = 4,

    /// <summary>Implemented; its outcome is reviewed.</summary>
    Review = 5,

    /// <summary>Reviewed and closed with a <see cref="ChangeReviewOutcome"/> (terminal).</summary>
    Closed = 6,

    /// <summary>Canceled, or rejected under <see cref="RejectionPolicy.Cancel"/> (terminal).</summary>
    Canceled = 7,
}
