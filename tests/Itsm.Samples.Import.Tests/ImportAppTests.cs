using System;
using System.IO;
using System.IO.Compression;
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
            Assert.Equal(JsonValueKind.Null, root.GetProperty("workflow").ValueKind);
            Assert.Empty(root.GetProperty("workflowStates").EnumerateObject());
        }

        (exit, _, error) = await RunAsync("--format", "servicenow-incident-csv", "--input", ServiceNowFile, "--db", db, "--json", json);

        Assert.True(exit == 0, error);
        using var again = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.Equal(0, again.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(again.RootElement.GetProperty("tickets").GetInt32(), again.RootElement.GetProperty("alreadyImported").GetInt32());
    }

    [Fact]
    public async Task The_BPIC_log_is_imported_under_its_workflow_and_the_report_counts_the_tickets_by_the_sub_status_they_end_in()
    {
        var input = Path.Combine(_directory, "vinst.csv");
        await File.WriteAllTextAsync(input, """
            SR Number,Change Date+Time,Status,Sub Status,Involved ST,ST Level,SR Latest Impact,Product,Resource
            1-1,2012-05-02T09:00:00+02:00,Accepted,In Progress,G1,L1,Medium,PROD1,anna
            1-1,2012-05-02T10:00:00+02:00,Accepted,Wait - Vendor,G1,L1,Medium,PROD1,anna
            1-2,2012-05-02T09:00:00+02:00,Accepted,In Progress,G1,L1,Medium,PROD1,bert
            1-2,2012-05-02T09:30:00+02:00,Accepted,Wait - Implementation,G1,L1,Medium,PROD1,bert
            1-3,2012-05-02T09:00:00+02:00,Accepted,In Progress,G1,L1,Medium,PROD1,bert
            1-3,2012-05-02T11:00:00+02:00,Accepted,Wait - Vendor,G1,L1,Medium,PROD1,bert
            1-4,2012-05-02T09:00:00+02:00,Accepted,In Progress,G1,L1,Medium,PROD1,anna
            1-4,2012-05-02T09:05:00+02:00,Completed,In Call,G1,L1,Medium,PROD1,anna
            """);
        var json = Path.Combine(_directory, "report.json");

        var (exit, output, error) = await RunAsync("--format", "bpic2013", "--input", input, "--json", json);

        Assert.True(exit == 0, error);
        Assert.Contains("bpic2013-incident v1 (Incident)", output);
        Assert.Contains("Wait - Implementation", output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.Equal(4, report.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal("bpic2013-incident v1 (Incident)", report.RootElement.GetProperty("workflow").GetString());
        Assert.Equal(
            [("Wait - Vendor", 2), ("In Call", 1), ("Wait - Implementation", 1)],
            report.RootElement.GetProperty("workflowStates").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())));
    }

    [Fact]
    public async Task Edits_of_closed_tickets_are_reported_on_the_console_and_in_the_JSON_carried_or_ignored()
    {
        // INC1: Group 2 set on the closed ticket, reopened a minute later (carried). INC2: Group 2 set, never reopened (ignored).
        var input = Path.Combine(_directory, "closed-edits.csv");
        await File.WriteAllTextAsync(input, """
            number,incident_state,sys_mod_count,caller_id,sys_updated_by,sys_updated_at,assignment_group,assigned_to
            INC1,Active,1,c1,agent1,1/4/2016 09:00,Group 1,agent1
            INC1,Closed,2,c1,agent1,1/4/2016 10:00,Group 1,agent1
            INC1,Closed,3,c1,agent2,2/4/2016 10:00,Group 2,agent1
            INC1,Active,4,c1,agent2,2/4/2016 10:01,Group 2,agent2
            INC2,Active,1,c1,agent1,1/4/2016 09:00,Group 1,agent1
            INC2,Closed,2,c1,agent1,1/4/2016 10:00,Group 1,agent1
            INC2,Closed,3,c1,admin,5/4/2016 10:00,Group 2,agent1
            """);
        var json = Path.Combine(_directory, "report.json");

        var (exit, output, error) = await RunAsync("--format", "servicenow-incident-csv", "--input", input, "--json", json);

        Assert.True(exit == 0, error);
        Assert.Contains("Edits after close carried to a reopen", output);
        Assert.Contains("1 in 1 tickets, e.g. INC2", output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.Equal(2, report.RootElement.GetProperty("accepted").GetInt32());
        var edits = report.RootElement.GetProperty("editsAfterClose");
        Assert.Equal(
            (1, 1, "INC2", 1),
            (edits.GetProperty("ignored").GetInt32(), edits.GetProperty("tickets").GetInt32(), edits.GetProperty("example").GetString(), edits.GetProperty("carriedToReopen").GetInt32()));
    }

    [Fact]
    public async Task A_BPIC_mapping_file_naming_a_state_its_workflow_lacks_exits_2_before_importing()
    {
        var mapping = Path.Combine(_directory, "mapping.json");
        await File.WriteAllTextAsync(mapping, """
            {
              "name": "bpic-renamed",
              "instants": { "formats": ["iso-offset"] },
              "columns": { "ticketKey": "SR Number", "at": "Change Date+Time", "actor": "Resource", "status": "Status", "subStatus": "Sub Status" },
              "defaults": { "caller": "c", "impact": "Low", "urgency": "Low" },
              "states": [ { "status": "Accepted", "subStatus": "In Progress", "state": "InProgress", "workflowState": "Working" } ]
            }
            """);
        var input = Path.Combine(_directory, "vinst.csv");
        await File.WriteAllTextAsync(input, "SR Number,Change Date+Time,Status,Sub Status,Resource\n1-1,2012-05-02T09:00:00+02:00,Accepted,In Progress,anna\n");

        var (exit, _, error) = await RunAsync("--format", "bpic2013", "--input", input, "--mapping", mapping);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: the mapping cannot be used: Invalid import mapping: $.states[0].workflowState: 'Working'", error);
    }

    [Fact]
    public async Task A_zip_archive_of_the_log_or_the_log_gzipped_imports_as_the_file_itself()
    {
        var plain = await ReportOfAsync(ServiceNowFile, "plain");
        var zip = Path.Combine(_directory, "export.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(ServiceNowFile, "incident.csv");
        }

        var gzip = Path.Combine(_directory, "export.csv.gz");
        await using (var source = File.OpenRead(ServiceNowFile))
        await using (var target = new GZipStream(File.Create(gzip), CompressionLevel.Optimal))
        {
            await source.CopyToAsync(target);
        }

        // Told apart by their bytes, not their names.
        var renamed = Path.Combine(_directory, "export.csv");
        File.Copy(zip, renamed);

        // As macOS's archiver makes it: a folder, the file, and its resource fork beside it.
        var mac = Path.Combine(_directory, "mac.zip");
        using (var archive = ZipFile.Open(mac, ZipArchiveMode.Create))
        {
            archive.CreateEntry("export/");
            archive.CreateEntryFromFile(ServiceNowFile, "export/incident.csv");
            using var fork = new StreamWriter(archive.CreateEntry("__MACOSX/export/._incident.csv").Open());
            fork.Write("Mac OS X resource fork");
        }

        Assert.True(plain.GetProperty("tickets").GetInt32() > 0);
        foreach (var (input, name) in new[] { (zip, "zip"), (gzip, "gzip"), (renamed, "renamed"), (mac, "mac") })
        {
            var report = await ReportOfAsync(input, name);
            foreach (var field in new[] { "tickets", "accepted", "events", "commands" })
            {
                Assert.Equal(plain.GetProperty(field).GetInt32(), report.GetProperty(field).GetInt32());
            }

            Assert.Equal(plain.GetProperty("kpis").GetRawText(), report.GetProperty("kpis").GetRawText());
        }
    }

    [Fact]
    public async Task A_zip_archive_of_several_files_exits_1_saying_how_many_it_holds()
    {
        var zip = Path.Combine(_directory, "two.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(ServiceNowFile, "a.csv");
            archive.CreateEntryFromFile(ServiceNowFile, "b.csv");
        }

        var (exit, _, error) = await RunAsync("--format", "servicenow-incident-csv", "--input", zip);

        Assert.Equal(1, exit);
        Assert.Equal($"error: the input file '{zip}' is a zip archive of 2 files; it is read when it holds one file (unzip it and name the CSV file)", error.TrimEnd());
    }

    [Fact]
    public async Task A_damaged_zip_archive_exits_1_naming_the_file()
    {
        var zip = Path.Combine(_directory, "damaged.zip");
        await File.WriteAllBytesAsync(zip, [.. "PK\u0003\u0004"u8, .. "not an archive"u8]);

        var (exit, _, error) = await RunAsync("--format", "servicenow-incident-csv", "--input", zip);

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: the input file '{zip}' starts as a zip archive but cannot be read as one (", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    private async Task<JsonElement> ReportOfAsync(string input, string name)
    {
        var json = Path.Combine(_directory, name + ".json");
        var (exit, _, error) = await RunAsync("--format", "servicenow-incident-csv", "--input", input, "--json", json);
        Assert.True(exit == 0, error);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        return report.RootElement.Clone();
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
