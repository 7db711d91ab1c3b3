using System;
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
/// Real ServiceNow exports carry the columns their author picked in the list view, in any order, with custom
/// <c>u_</c> fields: the shipped mapping needs only the ticket key, the state, the update instant and its actor.
/// </summary>
public sealed class ServiceNowExportShapeTests
{
    private static readonly ImportMapping Mapping = ImportMapping.ServiceNowIncidentCsv;

    /// <summary>The fields of the incident table the issue lists for a ServiceNow audit export.</summary>
    private static readonly string[] IssueColumns =
    [
        "number", "incident_state", "active", "reassignment_count", "reopen_count", "sys_mod_count", "made_sla", "caller_id", "opened_by",
        "opened_at", "sys_updated_by", "sys_updated_at", "contact_type", "category", "subcategory", "cmdb_ci", "impact", "urgency", "priority",
        "assignment_group", "assigned_to", "problem_id", "rfc", "vendor", "caused_by", "closed_code", "resolved_by", "resolved_at", "closed_at",
    ];

    public static TheoryData<string> OptionalColumns() => [.. Mapping.Spec.Optional.Order(StringComparer.Ordinal)];

    [Fact]
    public async Task OnlyTheRequiredColumns_ImportEveryTicket_WithTheMappingsDefaults()
    {
        var test = ItsmTestEngine.Create();
        const string csv = """
            sys_updated_at,incident_state,number,sys_updated_by
            1/4/2016 09:00,New,INC0000950,Service desk 1
            1/4/2016 09:30,Active,INC0000950,Resolver 4
            1/4/2016 09:40,Awaiting User Info,INC0000950,Resolver 4
            1/4/2016 11:00,Active,INC0000950,Resolver 4
            1/4/2016 12:00,Resolved,INC0000950,Resolver 4
            6/4/2016 12:00,Closed,INC0000950,system
            2/4/2016 08:00,Active,INC0000951,Resolver 5
            """;

        var report = await new IncidentHistoryImporter(test.Engine, Mapping).ImportAsync(Tenant, Importer, FromText(csv));

        Assert.Empty(report.Refusals);
        Assert.Equal((2, 2, 7L), (report.Tickets, report.Accepted, report.EventsRead));
        var history = await test.Engine.Incidents.ReadHistoryAsync(Tenant, IdOf("INC0000950"), Importer);
        Assert.Equal(
            [
                ("Open", "Service desk 1"), ("StartWork", "Resolver 4"), ("PutOnHold", "Resolver 4"), ("Resume", "Resolver 4"),
                ("Resolve", "Resolver 4"), ("Close", "system"),
            ],
            history.Select(e => (e.Command, e.Actor.Id)).ToArray());
        var incident = await test.Engine.Incidents.GetAsync(Tenant, IdOf("INC0000950"), Importer);
        Assert.Equal(
            ("INC0000950", "unknown-caller", Impact.Low, Urgency.Low, IncidentResolutionCode.SolvedPermanently, Instant.FromUtc(2016, 4, 1, 9, 0)),
            (incident.ShortDescription, incident.CallerId, incident.Impact, incident.Urgency, incident.ResolutionCode!.Value, incident.OpenedAt));
        Assert.Equal((null, null, null), (incident.AssignmentGroup, incident.AssignedTo, incident.Service));
        Assert.Equal(IncidentState.InProgress, (await test.Engine.Incidents.GetAsync(Tenant, IdOf("INC0000951"), Importer)).State);
    }

    [Theory]
    [MemberData(nameof(OptionalColumns))]
    public async Task AnExportWithoutAnOptionalColumn_ImportsEveryTicket(string column)
    {
        var test = ItsmTestEngine.Create();
        var csv = WithoutColumns(LifecycleLines(), c => c == column);

        var report = await new IncidentHistoryImporter(test.Engine, Mapping).ImportAsync(Tenant, Importer, FromText(csv));

        Assert.Empty(report.Refusals);
        Assert.Equal((7, 7), (report.Tickets, report.Accepted));
    }

    [Fact]
    public async Task AnExportWithoutAnyOptionalColumn_ImportsEveryTicket()
    {
        var test = ItsmTestEngine.Create();
        var csv = WithoutColumns(LifecycleLines(), Mapping.Spec.Optional.Contains);

        var report = await new IncidentHistoryImporter(test.Engine, Mapping).ImportAsync(Tenant, Importer, FromText(csv));

        Assert.Empty(report.Refusals);
        Assert.Equal((7, 7), (report.Tickets, report.Accepted));
        var incident = await test.Engine.Incidents.GetAsync(Tenant, IdOf("INC0000001"), Importer);
        Assert.Equal(("unknown-caller", Impact.Low, Urgency.Low, IncidentState.Closed), (incident.CallerId, incident.Impact, incident.Urgency, incident.State));
    }

    [Fact]
    public async Task EveryColumnOfTheIssuesList_WithCustomColumns_InAnyOrder_GivesTheSameHistory()
    {
        var lines = LifecycleLines();
        var header = lines[0].Split(',');
        Assert.All(IssueColumns, c => Assert.Contains(c, header));
        Assert.Contains(header, c => c.StartsWith("u_", StringComparison.Ordinal));
        var reversed = string.Join("\n", lines.Select(l => string.Join(",", l.Split(',').Reverse())));
        var inFileOrder = ItsmTestEngine.Create();
        var inReverse = ItsmTestEngine.Create();

        var expected = await ImportAsync(inFileOrder.Engine, Mapping, "servicenow-lifecycle.csv");
        var report = await new IncidentHistoryImporter(inReverse.Engine, Mapping).ImportAsync(Tenant, Importer, FromText(reversed));

        Assert.Equal((7, 7), (report.Tickets, report.Accepted));
        Assert.Equal(expected.CommandsApplied, report.CommandsApplied);
        var period = new Interval(Instant.FromUtc(2000, 1, 1, 0, 0), Instant.FromUtc(2100, 1, 1, 0, 0));
        Assert.Equal(
            (await inFileOrder.Engine.ReadAuditAsync(Tenant, Importer, period)).Select(e => (e.RecordId, e.Version, e.Command, e.At, e.Actor.Id, e.ToState, string.Join(";", e.Data.Select(d => d.Key + "=" + d.Value)))),
            (await inReverse.Engine.ReadAuditAsync(Tenant, Importer, period)).Select(e => (e.RecordId, e.Version, e.Command, e.At, e.Actor.Id, e.ToState, string.Join(";", e.Data.Select(d => d.Key + "=" + d.Value)))));
    }

    private static string[] LifecycleLines() => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "servicenow-lifecycle.csv"));

    private static string WithoutColumns(IReadOnlyList<string> lines, Func<string, bool> drop)
    {
        var header = lines[0].Split(',');
        var keep = Enumerable.Range(0, header.Length).Where(i => !drop(header[i])).ToHashSet();
        Assert.True(keep.Count < header.Length, "no column dropped");
        return string.Join("\n", lines.Select(l => string.Join(",", l.Split(',').Where((_, i) => keep.Contains(i)))));
    }
}
