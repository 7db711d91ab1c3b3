using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Testing;
using NodaTime;
using static Itsm.Import.Tests.ImportFiles;

namespace Itsm.Import.Tests;

public sealed class ServiceNowImportTests
{
    private static readonly ImportMapping Mapping = ImportMapping.ServiceNowIncidentCsv;

    [Fact]
    public async Task LifecycleFile_AcceptsEveryTicket()
    {
        var test = ItsmTestEngine.Create();

        var report = await ImportAsync(test.Engine, Mapping, "servicenow-lifecycle.csv");

        Assert.Empty(report.Refusals);
        Assert.Equal((7, 7, 0, 43L), (report.Tickets, report.Accepted, report.AlreadyImported, report.EventsRead));
    }

    [Fact]
    public async Task EveryOldStyleState_BecomesTheCommandsThatExplainIt_AtTheOriginalInstantsAndActors()
    {
        var test = ItsmTestEngine.Create();
        await ImportAsync(test.Engine, Mapping, "servicenow-lifecycle.csv");

        var history = await test.Engine.Incidents.ReadHistoryAsync(Tenant, IdOf("INC0000001"), Importer);

        Assert.Equal(
            [
                ("Open", "29/2 01:16", "Opened by  8", "New"),
                ("Assign", "29/2 01:23", "Updated by 21", "New"),
                ("StartWork", "29/2 01:23", "Updated by 21", "InProgress"),
                ("PutOnHold", "29/2 02:00", "Resolver 149", "OnHold"),
                ("ChangeImpactOrUrgency", "1/3 09:30", "Resolver 149", "OnHold"),
                ("Resume", "1/3 09:30", "Resolver 149", "InProgress"),
                ("PutOnHold", "1/3 10:00", "Resolver 149", "OnHold"),
                ("LinkProblem", "2/3 11:00", "Resolver 149", "OnHold"),
                ("ChangeHoldReason", "2/3 11:00", "Resolver 149", "OnHold"),
                ("Resume", "3/3 12:00", "Resolver 149", "InProgress"),
                ("Resolve", "3/3 12:10", "Resolver 149", "Resolved"),
                ("Close", "8/3 12:11", "system", "Closed"),
            ],
            history.Select(e => (e.Command, e.At.InUtc().ToString("d/M HH:mm", null), e.Actor.Id, e.ToState)).ToArray());
    }

    [Fact]
    public async Task ATicketWithoutCallerImpactOrUrgency_IsKeptWithTheMappingsDefaults()
    {
        var test = ItsmTestEngine.Create();
        const string csv = """
            number,incident_state,sys_mod_count,caller_id,opened_by,opened_at,sys_updated_by,sys_updated_at,category,subcategory,cmdb_ci,impact,urgency,assignment_group,assigned_to,problem_id,caused_by,closed_code
            INC0000900,New,0,?,Opened by  1,1/4/2016 09:00,Updated by 1,1/4/2016 09:00,?,?,?,?,?,?,?,?,?,?
            INC0000900,Active,1,?,Opened by  1,1/4/2016 09:00,Resolver 1,1/4/2016 09:30,?,?,?,?,?,Group 1,Resolver 1,?,?,?
            """;
        using var input = FromText(csv);

        var report = await new IncidentHistoryImporter(test.Engine, Mapping).ImportAsync(Tenant, Importer, input);

        Assert.Equal(1, report.Accepted);
        var incident = await test.Engine.Incidents.GetAsync(Tenant, IdOf("INC0000900"), Importer);
        Assert.Equal("unknown-caller", incident.CallerId);
        Assert.Equal((Impact.Low, Urgency.Low), (incident.Impact, incident.Urgency));
        Assert.Equal(IncidentState.InProgress, incident.State);
    }

    [Fact]
    public async Task EveryOldStyleState_LeavesTheFieldsOfTheLastRow()
    {
        var test = ItsmTestEngine.Create();
        await ImportAsync(test.Engine, Mapping, "servicenow-lifecycle.csv");

        var incident = await test.Engine.Incidents.GetAsync(Tenant, IdOf("INC0000001"), Importer);

        Assert.Equal(IncidentState.Closed, incident.State);
        Assert.Equal("INC0000001 (Category 55 / Subcategory 170)", incident.ShortDescription);
        Assert.Equal("Caller 2403", incident.CallerId);
        Assert.Equal((Impact.High, Urgency.Medium), (incident.Impact, incident.Urgency));
        Assert.Equal(("Group 56", "Resolver 149"), (incident.AssignmentGroup?.Value, incident.AssignedTo));
        Assert.Equal("Problem ID  2", incident.RelatedProblem);
        Assert.Equal(IncidentResolutionCode.SolvedPermanently, incident.ResolutionCode);
        Assert.Equal("Resolved in the source (Resolved); closed_code 'Solved (Permanently)'.", incident.ResolutionNotes);
        Assert.Equal(Instant.FromUtc(2016, 2, 29, 1, 16), incident.OpenedAt);
    }

