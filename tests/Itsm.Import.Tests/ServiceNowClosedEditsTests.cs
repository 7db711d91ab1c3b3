using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Testing;
using NodaTime;
using static Itsm.Import.Tests.ImportFiles;

namespace Itsm.Import.Tests;

/// <summary>
/// Rows that change the fields of a Closed incident (docs/import.md, "Edits of closed tickets"): under the shipped
/// mappings' <c>closedEdits: carryToReopen</c> they wait for the next reopen and are applied right after it, or are
/// dropped and counted when none follows; a mapping with <c>refuse</c> refuses the ticket as before.
/// </summary>
public sealed class ServiceNowClosedEditsTests
{
    private const string Header = "number,incident_state,sys_mod_count,caller_id,opened_at,sys_updated_by,sys_updated_at,impact,urgency,assignment_group,assigned_to,problem_id";

    // Worked by Agent 1 in Group 1, resolved, closed by the system the next day.
    private const string ClosedTicket = """
        {0},New,0,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 09:00,2 - Medium,2 - Medium,?,?,?
        {0},Active,1,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 09:10,2 - Medium,2 - Medium,Group 1,Agent 1,?
        {0},Resolved,2,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 10:00,2 - Medium,2 - Medium,Group 1,Agent 1,?
        {0},Closed,3,Caller 1,1/4/2016 09:00,system,2/4/2016 10:00,2 - Medium,2 - Medium,Group 1,Agent 1,?
        """;

    // Assigned to Group 1, then canceled (a duplicate).
    private const string CanceledTicket = """
        {0},New,0,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 09:00,2 - Medium,2 - Medium,?,?,?
        {0},New,1,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 09:10,2 - Medium,2 - Medium,Group 1,?,?
        {0},Canceled,2,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 10:00,2 - Medium,2 - Medium,Group 1,?,?
        """;

    private static readonly string[] Worked = ["Open", "Assign", "StartWork", "Resolve", "Close"];

    [Fact]
    public void ShippedMappings_CarryClosedEditsToTheReopen()
    {
        Assert.Equal(ImportClosedEdits.CarryToReopen, ImportMapping.ServiceNowIncidentCsv.ClosedEdits);
        Assert.Equal(ImportClosedEdits.CarryToReopen, ImportMapping.Bpic2013.ClosedEdits);
        Assert.Equal(ImportClosedEdits.Refuse, RefusingMapping().ClosedEdits);
    }

    [Fact]
    public async Task ClosedRowChangingTheGroup_ThenAReopen_AppliesTheNewGroupRightAfterTheReopen_AtItsInstantByItsActor()
    {
        // Agent 7 takes the closed ticket into Group 2 (a Closed row with the new group); Agent 8 reopens it a second later.
        var (report, history, incident) = await ImportAsync(ImportMapping.ServiceNowIncidentCsv, "INC0001001", """
            INC0001001,Closed,4,Caller 1,1/4/2016 09:00,Agent 7,3/4/2016 09:00:00,2 - Medium,2 - Medium,Group 2,Agent 1,?
            INC0001001,Active,5,Caller 1,1/4/2016 09:00,Agent 8,3/4/2016 09:00:01,2 - Medium,2 - Medium,Group 2,Agent 8,?
            """);

        Assert.Empty(report.Refusals);
        Assert.Equal(1, report.Accepted);
        Assert.Equal((0L, 0, (string?)null, 1L), (report.IgnoredEditsAfterClose, report.TicketsWithIgnoredEditsAfterClose, report.IgnoredEditsAfterCloseExample, report.EditsAfterCloseCarriedToReopen));
        Assert.Equal([.. Worked, "Reopen", "Assign", "Assign"], history.Select(e => e.Command).ToArray());
        var reopenedAt = Instant.FromUtc(2016, 4, 3, 9, 0, 1);
        Assert.All(history.Skip(5), e => Assert.Equal(("Agent 8", reopenedAt), (e.Actor.Id, e.At)));

        // First the held edit (the group Agent 7 set, the assignee kept), then the reopening row's own assignee.
        Assert.Equal(("Group 2", "Agent 1"), (history[6].Data["group"], history[6].Data["assignee"]));
        Assert.Equal(("Group 2", "Agent 8"), (history[7].Data["group"], history[7].Data["assignee"]));
        Assert.Equal((IncidentState.InProgress, "Group 2", "Agent 8"), (incident!.State, incident.AssignmentGroup?.Value, incident.AssignedTo));
    }

