using System.Collections.Generic;
using Itsm.Improvement;
using Itsm.Import;

namespace Itsm.Samples.Import;

/// <summary>What a run found: the importer's report, the KPIs side by side, and what the KPI calculator warned about.</summary>
/// <param name="Report">The importer's report.</param>
/// <param name="Kpis">The KPIs, engine beside log.</param>
/// <param name="Warnings">The KPI calculator's data-loss warnings.</param>
/// <param name="Seconds">How long the import took.</param>
/// <param name="Workflow">The incident workflow the tickets were imported under (<c>bpic2013-incident v1 (Incident)</c>), or null for the library lifecycle alone.</param>
/// <param name="WorkflowStates">Under a workflow, how many imported tickets end in each of its states, most first; empty without one.</param>
public sealed record ImportOutcome(
    ImportReport Report, IReadOnlyList<KpiComparison> Kpis, IReadOnlyList<KpiWarning> Warnings, double Seconds, string? Workflow, IReadOnlyList<KeyValuePair<string, int>> WorkflowStates);