    [Fact]
    public async Task IsoDates_ReopenByAnAgent_AndAnUnknownCloseCode()
    {
        var test = ItsmTestEngine.Create();
        await ImportAsync(test.Engine, Mapping, "servicenow-lifecycle.csv");

        var history = await test.Engine.Incidents.ReadHistoryAsync(Tenant, IdOf("INC0000002"), Importer);
        var incident = await test.Engine.Incidents.GetAsync(Tenant, IdOf("INC0000002"), Importer);

        Assert.Equal(
            ["Open", "Assign", "Assign", "StartWork", "Resolve", "Reopen", "Resolve", "Close"],
            history.Select(e => e.Command).ToArray());
        var firstResolve = history.First(e => e.Command == "Resolve");
        Assert.Equal(Instant.FromUtc(2016, 3, 1, 11, 45), firstResolve.At);
        Assert.Equal("Resolved in the source (Resolved); closed_code 'code 5', which the mapping does not name, recorded as SolvedPermanently.", firstResolve.Data["notes"]);
        Assert.Equal(("Updated by 9", "Reopened in the source: Resolved to Active."), (history[5].Actor.Id, history[5].Data["reason"]));
        Assert.Equal(IncidentResolutionCode.SolvedRemotelyWorkaround, incident.ResolutionCode);
        Assert.Equal("INC0000002", incident.ShortDescription);
    }

    [Fact]
    public async Task TruncatedHistory_ClearedGroup_ClearedAssignment_CausedByLink_AndCloseFromActive()
    {
        var test = ItsmTestEngine.Create();
        await ImportAsync(test.Engine, Mapping, "servicenow-lifecycle.csv");

        var history = await test.Engine.Incidents.ReadHistoryAsync(Tenant, IdOf("INC0000003"), Importer);
        var incident = await test.Engine.Incidents.GetAsync(Tenant, IdOf("INC0000003"), Importer);

        Assert.Equal(
            [
                ("Open", "Created by 6", "New"),
                ("Assign", "Updated by 1", "New"),
                ("StartWork", "Updated by 1", "InProgress"),
                ("Assign", "Updated by 1", "InProgress"),
                ("Unassign", "Updated by 2", "InProgress"),
                ("LinkCausedByChange", "Updated by 2", "InProgress"),
                ("Resolve", "Updated by 2", "Resolved"),
                ("Close", "Updated by 2", "Closed"),
            ],
            history.Select(e => (e.Command, e.Actor.Id, e.ToState)).ToArray());
        Assert.Equal(history[^2].At, history[^1].At);
        Assert.Equal(IncidentResolutionCode.ClosedByCaller, incident.ResolutionCode);
        Assert.Equal("Change 12", incident.CausedByChange);
        Assert.Equal((null, null), (incident.AssignmentGroup?.Value, incident.AssignedTo));
    }

    [Fact]
    public async Task PlaceholderState_KeepsTheState_AndCancelOnHold()
    {
        var test = ItsmTestEngine.Create();
        await ImportAsync(test.Engine, Mapping, "servicenow-lifecycle.csv");

        var history = await test.Engine.Incidents.ReadHistoryAsync(Tenant, IdOf("INC0000004"), Importer);

        Assert.Equal(
            [("Open", "New"), ("Assign", "New"), ("LinkProblem", "New"), ("PutOnHold", "OnHold"), ("Cancel", "Canceled")],
            history.Select(e => (e.Command, e.ToState)).ToArray());
        Assert.Equal(("AwaitingProblem", "On hold in the source: Awaiting Problem."), (history[3].Data["onHoldReason"], history[3].Data["comment"]));
    }

    [Fact]
    public async Task ClosedIncident_ReopensUnderTheFromClosedPolicy()
    {
        var test = ItsmTestEngine.Create();
        await ImportAsync(test.Engine, Mapping, "servicenow-lifecycle.csv");

        var history = await test.Engine.Incidents.ReadHistoryAsync(Tenant, IdOf("INC0000005"), Importer);

        Assert.Equal(
            ["Open", "Assign", "StartWork", "Resolve", "Close", "Reopen", "ChangeImpactOrUrgency", "Resolve"],
            history.Select(e => e.Command).ToArray());
        Assert.Equal(("Closed", "InProgress"), (history[5].FromState, history[5].ToState));
    }

    [Fact]
    public async Task UnderTheEngineDefaultLifecycle_AnAgentsReopenIsRefusedWithItsRuleCode()
    {
        var test = ItsmTestEngine.Create();

        var report = await ImportAsync(test.Engine, Mapping, "servicenow-lifecycle.csv", new IncidentHistoryImportOptions { UseEngineLifecycle = true });

        var reopen = Assert.Single(report.Refusals, r => r.TicketKey == "INC0000002");
        Assert.Equal(("ITSM-INC-REOPEN-001", 1L), (reopen.Category, reopen.Row));
        Assert.Null(await test.Engine.Incidents.FindAsync(Tenant, IdOf("INC0000002"), Importer));
    }

