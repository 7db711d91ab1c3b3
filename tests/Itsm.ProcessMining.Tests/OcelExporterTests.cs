using System.Linq;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;

namespace Itsm.ProcessMining.Tests;

/// <summary>
/// The export of a realistic week of a service desk (<see cref="ServiceDeskScenario"/>): it validates against the
/// published OCEL 2.0 JSON schema, holds one event per audit entry, and carries the records, their links and
/// their attributes over time.
/// </summary>
public sealed class OcelExporterTests
{
    private static async Task<(ServiceDeskScenario Scenario, System.Collections.Generic.IReadOnlyList<AuditEntry> Entries, ExportedLog Log)> ExportAsync()
    {
        var scenario = await ServiceDeskScenario.RunAsync();
        var entries = await scenario.ReadAuditAsync();
        return (scenario, entries, await ExportedLog.OfAsync(entries));
    }

    [Fact]
    public async Task Export_of_a_mixed_service_desk_validates_against_the_published_OCEL_2_schema()
    {
        var (_, entries, log) = await ExportAsync();

        Assert.Empty(log.SchemaErrors());
        Assert.Empty(log.ConsistencyProblems());

        // Every kind of record took part, so the validation covered each kind of object and its links.
        Assert.Equal(
            [Change.RecordType, ImprovementItem.RecordType, Incident.RecordType, Interaction.RecordType, Problem.RecordType, ServiceRequest.RecordType],
            log.Document["objectTypes"]!.AsArray().Select(t => ExportedLog.Text(t!, "name")).Order());
        Assert.True(entries.Count >= 35, $"the scenario wrote only {entries.Count} entries");
    }

    [Fact]
    public async Task Every_audit_entry_becomes_exactly_one_event_named_after_its_typed_event()
    {
        var (_, entries, log) = await ExportAsync();

        Assert.Equal(entries.Count, log.Summary.Events);
        Assert.Equal(entries.Select(ExportedLog.EventId), log.Events.Select(e => ExportedLog.Text(e, "id")));
        Assert.Equal(entries.Select(e => e.Event.GetType().Name), log.Events.Select(e => ExportedLog.Text(e, "type")));
        Assert.Equal(entries.Select(e => InstantText(e)), log.Events.Select(e => ExportedLog.Text(e, "time")));
        Assert.Equal(log.Objects.Count, log.Summary.Objects);
        Assert.Contains("IncidentResolved", log.Events.Select(e => ExportedLog.Text(e, "type")));
        Assert.Contains("ChangeImplementationCompleted", log.Events.Select(e => ExportedLog.Text(e, "type")));
    }

