using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Spectre.Console;

namespace Itsm.Samples.Import.Tests;

/// <summary>The sample's fixed command line, end to end in process: exit codes, the report, the JSON file, re-import.</summary>
public sealed class ImportAppTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("itsm-import-sample-").FullName;

    private static string ServiceNowFile => Path.Combine(AppContext.BaseDirectory, "Data", "servicenow-lifecycle.csv");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        var exit = await ImportApp.RunAsync(args, console, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData(new string[0], "error: --format is required")]
    [InlineData(new[] { "--format", "jira", "--input", "x.csv" }, "error: unknown format 'jira'; use servicenow-incident-csv or bpic2013")]
    [InlineData(new[] { "--format", "bpic2013" }, "error: --input is required")]
    [InlineData(new[] { "--format", "bpic2013", "--input" }, "error: --input needs a value")]
    [InlineData(new[] { "--format", "bpic2013", "--format", "bpic2013", "--input", "x" }, "error: --format is given twice")]
    [InlineData(new[] { "--verbose" }, "error: unknown argument '--verbose'")]
    [InlineData(new[] { "--format=bpic2013", "--input=/no/such/file.csv" }, "error: the input file '/no/such/file.csv' does not exist")]
    public async Task Bad_arguments_print_one_line_and_the_usage_and_exit_2(string[] args, string first)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Equal(first, error.Split('\n')[0].TrimEnd());
        Assert.Contains("Usage: dotnet run --project samples/Itsm.Samples.Import", error);
        Assert.Empty(output);
    }

    [Fact]
    public async Task A_mapping_file_that_is_not_a_mapping_exits_2_naming_the_problem()
    {
        var mapping = Path.Combine(_directory, "mapping.json");
        await File.WriteAllTextAsync(mapping, "{\"name\": 42}");

        var (exit, _, error) = await RunAsync("--format", "servicenow-incident-csv", "--input", ServiceNowFile, "--mapping", mapping);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: the mapping cannot be used:", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task A_ServiceNow_export_is_imported_reported_and_written_as_JSON_and_importing_it_again_changes_nothing()
    {
        var db = Path.Combine(_directory, "history.db");
        var json = Path.Combine(_directory, "report.json");

        var (exit, output, error) = await RunAsync("--format", "servicenow-incident-csv", "--input", ServiceNowFile, "--db", db, "--json", json);

        Assert.True(exit == 0, error);
        Assert.Contains("History import", output);
        Assert.Contains("Whole history accepted", output);
        Assert.Contains("Reopen rate", output);
        using (var report = JsonDocument.Parse(await File.ReadAllTextAsync(json)))
        {
            var root = report.RootElement;
            int tickets = root.GetProperty("tickets").GetInt32();
            int accepted = root.GetProperty("accepted").GetInt32();
            Assert.True(tickets > 0);
            Assert.Equal(tickets, accepted + root.GetProperty("refusals").EnumerateArray().Sum(r => r.GetProperty("count").GetInt32()));
            Assert.Equal(["incidentsOpened", "reopenRate", "meanHoursToResolve", "backlog"], root.GetProperty("kpis").EnumerateObject().Select(p => p.Name));
            Assert.Equal((double)accepted, root.GetProperty("kpis").GetProperty("incidentsOpened").GetProperty("engine").GetDouble());
            Assert.Equal((double)tickets, root.GetProperty("kpis").GetProperty("incidentsOpened").GetProperty("log").GetDouble());
        }

        (exit, _, error) = await RunAsync("--format", "servicenow-incident-csv", "--input", ServiceNowFile, "--db", db, "--json", json);

        Assert.True(exit == 0, error);
        using var again = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.Equal(0, again.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(again.RootElement.GetProperty("tickets").GetInt32(), again.RootElement.GetProperty("alreadyImported").GetInt32());
    }

    [Fact]
    public async Task Without_db_the_temporary_database_is_deleted()
    {
        var before = Directory.GetFiles(Path.GetTempPath(), "itsm-import-*.db*").Length;

        var (exit, output, _) = await RunAsync("--format", "servicenow-incident-csv", "--input", ServiceNowFile);

        Assert.Equal(0, exit);
        Assert.Contains("temporary (deleted)", output);
        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), "itsm-import-*.db*").Length);
    }
}
