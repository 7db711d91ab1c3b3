using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Import;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Itsm.Samples.Import;

/// <summary>The sample end to end: arguments, import with a progress bar, the report, the JSON file, the exit code.</summary>
public static class ImportApp
{
    /// <summary>Runs the sample.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="console">Where the report goes.</param>
    /// <param name="error">Where one-line errors go.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>0 on success, 1 when the input cannot be read, 2 for bad arguments.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(error);
        var parsed = CommandLine.Parse(args);
        if (parsed.Settings is not { } settings)
        {
            await error.WriteLineAsync($"error: {parsed.Error}").ConfigureAwait(false);
            await error.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
            return CommandLine.ExitBadArguments;
        }

        if (!File.Exists(settings.Input))
        {
            await error.WriteLineAsync($"error: the input file '{settings.Input}' does not exist").ConfigureAwait(false);
            await error.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
            return CommandLine.ExitBadArguments;
        }

        ImportMapping mapping;
        try
        {
            mapping = ImportRun.MappingOf(settings);
        }
        catch (Exception e) when (e is ImportMappingException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: the mapping cannot be used: {OneLine(e.Message)}").ConfigureAwait(false);
            return CommandLine.ExitBadArguments;
        }

        bool temporary = settings.Database is null;
        var database = settings.Database ?? Path.Combine(Path.GetTempPath(), $"itsm-import-{Guid.NewGuid():N}.db");
        try
        {
            ImportOutcome? outcome = null;
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"Importing {Path.GetFileName(settings.Input)}", maxValue: 1);
                    var progress = new SynchronousProgress<ImportProgress>(p =>
                    {
                        if (p.Tickets > 0)
                        {
                            task.MaxValue = p.Tickets;
                            task.Value = p.TicketsDone;
                        }

                        task.Description = p.Phase switch
                        {
                            ImportPhase.Reading => $"Reading ({p.RowsRead:N0} rows)",
                            ImportPhase.Importing => $"Importing ({p.Accepted:N0} accepted, {p.Refused:N0} refused)",
                            _ => "Imported",
                        };
                    });
                    outcome = await ImportRun.RunAsync(settings, mapping, database, progress, cancellationToken).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                }).ConfigureAwait(false);

            Show(console, outcome!, settings, temporary ? null : database);
            if (settings.Json is { } json)
            {
                ReportJson.Write(outcome!, json);
            }

            return 0;
        }
        catch (ImportMappingException e)
        {
            // A mapping naming custom states the workflow lacks is found when the import starts, before anything is written.
            await error.WriteLineAsync($"error: the mapping cannot be used: {OneLine(e.Message)}").ConfigureAwait(false);
            return CommandLine.ExitBadArguments;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or CsvHelper.CsvFormatException)
        {
            await error.WriteLineAsync($"error: {OneLine(e.Message)}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            if (temporary)
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { database, database + "-wal", database + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }
    }

    private static void Show(IAnsiConsole console, ImportOutcome outcome, ImportSettings settings, string? database)
    {
        var report = outcome.Report;
        console.Write(new Rule($"[bold]History import[/] — {Markup.Escape(report.Mapping)}").LeftJustified());
        var summary = new Table().HideHeaders().AddColumns("", "");
        summary.AddRow("Input", Markup.Escape(settings.Input));
        summary.AddRow("Database", database is null ? "temporary (deleted)" : Markup.Escape(database));
        summary.AddRow("Tickets", report.Tickets.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Whole history accepted", $"[green]{report.Accepted:N0}[/] ({report.AcceptedShare:P2})");
        summary.AddRow("Already imported (skipped)", report.AlreadyImported.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Refused", report.Refused == 0 ? "0" : $"[red]{report.Refused:N0}[/]");
        summary.AddRow("Events read / commands applied", $"{report.EventsRead:N0} / {report.CommandsApplied:N0}");
        summary.AddRow("Edits after close carried to a reopen", report.EditsAfterCloseCarriedToReopen.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Edits after close ignored (no reopen)", report.IgnoredEditsAfterClose == 0 ? "0"
            : $"[yellow]{report.IgnoredEditsAfterClose:N0}[/] in {report.TicketsWithIgnoredEditsAfterClose:N0} tickets, e.g. {Markup.Escape(report.IgnoredEditsAfterCloseExample ?? string.Empty)}");
        summary.AddRow("Workflow", outcome.Workflow is { } workflow ? Markup.Escape(workflow) : "none (library lifecycle)");
        summary.AddRow("Import time", $"{outcome.Seconds:F1} s ({(outcome.Seconds > 0 ? report.EventsRead / outcome.Seconds : 0):N0} events/s)");
        console.Write(summary);

        if (report.RefusalCategories.Count > 0)
        {
            var refusals = new Table().Title("Refusals by category").AddColumns("Category", "Tickets", "Example", "Why");
            foreach (var category in report.RefusalCategories)
            {
                refusals.AddRow(Markup.Escape(category.Category), category.Count.ToString("N0", CultureInfo.InvariantCulture),
                    Markup.Escape(category.Example.TicketKey), Markup.Escape(Shorten(category.Example.Message)));
            }

            console.Write(refusals);
        }

        if (outcome.WorkflowStates.Count > 0)
        {
            var states = new Table().Title("Tickets by the workflow state they end in").AddColumns("State", "Tickets");
            foreach (var (state, tickets) in outcome.WorkflowStates)
            {
                states.AddRow(Markup.Escape(state), tickets.ToString("N0", CultureInfo.InvariantCulture));
            }

            console.Write(states);
        }

        var kpis = new Table().Title("KPIs: engine (accepted tickets) beside the log's own columns (every ticket)").AddColumns("KPI", "Engine", "Log");
        foreach (var kpi in outcome.Kpis)
        {
            kpis.AddRow(kpi.Title, Format(kpi.Name, kpi.Engine), Format(kpi.Name, kpi.Log));
        }

        console.Write(kpis);
        foreach (var warning in outcome.Warnings)
        {
            console.MarkupLine($"[yellow]KPI warning {Markup.Escape(warning.Code)}:[/] {Markup.Escape(warning.Message)}");
        }

        if (report.Refused > 0)
        {
            console.MarkupLine($"[yellow]The engine's KPIs cover the {report.Accepted:N0} accepted tickets of {report.Tickets:N0}; the log's cover all.[/]");
        }
    }

    private static string Format(string name, double? value) => value switch
    {
        null => "—",
        { } v when name == "reopenRate" => v.ToString("P2", CultureInfo.InvariantCulture),
        { } v when name is "incidentsOpened" or "backlog" => v.ToString("N0", CultureInfo.InvariantCulture),
        { } v => v.ToString("N1", CultureInfo.InvariantCulture),
    };

    private static string OneLine(string text) => Shorten(text.ReplaceLineEndings(" "));

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";

    // Progress<T> posts to the thread pool; the bar is updated in order on the importer's thread instead.
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
