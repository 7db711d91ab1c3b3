using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Itsm.Changes;
using Itsm.Improvement;

namespace Itsm.Samples.ServiceDesk;

/// <summary>A table of plain text cells, rendered alike on the console, in Markdown and in HTML.</summary>
/// <param name="Title">The table's title.</param>
/// <param name="Columns">The column headings.</param>
/// <param name="NumericColumns">Which columns hold numbers (right-aligned).</param>
/// <param name="Rows">The cells, row by row (plain text, not escaped).</param>
public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<bool> NumericColumns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>The report's text: KPI values with their units, and the ITIL story's tables and summary.</summary>
public static class ReportTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The unit a KPI's value is shown in: <c>h</c> (wall-clock hours), <c>business h</c>, or none (counts and percentages).</summary>
    /// <param name="kpi">The KPI.</param>
    /// <returns>The unit, or an empty string.</returns>
    public static string Unit(KpiId kpi) => kpi switch
    {
        KpiId.MeanTimeToAcknowledge or KpiId.MeanTimeToResolve or KpiId.BacklogMeanAge or KpiId.MeanTimeToFulfil or KpiId.MeanTimeToApprove or KpiId.MeanTimeToApprovalDecision => "h",
        KpiId.MeanBusinessTimeToAcknowledge or KpiId.MeanBusinessTimeToResolve or KpiId.MeanBusinessTimeToFulfil => "business h",
        _ => "",
    };

    /// <summary>A KPI's value with its unit ("13.9 business h", "94.1 %", "432").</summary>
    /// <param name="kpi">The KPI.</param>
    /// <param name="measure">Its measure.</param>
    /// <returns>The text ("-" when there is nothing to measure).</returns>
    public static string WithUnit(KpiId kpi, KpiMeasure measure)
    {
        string text = ReportMarkdown.Format(kpi, measure);
        string unit = Unit(kpi);
        return text == "-" || unit.Length == 0 ? text : text + " " + unit;
    }

    /// <summary>The overall KPIs, each with its unit.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The table.</returns>
    public static ReportTable OverallKpis(SimulationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new("Overall KPIs", ["KPI", "value"], [false, true],
            KpiDefinitions.All.Select(k => (IReadOnlyList<string>)[k.ToString(), WithUnit(k, report.Kpis.Overall[k])]).ToArray());
    }

    /// <summary>One paragraph: problems, known errors and their effect, changes and their outcomes.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text.</returns>
    public static string StorySummary(SimulationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var p = report.Practices;
        var types = string.Join(", ", p.ChangesByType.Select(t => string.Create(Invariant, $"{t.Opened} {t.Type.ToString().ToLowerInvariant()}")));
        return string.Create(Invariant,
            $"{p.Problems.Count} problem(s), {p.KnownErrors} known error(s); {p.ResolvedByWorkaround} incident(s) resolved with a known error's workaround "
            + $"(mean time to resolve {Hours(p.WithKnownError.Hours)} once the known error existed, {Hours(p.BeforeKnownError.Hours)} before). "
            + $"Changes opened: {types}; change success rate {Percent(p.ChangeSuccess.Rate)} ({p.ChangeSuccess.Successful} of {p.ChangeSuccess.Reviewed} closed); "
            + $"{p.IncidentsCausedByChanges} incident(s) caused by {p.ChangesCausingIncidents} change(s). "
            + $"{p.Improvements.Count} improvement item(s), {p.Improvements.Count(i => i.TargetReached == true)} reached their target.");
    }

    /// <summary>The ITIL story's tables: problems, changes by type, the fixes' effect on incident rates, the improvement register.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The tables.</returns>
    public static IReadOnlyList<ReportTable> Practices(SimulationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var p = report.Practices;
        var zone = ServiceDeskModel.Calendar.Zone;
        return
        [
            new("Problems and known errors", ["problem", "service", "state", "incidents", "known error since", "workaround", "changes", "resolution"],
                [false, false, false, true, false, false, true, false],
                p.Problems.Select(x => (IReadOnlyList<string>)[x.Symptom, x.Service ?? "-", x.State, N(x.LinkedIncidents),
                    x.KnownErrorAt is { } k ? k.InZone(zone).ToString("uuuu-MM-dd HH:mm", Invariant) : "-", x.Workaround ?? "-", N(x.Changes), x.Resolution ?? "-"]).ToArray()),
            new("Changes by type (opened in the period)", ["type", "opened", "closed", "successful", "failed or backed out", "success rate"],
                [false, true, true, true, true, true],
                [
                    .. p.ChangesByType.Select(t => (IReadOnlyList<string>)[t.Type.ToString(), N(t.Opened), N(t.Closed), N(t.Successful), N(t.Failed), Percent(t.Closed == 0 ? null : (double)t.Successful / t.Closed)]),
                    ["all", N(p.ChangesByType.Sum(t => t.Opened)), N(p.ChangesByType.Sum(t => t.Closed)), N(p.ChangesByType.Sum(t => t.Successful)), N(p.ChangesByType.Sum(t => t.Failed)),
                        Percent(p.ChangeSuccess.Rate) + " (closed in the period)"],
                ]),
            new("Incident rate of a service before and after its fix (equal windows)", ["service", "root cause removed", "fixed", "working days", "incidents/day before", "after", "symptom before", "symptom after"],
                [false, false, false, true, true, true, true, true],
                p.FixEffects.Select(f => (IReadOnlyList<string>)[f.Service, f.Symptom, f.FixedAt.InZone(zone).ToString("uuuu-MM-dd", Invariant),
                    f.WorkingDays.ToString("0.0", Invariant), f.RateBefore.ToString("0.00", Invariant), f.RateAfter.ToString("0.00", Invariant), N(f.SymptomBefore), N(f.SymptomAfter)]).ToArray()),
            new("Configuration items at fault and their impact (service model)", ["configuration item", "incidents", "items affected", "services affected", "offerings affected", "supported by"],
                [false, true, false, false, false, false],
                p.ConfigurationItems.Select(c => (IReadOnlyList<string>)[c.ConfigurationItem, N(c.Incidents), string.Join(", ", c.AffectedItems), string.Join(", ", c.AffectedServices),
                    string.Join(", ", c.AffectedOfferings), c.Suppliers.Count == 0 ? "-" : string.Join(", ", c.Suppliers)]).ToArray()),
            new("Improvement register", ["item", "KPI", "baseline", "target", "state", "measured", "target reached"],
                [false, false, true, true, false, true, false],
                p.Improvements.Select(i => (IReadOnlyList<string>)[i.Title, i.Kpi, i.Baseline.ToString("0.00", Invariant), i.Target.ToString("0.00", Invariant), i.State,
                    i.Measured?.ToString("0.00", Invariant) ?? "-", i.TargetReached is { } r ? (r ? "yes" : "no") : "-"]).ToArray()),
        ];
    }

    private static string N(int n) => n.ToString(Invariant);

    private static string Hours(double? h) => h is { } v ? v.ToString("0.0", Invariant) + " h" : "-";

    private static string Percent(double? rate) => rate is { } r ? r.ToString("P1", Invariant) : "-";
}
