using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Problems;
using NodaTime;

namespace Itsm.ProcessMining.Tests;

/// <summary>
/// <see cref="OcelExporter.WriteAsync"/> on hand-made audit entries: bad input, entries no event type reads,
/// links to records outside the log, and times to the nanosecond.
/// </summary>
public sealed class OcelEntryExportTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("agent.smith", "itil");
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 30, 9, 0);

    private static AuditEntry Entry(string recordType, string recordId, long version, string command, string from, string to, params (string Key, string Value)[] data) =>
        new(Tenant, recordType, recordId, version, Monday + Duration.FromMinutes(version), Agent, command, from, to, data.ToDictionary(d => d.Key, d => d.Value));

    private static AuditEntry OpenedIncident(string id) =>
        Entry(Incident.RecordType, id, 1, "Open", "New", "New", ("callerId", "caller.jones"), ("impact", "2"), ("urgency", "2"), ("priority", "3"));

    [Fact]
    public async Task Bad_arguments_are_refused_naming_the_parameter()
    {
        using var stream = new MemoryStream();
        using var readOnly = new MemoryStream([], writable: false);

        Assert.Equal("entries", (await Assert.ThrowsAsync<ArgumentNullException>(() => OcelExporter.WriteAsync(null!, stream))).ParamName);
        Assert.Equal("output", (await Assert.ThrowsAsync<ArgumentNullException>(() => OcelExporter.WriteAsync([], null!))).ParamName);
        var unwritable = await Assert.ThrowsAsync<ArgumentException>(() => OcelExporter.WriteAsync([], readOnly));
        Assert.Equal("The output stream cannot be written to. (Parameter 'output')", unwritable.Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public async Task A_null_entry_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => OcelExporter.WriteAsync([OpenedIncident(IncidentId.New().ToString()), null!], Stream.Null));

        Assert.Equal("The entries hold a null entry. (Parameter 'entries')", error.Message);
    }

    [Fact]
    public async Task Entries_of_two_tenants_are_refused()
    {
        var other = OpenedIncident(IncidentId.New().ToString()) with { Tenant = new TenantId("globex") };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => OcelExporter.WriteAsync([OpenedIncident(IncidentId.New().ToString()), other], Stream.Null));

        Assert.Equal("The entries belong to more than one tenant ('acme' and 'globex'); export one tenant's log at a time. (Parameter 'entries')", error.Message);
    }

    [Fact]
    public async Task The_same_entry_given_twice_is_refused_as_it_would_give_two_events_with_one_id()
    {
        var id = IncidentId.New().ToString();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => OcelExporter.WriteAsync([OpenedIncident(id), OpenedIncident(id)], Stream.Null));

        Assert.Equal($"The entries hold version 1 of Incident:{id} twice; each audit entry becomes one event and may be given once. (Parameter 'entries')", error.Message);
    }

    [Fact]
    public async Task A_canceled_export_stops_with_OperationCanceledException()
    {
        using var canceled = new System.Threading.CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OcelExporter.WriteAsync([OpenedIncident(IncidentId.New().ToString())], Stream.Null, canceled.Token));
    }

    [Fact]
    public async Task Entries_no_event_type_reads_keep_their_record_type_command_and_data()
    {
        var incident = IncidentId.New().ToString();
        var log = await ExportedLog.OfAsync(
        [
            OpenedIncident(incident),
            Entry(Incident.RecordType, incident, 2, "Handover", "New", "New", ("group", "network"), ("actor", "someone.else")),
            Entry("Contract", "CT0042", 1, "Publish", "Draft", "Published", ("title", "Sharing a calendar")),
        ]);

        Assert.Empty(log.SchemaErrors());
        Assert.Empty(log.ConsistencyProblems());
        Assert.Equal(["IncidentOpened", "IncidentHandover", "ContractPublish"], log.Events.Select(e => ExportedLog.Text(e, "type")));
        var unassign = log.Events[1];
        Assert.Equal("network", ExportedLog.Attribute(unassign, "group"));

        // A data key that is one of the event's own attributes keeps its value under a prefixed name.
        Assert.Equal("agent.smith", ExportedLog.Attribute(unassign, "actor"));
        Assert.Equal("someone.else", ExportedLog.Attribute(unassign, "data.actor"));
        Assert.Equal(["Published"], log.Values("Contract:CT0042", "state"));
    }

    [Fact]
    public async Task A_record_linked_to_but_not_in_the_log_is_an_object_without_attributes()
    {
        var incident = IncidentId.New().ToString();
        var log = await ExportedLog.OfAsync([OpenedIncident(incident), Entry(Incident.RecordType, incident, 2, "LinkProblem", "New", "New", ("problem", "PRB-42"))]);

        Assert.Empty(log.SchemaErrors());
        Assert.Empty(log.ConsistencyProblems());
        Assert.Equal([("Problem:PRB-42", "problem")], ExportedLog.Relationships(log.Object($"Incident:{incident}")));
        Assert.Empty(log.Object("Problem:PRB-42")["attributes"]!.AsArray());
        Assert.Equal(2, log.Summary.Objects);
    }

    [Fact]
    public async Task Unlinking_an_incident_from_a_problem_removes_the_link_but_not_its_history()
    {
        var problem = ProblemId.New().ToString();
        var (kept, unlinked) = (IncidentId.New().ToString(), IncidentId.New().ToString());
        var log = await ExportedLog.OfAsync(
        [
            Entry(Problem.RecordType, problem, 1, "Open", "New", "New", ("shortDescription", "Sync drops updates")),
            Entry(Problem.RecordType, problem, 2, "LinkIncident", "New", "New", ("incident", unlinked)),
            Entry(Problem.RecordType, problem, 3, "LinkIncident", "New", "New", ("incident", kept)),
            Entry(Problem.RecordType, problem, 4, "UnlinkIncident", "New", "New", ("incident", unlinked)),
        ]);

        Assert.Empty(log.ConsistencyProblems());
        Assert.Equal([($"Incident:{kept}", "linked incident")], ExportedLog.Relationships(log.Object($"Problem:{problem}")));
        Assert.Equal([($"Problem:{problem}", "record"), ($"Incident:{unlinked}", "incident")], ExportedLog.Relationships(log.Events[3]));
    }

    [Fact]
    public async Task Times_are_ISO_8601_in_UTC_to_the_nanosecond_and_pass_the_schemas_date_time_format()
    {
        var at = Monday + Duration.FromNanoseconds(123_456_789);
        var log = await ExportedLog.OfAsync([OpenedIncident(IncidentId.New().ToString()) with { At = at }]);

        Assert.Equal("2026-11-30T09:00:00.123456789Z", ExportedLog.Text(log.Events[0], "time"));
        Assert.Equal("2026-11-30T09:00:00.123456789Z", ExportedLog.Text(log.Objects[0]["attributes"]![0]!, "time"));
        Assert.Empty(log.SchemaErrors());
        Assert.Empty(log.ConsistencyProblems());
    }

    [Fact]
    public async Task Entries_of_one_record_out_of_order_still_give_one_event_each()
    {
        var id = IncidentId.New().ToString();
        List<AuditEntry> entries = [Entry(Incident.RecordType, id, 2, "Assign", "New", "InProgress", ("group", "network")), OpenedIncident(id)];

        var log = await ExportedLog.OfAsync(entries);

        Assert.Equal([$"Incident:{id}:2", $"Incident:{id}:1"], log.Events.Select(e => ExportedLog.Text(e, "id")));
        Assert.Empty(log.ConsistencyProblems());
    }
}
