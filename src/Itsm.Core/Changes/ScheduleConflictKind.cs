namespace Itsm.Changes;

/// <summary>What a scheduling conflict is about.</summary>
public enum ScheduleConflictKind
{
    /// <summary>Another change touches the same service or configuration item in an overlapping window.</summary>
    OverlappingChange = 0,

    /// <summary>The window is not wholly inside a service's maintenance windows.</summary>
    OutsideMaintenanceWindow = 1,

    /// <summary>The window overlaps a blackout that covers the change (blocking unless the change is an emergency).</summary>
    Blackout = 2,

    /// <summary>
    /// Another change touches a configuration item related to one this change touches (within the
    /// calendar's <see cref="ChangeCalendar.RelatedDepth"/> hops of its service model) in an overlapping window; blocking.
    /// </summary>
    RelatedChange = 3,
}
