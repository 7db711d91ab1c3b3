using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Improvement;
using Itsm.Persistence;
using Spectre.Console;

namespace Itsm.Samples.ServiceDesk;

/// <summary>
/// Simulates a month of a small company's service desk on the embedded SQLite store, then prints
/// its KPIs. Only argument parsing and rendering live here; the simulation is
/// <see cref="ServiceDeskSimulation"/>.
/// </summary>
internal static class Program
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> Main(string[] args)
    {
        var parsed = CommandLine.Parse(args);
        if (parsed.Error is { } error)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(error)}[/]");
            Console.WriteLine();
            Console.WriteLine(CommandLine.Usage);
            return CommandLine.ExitBadArguments;
        }

        if (parsed.ShowHelp || parsed.Settings is null)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        var settings = parsed.Settings;
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        SimulationReport report;
        try
        {
            report = await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"Simulating {settings.Days} days", maxValue: settings.Days);
                    var progress = new SyncProgress(p =>
                    {
                        task.Description = string.Create(Invariant, $"{p.Date:ddd uuuu-MM-dd}  open incidents {p.OpenIncidents,3}");
                        task.Value = p.Day;
                    });
                    return await ServiceDeskSimulation.RunAsync(settings, progress, cancel.Token).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]Stopped. Everything committed so far stays in the database.[/]");
            return 130;
        }
        catch (StoreUnavailableException ex)
        {
            AnsiConsole.MarkupLine($"[red]The database cannot be used:[/] {Markup.Escape(ex.Message)}");
            return 1;
        }

        Render(report);
        if (settings.ExportDirectory is { } dir)
        {
            var files = ReportMarkdown.Export(report, dir);
            AnsiConsole.MarkupLine($"Exported {files.Count} files to [blue]{Markup.Escape(System.IO.Path.GetFullPath(dir))}[/] (report.md, lifecycles/*.md).");
        }

        return 0;
    }

    private static void Render(SimulationReport report)
    {
        var k = report.Kpis.Overall;
        AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(report.Tenant.Value)}[/] service desk, {report.FirstDay:ddd uuuu-MM-dd} to {report.LastDay:ddd uuuu-MM-dd}{(report.Continued ? " (continued)" : "")}").LeftJustified());
        var a = report.Activity;
        AnsiConsole.MarkupLine(string.Create(Invariant,
            $"{a.Interactions} interactions ({a.Alerts} alerts) -> {a.Incidents} incidents, {a.ServiceRequests} requests, {a.Answered} answered; {a.MajorIncidents} major incident, {a.Problems} problem, {a.Changes} change; {a.SlaWarnings} SLA warnings, {a.SlaBreaches} breaches escalated; {a.Reopens} reopens."));

        var overall = new Table().Border(TableBorder.Rounded).Title("Overall KPIs").AddColumn("KPI").AddColumn(new TableColumn("value").RightAligned());
        foreach (var kpi in KpiDefinitions.All)
        {
            overall.AddRow(kpi.ToString(), ReportMarkdown.Format(kpi, k[kpi]));
        }

        AnsiConsole.Write(overall);
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

        AnsiConsole.MarkupLine($"Database [blue]{Markup.Escape(report.DatabasePath)}[/], tenant [blue]{Markup.Escape(report.Tenant.Value)}[/]: "
            + Markup.Escape(string.Join(", ", report.RecordCounts.Select(p => $"{p.Value} {p.Key}")))
            + string.Create(Invariant, $"; {report.AuditEntries} audit entries ({report.AuditEntriesThisRun} this run). Simulated in {report.Elapsed.TotalSeconds:0.0} s."));
        AnsiConsole.MarkupLine("[grey]Run again with the same --db to continue the history from the next day.[/]");
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

    // Progress<T> posts to the thread pool; the bar wants the update now.
    private sealed class SyncProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
