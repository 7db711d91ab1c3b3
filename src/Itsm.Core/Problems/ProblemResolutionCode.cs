namespace Itsm.Problems;

/// <summary>How a problem was resolved (ServiceNow's problem resolution codes).</summary>
public enum ProblemResolutionCode
{
    /// <summary>A fix was applied. Only from <see cref="ProblemState.FixInProgress"/> (rule <c>ITSM-PRB-RESOLVE-002</c>).</summary>
    FixApplied = 1,

    /// <summary>The risk of the problem recurring is accepted; no fix will be made.</summary>
    RiskAccepted = 2,

    /// <summary>The problem duplicates another one.</summary>
    Duplicate = 3,

    /// <summary>The cause went away or the problem is no longer relevant.</summary>
    Canceled = 4,
}
