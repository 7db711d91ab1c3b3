namespace Itsm.Sla;

/// <summary>
/// Whose rules an <see cref="SlaTarget"/> follows where the products that run SLAs disagree: the
/// evaluation order within one update, what a reset does, whether a ticket that starts and stops in
/// one update gets a clock, when a clock may start again, where a breach falls after a retarget, and
/// the stage a status displays. docs/sla.md ("Compatibility profiles") compares them rule by rule.
/// </summary>
/// <remarks>
/// A profile sets defaults, not limits: <see cref="SlaTarget.CancelWhen"/>,
/// <see cref="SlaTarget.RetroactiveStart"/> and <see cref="SlaTarget.PriorityChangePolicy"/> can be
/// set on a target of any profile (except <see cref="PriorityChangePolicy.CancelAndRestartRetroactive"/>,
/// which is the <see cref="Itsm"/> profile's own).
/// </remarks>
public enum SlaProfile
{
    /// <summary>
    /// The library's rules (the default): cancel, then reset, then stop; a reset restarts the same clock
    /// from zero; start and stop in one update give a zero-length achieved clock; a new cycle starts
    /// only when the start condition becomes true; a retarget below the elapsed time breaches at the
    /// retarget instant, never in the past of a status already reported.
    /// </summary>
    Itsm = 0,

    /// <summary>
    /// ServiceNow's SLA engine (SLAConditionBase, "SLA processing" and "SLA conditions" in its
    /// documentation): stop, then reset, then cancel; cancel by default as soon as the start condition no
    /// longer matches; a reset completes the running task SLA and attaches a new one when the start
    /// condition matches; start and stop in one update attach nothing; a task SLA attaches whenever the
    /// start condition matches and neither stop nor cancel does; stages In progress, Paused, Completed
    /// and Cancelled, with "has breached" beside them.
    /// </summary>
    ServiceNow = 1,

    /// <summary>
    /// Jira Service Management's SLAs (start, pause and stop conditions, goals and cycles): stop, then
    /// reset, then cancel; a reset completes the cycle and starts a new one; start and stop in one
    /// update give a zero-length completed cycle; a new cycle starts when the start condition becomes
    /// true; a priority change applies the new goal to the whole cycle, so a breach falls where the
    /// elapsed time reached the new goal; a running clock outside its calendar's hours displays as
    /// paused (outside calendar hours).
    /// </summary>
    JiraServiceManagement = 2,
}