    [Fact]
    public async Task ClosedRowChangingTheGroup_WithoutAReopen_IsDroppedAndCounted_TheTicketStaysClosedAsTheRecordHadIt()
    {
        // An administrator moves the closed ticket to Group 2 and raises its impact, then a script links a problem: two edits.
        // A later row repeating them is no new edit.
        var (report, history, incident) = await ImportAsync(ImportMapping.ServiceNowIncidentCsv, "INC0001002", """
            INC0001002,Closed,4,Caller 1,1/4/2016 09:00,admin,3/4/2016 09:00,1 - High,2 - Medium,Group 2,Agent 1,?
            INC0001002,Closed,5,Caller 1,1/4/2016 09:00,script,3/4/2016 09:05,1 - High,2 - Medium,Group 2,Agent 1,PRB0000001
            INC0001002,Closed,6,Caller 1,1/4/2016 09:00,script,3/4/2016 09:06,1 - High,2 - Medium,Group 2,Agent 1,PRB0000001
            """);

        Assert.Empty(report.Refusals);
        Assert.Equal(1, report.Accepted);
        Assert.Equal((2L, 1, "INC0001002", 0L), (report.IgnoredEditsAfterClose, report.TicketsWithIgnoredEditsAfterClose, report.IgnoredEditsAfterCloseExample, report.EditsAfterCloseCarriedToReopen));
        Assert.Equal(Worked, history.Select(e => e.Command).ToArray());
        Assert.Equal(
            (IncidentState.Closed, "Group 1", "Agent 1", Impact.Medium, (string?)null),
            (incident!.State, incident.AssignmentGroup?.Value, incident.AssignedTo, incident.Impact, incident.RelatedProblem));
    }

    [Fact]
    public async Task ClosedRowPuttingBackWhatAnEarlierOneChanged_BeforeAReopen_CarriesNothing_AndCountsTheEditAsIgnored()
    {
        var (report, history, _) = await ImportAsync(ImportMapping.ServiceNowIncidentCsv, "INC0001003", """
            INC0001003,Closed,4,Caller 1,1/4/2016 09:00,admin,3/4/2016 09:00,2 - Medium,2 - Medium,Group 2,Agent 1,?
            INC0001003,Closed,5,Caller 1,1/4/2016 09:00,admin,3/4/2016 09:01,2 - Medium,2 - Medium,Group 1,Agent 1,?
            INC0001003,Active,6,Caller 1,1/4/2016 09:00,Agent 1,3/4/2016 10:00,2 - Medium,2 - Medium,Group 1,Agent 1,?
            """);

        Assert.Empty(report.Refusals);
        Assert.Equal((1L, 0L), (report.IgnoredEditsAfterClose, report.EditsAfterCloseCarriedToReopen));
        Assert.Equal([.. Worked, "Reopen"], history.Select(e => e.Command).ToArray());
    }

    [Fact]
    public async Task ClosedRowChangingTheGroup_ThenReopenedAsResolved_AppliesTheEditBetweenTheReopenAndTheResolve()
    {
        var (report, history, incident) = await ImportAsync(ImportMapping.ServiceNowIncidentCsv, "INC0001004", """
            INC0001004,Resolved,4,Caller 1,1/4/2016 09:00,Agent 7,3/4/2016 09:00,2 - Medium,2 - Medium,Group 2,Agent 7,?
            """);

        Assert.Empty(report.Refusals);
        Assert.Equal(1L, report.EditsAfterCloseCarriedToReopen);
        Assert.Equal([.. Worked, "Reopen", "Assign", "Resolve"], history.Select(e => e.Command).ToArray());
        Assert.Equal((IncidentState.Resolved, "Group 2", "Agent 7"), (incident!.State, incident.AssignmentGroup?.Value, incident.AssignedTo));
    }

    [Theory]
    [InlineData("Active,5,Caller 1,1/4/2016 09:00,Agent 8,3/4/2016 09:00:01,2 - Medium,2 - Medium,Group 2,Agent 8,?")]
    [InlineData(null)]
    public async Task MappingThatRefusesClosedEdits_RefusesTheTicketAtTheClosedRow_AsBefore(string? reopen)
    {
        var rows = "INC0001005,Closed,4,Caller 1,1/4/2016 09:00,Agent 7,3/4/2016 09:00:00,2 - Medium,2 - Medium,Group 2,Agent 1,?"
            + (reopen is null ? string.Empty : "\nINC0001005," + reopen);

        var (report, _, incident) = await ImportAsync(RefusingMapping(), "INC0001005", rows);

        Assert.Null(incident);
        var refusal = Assert.Single(report.Refusals);
        Assert.Equal(("invalid-transition:Closed:Assign", 5L), (refusal.Category, refusal.Row));
        Assert.Equal((0L, 0L), (report.IgnoredEditsAfterClose, report.EditsAfterCloseCarriedToReopen));
    }

