using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Itsm.Samples.ServiceDesk.Tests;

/// <summary>The sample run as a user runs it: a separate process with its output piped.</summary>
public sealed class ProgramTests
{
    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Itsm.Samples.ServiceDesk.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("COLUMNS");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    [Fact]
    public void An_unwritable_export_fails_before_the_simulation_without_a_stack_trace()
    {
        using var db = new TempDatabase();

        var (exit, output) = Run("--db", db.Path, "--days", "1", "--export", "/proc/itsm-no-such-dir/report.html");

        Assert.Equal(2, exit);
        Assert.Contains("--export '/proc/itsm-no-such-dir/report.html' cannot be written", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.False(File.Exists(db.Path), "the simulation ran although its report could not be written");
    }

    [Fact]
    public void A_database_in_a_missing_directory_is_refused_with_the_usage()
    {
        using var db = new TempDatabase();
        string path = Path.Combine(Path.GetDirectoryName(db.Path)!, "missing", "desk.db");

        var (exit, output) = Run("--db", path, "--days", "1");

        Assert.Equal(2, exit);
        Assert.Contains($"The directory of the database '{path}' does not exist ({Path.GetDirectoryName(path)}); create it first.", output, StringComparison.Ordinal);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void Piped_output_is_not_wrapped_at_80_columns_and_shows_units()
    {
        using var db = new TempDatabase();

        var (exit, output) = Run("--db", db.Path, "--days", "1", "--export", Path.Combine(Path.GetDirectoryName(db.Path)!, "report.html"));

        Assert.Equal(0, exit);
        var lines = output.Split('\n');
        // The activity sentence and the database line are longer than 80 characters: each stays on one line.
        Assert.Single(lines, l => l.Contains("interactions (", StringComparison.Ordinal) && l.Contains("reopens.", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("Database ", StringComparison.Ordinal) && l.Contains("Simulated in", StringComparison.Ordinal));
        Assert.True(lines.Max(l => l.Length) > 80);
        Assert.Contains(lines, l => l.Contains("MeanBusinessTimeToResolve", StringComparison.Ordinal) && l.Contains(" business h ", StringComparison.Ordinal));
        Assert.Contains("Exported 1 file(s)", output, StringComparison.Ordinal);
    }
}
