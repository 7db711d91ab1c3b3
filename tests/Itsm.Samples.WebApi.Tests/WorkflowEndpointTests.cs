using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using static Itsm.Samples.WebApi.Tests.ProblemAssert;

namespace Itsm.Samples.WebApi.Tests;

/// <summary>
/// Tenant <c>contoso</c> runs its own incident workflow, read from <c>workflows/contoso-incident.json</c>
/// (SampleConfiguration.ContosoIncidentWorkflow); every other tenant the built-in lifecycle.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WorkflowEndpointTests(ApiFixture api)
{
    private const string Contoso = "contoso";

    private readonly HttpClient _client = api.Client;

    [Fact]
    public async Task AContosoIncident_StartsInTriage_WhereItCannotBeAssigned()
    {
        var path = await Records.IncidentAsync(_client, Contoso);
        var record = await _client.Get(path);

        Assert.Equal("New", record.Str("state"));
        var workflow = record.Json.GetProperty("workflow");
        Assert.Equal("contoso-incident", workflow.GetProperty("id").GetString());
        Assert.Equal(1, workflow.GetProperty("version").GetInt32());
        Assert.Equal("Triage", workflow.GetProperty("state").GetString());
        Assert.Equal(["triage"], Records.Strings(workflow.GetProperty("transitions")));
        var permitted = Records.Strings(record.Json.GetProperty("permittedCommands"));
        Assert.Contains("transition", permitted);
        Assert.DoesNotContain("assign", permitted);
        AssertProblem(await _client.Post(path + "/assign", """{"group":"Messaging"}"""), 409, "invalid-transition", "ITSM-LC-TRANSITION-001");
    }

    [Fact]
    public async Task Triage_MovesToReady_AfterWhichTheIncidentCanBeAssigned()
    {
        var path = await Records.IncidentAsync(_client, Contoso);

        var triaged = await _client.Post(path + "/transition", """{"transition":"triage"}""");

        Assert.True(triaged.Status == 200, triaged.ToString());
        Assert.Equal("New", triaged.Str("state"));
        Assert.Equal("Ready", triaged.Json.GetProperty("workflow").GetProperty("state").GetString());
        Assert.Empty(triaged.Json.GetProperty("workflow").GetProperty("transitions").EnumerateArray());
        Assert.Contains("assign", Records.Strings(triaged.Json.GetProperty("permittedCommands")));
        // Assigning starts work (the sample's incident policy): the incident enters InProgress at its entry state.
        var assigned = await _client.Post(path + "/assign", """{"group":"Messaging"}""");
        Assert.True(assigned.Status == 200, assigned.ToString());
        Assert.Equal("InProgress", assigned.Str("state"));
        Assert.Equal("Investigating", assigned.Json.GetProperty("workflow").GetProperty("state").GetString());
        Assert.Equal(["await-change"], Records.Strings(assigned.Json.GetProperty("workflow").GetProperty("transitions")));
    }

    [Fact]
    public async Task AwaitingChange_RefusesResolve_UntilTheChangeIsReleased()
    {
        var path = await Records.IncidentAsync(_client, Contoso);
        await _client.Post(path + "/transition", """{"transition":"triage"}""");
        await _client.Post(path + "/assign", """{"group":"Messaging"}""");
        var waiting = await _client.Post(path + "/transition", """{"transition":"await-change"}""");
        Assert.True(waiting.Status == 200, waiting.ToString());
        Assert.Equal("InProgress", waiting.Str("state"));
        Assert.DoesNotContain("resolve", Records.Strings(waiting.Json.GetProperty("permittedCommands")));

        AssertProblem(await _client.Post(path + "/resolve", """{"code":"SolvedPermanently","notes":"Patched"}"""), 409, "invalid-transition", "ITSM-LC-TRANSITION-001");
        var released = await _client.Post(path + "/transition", """{"transition":"change-released"}""", roles: "change_manager");
        Assert.True(released.Status == 200, released.ToString());
        var resolved = await _client.Post(path + "/resolve", """{"code":"SolvedPermanently","notes":"Patched"}""");
        Assert.True(resolved.Status == 200, resolved.ToString());
        Assert.Equal("Resolved", resolved.Str("state"));
        Assert.Equal("Resolved", resolved.Json.GetProperty("workflow").GetProperty("state").GetString());
    }

    [Fact]
    public async Task AGuardThatDoesNotHold_Is422_SayingWhy()
    {
        var opened = await _client.Post($"/tenants/{Contoso}/incidents", """{"callerId":"bob","shortDescription":"Mail is down","impact":"High","urgency":"Medium"}""");
        Assert.True(opened.Status == 201, opened.ToString());

        var reply = await _client.Post(opened.Location + "/transition", """{"transition":"triage"}""");

        AssertProblem(reply, 422, "rule-violation", "ITSM-WF-GUARD-001");
        Assert.Contains("Service is not set", reply.Str("detail"));
        Assert.Equal("Triage", (await _client.Get(opened.Location!)).Json.GetProperty("workflow").GetProperty("state").GetString());
    }

    [Fact]
    public async Task AnUnknownTransition_Is422_AndAMissingName_Is400()
    {
        var path = await Records.IncidentAsync(_client, Contoso);

        AssertProblem(await _client.Post(path + "/transition", """{"transition":"escalate-to-mars"}"""), 422, "rule-violation", "ITSM-WF-TRANSITION-001");
        var missing = await _client.Post(path + "/transition", "{}");
        AssertProblem(missing, 400, "bad-request", "ITSM-WEBAPI-INPUT-001");
        Assert.Equal("transition", missing.Str("field"));
    }

    [Fact]
    public async Task ACaller_MayNotTakeATransition()
    {
        var path = await Records.IncidentAsync(_client, Contoso, caller: "bob");

        AssertProblem(await _client.Post(path + "/transition", """{"transition":"triage"}""", actor: "bob", roles: "caller"), 403, "forbidden", "ITSM-AUTH-DENIED-001");
    }

    [Fact]
    public async Task AnotherTenantsIncident_RunsTheBuiltInLifecycle()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());
        var record = await _client.Get(path);

        Assert.Equal(JsonValueKind.Null, record.Json.GetProperty("workflow").ValueKind);
        var permitted = Records.Strings(record.Json.GetProperty("permittedCommands"));
        Assert.Contains("assign", permitted);
        Assert.DoesNotContain("transition", permitted);
        AssertProblem(await _client.Post(path + "/transition", """{"transition":"triage"}"""), 409, "invalid-transition", "ITSM-LC-TRANSITION-001");
    }
}
