using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NodaTime;

namespace Itsm.Samples.WebApi.Tests;

[Collection(ApiCollection.Name)]
public sealed class IncidentEndpointTests(ApiFixture api)
{
    private readonly HttpClient _client = api.Client;

    [Fact]
    public async Task Create_Returns201_WithLocationETagAndTheIncident()
    {
        var tenant = Api.NewTenant();
        var reply = await _client.Post($"/tenants/{tenant}/incidents", """{"callerId":"bob","shortDescription":"Mail is down","impact":"high","urgency":"Medium","service":"Email"}""");

        Assert.Equal(201, reply.Status);
        Assert.Equal("application/json", reply.MediaType);
        Assert.Equal("\"1\"", reply.ETag);
        Assert.Matches($"^/tenants/{tenant}/incidents/[0-9a-f-]{{36}}$", reply.Location);
        Assert.Equal(reply.Location!.Split('/')[^1], reply.Str("id"));
        Assert.Equal("New", reply.Str("state"));
        Assert.Equal(1, reply.Json.GetProperty("version").GetInt64());
        Assert.Equal(2, reply.Json.GetProperty("priority").GetProperty("value").GetInt32());
        Assert.Equal("High", reply.Json.GetProperty("priority").GetProperty("name").GetString());
        Assert.Equal("2026-03-02T10:00:00Z", reply.Str("openedAt"));
        Assert.Equal(["assign", "hold", "resolve", "cancel", "priority", "escalate", "unassign", "start-work"], Records.Strings(reply.Json.GetProperty("permittedCommands")));
    }

    [Fact]
    public async Task Get_ReturnsTheIncident_WithItsVersionAsETag()
    {
        var tenant = Api.NewTenant();
        var path = await Records.IncidentAsync(_client, tenant);
        await _client.Post(path + "/assign", """{"group":"Messaging"}""");

        var reply = await _client.Get(path);

        Assert.Equal(200, reply.Status);
        Assert.Equal("application/json", reply.MediaType);
        Assert.Equal("\"2\"", reply.ETag);
        Assert.Equal("InProgress", reply.Str("state"));
        Assert.Equal("Messaging", reply.Str("assignmentGroup"));
    }

    [Fact]
    public async Task List_FiltersByStateServiceAndAssignmentGroup()
    {
        var tenant = Api.NewTenant();
        var mail = await Records.IncidentAsync(_client, tenant, service: "Email");
        var vpn = await Records.IncidentAsync(_client, tenant, service: "VPN");
        var printer = await Records.IncidentAsync(_client, tenant, service: "Printing");
        await _client.Post(vpn + "/assign", """{"group":"Network"}""");
        await _client.Post(printer + "/assign", """{"group":"Desktop"}""");

        static string Id(string path) => path.Split('/')[^1];
        async Task<string[]> List(string query)
        {
            var reply = await _client.Get($"/tenants/{tenant}/incidents{query}");
            Assert.True(reply.Status == 200, reply.ToString());
            return reply.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).Order().ToArray();
        }

        Assert.Equal(new[] { Id(mail), Id(vpn), Id(printer) }.Order(), await List(""));
        Assert.Equal([Id(mail)], await List("?state=New"));
        Assert.Equal(new[] { Id(vpn), Id(printer) }.Order(), await List("?state=inprogress"));
        Assert.Equal([Id(vpn)], await List("?service=VPN"));
        Assert.Equal([Id(printer)], await List("?assignmentGroup=Desktop&openOnly=true"));
        Assert.Empty(await List("?service=VPN&assignmentGroup=Desktop"));

