using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Persistence.Sqlite;

namespace Itsm.Samples.Tour.Tests;

/// <summary>
/// Runs the compiled tour as a newcomer does, twice in one folder (so on one itsm.db), and checks what it
/// prints: the second run reads back what the first wrote, and the KPIs count the resolved incident.
/// </summary>
public sealed class TourRunTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5); // generous: a loaded CI machine
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "itsm-tour-" + Guid.NewGuid().ToString("N"));

    public TourRunTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection may still hold the file; the OS temp cleaner gets it.
        }
    }

    [Fact]
    public async Task The_tour_runs_twice_on_one_database_and_the_second_run_reads_back_the_first()
    {
        var first = await RunTourAsync();
        var second = await RunTourAsync();

        Assert.Equal(
            [
                "1 business hour after Friday 16:30: Monday 09:30",
                "E-mail incident: P2, Resolved, resolution SLA Achieved",
                "VPN incident: opened",
                "VPN incident: now with Network",
                "VPN incident: P1, InProgress with Network, version 2; open (not closed) incidents: 1",
                "open tickets with an SLA due: 1",
                "VPN incident, read through DI: Resolved",
                "last 30 days: incidents opened 1, mean time to resolve N s, SLA compliance 100 %, backlog 0",
            ],
            Normalize(first));
        Assert.Equal(
            [
                "1 business hour after Friday 16:30: Monday 09:30",
                "E-mail incident: P2, Resolved, resolution SLA Achieved",
                "VPN incident: opened by an earlier run, read back",
                "VPN incident: P1, Resolved with Network, version 3; open (not closed) incidents: 1",
                "open tickets with an SLA due: 0",
                "VPN incident, read through DI: Resolved",
                "last 30 days: incidents opened 1, mean time to resolve N s, SLA compliance 100 %, backlog 0",
            ],
            Normalize(second));
        Assert.Equal(first[^1], second[^1]); // the same KPIs: the second run wrote nothing

        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = Path.Combine(_folder, "itsm.db") });
        var incidents = await store.QueryAsync(new TenantId("acme"), new RecordQuery { RecordType = Incident.RecordType });
        var only = Assert.Single(incidents);
        Assert.Equal(3, only.Version); // opened, assigned, resolved: once
    }

    [Fact]
    public async Task The_README_shows_what_the_tour_prints_on_its_first_and_second_run()
    {
        var first = await RunTourAsync();
        var second = await RunTourAsync();

        var lines = SourceText.Read("README.md").Split('\n');
        var (start, end) = SourceText.Section(lines, ReadmeTourTests.TourHeading);
        var shown = TextBlocks(lines, start, end);

        Assert.Equal(2, shown.Length);
        Assert.Equal(Normalize(first), Normalize(shown[0]));
        Assert.Equal(Normalize(second), Normalize(shown[1]));
    }

    private static string[][] TextBlocks(string[] lines, int start, int end)
    {
        var blocks = new System.Collections.Generic.List<string[]>();
        for (var i = start; i < end; i++)
        {
            if (lines[i] == "```text")
            {
                var close = Array.IndexOf(lines, "```", i + 1);
                blocks.Add(lines[(i + 1)..close]);
                i = close;
            }
        }

        return [.. blocks];
    }

    // The only figure that depends on the machine: how long the tour took between opening and resolving.
    private static string[] Normalize(string[] lines) =>
        [.. lines.Select(l => Regex.Replace(l, @"mean time to resolve \d+(\.\d+)? s", "mean time to resolve N s"))];

    private async Task<string[]> RunTourAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Itsm.Samples.Tour.dll");
        Assert.True(File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")), $"the tour is not built beside the tests: {dll}");
        var start = new ProcessStartInfo(DotnetHost(), [dll])
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1"; // the same number format on every machine
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new System.Threading.CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the tour did not finish within {RunTimeout.TotalMinutes} minutes");
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"the tour exited with {process.ExitCode}:\n{output}\n{await stderr}");
        return output.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
    }

    private static string DotnetHost()
    {
        var executable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && string.Equals(Path.GetFileName(self), executable, StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : executable;
    }
}
