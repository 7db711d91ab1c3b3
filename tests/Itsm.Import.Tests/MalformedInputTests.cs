using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Testing;
using static Itsm.Import.Tests.ImportFiles;

namespace Itsm.Import.Tests;

public sealed class MalformedInputTests
{
    private static readonly ImportMapping Mapping = ImportMapping.ServiceNowIncidentCsv;

    [Fact]
    public async Task EachBadTicket_IsRefusedWithItsRowAndCategory_AndTheGoodOneIsStored()
    {
        var test = ItsmTestEngine.Create();

        var report = await ImportAsync(test.Engine, Mapping, "servicenow-malformed.csv");

        Assert.Equal(
            [
                ("INC0000102", "bad-date", 4L),
                ("INC0000103", "unknown-state", 6L),
                ("INC0000104", "bad-value:impact", 8L),
                ("INC0000105", "missing-value:sys_updated_by", 9L),
                ("INC0000106", "invalid-transition:Canceled:Resolve", 11L),
            ],
            report.Refusals.Select(r => (r.TicketKey, r.Category, r.Row)).ToArray());
        Assert.Equal((6, 1), (report.Tickets, report.Accepted));
        Assert.NotNull(await test.Engine.Incidents.FindAsync(Tenant, IdOf("INC0000101"), Importer));
        foreach (var refusal in report.Refusals)
        {
            Assert.Null(await test.Engine.Incidents.FindAsync(Tenant, IdOf(refusal.TicketKey), Importer));
        }
    }

    [Fact]
    public async Task Refusals_SayWhatIsWrongWithWhichRow()
    {
        var test = ItsmTestEngine.Create();

        var report = await ImportAsync(test.Engine, Mapping, "servicenow-malformed.csv");

        Assert.Equal(
            [
                "Row 4: sys_updated_at '31/4/2016 10:00' matches none of the mapping's formats (d/M/yyyy H:mm, d/M/yyyy H:mm:ss, uuuu-MM-dd HH:mm:ss, uuuu-MM-dd HH:mm, d.M.yyyy H:mm:ss, d.M.yyyy H:mm, iso-offset, iso-local).",
                "Row 6: incident_state 'Pending Approval' is not among the mapping's states.",
                "Row 8: impact '4 - Minor' is not among the mapping's values (1 - High, 2 - Medium, 3 - Low, 1, 2, 3, High, Medium, Low).",
                "Row 9: sys_updated_by is empty and the mapping has no default.",
            ],
            report.Refusals.Take(4).Select(r => r.Message).ToArray());
        Assert.StartsWith("Row 11: Incident in state Canceled cannot Resolve", report.Refusals[4].Message);
    }

    [Fact]
    public async Task RefusalCategories_CountTicketsWithAnExample()
    {
        var test = ItsmTestEngine.Create();

        var report = await ImportAsync(test.Engine, Mapping, "servicenow-malformed.csv");

        Assert.Equal(5, report.RefusalCategories.Count);
        Assert.All(report.RefusalCategories, c => Assert.Equal(1, c.Count));
        Assert.Equal("INC0000102", report.RefusalCategories.Single(c => c.Category == "bad-date").Example.TicketKey);
    }

    [Fact]
    public async Task MissingRequiredColumns_AreAllNamed_BeforeAnythingIsImported()
    {
        var test = ItsmTestEngine.Create();
        var lines = File.ReadAllLines(Path.Combine(System.AppContext.BaseDirectory, "Data", "servicenow-lifecycle.csv"));
        Assert.Equal(("number", "sys_updated_by"), (lines[0].Split(',')[0], lines[0].Split(',')[12]));
        var csv = string.Join("\n", lines.Select(l => string.Join(",", l.Split(',').Where((_, i) => i is not (0 or 12)))));
        var importer = new IncidentHistoryImporter(test.Engine, Mapping);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => importer.ImportAsync(Tenant, Importer, FromText(csv)));

        Assert.Equal("The file lacks 2 columns that mapping 'servicenow-incident-csv' names: number, sys_updated_by. Nothing was imported.", error.Message);
        Assert.Empty(await test.Store.QueryAsync(Tenant, new Itsm.Persistence.RecordQuery()));
    }

    [Fact]
    public async Task RowsWithoutATicketKey_AreCountedAndSkipped()
    {
        var test = ItsmTestEngine.Create();
        var lines = File.ReadAllLines(Path.Combine(System.AppContext.BaseDirectory, "Data", "servicenow-malformed.csv"));
        var csv = string.Join("\n", lines.Take(3).Append("?" + lines[1][lines[1].IndexOf(',', System.StringComparison.Ordinal)..]));

        var report = await new IncidentHistoryImporter(test.Engine, Mapping).ImportAsync(Tenant, Importer, FromText(csv));

        Assert.Equal((1, 1, 1L, 3L), (report.Tickets, report.Accepted, report.RowsWithoutKey, report.EventsRead));
    }

    [Fact]
    public async Task Instants_outside_the_supported_years_and_huge_values_are_refused_per_ticket_with_bounded_messages()
    {
        var test = ItsmTestEngine.Create();
        var huge = new string('x', 100_000) + "\u0001";
        var csv = "number,incident_state,sys_mod_count,caller_id,opened_by,opened_at,sys_updated_by,sys_updated_at,category,subcategory,cmdb_ci,impact,urgency,assignment_group,assigned_to,problem_id,caused_by,closed_code\n"
            + "INC0000801,New,0,Caller 1,Opened by  1,1/4/1600 09:00,Updated by 1,1/4/1600 09:00,?,?,?,2 - Medium,2 - Medium,?,?,?,?,?\n"
            + "INC0000802,New,0,Caller 1,Opened by  1,1/4/2016 09:00,Updated by 1,1/4/2016 09:00,?,?,?,2 - Medium,2 - Medium,?,?,?,?,?\n"
            + $"INC0000802,{huge},1,Caller 1,Opened by  1,1/4/2016 09:00,Updated by 1,1/4/2016 09:30,?,?,?,2 - Medium,2 - Medium,?,?,?,?,?\n"
            + "INC0000803,New,0,Caller 1,Opened by  1,1/4/2016 09:00,Updated by 1,1/4/2016 09:00,?,?,?,2 - Medium,2 - Medium,?,?,?,?,?\n";
        using var input = FromText(csv);

        var report = await new IncidentHistoryImporter(test.Engine, Mapping).ImportAsync(Tenant, Importer, input);

        Assert.Equal(1, report.Accepted);
        Assert.Equal(
            [("INC0000801", "bad-date"), ("INC0000802", "unknown-state")],
            report.Refusals.Select(r => (r.TicketKey, r.Category)).ToArray());
        Assert.Equal("Row 1: sys_updated_at '1/4/1600 09:00' is outside the supported years 1900 to 2199.", report.Refusals[0].Message);
        Assert.InRange(report.Refusals[1].Message.Length, 1, 200);
        Assert.Contains("'" + new string('x', 80) + "…'", report.Refusals[1].Message);
    }
}
