using System;

namespace Itsm.Improvement;

/// <summary>The fixed facts about each KPI: its direction (see docs/kpis.md for the full definitions).</summary>
public static class KpiDefinitions
{
    /// <summary>Every KPI, in <see cref="KpiId"/> order.</summary>
    public static System.Collections.Generic.IReadOnlyList<KpiId> All { get; } = Array.AsReadOnly(Enum.GetValues<KpiId>());

    /// <summary>Whether <paramref name="kpi"/> improves as it rises or as it falls.</summary>
    /// <param name="kpi">The KPI.</param>
    /// <returns><see cref="KpiDirection.HigherIsBetter"/> for first-contact resolution, problems with known errors,
    /// change success, SLA compliance, knowledge use, first-contact resolution with knowledge, customer
    /// satisfaction and approval levels decided on time; <see cref="KpiDirection.LowerIsBetter"/> for the others.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kpi"/> is not defined.</exception>
    public static KpiDirection DirectionOf(KpiId kpi) => kpi switch
    {
        KpiId.FirstContactResolutionRate or KpiId.ProblemsWithKnownErrors or KpiId.ChangeSuccessRate or KpiId.SlaCompliance => KpiDirection.HigherIsBetter,
        KpiId.KnowledgeUseRate or KpiId.KnowledgeFirstContactResolutionRate or KpiId.CustomerSatisfaction or KpiId.ApprovalLevelsDecidedOnTime => KpiDirection.HigherIsBetter,
        KpiId.MeanTimeToApprovalDecision or KpiId.ApprovalLevelsOverdue => KpiDirection.LowerIsBetter,
        >= KpiId.MeanTimeToAcknowledge and <= KpiId.RequestsSubmitted => KpiDirection.LowerIsBetter,
        _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "The KPI is not defined."),
    };

    /// <summary>
    /// Whether <paramref name="kpi"/> is a duration, so that <see cref="KpiSet.Distribution"/> gives its median and
    /// percentiles beside its mean: the wall-clock and business times to acknowledge and to resolve, the
    /// backlog's age, the service requests' times to fulfil and to approve, and the time to an approval level's decision.
    /// </summary>
    /// <param name="kpi">The KPI.</param>
    /// <returns><see langword="true"/> for <see cref="KpiId.MeanTimeToAcknowledge"/>, <see cref="KpiId.MeanTimeToResolve"/>,
    /// <see cref="KpiId.MeanBusinessTimeToAcknowledge"/>, <see cref="KpiId.MeanBusinessTimeToResolve"/> and
    /// <see cref="KpiId.BacklogMeanAge"/>, and the service requests' <see cref="KpiId.MeanTimeToFulfil"/>,
    /// <see cref="KpiId.MeanBusinessTimeToFulfil"/>, <see cref="KpiId.MeanTimeToApprove"/> and <see cref="KpiId.MeanTimeToApprovalDecision"/>; <see langword="false"/> for the others, and for a value that is not defined.</returns>
    public static bool IsDuration(KpiId kpi) =>
        kpi is KpiId.MeanTimeToAcknowledge or KpiId.MeanTimeToResolve or KpiId.MeanBusinessTimeToAcknowledge
            or KpiId.MeanBusinessTimeToResolve or KpiId.BacklogMeanAge
            or KpiId.MeanTimeToFulfil or KpiId.MeanBusinessTimeToFulfil or KpiId.MeanTimeToApprove or KpiId.MeanTimeToApprovalDecision;

    // The highest id plus one, so that ids added to KpiId size every KPI set without an edit here.
    internal static readonly int Count = MaxId() + 1;

    private static int MaxId()
    {
        int max = 0;
        foreach (var kpi in Enum.GetValues<KpiId>())
        {
            max = Math.Max(max, (int)kpi);
        }

        return max;
    }
}
