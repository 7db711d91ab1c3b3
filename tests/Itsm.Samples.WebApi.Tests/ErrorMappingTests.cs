using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using static Itsm.Samples.WebApi.Tests.ProblemAssert;

namespace Itsm.Samples.WebApi.Tests;

[Collection(ApiCollection.Name)]
public sealed class ErrorMappingTests(ApiFixture api)
{
    private readonly HttpClient _client = api.Client;

    // 409

    [Fact]
    public async Task InvalidTransition_Is409_WithStateTriggerAndPermittedCommands()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());

        var reply = await _client.Post(path + "/close");

        AssertProblem(reply, 409, "invalid-transition", "ITSM-LC-TRANSITION-001", instance: path + "/close");
        var triggers = Records.Strings(reply.Json.GetProperty("permittedTriggers"));
        Assert.Equal($"Incident in state New cannot Close; it permits: {string.Join(", ", triggers)}.", reply.Str("detail"));
        Assert.Equal(["Assign", "PutOnHold", "RecordCallerResponse", "Resolve", "Cancel"], triggers.Take(5));
        Assert.Equal("Incident", reply.Str("recordType"));
        Assert.Equal("New", reply.Str("state"));
        Assert.Equal("Close", reply.Str("trigger"));
        Assert.Equal(["assign", "hold", "resolve", "cancel", "priority", "escalate", "unassign", "start-work"], Records.Strings(reply.Json.GetProperty("permittedCommands")));
        Assert.Contains("PromoteToMajor", triggers);
    }

    [Fact]
    public async Task InvalidTransition_InATerminalState_Is409_WithNoPermittedCommands()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());
        await _client.Post(path + "/cancel", """{"reason":"Duplicate"}""");

        var reply = await _client.Post(path + "/assign", """{"group":"Network"}""");

        AssertProblem(reply, 409, "invalid-transition", "ITSM-LC-TRANSITION-001");
        Assert.Equal("Canceled", reply.Str("state"));
        Assert.Empty(Records.Strings(reply.Json.GetProperty("permittedCommands")));
    }

    // 400

    [Fact]
    public async Task MalformedJson_Is400_WithoutAField()
    {
        var reply = await _client.Post($"/tenants/{Api.NewTenant()}/incidents", """{"callerId": "bob", """);

        AssertProblem(reply, 400, "bad-request", "ITSM-WEBAPI-BODY-001");
        Assert.StartsWith("The request body is not valid JSON", reply.Str("detail"), StringComparison.Ordinal);
        Assert.False(reply.Json.TryGetProperty("field", out _));
    }

    [Fact]
    public async Task ABodyThatIsNotAnObject_Is400()
    {
        var reply = await _client.Post($"/tenants/{Api.NewTenant()}/incidents", """["bob"]""");

        AssertProblem(reply, 400, "bad-request", "ITSM-WEBAPI-BODY-001");
        Assert.Equal("The request body must be a JSON object, not an array.", reply.Str("detail"));
    }

    [Fact]
    public async Task AMissingField_Is400_NamingIt()
    {
        var reply = await _client.Post($"/tenants/{Api.NewTenant()}/incidents", """{"shortDescription":"Mail is down","impact":"High","urgency":"High"}""");

        AssertBadField(reply, "callerId");
        Assert.Equal("The field 'callerId' is required.", reply.Str("detail"));
    }

    [Fact]
    public async Task AnUnknownEnumValue_Is400_NamingTheFieldAndTheValuesItTakes()
    {
        var reply = await _client.Post($"/tenants/{Api.NewTenant()}/incidents", """{"callerId":"bob","shortDescription":"Mail is down","impact":"Huge","urgency":"High"}""");

        AssertBadField(reply, "impact");
        Assert.Equal("The field 'impact' must be one of High, Medium, Low; 'Huge' is not.", reply.Str("detail"));
    }

    [Fact]
    public async Task AValueOfTheWrongType_Is400_NamingTheField()
    {
        var reply = await _client.Post($"/tenants/{Api.NewTenant()}/incidents", """{"callerId":"bob","shortDescription":"Mail is down","impact":1,"urgency":"High"}""");

        AssertBadField(reply, "impact");
        Assert.Equal("The field 'impact' must be a string, not a number.", reply.Str("detail"));
    }

    [Fact]
    public async Task ABlankField_Is400_NamingIt()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());

        var reply = await _client.Post(path + "/assign", """{"group":"   "}""");

        AssertBadField(reply, "group", "must not be blank");
    }

    [Fact]
    public async Task AnUnknownField_Is400_NamingIt()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());

        var reply = await _client.Post(path + "/assign", """{"group":"Network","asignee":"alice"}""");

        AssertBadField(reply, "asignee");
        Assert.Equal("The field 'asignee' is not known (known fields: assignee, group).", reply.Str("detail"));
    }

    [Fact]
    public async Task AnInvalidInstant_Is400_NamingTheField()
    {
        var path = await Records.ChangeAsync(_client, Api.NewTenant());

        var reply = await _client.Post(path + "/schedule", """{"start":"next Saturday","end":"2026-03-07T08:00:00Z"}""", "rita");

        AssertBadField(reply, "start", "ISO 8601");
    }

    [Fact]
    public async Task AnArgumentTheDomainRefuses_Is400_NamingTheParameter()
    {
        // The risk questionnaire lives in the domain: an unanswered question is an ArgumentException naming 'answers'.
        var path = await Records.ChangeAsync(_client, Api.NewTenant());
        await _client.Post(path + "/submit", null, "rita");

        var reply = await _client.Post(path + "/assess-risk", """{"answers":{"blastRadius":"single"}}""", "rita");

        AssertBadField(reply, "answers");
        Assert.Equal("Question 'tested' is not answered.", reply.Str("detail"));
    }

    [Fact]
    public async Task AMalformedIfMatch_Is400_NamingTheHeader()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());

        var reply = await _client.Post(path + "/assign", """{"group":"Network"}""", ifMatch: "W/\"1\"");

        AssertBadField(reply, "If-Match");
    }

    [Fact]
    public async Task AnUnknownStateFilter_Is400_NamingIt()
    {
        var reply = await _client.Get($"/tenants/{Api.NewTenant()}/incidents?state=Open");

        AssertBadField(reply, "state", "New, InProgress, OnHold, Resolved, Closed, Canceled");
    }

    // 412

    [Fact]
    public async Task AStaleIfMatch_Is412_WithExpectedAndActualVersions()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());
        var assigned = await _client.Post(path + "/assign", """{"group":"Messaging"}""", ifMatch: "\"1\"");
        Assert.Equal(200, assigned.Status);
        Assert.Equal("\"2\"", assigned.ETag);

        var reply = await _client.Post(path + "/hold", """{"reason":"AwaitingVendor"}""", ifMatch: "\"1\"");

        AssertProblem(reply, 412, "version-mismatch", "ITSM-PERSIST-CONCURRENCY-001");
        Assert.Equal(1, reply.Json.GetProperty("expectedVersion").GetInt64());
        Assert.Equal(2, reply.Json.GetProperty("actualVersion").GetInt64());
        Assert.Equal("\"2\"", reply.Str("currentETag"));
        Assert.Equal("\"2\"", reply.ETag);
        Assert.Equal("InProgress", (await _client.Get(path)).Str("state"));
    }

    [Fact]
    public async Task ALostRace_Is412_WithExpectedAndActualVersions()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());
        await _client.Post(path + "/assign", """{"group":"Messaging"}""");
        var (entered, release) = api.Authorizer.Arm();

        // The racer's command loads version 2, then waits in authorization ...
        var racer = _client.Post(path + "/escalate", """{"manager":"mona","reason":"Slow"}""", actor: GatedAuthorizer.HeldActor, roles: "itil");
        await entered.WaitAsync(TimeSpan.FromSeconds(20));
        // ... while another agent's command commits version 3.
        var winner = await _client.Post(path + "/escalate", """{"manager":"mona","reason":"Fast"}""");
        Assert.Equal("\"3\"", winner.ETag);
        release();
        var reply = await racer;

        AssertProblem(reply, 412, "version-mismatch", "ITSM-PERSIST-CONCURRENCY-001");
        Assert.Equal(2, reply.Json.GetProperty("expectedVersion").GetInt64());
        Assert.Equal(3, reply.Json.GetProperty("actualVersion").GetInt64());
        var after = await _client.Get(path);
        Assert.Equal("\"3\"", after.ETag);
        Assert.Equal(1, after.Json.GetProperty("escalationLevel").GetInt32());
    }

    // 404, 401, 403

    [Fact]
    public async Task AMissingRecord_Is404()
    {
        var tenant = Api.NewTenant();
        var id = Guid.NewGuid().ToString("D");

        var get = await _client.Get($"/tenants/{tenant}/incidents/{id}");
        var command = await _client.Post($"/tenants/{tenant}/changes/{id}/submit");
        var notAnId = await _client.Get($"/tenants/{tenant}/problems/INC0001");

        AssertProblem(get, 404, "not-found", "ITSM-PERSIST-NOTFOUND-001");
        Assert.Equal($"Incident '{id}' of tenant '{tenant}' does not exist.", get.Str("detail"));
        Assert.Equal(id, get.Str("recordId"));
        AssertProblem(command, 404, "not-found", "ITSM-PERSIST-NOTFOUND-001");
        Assert.Equal("Change", command.Str("recordType"));
        AssertProblem(notAnId, 404, "not-found", "ITSM-PERSIST-NOTFOUND-001");
    }

    [Fact]
    public async Task AnotherTenantsRecord_Is404()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());
        var elsewhere = "/tenants/" + Api.NewTenant() + "/incidents/" + path.Split('/')[^1];

        AssertProblem(await _client.Get(elsewhere), 404, "not-found", "ITSM-PERSIST-NOTFOUND-001");
    }

    [Fact]
    public async Task ARequestWithoutAnActor_Is401()
    {
        var reply = await _client.Get($"/tenants/{Api.NewTenant()}/incidents", actor: null);

        AssertProblem(reply, 401, "unauthenticated", "ITSM-WEBAPI-ACTOR-001");
        Assert.Contains("X-Actor", reply.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommandTheActorsRolesDoNotAllow_Is403()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());

        var reply = await _client.Post(path + "/assign", """{"group":"Network"}""", actor: "bob", roles: "caller");

        AssertProblem(reply, 403, "forbidden", "ITSM-AUTH-DENIED-001");
        Assert.Equal("bob", reply.Str("actor"));
        Assert.Equal("Assign", reply.Str("action"));
        Assert.Equal("\"1\"", (await _client.Get(path)).ETag);
    }

    [Fact]
    public async Task CreatingOrReadingWithoutTheRole_Is403()
    {
        var tenant = Api.NewTenant();
        var create = await _client.Post($"/tenants/{tenant}/problems", """{"shortDescription":"x"}""", actor: "alice", roles: "itil");
        var path = await Records.IncidentAsync(_client, tenant, caller: "bob");
        var othersIncident = await _client.Get(path, actor: "carol", roles: "caller");
        var ownIncident = await _client.Get(path, actor: "bob", roles: "caller");

        AssertProblem(create, 403, "forbidden", "ITSM-AUTH-DENIED-001");
        Assert.Equal("Open", create.Str("action"));
        AssertProblem(othersIncident, 403, "forbidden", "ITSM-AUTH-DENIED-001");
        Assert.Equal("Read", othersIncident.Str("action"));
        Assert.Equal(200, ownIncident.Status);
    }

    [Fact]
    public async Task ListingWithoutTheRole_Is403_AndACallerCannotProbeForIncidents()
    {
        var tenant = Api.NewTenant();
        await Records.IncidentAsync(_client, tenant, caller: "bob");
        var missing = $"/tenants/{tenant}/incidents/{Guid.NewGuid():D}";

        var callerList = await _client.Get($"/tenants/{tenant}/incidents", actor: "bob", roles: "caller");
        var agentList = await _client.Get($"/tenants/{tenant}/incidents", actor: "alice", roles: "itil");
        var callerMissing = await _client.Get(missing, actor: "bob", roles: "caller");
        var agentMissing = await _client.Get(missing, actor: "alice", roles: "itil");

        AssertProblem(callerList, 403, "forbidden", "ITSM-AUTH-DENIED-001");
        Assert.Equal("Query", callerList.Str("action"));
        Assert.Equal($"'bob' may not run Query on the Incident records of tenant '{tenant}'.", callerList.Str("detail"));
        Assert.Equal(200, agentList.Status);
        AssertProblem(callerMissing, 403, "forbidden", "ITSM-AUTH-DENIED-001");
        Assert.Equal("Read", callerMissing.Str("action"));
        AssertProblem(agentMissing, 404, "not-found", "ITSM-PERSIST-NOTFOUND-001");
    }

    // 422

    [Fact]
    public async Task ABrokenRule_Is422_WithItsCode()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant(), caller: "bob");

        var hold = await _client.Post(path + "/hold", """{"reason":"AwaitingCaller"}""");
        var resolve = await _client.Post(path + "/resolve", """{"code":"SolvedPermanently"}""");

        AssertProblem(hold, 422, "rule-violation", "ITSM-INC-HOLD-001");
        Assert.Equal("Putting an incident on hold awaiting the caller needs a comment saying what the caller is asked for.", hold.Str("detail"));
        AssertProblem(resolve, 422, "rule-violation", "ITSM-INC-RESOLVE-001");
        Assert.Equal("\"1\"", (await _client.Get(path)).ETag);
    }

    [Fact]
    public async Task SegregationOfDuties_Is422_WithItsCode()
    {
        var path = await Records.ChangeAsync(_client, Api.NewTenant(), requester: "rita", roles: "itil,peer");
        await _client.Post(path + "/submit", null, "rita", "itil,peer");
        await _client.Post(path + "/assess-risk", """{"answers":{"blastRadius":"single","tested":"yes"}}""", "rita", "itil,peer");
        await _client.Post(path + "/request-authorization", null, "rita", "itil,peer");

        var reply = await _client.Post(path + "/approve", null, "rita", "itil,peer");

        AssertProblem(reply, 422, "rule-violation", "ITSM-CHG-SOD-001");
    }

    // Idempotency

    [Fact]
    public async Task ACreateRetriedWithTheSameKey_ReplaysTheFirstResponse()
    {
        var tenant = Api.NewTenant();
        const string body = """{"callerId":"bob","shortDescription":"Mail is down","impact":"Low","urgency":"Low"}""";

        var first = await _client.Post($"/tenants/{tenant}/incidents", body, idempotencyKey: "create-1");
        var second = await _client.Post($"/tenants/{tenant}/incidents", body, idempotencyKey: "create-1");

        Assert.Equal(201, first.Status);
        Assert.Equal(201, second.Status);
        Assert.Equal(first.Location, second.Location);
        Assert.Equal(first.ETag, second.ETag);
        Assert.Equal(first.Text, second.Text);
        Assert.False(first.Headers.ContainsKey("Idempotent-Replayed"));
        Assert.Equal("true", second.Headers["Idempotent-Replayed"]);
        Assert.Single((await _client.Get($"/tenants/{tenant}/incidents")).Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ACommandRetriedWithTheSameKey_ReplaysTheFirstResult_AndWritesNothing()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());
        const string body = """{"manager":"mona","reason":"P2 for an hour"}""";

        var first = await _client.Post(path + "/escalate", body, idempotencyKey: "esc-1");
        var second = await _client.Post(path + "/escalate", body, idempotencyKey: "esc-1");

        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        Assert.Equal("\"2\"", first.ETag);
        Assert.Equal("\"2\"", second.ETag);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal("true", second.Headers["Idempotent-Replayed"]);
        var after = await _client.Get(path);
        Assert.Equal("\"2\"", after.ETag);
        Assert.Equal(1, after.Json.GetProperty("escalationLevel").GetInt32());
    }

    [Fact]
    public async Task AKeyReusedWithAnotherBody_Is422_WithItsCode()
    {
        var tenant = Api.NewTenant();
        var path = await Records.IncidentAsync(_client, tenant);
        Assert.Equal(200, (await _client.Post(path + "/assign", """{"group":"Messaging"}""", idempotencyKey: "k-1")).Status);

        var command = await _client.Post(path + "/assign", """{"group":"Network"}""", idempotencyKey: "k-1");
        var create = await _client.Post($"/tenants/{tenant}/incidents", """{"callerId":"bob","shortDescription":"Other","impact":"Low","urgency":"Low"}""", idempotencyKey: "k-1");

        AssertProblem(command, 422, "idempotency-key-reused", "ITSM-PERSIST-IDEMPOTENCY-001");
        Assert.Equal("k-1", command.Str("idempotencyKey"));
        AssertProblem(create, 422, "idempotency-key-reused", "ITSM-PERSIST-IDEMPOTENCY-001");
        Assert.Equal("Messaging", (await _client.Get(path)).Str("assignmentGroup"));
        Assert.Single((await _client.Get($"/tenants/{tenant}/incidents")).Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task UnknownRoutes_AnswerWithProblemDetails()
    {
        var reply = await _client.Get("/no/such/route");

        Assert.Equal(404, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.Equal(404, reply.Json.GetProperty("status").GetInt32());
    }
}
