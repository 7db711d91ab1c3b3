namespace Itsm.Incidents;

/// <summary>The states of an incident, as ServiceNow names them.</summary>
public enum IncidentState
{
    /// <summary>Logged, not yet assigned or acknowledged.</summary>
    New = 0,

    /// <summary>Assigned and being worked on.</summary>
    InProgress = 1,

    /// <summary>Waiting for something outside the support group (see <see cref="OnHoldReason"/>).</summary>
    OnHold = 2,

    /// <summary>Service restored; the caller may still reopen it within the reopen window.</summary>
    Resolved = 3,

    /// <summary>Closed: terminal, unless the reopen policy lets closed incidents reopen (<see cref="IncidentReopenPolicy.FromClosed"/>).</summary>
    Closed = 4,

    /// <summary>Canceled (logged in error or a duplicate): terminal.</summary>
    Canceled = 5,
}
