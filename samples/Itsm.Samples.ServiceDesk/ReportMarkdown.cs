using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Itsm.Changes;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

/// <summary>Formats a <see cref="SimulationReport"/> as text, and exports it as Markdown with the lifecycle diagrams.</summary>
public static class ReportMarkdown
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The KPIs shown per service and per priority.</summary>
    public static IReadOnlyList<(KpiId Kpi, string Label)> SliceKpis { get; } =
    [
        (KpiId.IncidentsOpened, "Opened"),
        (KpiId.Backlog, "Backlog"),
        (KpiId.MeanTimeToAcknowledge, "MTTA (h)"),
        (KpiId.MeanTimeToResolve, "MTTR (h)"),
        (KpiId.MeanBusinessTimeToResolve, "MTTR (business h)"),
        (KpiId.ReopenRate, "Reopen rate"),
    ];

    /// <summary>Formats one KPI value for display.</summary>
    /// <param name="kpi">The KPI.</param>
    /// <param name="measure">Its measure.</param>
    /// <returns>The text ("-" when there is nothing to measure).</returns>
    public static string Format(KpiId kpi, KpiMeasure measure) => measure.Value switch
    {
        null => "-",
        double v when kpi is KpiId.ReopenRate or KpiId.FirstContactResolutionRate or KpiId.SlaCompliance or KpiId.ChangeSuccessRate or KpiId.EmergencyChangeRatio
            or KpiId.KnowledgeUseRate or KpiId.KnowledgeFirstContactResolutionRate or KpiId.CustomerSatisfaction or KpiId.ApprovalLevelsDecidedOnTime
            => v.ToString("P1", Invariant),
        double v when kpi is KpiId.Backlog or KpiId.IncidentsOpened or KpiId.MajorIncidents or KpiId.ProblemsWithKnownErrors or KpiId.ChangesCausingIncidents or KpiId.RequestsSubmitted
            or KpiId.ApprovalLevelsOverdue
            => v.ToString("0", Invariant),
        double v => v.ToString("0.0", Invariant),
    };

    /// <summary>Formats a duration as hours and minutes.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>"3h 05m".</returns>
    public static string Hm(Duration duration)
    {
        var minutes = (long)Math.Round(duration.TotalMinutes);
        return string.Create(Invariant, $"{minutes / 60}h {minutes % 60:00}m");
    }

    /// <summary>A breached ticket as people say it: its number (<c>INC0000042</c>), else its type and the first 13 characters of its id.</summary>
    /// <param name="breach">The breach.</param>
    /// <returns>"INC0000042", or "Incident 0000002a-4f1c" for a ticket without a number.</returns>
    public static string Ref(SlaBreach breach)
    {
        ArgumentNullException.ThrowIfNull(breach);
        return breach.Number ?? breach.RecordType + " " + breach.RecordId[..Math.Min(13, breach.RecordId.Length)];
    }

    /// <summary>The report as Markdown.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The Markdown text.</returns>
    public static string ToMarkdown(SimulationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Service desk simulation: {report.Tenant} {report.FirstDay:uuuu-MM-dd} to {report.LastDay:uuuu-MM-dd}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Seed {report.Settings.Seed}, {report.Settings.Days} days{(report.Continued ? ", continuing an earlier history" : "")}. Calendar Europe/London 08:00-18:00 Monday-Friday with England and Wales bank holidays.");
        md.AppendLine();
        md.AppendLine("## Overall");
        md.AppendLine();
        AppendTable(md, ReportTables.OverallKpis(report), heading: false);
        var a = report.Activity;
        md.AppendLine(CultureInfo.InvariantCulture, $"Activity: {a.Interactions} interactions ({a.Alerts} monitoring alerts), {a.Incidents} incidents ({a.ResolvedOnFirstContact} resolved on first contact), {a.ServiceRequests} service requests, {a.Answered} questions answered, {a.MajorIncidents} major incident(s), {a.Problems} problem(s), {a.Changes} change(s) ({a.FailedChanges} failed, causing {a.IncidentsCausedByChanges} incident(s)), {a.ResolvedByWorkaround} incident(s) resolved with a known error's workaround, {a.Improvements} improvement item(s), {a.WorkNotes} work note(s) and {a.Comments} comment(s) in incident journals with {a.TimeWorked.TotalHours:0.##} hours of time worked logged, {a.Reopens} reopens, {a.SlaWarnings} SLA warnings, {a.SlaBreaches} SLA breaches escalated, {a.PickedUp} tickets picked up from the previous run, {a.Commands} commands.");
        md.AppendLine();
        AppendSlices(md, "By service", report.Kpis.ByService.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        AppendSlices(md, "By priority", report.Kpis.ByPriority.OrderBy(p => p.Key).Select(p => ("P" + p.Key.ToString(Invariant), p.Value)));

        md.AppendLine("## Problems, changes and improvement");
        md.AppendLine();
        md.AppendLine(ReportTables.StorySummary(report));
        md.AppendLine();
        foreach (var table in ReportTables.Practices(report).Concat(RoutingTables.Tables(report)).Concat(WorkflowTables.Tables(report)))
        {
            AppendTable(md, table, heading: true);
        }

        md.AppendLine("## SLA compliance");
        md.AppendLine();
        md.AppendLine("| agreement | metric | achieved | breached | compliance |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var c in report.Compliance)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {c.AgreementId} | {c.Metric} | {c.Achieved} | {c.Breached} | {(c.Rate is double r ? r.ToString("P1", Invariant) : "-")} |");
        }

        foreach (var (agreement, measure) in report.Kpis.SlaComplianceByAgreement.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {agreement} | all targets | {measure.Numerator:0} | {measure.Denominator - measure.Numerator:0} | {Format(KpiId.SlaCompliance, measure)} |");
        }

        md.AppendLine();
        md.AppendLine("## Backlog (open incidents at the end of each day)");
        md.AppendLine();
        md.AppendLine("```mermaid");
        md.AppendLine("xychart-beta");
        md.AppendLine("    title \"Open incidents at end of day\"");
        md.AppendLine(CultureInfo.InvariantCulture, $"    x-axis [{string.Join(", ", report.Backlog.Select(b => "\"" + b.Date.ToString("MM-dd", Invariant) + "\""))}]");
        md.AppendLine(CultureInfo.InvariantCulture, $"    bar [{string.Join(", ", report.Backlog.Select(b => b.OpenIncidents.ToString(Invariant)))}]");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("| day | open incidents |");
        md.AppendLine("| --- | ---: |");
        foreach (var b in report.Backlog)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {b.Date:ddd uuuu-MM-dd} | {b.OpenIncidents} |");
        }

        md.AppendLine();
        md.AppendLine("## Top breaches");
        md.AppendLine();
        md.AppendLine("| ticket | title | priority | target | late by (business time) |");
        md.AppendLine("| --- | --- | --- | --- | ---: |");
        foreach (var b in report.TopBreaches)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Ref(b)} | {b.Title} | P{b.Priority.Value} | {b.Metric} {Hm(b.Target)} | {Hm(b.Late)}{(b.StillRunning ? " (still open)" : "")} |");
        }

        md.AppendLine();
        md.AppendLine("## Where the data lives");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- database: `{report.DatabasePath}`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- tenant: `{report.Tenant}`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- records: {string.Join(", ", report.RecordCounts.Select(p => $"{p.Value} {p.Key}"))}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- audit entries: {report.AuditEntries} ({report.AuditEntriesThisRun} written by this run)");
        md.AppendLine();
        md.AppendLine("Lifecycle diagrams: [lifecycles/](lifecycles/).");
        return md.ToString();
    }

    /// <summary>Writes the report (<paramref name="fileName"/>) and <c>lifecycles/*.md</c> (generated from the configured state machines) into <paramref name="directory"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="directory">The directory; created when missing.</param>
    /// <param name="fileName">The report's file name.</param>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> Export(SimulationReport report, string directory, string fileName = "report.md")
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var lifecycles = Path.Combine(directory, "lifecycles");
        Directory.CreateDirectory(lifecycles);
        var written = new List<string>();
        void Write(string path, string text)
        {
            File.WriteAllText(path, text.ReplaceLineEndings("\n"));
            written.Add(path);
        }

        Write(Path.Combine(directory, fileName), ToMarkdown(report));
        foreach (var (file, title, mermaid) in Diagrams())
        {
            Write(Path.Combine(lifecycles, file), $"# {title}\n\nGenerated from the configured state machine.\n\n```mermaid\n{mermaid.ReplaceLineEndings("\n").TrimEnd('\n')}\n```\n");
        }

        return written;
    }

    private static IEnumerable<(string File, string Title, string Mermaid)> Diagrams() =>
    [
        ("interaction.md", "Service desk interaction lifecycle", InteractionLifecycle.ToMermaid()),
        ("incident.md", "Incident lifecycle", IncidentLifecycle.ToMermaid()),
        ("service-request.md", "Service request lifecycle", ServiceRequestLifecycle.ToMermaid()),
        ("problem.md", "Problem lifecycle", ProblemLifecycle.ToMermaid()),
        ("change-normal.md", "Normal change lifecycle", ChangeLifecycle.ToMermaid(ChangeType.Normal)),
        ("change-standard.md", "Standard change lifecycle", ChangeLifecycle.ToMermaid(ChangeType.Standard)),
        ("change-emergency.md", "Emergency change lifecycle", ChangeLifecycle.ToMermaid(ChangeType.Emergency)),
        ("workflow-incident.md", "Contoso's incident workflow (custom states inside the library states)", ServiceDeskWorkflows.Incident.ToMermaid()),
        ("workflow-change-normal.md", "Contoso's normal change workflow (peer review inside Assess)", ServiceDeskWorkflows.NormalChange.ToMermaid()),
    ];

    private static void AppendTable(StringBuilder md, ReportTable table, bool heading)
    {
        if (heading)
        {
            md.AppendLine("### " + table.Title);
            md.AppendLine();
        }

        md.AppendLine("| " + string.Join(" | ", table.Columns.Select(Cell)) + " |");
        md.AppendLine("|" + string.Concat(table.NumericColumns.Select(n => n ? " ---: |" : " --- |")));
        foreach (var row in table.Rows)
        {
            md.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
        }

        md.AppendLine();
    }

    // A table cell: a pipe would end it.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static void AppendSlices(StringBuilder md, string title, IEnumerable<(string Name, KpiSet Set)> slices)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"## {title}");
        md.AppendLine();
        md.AppendLine("| | " + string.Join(" | ", SliceKpis.Select(s => s.Label)) + " |");
        md.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", SliceKpis.Count)));
        foreach (var (name, set) in slices)
        {
            md.AppendLine("| " + name + " | " + string.Join(" | ", SliceKpis.Select(s => Format(s.Kpi, set[s.Kpi]))) + " |");
        }

        md.AppendLine();
    }
}
