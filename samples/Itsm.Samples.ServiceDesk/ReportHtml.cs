using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using Itsm.Improvement;

namespace Itsm.Samples.ServiceDesk;

/// <summary>
/// The report as one self-contained HTML page: inline CSS and inline SVG charts (backlog per day, SLA
/// compliance per week, mean time to resolve per priority), no script and no external asset. Every
/// string is HTML-encoded, and the page is well-formed XML (XHTML syntax) so a test can parse it.
/// </summary>
public static class ReportHtml
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:72rem}"
        + "table{border-collapse:collapse;margin:0 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}"
        + "th{background:#f3f3f3;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:bold;padding:.25rem 0}"
        + "svg text{font-size:11px;fill:#444}.bar{fill:#4682b4}.grid{stroke:#e5e5e5}.axis{stroke:#888}figure{margin:0 0 1.5rem}";

    /// <summary>The report as HTML.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string ToHtml(SimulationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        string title = string.Create(Invariant, $"Service desk simulation: {report.Tenant} {report.FirstDay:uuuu-MM-dd} to {report.LastDay:uuuu-MM-dd}");
        html.Append("<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\" />");
        html.Append("<title>").Append(E(title)).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n");
        P(html, string.Create(Invariant, $"Seed {report.Settings.Seed}, {report.Settings.Days} days{(report.Continued ? ", continuing an earlier history" : "")}. Calendar Europe/London 08:00-18:00 Monday-Friday with England and Wales bank holidays."));
        var a = report.Activity;
        P(html, string.Create(Invariant, $"Activity: {a.Interactions} interactions ({a.Alerts} monitoring alerts), {a.Incidents} incidents, {a.ServiceRequests} service requests, {a.Answered} questions answered, {a.MajorIncidents} major incident(s), {a.Problems} problem(s), {a.Changes} change(s), {a.WorkNotes} work note(s), {a.Comments} comment(s), {a.TimeWorked.TotalHours:0.##} hours worked logged, {a.Reopens} reopens, {a.SlaWarnings} SLA warnings, {a.SlaBreaches} SLA breaches escalated."));

        html.Append("<h2>Charts</h2>\n");
        Figure(html, "Backlog: open incidents at the end of each day",
            SvgChart.Bars("Open incidents at the end of each day", report.Backlog.Select(b => (b.Date.ToString("MM-dd", Invariant), (double?)b.OpenIncidents)).ToArray(), "0"));
        Figure(html, "SLA compliance per week (clocks ended in the week)",
            SvgChart.Bars("SLA compliance per week", report.WeeklyCompliance.Select(w => ("w/c " + w.WeekStart.ToString("MM-dd", Invariant), w.Rate * 100)).ToArray(), "0'%'", 100));
        Figure(html, "Mean time to resolve per priority (wall-clock hours)",
            SvgChart.Bars("Mean time to resolve per priority", report.Kpis.ByPriority.OrderBy(p => p.Key).Select(p => ("P" + p.Key.ToString(Invariant), p.Value[KpiId.MeanTimeToResolve].Value)).ToArray(), "0.0' h'"));

        html.Append("<h2>KPIs</h2>\n");
        Table(html, ReportTables.OverallKpis(report));
        Table(html, Slices("KPIs per service", report.Kpis.ByService.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))));
        Table(html, Slices("KPIs per priority", report.Kpis.ByPriority.OrderBy(p => p.Key).Select(p => ("P" + p.Key.ToString(Invariant), p.Value))));

        html.Append("<h2>Problems, changes and improvement</h2>\n");
        P(html, ReportTables.StorySummary(report));
        foreach (var table in ReportTables.Practices(report).Concat(RoutingTables.Tables(report)).Concat(WorkflowTables.Tables(report)))
        {
            Table(html, table);
        }

        html.Append("<h2>SLA</h2>\n");
        Table(html, new ReportTable("SLA compliance (clocks ended in the period)", ["agreement", "metric", "achieved", "breached", "compliance"], [false, false, true, true, true],
            report.Compliance.Select(c => (IReadOnlyList<string>)[c.AgreementId, c.Metric, c.Achieved.ToString(Invariant), c.Breached.ToString(Invariant), c.Rate is double r ? r.ToString("P1", Invariant) : "-"]).ToArray()));
        Table(html, new ReportTable("Top breaches", ["ticket", "title", "priority", "target", "late by (business time)"], [false, false, false, false, true],
            report.TopBreaches.Select(b => (IReadOnlyList<string>)[ReportMarkdown.Ref(b), b.Title, "P" + b.Priority.Value.ToString(Invariant),
                b.Metric + " " + ReportMarkdown.Hm(b.Target), ReportMarkdown.Hm(b.Late) + (b.StillRunning ? " (still open)" : "")]).ToArray()));

        html.Append("<h2>Where the data lives</h2>\n<ul>");
        html.Append("<li>database: <code>").Append(E(report.DatabasePath)).Append("</code></li>");
        html.Append("<li>tenant: <code>").Append(E(report.Tenant.Value)).Append("</code></li>");
        html.Append("<li>records: ").Append(E(string.Join(", ", report.RecordCounts.Select(p => $"{p.Value} {p.Key}")))).Append("</li>");
        html.Append("<li>").Append(E(string.Create(Invariant, $"audit entries: {report.AuditEntries} ({report.AuditEntriesThisRun} written by this run)"))).Append("</li></ul>\n");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static ReportTable Slices(string title, IEnumerable<(string Name, KpiSet Set)> slices) =>
        new(title, ["", .. ReportMarkdown.SliceKpis.Select(s => s.Label)], [false, .. ReportMarkdown.SliceKpis.Select(_ => true)],
            slices.Select(s => (IReadOnlyList<string>)[s.Name, .. ReportMarkdown.SliceKpis.Select(k => ReportMarkdown.Format(k.Kpi, s.Set[k.Kpi]))]).ToArray());

    private static void P(StringBuilder html, string text) => html.Append("<p>").Append(E(text)).Append("</p>\n");

    private static void Figure(StringBuilder html, string caption, string svg) =>
        html.Append("<figure>").Append(svg).Append("<figcaption>").Append(E(caption)).Append("</figcaption></figure>\n");

    private static void Table(StringBuilder html, ReportTable table)
    {
        html.Append("<table><caption>").Append(E(table.Title)).Append("</caption><thead><tr>");
        foreach (var column in table.Columns)
        {
            html.Append("<th>").Append(E(column)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (int i = 0; i < row.Count; i++)
            {
                html.Append(table.NumericColumns[i] ? "<td class=\"n\">" : "<td>").Append(E(row[i])).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