        var row = (await _client.Get($"/tenants/{tenant}/incidents?service=Email")).Json.GetProperty("items")[0];
        Assert.Equal(1, row.GetProperty("version").GetInt64());
        Assert.Equal("2026-03-02T10:30:00Z", row.GetProperty("slaDueAt").GetString()); // 50 % of the 1 h response target
    }

    [Fact]
    public async Task Commands_RunTheWholeLifecycle_EachReturningTheNewETag()
    {
        var tenant = Api.NewTenant();
        var path = await Records.IncidentAsync(_client, tenant);

        async Task<Reply> Run(string command, string? body, string expectedState, int expectedVersion, string actor = "alice", string roles = "itil")
        {
            var reply = await _client.Post($"{path}/{command}", body, actor, roles);
            Assert.True(reply.Status == 200, $"{command}: {reply}");
            Assert.Equal("application/json", reply.MediaType);
            Assert.Equal($"\"{expectedVersion}\"", reply.ETag);
            Assert.Equal(expectedState, reply.Str("state"));
            Assert.Equal(expectedVersion, reply.Json.GetProperty("version").GetInt64());
            return reply;
        }

        var assigned = await Run("assign", """{"group":"Messaging","assignee":"alice"}""", "InProgress", 2);
        Assert.Equal("alice", assigned.Str("assignedTo"));
        var held = await Run("hold", """{"reason":"AwaitingVendor","comment":"Ticket 123 with the mail vendor"}""", "OnHold", 3);
        Assert.Equal("AwaitingVendor", held.Str("onHoldReason"));
        await Run("resume", null, "InProgress", 4);
        var reprioritised = await Run("priority", """{"impact":"High","urgency":"High"}""", "InProgress", 5);
        Assert.Equal(1, reprioritised.Json.GetProperty("priority").GetProperty("value").GetInt32());
        var escalated = await Run("escalate", """{"toGroup":"Messaging L2","reason":"Needs a mail admin"}""", "InProgress", 6);
        Assert.Equal("Messaging L2", escalated.Str("assignmentGroup"));
        var upwards = await Run("escalate", """{"manager":"mona","reason":"P1 for an hour"}""", "InProgress", 7);
        Assert.Equal(1, upwards.Json.GetProperty("escalationLevel").GetInt32());
        var resolved = await Run("resolve", """{"code":"SolvedPermanently","notes":"Restarted the relay"}""", "Resolved", 8);
        Assert.Equal("SolvedPermanently", resolved.Str("resolutionCode"));
        Assert.Equal("2026-03-02T10:00:00Z", resolved.Str("resolvedAt"));
        await Run("reopen", """{"reason":"Still failing"}""", "InProgress", 9, actor: "bob", roles: "caller");
        await Run("resolve", """{"code":"SolvedWorkaround","notes":"Webmail for now"}""", "Resolved", 10);
        var closed = await Run("close", "{}", "Closed", 11);
        Assert.Empty(Records.Strings(closed.Json.GetProperty("permittedCommands")));
    }

    [Fact]
    public async Task Cancel_CancelsAnOpenIncident()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());

        var reply = await _client.Post(path + "/cancel", """{"reason":"Logged twice"}""");

        Assert.Equal(200, reply.Status);
        Assert.Equal("Canceled", reply.Str("state"));
        Assert.Equal("\"2\"", reply.ETag);
    }

    [Fact]
    public async Task Sla_EvaluatesEveryClockNow_StageElapsedRemainingBreachAndNextThreshold()
    {
        var tenant = Api.NewTenant();
        var start = api.Clock.GetCurrentInstant();
        // P2 (High impact, Medium urgency): response 1 h, resolution 8 business hours, Mon-Fri 09:00-17:00 London.
        var path = await Records.IncidentAsync(_client, tenant);
        var opened = Instant.FromUtc(2026, 3, 2, 10, 0);
        Assert.Equal(opened, start);
        try
        {
            api.Clock.AdvanceMinutes(20);
            var reply = await _client.Get(path + "/sla");

            Assert.Equal(200, reply.Status);
            Assert.Equal("application/json", reply.MediaType);
            Assert.Equal("2026-03-02T10:20:00Z", reply.Str("evaluatedAt"));
            var clocks = reply.Json.GetProperty("clocks");
            Assert.Equal(2, clocks.GetArrayLength());
            var response = clocks.EnumerateArray().Single(c => c.GetProperty("metric").GetString() == "Response");
            Assert.Equal("SLA-STD", response.GetProperty("agreement").GetString());
            Assert.Equal("InProgress", response.GetProperty("stage").GetString());
            Assert.Equal("PT1H", response.GetProperty("target").GetString());
            Assert.Equal("PT20M", response.GetProperty("elapsed").GetString());
            Assert.Equal("PT40M", response.GetProperty("remaining").GetString());
            Assert.Equal("2026-03-02T11:00:00Z", response.GetProperty("breachAt").GetString());
            Assert.Equal("2026-03-02T10:30:00Z", response.GetProperty("nextThresholdAt").GetString());
            var resolution = clocks.EnumerateArray().Single(c => c.GetProperty("metric").GetString() == "Resolution");
            Assert.Equal("InProgress", resolution.GetProperty("stage").GetString());
            Assert.Equal("PT8H", resolution.GetProperty("target").GetString());
            Assert.Equal("2026-03-03T10:00:00Z", resolution.GetProperty("breachAt").GetString()); // 7 h Monday, 1 h Tuesday
            Assert.Equal("2026-03-02T14:00:00Z", resolution.GetProperty("nextThresholdAt").GetString());

            // Assigned at 10:20: response achieved. On hold at 10:50: resolution paused.
            await _client.Post(path + "/assign", """{"group":"Messaging"}""");
            api.Clock.AdvanceMinutes(30);
            await _client.Post(path + "/hold", """{"reason":"AwaitingVendor"}""");
            api.Clock.AdvanceMinutes(70);
            clocks = (await _client.Get(path + "/sla")).Json.GetProperty("clocks");
            response = clocks.EnumerateArray().Single(c => c.GetProperty("metric").GetString() == "Response");
            Assert.Equal("Achieved", response.GetProperty("stage").GetString());
            Assert.Equal("PT20M", response.GetProperty("elapsed").GetString());
            Assert.Equal("2026-03-02T10:20:00Z", response.GetProperty("endedAt").GetString());
            resolution = clocks.EnumerateArray().Single(c => c.GetProperty("metric").GetString() == "Resolution");
            Assert.Equal("Paused", resolution.GetProperty("stage").GetString());
            Assert.Equal("PT50M", resolution.GetProperty("elapsed").GetString());
            Assert.Equal("PT1H10M", resolution.GetProperty("paused").GetString());
            Assert.Equal(JsonNull, resolution.GetProperty("nextThresholdAt").ValueKind);
        }
        finally
        {
            api.Clock.Reset(start);
        }
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}
