using System;
using System.Collections.Generic;

namespace Itsm.Improvement;

/// <summary>
/// The practices an adoption assessment names by default, their default value order, and the KPI
/// names that measure each of them (see docs/improvement.md).
/// </summary>
public static class AdoptionPractices
{
    /// <summary>Incident management: restore normal service as quickly as possible.</summary>
    public const string IncidentManagement = "incident management";

    /// <summary>Service desk: the single point of contact for users.</summary>
    public const string ServiceDesk = "service desk";

    /// <summary>Service request management: fulfil standard requests.</summary>
    public const string ServiceRequestManagement = "service request management";

    /// <summary>Change enablement: make changes succeed without causing incidents.</summary>
    public const string ChangeEnablement = "change enablement";

    /// <summary>Problem management: find and remove the causes of incidents.</summary>
    public const string ProblemManagement = "problem management";

    /// <summary>Service level management: agree targets and report against them.</summary>
    public const string ServiceLevelManagement = "service level management";

    /// <summary>Continual improvement: the register of improvement items.</summary>
    public const string ContinualImprovement = "continual improvement";

    /// <summary>
    /// The default value order: incident management first (restoring service is what users feel
    /// first), then the service desk (the channel everything enters by), service request management
    /// (the largest volume of work), change enablement (changes cause many incidents), problem
    /// management (needs incident data to find causes), service level management (needs measured
    /// practices to agree targets on) and continual improvement (needs the KPIs of all the others).
    /// Practices not in the order come after it, by name (ordinal, ignoring case).
    /// </summary>
    public static IReadOnlyList<string> DefaultValueOrder { get; } = Array.AsReadOnly(new[]
    {
        IncidentManagement,
        ServiceDesk,
        ServiceRequestManagement,
        ChangeEnablement,
        ProblemManagement,
        ServiceLevelManagement,
        ContinualImprovement,
    });

    /// <summary>
    /// The KPIs that measure each default practice, by <see cref="KpiId"/> name (keys compared ignoring
    /// case). Continual improvement has none: the register of improvement items measures it.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> DefaultKpis { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
    {
        [IncidentManagement] = Names(KpiId.MeanTimeToAcknowledge, KpiId.MeanTimeToResolve, KpiId.ReopenRate, KpiId.Backlog, KpiId.MajorIncidents),
        [ServiceDesk] = Names(KpiId.FirstContactResolutionRate, KpiId.MeanTimeToAcknowledge),
        [ServiceRequestManagement] = Names(KpiId.MeanTimeToFulfil, KpiId.MeanTimeToApprove, KpiId.SlaCompliance),
        [ChangeEnablement] = Names(KpiId.ChangeSuccessRate, KpiId.EmergencyChangeRatio, KpiId.ChangesCausingIncidents),
        [ProblemManagement] = Names(KpiId.ProblemsWithKnownErrors, KpiId.IncidentsOpened),
        [ServiceLevelManagement] = Names(KpiId.SlaCompliance),
        [ContinualImprovement] = Names(),
    };

    private static IReadOnlyList<string> Names(params KpiId[] kpis) => Array.AsReadOnly(Array.ConvertAll(kpis, k => k.ToString()));
}