    [Fact]
    public async Task An_event_carries_the_actor_the_states_the_version_and_the_audit_data()
    {
        var (scenario, entries, log) = await ExportAsync();
        var hold = entries.Single(e => e.RecordId == scenario.Waiting.ToString() && e.Command == "PutOnHold");

        var held = log.Event(ExportedLog.EventId(hold));

        Assert.Equal("IncidentPutOnHold", ExportedLog.Text(held, "type"));
        Assert.Equal(
            [("actor", "agent.smith"), ("command", "PutOnHold"), ("fromState", "InProgress"), ("toState", "OnHold"), ("version", hold.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("comment", "Known sync defect"), ("onHoldReason", "AwaitingProblem")],
            held["attributes"]!.AsArray().Select(a => (ExportedLog.Text(a!, "name"), ExportedLog.Text(a!, "value"))));
        var declared = log.Document["eventTypes"]!.AsArray().Single(t => ExportedLog.Text(t!, "name") == "IncidentPutOnHold")!;
        Assert.Equal(
            [("actor", "string"), ("command", "string"), ("fromState", "string"), ("toState", "string"), ("version", "integer"), ("comment", "string"), ("onHoldReason", "string")],
            declared["attributes"]!.AsArray().Select(a => (ExportedLog.Text(a!, "name"), ExportedLog.Text(a!, "type"))));
    }

    [Fact]
    public async Task The_links_the_audit_records_become_object_to_object_relationships()
    {
        var (s, _, log) = await ExportAsync();
        string Id(string type, object id) => ExportedLog.ObjectId(type, id);

        Assert.Equal([(Id(Problem.RecordType, s.Problem), "problem")], ExportedLog.Relationships(log.Object(Id(Incident.RecordType, s.Waiting))));
        Assert.Equal([(Id(Incident.RecordType, s.Major), "parent incident")], ExportedLog.Relationships(log.Object(Id(Incident.RecordType, s.Child))));
        Assert.Equal([(Id(Change.RecordType, s.Change), "caused by change")], ExportedLog.Relationships(log.Object(Id(Incident.RecordType, s.Caused))));
        Assert.Equal([(Id(Incident.RecordType, s.Major), "raised incident")], ExportedLog.Relationships(log.Object(Id(Interaction.RecordType, s.Call))));
        Assert.Equal(
            [(Id(Incident.RecordType, s.Waiting), "linked incident"), (Id(Change.RecordType, s.Change), "raised change")],
            ExportedLog.Relationships(log.Object(Id(Problem.RecordType, s.Problem))));
        Assert.Empty(ExportedLog.Relationships(log.Object(Id(ServiceRequest.RecordType, s.Request))));
    }

    [Fact]
    public async Task Events_relate_to_their_record_and_to_the_records_they_link_or_were_resolved_by()
    {
        var (s, entries, log) = await ExportAsync();
        string Id(string type, object id) => ExportedLog.ObjectId(type, id);
        System.Collections.Generic.IReadOnlyList<(string, string)> Of(object recordId, string command) =>
            ExportedLog.Relationships(log.Event(ExportedLog.EventId(entries.Single(e => e.RecordId == recordId.ToString() && e.Command == command))));

        Assert.Equal([(Id(Incident.RecordType, s.Waiting), "record"), (Id(Problem.RecordType, s.Problem), "resolved by problem")], Of(s.Waiting, "Resolve"));
        Assert.Equal([(Id(Incident.RecordType, s.Child), "record"), (Id(Incident.RecordType, s.Major), "resolved by parent incident")], Of(s.Child, "Resolve"));
        Assert.Equal([(Id(Problem.RecordType, s.Problem), "record"), (Id(Incident.RecordType, s.Waiting), "linked incident")], Of(s.Problem, "Resolve"));
        Assert.Equal([(Id(Interaction.RecordType, s.Call), "record"), (Id(Incident.RecordType, s.Major), "incident")], Of(s.Call, "ClassifyAsIncident"));
        Assert.Equal([(Id(Incident.RecordType, s.Caused), "record"), (Id(Change.RecordType, s.Change), "causing change")], Of(s.Caused, "LinkCausedByChange"));
        Assert.Equal([(Id(ServiceRequest.RecordType, s.Request), "record")], Of(s.Request, "Approve"));
    }

    [Fact]
    public async Task Objects_carry_their_state_priority_and_assignment_over_time()
    {
        var (s, entries, log) = await ExportAsync();
        var waiting = ExportedLog.ObjectId(Incident.RecordType, s.Waiting);

        Assert.Equal(["New", "InProgress", "OnHold", "Resolved"], log.Values(waiting, "state"));
        Assert.Equal(["4", "3"], log.Values(waiting, "priority"));
        Assert.Equal(["collaboration"], log.Values(waiting, "assignmentGroup"));
        Assert.Equal(["agent.smith"], log.Values(waiting, "assignee"));
        Assert.Equal(["calendar"], log.Values(waiting, "service"));

        // Each value carries the instant of the entry that set it.
        var onHold = entries.Single(e => e.RecordId == s.Waiting.ToString() && e.Command == "PutOnHold");
        var stateOnHold = log.Object(waiting)["attributes"]!.AsArray().Single(a => ExportedLog.Text(a!, "name") == "state" && ExportedLog.Text(a!, "value") == "OnHold")!;
        Assert.Equal(InstantText(onHold), ExportedLog.Text(stateOnHold, "time"));

        Assert.Equal(["true"], log.Values(ExportedLog.ObjectId(Incident.RecordType, s.Major), "major"));
        Assert.Equal(["Standard"], log.Values(ExportedLog.ObjectId(Change.RecordType, s.Change), "changeType"));
        Assert.Equal(["New", "Scheduled", "Implement", "Review", "Closed"], log.Values(ExportedLog.ObjectId(Change.RecordType, s.Change), "state"));
        Assert.Equal(["laptop-standard"], log.Values(ExportedLog.ObjectId(ServiceRequest.RecordType, s.Request), "item"));
        Assert.Equal(["Phone"], log.Values(ExportedLog.ObjectId(Interaction.RecordType, s.Call), "channel"));
        var objectTypes = log.Document["objectTypes"]!.AsArray();
        var incidentType = objectTypes.Single(t => ExportedLog.Text(t!, "name") == Incident.RecordType)!;
        Assert.Contains(("priority", "integer"), incidentType["attributes"]!.AsArray().Select(a => (ExportedLog.Text(a!, "name"), ExportedLog.Text(a!, "type"))));
        Assert.Contains(("major", "boolean"), incidentType["attributes"]!.AsArray().Select(a => (ExportedLog.Text(a!, "name"), ExportedLog.Text(a!, "type"))));
    }

    [Fact]
    public async Task No_entries_give_a_valid_empty_log()
    {
        var log = await ExportedLog.OfAsync([]);

        Assert.Equal("""{"events":[],"eventTypes":[],"objectTypes":[],"objects":[]}""", log.Json);
        Assert.Empty(log.SchemaErrors());
        Assert.Equal(default, log.Summary);
    }

    private static string InstantText(AuditEntry entry) => NodaTime.Text.InstantPattern.ExtendedIso.Format(entry.At);
}