    [Fact]
    public async Task CanceledRowsChangingTheGroupAndImpact_AreDroppedAndCounted_TheTicketStaysCanceledAsTheRecordHadIt()
    {
        var (report, history, incident) = await ImportAsync(ImportMapping.ServiceNowIncidentCsv, "INC0001006", """
            INC0001006,Canceled,3,Caller 1,1/4/2016 09:00,admin,3/4/2016 09:00,1 - High,2 - Medium,Group 2,?,?
            INC0001006,Canceled,4,Caller 1,1/4/2016 09:00,script,3/4/2016 09:05,1 - High,2 - Medium,Group 2,?,PRB0000001
            """, CanceledTicket);

        Assert.Empty(report.Refusals);
        Assert.Equal(1, report.Accepted);
        Assert.Equal((2L, 1, "INC0001006", 0L), (report.IgnoredEditsAfterClose, report.TicketsWithIgnoredEditsAfterClose, report.IgnoredEditsAfterCloseExample, report.EditsAfterCloseCarriedToReopen));
        Assert.Equal(["Open", "Assign", "Cancel"], history.Select(e => e.Command).ToArray());
        Assert.Equal(
            (IncidentState.Canceled, "Group 1", Impact.Medium, (string?)null),
            (incident!.State, incident.AssignmentGroup?.Value, incident.Impact, incident.RelatedProblem));
    }

    [Fact]
    public async Task CanceledTicketMadeActiveAgain_IsStillRefused_TheLibrarysCanceledIsFinal()
    {
        var (report, _, incident) = await ImportAsync(ImportMapping.ServiceNowIncidentCsv, "INC0001007", """
            INC0001007,Canceled,3,Caller 1,1/4/2016 09:00,admin,3/4/2016 09:00,2 - Medium,2 - Medium,Group 2,?,?
            INC0001007,Active,4,Caller 1,1/4/2016 09:00,Agent 2,3/4/2016 09:05,2 - Medium,2 - Medium,Group 2,Agent 2,?
            """, CanceledTicket);

        Assert.Null(incident);
        var refusal = Assert.Single(report.Refusals);
        Assert.Equal(("invalid-transition:Canceled:Reopen", 5L), (refusal.Category, refusal.Row));
    }

    [Fact]
    public async Task MappingThatRefusesClosedEdits_RefusesACanceledTicketsEdit_AsBefore()
    {
        var (report, _, incident) = await ImportAsync(RefusingMapping(), "INC0001008", """
            INC0001008,Canceled,3,Caller 1,1/4/2016 09:00,admin,3/4/2016 09:00,2 - Medium,2 - Medium,Group 2,?,?
            """, CanceledTicket);

        Assert.Null(incident);
        var refusal = Assert.Single(report.Refusals);
        Assert.Equal(("invalid-transition:Canceled:Assign", 4L), (refusal.Category, refusal.Row));
    }

    [Theory]
    [InlineData("\"closedEdits\": \"carry\"", "$.closedEdits: 'carry' is not carryToReopen or refuse.")]
    [InlineData("\"closedEdits\": 1", "$.closedEdits")]
    public void ClosedEdits_OtherThanCarryToReopenOrRefuse_IsAnImportMappingException(string property, string error)
    {
        var json = ShippedServiceNowJson().Replace("\"closedEdits\": \"carryToReopen\"", property, System.StringComparison.Ordinal);

        var e = Assert.Throws<ImportMappingException>(() => ImportMapping.FromJson(json));

        Assert.StartsWith(error, Assert.Single(e.Errors), System.StringComparison.Ordinal);
    }

    private static ImportMapping RefusingMapping() =>
        ImportMapping.FromJson(ShippedServiceNowJson().Replace("\"closedEdits\": \"carryToReopen\"", "\"closedEdits\": \"refuse\"", System.StringComparison.Ordinal));

    private static string ShippedServiceNowJson()
    {
        using var stream = typeof(ImportMapping).Assembly.GetManifestResourceStream("Itsm.Import.Mappings.servicenow-incident-csv.json")!;
        var json = new StreamReader(stream).ReadToEnd();
        Assert.Contains("\"closedEdits\": \"carryToReopen\"", json, System.StringComparison.Ordinal);
        return json;
    }

    private static async Task<(ImportReport Report, IReadOnlyList<AuditEntry> History, Incident? Incident)> ImportAsync(ImportMapping mapping, string key, string rows, string before = ClosedTicket)
    {
        var test = ItsmTestEngine.Create();
        var csv = Header + "\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, before, key) + "\n" + rows;
        var report = await new IncidentHistoryImporter(test.Engine, mapping).ImportAsync(Tenant, Importer, FromText(csv));
        var id = IdOf(key, mapping);
        var incident = await test.Engine.Incidents.FindAsync(Tenant, id, Importer);
        var history = incident is null ? [] : await test.Engine.Incidents.ReadHistoryAsync(Tenant, id, Importer);
        return (report, history, incident);
    }
}
