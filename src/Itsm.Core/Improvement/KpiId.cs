namespace Itsm.Improvement;

/// <summary>
/// The KPIs <see cref="KpiCalculator"/> computes. docs/kpis.md defines each one: what is counted,
/// its unit, its direction and its edge cases.
/// </summary>
public enum KpiId
{
    /// <summary>
    /// Mean wall-clock hours from opening to acknowledgement (the first move from New to InProgress) of the incidents
    /// acknowledged in the period. Like every duration KPI (<see cref="KpiDefinitions.IsDuration"/>), its median and
    /// percentiles are in <see cref="KpiSet.Distribution"/>.
    /// </summary>
    MeanTimeToAcknowledge = 0,

    /// <summary>Mean wall-clock hours from opening to the last <c>Resolve</c> in the period, of the incidents resolved in the period.</summary>
    MeanTimeToResolve = 1,

    /// <summary><see cref="MeanTimeToAcknowledge"/> in business hours of the calendar given; no value without a calendar.</summary>
    MeanBusinessTimeToAcknowledge = 2,

    /// <summary><see cref="MeanTimeToResolve"/> in business hours of the calendar given; no value without a calendar.</summary>
    MeanBusinessTimeToResolve = 3,

    /// <summary>Of the interactions classified in the period, the share resolved on first contact.</summary>
    FirstContactResolutionRate = 4,

    /// <summary>Of the incidents resolved in the period, the share also reopened in the period.</summary>
    ReopenRate = 5,

    /// <summary>The incidents open (New, InProgress, OnHold) at the end of the period.</summary>
    Backlog = 6,

    /// <summary>The mean age in wall-clock hours, at the end of the period, of the <see cref="Backlog"/> incidents.</summary>
    BacklogMeanAge = 7,

    /// <summary>The incidents opened in the period.</summary>
    IncidentsOpened = 8,

    /// <summary>The incidents promoted to major in the period.</summary>
    MajorIncidents = 9,

    /// <summary>The problems marked as known errors in the period.</summary>
    ProblemsWithKnownErrors = 10,

    /// <summary>Of the changes closed in the period, the share that succeeded and caused no incident.</summary>
    ChangeSuccessRate = 11,

    /// <summary>Of the changes opened in the period, the share of emergency changes.</summary>
    EmergencyChangeRatio = 12,

    /// <summary>The distinct changes that incidents were linked to (<c>LinkCausedByChange</c>) in the period.</summary>
    ChangesCausingIncidents = 13,

    /// <summary>Of the SLA clocks that ended in the period (achieved or breached), the share achieved.</summary>
    SlaCompliance = 14,

    /// <summary>
    /// Mean wall-clock hours from submission to <c>Fulfil</c>, of the service requests fulfilled in the period (a
    /// duration: median and percentiles in <see cref="KpiSet.Distribution"/>).
    /// </summary>
    MeanTimeToFulfil = 15,

    /// <summary><see cref="MeanTimeToFulfil"/> in business hours of the calendar given; no value without a calendar.</summary>
    MeanBusinessTimeToFulfil = 16,

    /// <summary>
    /// Mean wall-clock hours from a service request's <c>RequestApproval</c> to its decision (<c>Approve</c> or
    /// <c>Reject</c>), of the decisions taken in the period.
    /// </summary>
    MeanTimeToApprove = 17,

    /// <summary>The service requests submitted in the period.</summary>
    RequestsSubmitted = 18,

    /// <summary>
    /// Knowledge use: of the incidents whose last resolution in the period falls in it, the share that cite at least
    /// one knowledge article by the end of the period (<c>LinkKnowledgeArticle</c>).
    /// </summary>
    KnowledgeUseRate = 19,

    /// <summary>
    /// First-contact resolution with knowledge: of the incidents counted by <see cref="KnowledgeUseRate"/> that cite
    /// an article, the share resolved on first contact (their interaction was classified with
    /// <c>resolvedOnFirstContact</c>). <see cref="KpiReport.FirstContactResolutionByArticle"/> gives it per article.
    /// </summary>
    KnowledgeFirstContactResolutionRate = 20,

    /// <summary>
    /// Customer satisfaction (CSAT): of the survey results recorded in the period on incidents and service requests,
    /// the share that are satisfied (a score of 4 or 5 on the 1 to 5 scale, the "top two boxes" of ServiceNow and Zendesk).
    /// </summary>
    CustomerSatisfaction = 21,

    /// <summary>
    /// Approval SLA: of the approval levels with a due time decided in the period (a request's or a change's decision
    /// that met or rejected the level waiting, carrying <see cref="Itsm.Approvals.ApprovalLevelTiming"/>), the share
    /// decided before their due instant. A decision at or after it is late, whether or not the level was recorded overdue.
    /// </summary>
    ApprovalLevelsDecidedOnTime = 25,

    /// <summary>
    /// Mean wall-clock hours from an approval level starting to wait to its decision (the approval that met it, or the
    /// rejection), of the levels with a due time of requests and changes decided in the period (a duration: median and
    /// percentiles in <see cref="KpiSet.Distribution"/>). Unlike <see cref="MeanTimeToApprove"/> it counts each level of
    /// a chain, and changes too.
    /// </summary>
    MeanTimeToApprovalDecision = 26,

    /// <summary>
    /// The approval levels recorded overdue in the period (<see cref="Itsm.Approvals.ApprovalLevelOverdue"/>, by the SLA
    /// worker), on requests and changes: each level once per run of its chain.
    /// </summary>
    ApprovalLevelsOverdue = 27,
}

/// <summary>Whether a KPI improves as its value rises or as it falls.</summary>
public enum KpiDirection
{
    /// <summary>A higher value is better (rates of success or compliance).</summary>
    HigherIsBetter = 0,

    /// <summary>A lower value is better (times, backlogs, failure counts).</summary>
    LowerIsBetter = 1,
}

/// <summary>A KPI's standing against its target (see <see cref="KpiTarget.Evaluate(double?)"/>).</summary>
public enum KpiStatus
{
    /// <summary>The value reaches the target.</summary>
    Met = 0,

    /// <summary>The value misses the target by no more than the at-risk band.</summary>
    AtRisk = 1,

    /// <summary>The value misses the target by more than the at-risk band.</summary>
    Missed = 2,
}
