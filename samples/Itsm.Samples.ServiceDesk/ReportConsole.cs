using System;
using System.Globalization;
using System.Linq;
using Itsm.Improvement;
using Spectre.Console;

namespace Itsm.Samples.ServiceDesk;

/// <summary>Renders a <see cref="SimulationReport"/> on the console with Spectre.Console.</summary>
internal static class ReportConsole
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Render(SimulationReport report)
    {
        AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(report.Tenant.Value)}[/] service desk, {report.FirstDay:ddd uuuu-MM-dd} to {report.LastDay:ddd uuuu-MM-dd}{(report.Continued ? " (continued)" : "")}").LeftJustified());
        var a = report.Activity;
        Line(string.Create(Invariant,
            $"{a.Interactions} interactions ({a.Alerts} alerts) -> {a.Incidents} incidents, {a.ServiceRequests} requests, {a.Answered} answered; {a.MajorIncidents} major incident(s), {a.Problems} problem(s), {a.Changes} change(s) ({a.FailedChanges} failed); {a.SlaWarnings} SLA warnings, {a.SlaBreaches} breaches escalated; journal: {a.WorkNotes} work notes, {a.Comments} comments, {a.TimeWorked.TotalHours:0.##} h worked; {a.Reopens} reopens."));

        AnsiConsole.Write(ToTable(ReportTables.OverallKpis(report)));
        AnsiConsole.Write(Slices("KPIs per service", report.Kpis.ByService.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))));
        AnsiConsole.Write(Slices("KPIs per priority", report.Kpis.ByPriority.OrderBy(p => p.Key).Select(p => ("P" + p.Key.ToString(Invariant), p.Value))));

        var sla = new Table().Border(TableBorder.Rounded).Title("SLA compliance (clocks ended in the period)")
            .AddColumn("agreement").AddColumn("metric").AddColumn(new TableColumn("achieved").RightAligned()).AddColumn(new TableColumn("breached").RightAligned()).AddColumn(new TableColumn("compliance").RightAligned());
        foreach (var c in report.Compliance)
        {
            sla.AddRow(c.AgreementId, c.Metric, c.Achieved.ToString(Invariant), c.Breached.ToString(Invariant), c.Rate is double r ? r.ToString("P1", Invariant) : "-");
        }

        foreach (var (agreement, measure) in report.Kpis.SlaComplianceByAgreement.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sla.AddRow($"[bold]{Markup.Escape(agreement)}[/]", "all", measure.Numerator.ToString("0", Invariant), (measure.Denominator - measure.Numerator).ToString("0", Invariant), $"[bold]{ReportMarkdown.Format(KpiId.SlaCompliance, measure)}[/]");
        }

        AnsiConsole.Write(sla);

        var chart = new BarChart().Label("[bold]Backlog: open incidents at end of day[/]").LeftAlignLabel().Width(72);
        foreach (var b in report.Backlog)
        {
            chart.AddItem(b.Date.ToString("ddd MM-dd", Invariant), b.OpenIncidents, b.Date.DayOfWeek is NodaTime.IsoDayOfWeek.Saturday or NodaTime.IsoDayOfWeek.Sunday ? Color.Grey : Color.SteelBlue);
        }

        AnsiConsole.Write(chart);

        var breaches = new Table().Border(TableBorder.Rounded).Title("Top breaches")
            .AddColumn("ticket").AddColumn("title").AddColumn("priority").AddColumn("target").AddColumn(new TableColumn("late by (business)").RightAligned());
        foreach (var b in report.TopBreaches)
        {
            breaches.AddRow(ReportMarkdown.Ref(b), Markup.Escape(b.Title), "P" + b.Priority.Value.ToString(Invariant), $"{b.Metric} {ReportMarkdown.Hm(b.Target)}", ReportMarkdown.Hm(b.Late) + (b.StillRunning ? " [yellow](open)[/]" : ""));
        }

        AnsiConsole.Write(breaches);

        AnsiConsole.Write(new Rule("[bold]Problems, changes and improvement[/]").LeftJustified());
        Line(Markup.Escape(ReportTables.StorySummary(report)));
        foreach (var table in ReportTables.Practices(report).Concat(RoutingTables.Tables(report)).Concat(WorkflowTables.Tables(report)))
        {
            AnsiConsole.Write(ToTable(table));
        }

        Line($"Database [blue]{Markup.Escape(report.DatabasePath)}[/], tenant [blue]{Markup.Escape(report.Tenant.Value)}[/]: "
            + Markup.Escape(string.Join(", ", report.RecordCounts.Select(p => $"{p.Value} {p.Key}")))
            + string.Create(Invariant, $"; {report.AuditEntries} audit entries ({report.AuditEntriesThisRun} this run). Simulated in {report.Elapsed.TotalSeconds:0.0} s."));
        Line("[grey]Run again with the same --db to continue the history from the next day.[/]");
    }

    private static Table Slices(string title, System.Collections.Generic.IEnumerable<(string Name, KpiSet Set)> slices)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title).AddColumn("");
        foreach (var (_, label) in ReportMarkdown.SliceKpis)
        {
            table.AddColumn(new TableColumn(label).RightAligned());
        }

        foreach (var (name, set) in slices)
        {
            table.AddRow([name, .. ReportMarkdown.SliceKpis.Select(s => ReportMarkdown.Format(s.Kpi, set[s.Kpi]))]);
        }

        return table;
    }

    /// <summary>
    /// A line of prose: wrapped to the terminal when there is one; when the output is piped, written on
    /// one line whatever its length, so a file or a grep sees whole sentences.
    /// </summary>
    /// <param name="markup">The line, in Spectre markup.</param>
    public static void Line(string markup)
    {
        if (Console.IsOutputRedirected)
        {
            Console.Out.WriteLine(Markup.Remove(markup));
        }
        else
        {
            AnsiConsole.MarkupLine(markup);
        }
    }

    private static Table ToTable(ReportTable source)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(source.Title));
        for (int i = 0; i < source.Columns.Count; i++)
        {
            var column = new TableColumn(Markup.Escape(source.Columns[i]));
            table.AddColumn(source.NumericColumns[i] ? column.RightAligned() : column);
        }

        foreach (var row in source.Rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        return table;
    }
}
