namespace Itsm.Incidents;

/// <summary>Why an incident is on hold (ServiceNow's on-hold reasons).</summary>
public enum OnHoldReason
{
    /// <summary>Waiting for the caller; putting an incident on hold for this needs a comment to the caller.</summary>
    AwaitingCaller = 1,

    /// <summary>Waiting for a change to be implemented.</summary>
    AwaitingChange = 2,

    /// <summary>Waiting for a problem to be resolved; such incidents are resolved with their problem.</summary>
    AwaitingProblem = 3,

    /// <summary>Waiting for a vendor or supplier.</summary>
    AwaitingVendor = 4,
}
