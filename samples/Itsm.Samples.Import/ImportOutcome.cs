using System.Collections.Generic;
using Itsm.Improvement;
using Itsm.Import;

namespace Itsm.Samples.Import;

/// <summary>What a run found: the importer's report, the KPIs side by side, and what the KPI calculator warned about.</summary>
/// <param name="Report">The importer's report.</param>
/// <param name="Kpis">The KPIs, engine beside log.</param>
/// <param name="Warnings">The KPI calculator's data-loss warnings.</param>
/// <param name="Seconds">How long the import took.</param>
public sealed record ImportOutcome(ImportReport Report, IReadOnlyList<KpiComparison> Kpis, IReadOnlyList<KpiWarning> Warnings, double Seconds);
