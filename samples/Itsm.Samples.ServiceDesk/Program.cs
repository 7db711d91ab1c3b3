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

    /// <summary>The console width used when the output is redirected and <c>COLUMNS</c> does not say otherwise.</summary>
    private const int RedirectedWidth = 160;

    public static async Task<int> Main(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // Piped into a file or a pager, Spectre.Console would assume 80 columns and wrap every table.
            AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, Invariant, out int columns) && columns is >= 40 and <= 1000
                ? columns
                : RedirectedWidth;
        }

        var parsed = CommandLine.Parse(args);
        if (parsed.Error is { } error)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine();
            Console.Error.WriteLine(CommandLine.Usage);
            return CommandLine.ExitBadArguments;
        }

        if (parsed.ShowHelp || parsed.Settings is null)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        var settings = parsed.Settings;
        if (settings.ExportPath is { } exportPath && ReportExport.CheckWritable(exportPath) is { } exportError)
        {
            // Checked before the run: a simulation that cannot deliver its report should not write a database first.
            Console.Error.WriteLine(exportError);
            return CommandLine.ExitBadArguments;
        }

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
            Console.Error.WriteLine("The database cannot be used: " + ex.Message);
            return 1;
        }

        ReportConsole.Render(report);
        if (settings.ExportPath is { } path)
        {
            try
            {
                var files = ReportExport.Write(report, path);
                ReportConsole.Line($"Exported {files.Count} file(s) to [blue]{Markup.Escape(System.IO.Path.GetFullPath(path))}[/].");
            }
            catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"The report could not be exported: {ex.Message} The simulation itself is saved in the database.");
                return 1;
            }
        }

        return 0;
    }

    // Progress<T> posts to the thread pool; the bar wants the update now.
    private sealed class SyncProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
