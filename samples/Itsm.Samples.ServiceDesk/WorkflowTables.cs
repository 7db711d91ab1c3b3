using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Itsm.Improvement;

namespace Itsm.Samples.ServiceDesk;

/// <summary>The report's workflow tables: each custom state beside its library state, and the library's KPIs over the incidents that awaited a change.</summary>
public static class WorkflowTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The workflow tables.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The tables.</returns>
    public static IReadOnlyList<ReportTable> Tables(SimulationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var w = report.Workflows;
        KpiId[] kpis = [KpiId.IncidentsOpened, KpiId.MeanTimeToResolve, KpiId.MeanBusinessTimeToResolve, KpiId.Backlog];
        return
        [
            new("Workflow states: Contoso's own states inside the library's (SLAs and KPIs count the library state)", ["workflow", "library state", "custom state", "entered", "in it now"], [false, false, false, true, true],
                w.States.Select(s => (IReadOnlyList<string>)[s.Workflow, s.LibraryState, s.CustomState, N(s.Entered), N(s.InNow)]).ToArray()),
            new($"The {N(w.AwaitedChange)} incident(s) that awaited a change, by the library's KPIs (their wait counts as InProgress; the resolution SLA paused)", ["KPI", "value"], [false, true],
                kpis.Select(k => (IReadOnlyList<string>)[k.ToString(), ReportTables.WithUnit(k, w.AwaitedChangeKpis[k])]).ToArray()),
        ];
    }

    private static string N(int n) => n.ToString(Invariant);
}
