using System.Linq;
using System.Threading.Tasks;
using Itsm.Incidents;
using Itsm.Testing;
using NodaTime;
using static Itsm.Import.Tests.ImportFiles;

namespace Itsm.Import.Tests;

/// <summary>
/// What real ServiceNow exports hold besides clean rows, read as data rather than refused: states and hold reasons
/// typed with other casing or spaces, rows sharing an instant or a sys_mod_count, repeated rows, dates with seconds
/// or in the dotted day-first format, an opening edited to after the first update, counts with group separators.
/// </summary>
public sealed class ServiceNowQuirksTests
{
    private static readonly ImportMapping Mapping = ImportMapping.ServiceNowIncidentCsv;

    private const string Header = "number,incident_state,hold_reason,sys_mod_count,caller_id,opened_at,sys_updated_by,sys_updated_at,impact,urgency,assignment_group,assigned_to";

    [Fact]
    public async Task StatesAndHoldReasons_WithOtherCasingOrSurroundingSpaces_AreTheMappingsStates()
    {
        var (report, history) = await ImportOneAsync("""
            INC0000960,new,?,0,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 09:00,2 - medium,2 - MEDIUM,?,?
            INC0000960," ACTIVE ",?,1,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 09:10,2 - Medium,2 - Medium,Group 1,Agent 1
            INC0000960,on hold, awaiting vendor ,2,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 09:20,2 - Medium,2 - Medium,Group 1,Agent 1
            INC0000960,Resolved ,?,3,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 09:30,2 - Medium,2 - Medium,Group 1,Agent 1
            """);

        Assert.Empty(report.Refusals);
        Assert.Equal(["Open", "Assign", "StartWork", "PutOnHold", "Resolve"], history.Select(e => e.Command).ToArray());
        Assert.Equal("AwaitingVendor", history[3].Data["onHoldReason"]);
    }

    [Fact]
    public async Task RowsAtOneInstant_AreOrderedBySysModCount_AndTiedCounts_ByFileOrder()
    {
        // Display formats without seconds give many updates the same sys_updated_at; sys_mod_count orders them.
        // Two Active rows carrying the same count (an export joining two audit sources) are both applied, in file order.
        var (report, history) = await ImportOneAsync("""
            INC0000961,Resolved,?,3,Caller 1,1/4/2016 09:00,Agent 2,1/4/2016 09:05,2 - Medium,2 - Medium,Group 2,Agent 2
            INC0000961,Active,?,1,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 09:05,2 - Medium,2 - Medium,Group 1,Agent 1
            INC0000961,Active,?,2,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 09:05,2 - Medium,2 - Medium,Group 1,Agent 1
            INC0000961,Active,?,2,Caller 1,1/4/2016 09:00,Agent 3,1/4/2016 09:05,2 - Medium,2 - Medium,Group 2,Agent 2
            INC0000961,New,?,0,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 09:05,2 - Medium,2 - Medium,?,?
            """);

        Assert.Empty(report.Refusals);
        Assert.Equal(
            [("Open", "Agent 1"), ("Assign", "Agent 1"), ("StartWork", "Agent 1"), ("Assign", "Agent 3"), ("Resolve", "Agent 2")],
            history.Select(e => (e.Command, e.Actor.Id)).ToArray());
        Assert.All(history, e => Assert.Equal(Instant.FromUtc(2016, 4, 1, 9, 0) + (e.Command == "Open" ? Duration.Zero : Duration.FromMinutes(5)), e.At));
    }

    [Fact]
    public async Task RepeatedRows_AddNothing()
    {
        const string row = "INC0000962,Active,?,1,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 09:10,2 - Medium,2 - Medium,Group 1,Agent 1";
        var (report, history) = await ImportOneAsync($"{row}\n{row}\n{row}");

        Assert.Empty(report.Refusals);
        Assert.Equal(3, report.EventsRead);
        Assert.Equal(["Open", "Assign", "StartWork"], history.Select(e => e.Command).ToArray());
    }

    [Fact]
    public async Task DatesWithSeconds_AndDottedDayFirstDates_AreRead()
    {
        var (report, history) = await ImportOneAsync("""
            INC0000963,New,?,0,Caller 1,1/4/2016 09:00:30,Agent 1,1/4/2016 09:00:30,2 - Medium,2 - Medium,?,?
            INC0000963,Active,?,1,Caller 1,1/4/2016 09:00:30,Agent 1,01.04.2016 09:05:15,2 - Medium,2 - Medium,Group 1,Agent 1
            INC0000963,Resolved,?,2,Caller 1,1/4/2016 09:00:30,Agent 1,2016-04-01 09:10:45,2 - Medium,2 - Medium,Group 1,Agent 1
            """);

        Assert.Empty(report.Refusals);
        Assert.Equal(
            [("Open", "09:00:30"), ("Assign", "09:05:15"), ("StartWork", "09:05:15"), ("Resolve", "09:10:45")],
            history.Select(e => (e.Command, e.At.InUtc().ToString("HH:mm:ss", null))).ToArray());
    }

    [Fact]
    public async Task AnOpeningEditedToAfterTheFirstUpdate_OpensAtTheFirstUpdate()
    {
        var (report, history) = await ImportOneAsync("""
            INC0000964,New,?,0,Caller 1,2/4/2016 10:00,Agent 1,1/4/2016 09:00,2 - Medium,2 - Medium,?,?
            INC0000964,Active,?,1,Caller 1,2/4/2016 10:00,Agent 1,1/4/2016 09:30,2 - Medium,2 - Medium,Group 1,Agent 1
            """);

        Assert.Empty(report.Refusals);
        Assert.Equal(Instant.FromUtc(2016, 4, 1, 9, 0), history[0].At);
    }

    [Fact]
    public async Task ASysModCountWithGroupSeparators_OrdersTheRows()
    {
        var (report, history) = await ImportOneAsync("""
            INC0000965,Resolved,?,"1,024",Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 09:00,2 - Medium,2 - Medium,Group 1,Agent 1
            INC0000965,Active,?,999,Caller 1,1/4/2016 09:00,Agent 1,1/4/2016 09:00,2 - Medium,2 - Medium,Group 1,Agent 1
            """);

        Assert.Empty(report.Refusals);
        Assert.Equal(["Open", "Assign", "StartWork", "Resolve"], history.Select(e => e.Command).ToArray());
    }

    private static async Task<(ImportReport Report, System.Collections.Generic.IReadOnlyList<Itsm.Common.AuditEntry> History)> ImportOneAsync(string rows)
    {
        var test = ItsmTestEngine.Create();
        var report = await new IncidentHistoryImporter(test.Engine, Mapping).ImportAsync(Tenant, Importer, FromText(Header + "\n" + rows));
        var key = rows.Split(',')[0];
        var history = report.Accepted == 1 ? await test.Engine.Incidents.ReadHistoryAsync(Tenant, IdOf(key), Importer) : [];
        return (report, history);
    }
}
