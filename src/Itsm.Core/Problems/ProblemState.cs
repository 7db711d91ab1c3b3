namespace Itsm.Problems;

/// <summary>The states of a problem (ServiceNow's problem states).</summary>
public enum ProblemState
{
    /// <summary>Logged, not yet assessed.</summary>
    New = 0,

    /// <summary>Being assessed: is it a problem worth analysing, and how urgent is it.</summary>
    Assess = 1,

    /// <summary>Root cause analysis under way.</summary>
    RootCauseAnalysis = 2,

    /// <summary>The root cause is known and a fix is being applied (often through a change).</summary>
    FixInProgress = 3,

    /// <summary>Resolved with a <see cref="ProblemResolutionCode"/>; waiting to be closed.</summary>
    Resolved = 4,

    /// <summary>Closed: terminal.</summary>
    Closed = 5,

    /// <summary>Canceled before resolution: terminal.</summary>
    Canceled = 6,
}
