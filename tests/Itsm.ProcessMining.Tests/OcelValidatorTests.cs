using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Itsm.Problems;

namespace Itsm.ProcessMining.Tests;

/// <summary>
/// The two checks the export tests rely on can fail: the published schema (as evaluated here) refuses
/// malformed logs, and the consistency check refuses logs the schema lets through but OCEL 2.0 forbids.
/// Each case breaks one thing in a valid export.
/// </summary>
public sealed class OcelValidatorTests
{
    private static async Task<JsonNode> ValidExportAsync()
    {
        var scenario = await ServiceDeskScenario.RunAsync();
        var log = await ExportedLog.OfAsync(await scenario.ReadAuditAsync());
        Assert.Empty(log.SchemaErrors());
        Assert.Empty(log.ConsistencyProblems());
        return log.Document;
    }

    private static JsonObject FirstEvent(JsonNode document) => document["events"]![0]!.AsObject();

    [Fact]
    public async Task The_schema_refuses_an_event_without_a_time()
    {
        var document = await ValidExportAsync();
        FirstEvent(document).Remove("time");

        Assert.Contains(OcelSchema.Errors(document.ToJsonString()), e => e.StartsWith("/events/0: required", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_schema_refuses_a_time_that_is_not_a_date_time()
    {
        var document = await ValidExportAsync();
        FirstEvent(document)["time"] = "Monday morning";

        Assert.Contains(OcelSchema.Errors(document.ToJsonString()), e => e.StartsWith("/events/0/time: format", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_schema_refuses_an_attribute_value_that_is_not_a_string()
    {
        var document = await ValidExportAsync();
        FirstEvent(document)["attributes"]![0]!["value"] = 42;

        Assert.Contains(OcelSchema.Errors(document.ToJsonString()), e => e.StartsWith("/events/0/attributes/0/value: type", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_schema_refuses_a_log_without_its_object_types()
    {
        var document = await ValidExportAsync();
        document.AsObject().Remove("objectTypes");

        Assert.NotEmpty(OcelSchema.Errors(document.ToJsonString()));
    }

    [Fact]
    public async Task The_consistency_check_refuses_an_event_that_relates_to_a_missing_object()
    {
        var document = await ValidExportAsync();
        var objects = document["objects"]!.AsArray();
        var problem = objects.First(o => o!["type"]!.GetValue<string>() == Problem.RecordType)!;
        var problemId = problem["id"]!.GetValue<string>();
        objects.Remove(problem);

        // The schema checks shapes only, so this log still passes it: the consistency check is what catches it.
        Assert.Empty(OcelSchema.Errors(document.ToJsonString()));
        Assert.Contains($"relates to {problemId}, which is not an object of the log", string.Join("\n", OcelConsistency.Problems(document)));
    }

    [Fact]
    public async Task The_consistency_check_refuses_repeated_ids_undeclared_types_and_attributes_and_times_without_an_offset()
    {
        var document = await ValidExportAsync();
        var events = document["events"]!.AsArray();
        events.Add(events[0]!.DeepClone());
        events[1]!["type"] = "IncidentTeleported";
        events[2]!["attributes"]!.AsArray().Add(new JsonObject { ["name"] = "mood", ["value"] = "calm" });
        events[3]!["time"] = "2026-11-30T09:00:00";

        var problems = OcelConsistency.Problems(document);

        Assert.Contains(problems, p => p.StartsWith($"event id {events[0]!["id"]} is not unique", System.StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("has the undeclared type IncidentTeleported", System.StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("has the attribute mood, which its type " + events[2]!["type"] + " does not declare", System.StringComparison.Ordinal));
        Assert.Contains(problems, p => p.EndsWith("time '2026-11-30T09:00:00' is not ISO-8601 with an offset", System.StringComparison.Ordinal));
    }
}
