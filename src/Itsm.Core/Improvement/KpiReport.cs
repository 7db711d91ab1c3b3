using System.Collections.Generic;
using Itsm.Common;
using NodaTime;

namespace Itsm.Improvement;

/// <summary>
/// The KPIs of one tenant over one period, for the whole tenant and per service, assignment group
/// and priority, as <see cref="KpiCalculator.Compute"/> returns them.
/// </summary>
/// <remarks>
/// An incident counts each figure under the assignment group and priority it had when that figure was
/// measured: its time to acknowledge under those right after the acknowledgement, its time to resolve
/// and its reopen under those at its last resolution in the period, its backlog, opening, promotion and
/// causing changes under those at the end of the period; its service never changes. A figure without a
/// service or a group counts in no slice of that kind, only in <see cref="Overall"/>. Every duration KPI
/// has its median and percentiles beside its mean (<see cref="KpiSet.Distribution"/>). Problems count per service;
/// changes count in the slice of every service they touch; interactions and SLA clocks only in
/// <see cref="Overall"/>.
/// </remarks>
public sealed class KpiReport
{
    internal KpiReport(
        TenantId tenant,
        Interval period,
        KpiSet overall,
        IReadOnlyDictionary<string, KpiSet> byService,
        IReadOnlyDictionary<string, KpiSet> byAssignmentGroup,
        IReadOnlyDictionary<int, KpiSet> byPriority,
        IReadOnlyDictionary<string, KpiMeasure> slaComplianceByAgreement,
        IReadOnlyList<KpiWarning> warnings)
    {
        Warnings = warnings;
        Tenant = tenant;
        Period = period;
        Overall = overall;
        ByService = byService;
        ByAssignmentGroup = byAssignmentGroup;
        ByPriority = byPriority;
        SlaComplianceByAgreement = slaComplianceByAgreement;
    }

    /// <summary>The tenant.</summary>
    public TenantId Tenant { get; }

    /// <summary>The period, <c>[Start, End)</c>.</summary>
    public Interval Period { get; }

    /// <summary>Every KPI over the whole tenant.</summary>
    public KpiSet Overall { get; }

    /// <summary>The KPIs per service (incidents, problems, changes), by service name.</summary>
    public IReadOnlyDictionary<string, KpiSet> ByService { get; }

    /// <summary>The incident KPIs per assignment group, by group name.</summary>
    public IReadOnlyDictionary<string, KpiSet> ByAssignmentGroup { get; }

    /// <summary>The incident KPIs per priority (1 critical to 5 planning).</summary>
    public IReadOnlyDictionary<int, KpiSet> ByPriority { get; }

    /// <summary>
    /// <see cref="KpiId.KnowledgeFirstContactResolutionRate"/> per knowledge article: of the incidents resolved in the
    /// period that cite the article, the share resolved on first contact (an incident citing several articles counts
    /// under each). Articles no such incident cites are absent.
    /// </summary>
    public IReadOnlyDictionary<Itsm.Knowledge.KnowledgeArticleId, KpiMeasure> FirstContactResolutionByArticle { get; internal init; } =
        new Dictionary<Itsm.Knowledge.KnowledgeArticleId, KpiMeasure>();

    /// <summary>SLA compliance (achieved over ended clocks) per agreement id.</summary>
    public IReadOnlyDictionary<string, KpiMeasure> SlaComplianceByAgreement { get; }

    /// <summary>
    /// What the figures leave out (skipped entries, by <see cref="KpiWarning.Code"/>); empty when every
    /// entry given was used. Show these beside the figures: a rate computed on a cut history is not the rate.
    /// </summary>
    public IReadOnlyList<KpiWarning> Warnings { get; }
}
