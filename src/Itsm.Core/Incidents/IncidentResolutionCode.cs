namespace Itsm.Incidents;

/// <summary>How an incident was resolved (ServiceNow's resolution codes).</summary>
public enum IncidentResolutionCode
{
    /// <summary>Solved with a workaround.</summary>
    SolvedWorkaround = 1,

    /// <summary>Solved permanently.</summary>
    SolvedPermanently = 2,

    /// <summary>Solved remotely with a workaround.</summary>
    SolvedRemotelyWorkaround = 3,

    /// <summary>Solved remotely, permanently.</summary>
    SolvedRemotelyPermanently = 4,

    /// <summary>Not solved: not reproducible.</summary>
    NotSolvedNotReproducible = 5,

    /// <summary>Not solved: too costly.</summary>
    NotSolvedTooCostly = 6,

    /// <summary>Closed or resolved by the caller.</summary>
    ClosedByCaller = 7,

    /// <summary>Resolved with the problem it was waiting for.</summary>
    ResolvedByProblem = 8,

    /// <summary>Resolved with the major incident it was a child of.</summary>
    ResolvedByParent = 9,
}
