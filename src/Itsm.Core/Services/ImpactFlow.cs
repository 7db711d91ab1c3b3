namespace Itsm.Services;

/// <summary>
/// Which way an outage travels along a configuration item relationship <c>source → target</c>
/// (for example <c>app Runs on vm</c>: the app is the source, the vm the target).
/// </summary>
public enum ImpactFlow
{
    /// <summary>An outage of the target affects the source (<c>app Depends on db</c>: db down, app down). The built-in depends on, runs on and hosted on flow this way.</summary>
    TargetToSource = 0,

    /// <summary>An outage of the source affects the target (a host-defined <c>ups Powers rack</c>).</summary>
    SourceToTarget = 1,

    /// <summary>An outage of either affects the other (the built-in connects to: a link down cuts both ends).</summary>
    Both = 2,

    /// <summary>An outage travels neither way (a host-defined <c>Documented by</c> or <c>Backed up by</c>).</summary>
    None = 3,
}