    [Fact]
    public async Task LifecycleFile_HasARowForEveryStatusTheMappingNames()
    {
        var lines = System.IO.File.ReadAllLines(System.IO.Path.Combine(System.AppContext.BaseDirectory, "Data", "servicenow-lifecycle.csv"));
        var header = lines[0].Split(',');
        int status = System.Array.IndexOf(header, "incident_state"), hold = System.Array.IndexOf(header, "hold_reason");
        var pairs = lines.Skip(1).Select(l => l.Split(',')).Select(f => (f[status], f[hold] == "?" ? null : f[hold])).ToHashSet();

        Assert.All(Mapping.Spec.States, rule => Assert.Contains((rule.Status, rule.SubStatus), pairs));
        var report = await ImportAsync(ItsmTestEngine.Create().Engine, Mapping, "servicenow-lifecycle.csv");
        Assert.Empty(report.Refusals);
    }

    [Fact]
    public async Task NewStyleStates_ServiceAndEveryImpactForm_WithSecondsInDayFirstDates()
    {
        var test = ItsmTestEngine.Create();
        await ImportAsync(test.Engine, Mapping, "servicenow-lifecycle.csv");

        var history = await test.Engine.Incidents.ReadHistoryAsync(Tenant, IdOf("INC0000006"), Importer);
        var incident = await test.Engine.Incidents.GetAsync(Tenant, IdOf("INC0000006"), Importer);

        Assert.Equal(
            [
                ("Open", "08:00:05", "Opened by  4", "New", null),
                ("Assign", "08:15:30", "Resolver 20", "New", null),
                ("ChangeImpactOrUrgency", "08:15:30", "Resolver 20", "New", null),
                ("StartWork", "08:15:30", "Resolver 20", "InProgress", null),
                ("PutOnHold", "09:00:00", "Resolver 20", "OnHold", "AwaitingChange"),
                ("ChangeHoldReason", "10:00:00", "Resolver 20", "OnHold", "AwaitingVendor"),
                ("ChangeHoldReason", "11:00:00", "Resolver 20", "OnHold", "AwaitingCaller"),
                ("ChangeImpactOrUrgency", "12:00:00", "Resolver 20", "OnHold", null),
                ("Resume", "12:00:00", "Resolver 20", "InProgress", null),
                ("Cancel", "12:30:00", "Resolver 20", "Canceled", null),
            ],
            history.Select(e => (e.Command, e.At.InUtc().ToString("HH:mm:ss", null), e.Actor.Id, e.ToState, e.Data.TryGetValue("onHoldReason", out var r) ? r : null)).ToArray());
        // The audit data holds impact and urgency as their numbers: 1 High, 2 Medium, 3 Low.
        Assert.Equal(("3", "3"), (history[0].Data["impact"], history[0].Data["urgency"]));
        Assert.Equal(("1", "3"), (history[2].Data["impact"], history[2].Data["urgency"]));
        Assert.Equal(("1", "2"), (history[7].Data["impact"], history[7].Data["urgency"]));
        Assert.Equal(("CI 12", "INC0000006: Mail is slow"), (incident.Service?.Value, incident.ShortDescription));
        Assert.Equal((Impact.High, Urgency.Medium, IncidentState.Canceled), (incident.Impact, incident.Urgency, incident.State));
        Assert.Equal(Instant.FromUtc(2016, 3, 10, 8, 0, 5), incident.OpenedAt);
    }

    [Fact]
    public async Task OnHoldWithEveryHoldReason_AndIsoLocalDates()
    {
        var test = ItsmTestEngine.Create();
        await ImportAsync(test.Engine, Mapping, "servicenow-lifecycle.csv");

        var history = await test.Engine.Incidents.ReadHistoryAsync(Tenant, IdOf("INC0000007"), Importer);
        var incident = await test.Engine.Incidents.GetAsync(Tenant, IdOf("INC0000007"), Importer);

        Assert.Equal(
            [
                ("Open", "11/3 09:00", "New", null),
                ("Assign", "11/3 09:00", "New", null),
                ("Assign", "11/3 09:10", "New", null),
                ("StartWork", "11/3 09:10", "InProgress", null),
                ("PutOnHold", "11/3 10:00", "OnHold", "AwaitingCaller"),
                ("ChangeHoldReason", "11/3 11:00", "OnHold", "AwaitingChange"),
                ("LinkProblem", "11/3 12:00", "OnHold", null),
                ("ChangeHoldReason", "11/3 12:00", "OnHold", "AwaitingProblem"),
                ("Resolve", "11/3 13:00", "Resolved", null),
                ("Close", "16/3 13:00", "Closed", null),
            ],
            history.Select(e => (e.Command, e.At.InUtc().ToString("d/M HH:mm", null), e.ToState, e.Data.TryGetValue("onHoldReason", out var r) ? r : null)).ToArray());
        Assert.Equal(IncidentResolutionCode.SolvedWorkaround, incident.ResolutionCode);
        Assert.Equal(("Group 9", "Resolver 30", "Problem ID  5"), (incident.AssignmentGroup?.Value, incident.AssignedTo, incident.RelatedProblem));
    }
}
