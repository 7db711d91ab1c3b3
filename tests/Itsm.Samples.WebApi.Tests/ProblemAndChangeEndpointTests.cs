using System.Net.Http;
using System.Threading.Tasks;

namespace Itsm.Samples.WebApi.Tests;

[Collection(ApiCollection.Name)]
public sealed class ProblemAndChangeEndpointTests(ApiFixture api)
{
    private readonly HttpClient _client = api.Client;

    [Fact]
    public async Task Problem_CreateGetAndMainCommands_RunToClosed()
    {
        var tenant = Api.NewTenant();
        var create = await _client.Post($"/tenants/{tenant}/problems", """{"shortDescription":"VPN drops every few minutes","service":"VPN"}""", actor: "pat", roles: "problem_manager");
        Assert.Equal(201, create.Status);
        Assert.Equal("\"1\"", create.ETag);
        Assert.Equal("New", create.Str("state"));
        var path = create.Location!;

        var get = await _client.Get(path, actor: "alice", roles: "itil");
        Assert.Equal(200, get.Status);
        Assert.Equal("\"1\"", get.ETag);
        Assert.Equal("VPN", get.Str("service"));

        int version = 1;
        async Task<Reply> Run(string command, string? body, string state)
        {
            var reply = await _client.Post($"{path}/{command}", body, actor: "pat", roles: "problem_manager");
            Assert.True(reply.Status == 200, $"{command}: {reply}");
            Assert.Equal($"\"{++version}\"", reply.ETag);
            Assert.Equal(state, reply.Str("state"));
            return reply;
        }

        await Run("assess", null, "Assess");
        await Run("start-analysis", null, "RootCauseAnalysis");
        await Run("root-cause", """{"rootCause":"MTU mismatch on the concentrator"}""", "RootCauseAnalysis");
        await Run("workaround", """{"workaround":"Lower the client MTU to 1400"}""", "RootCauseAnalysis");
        var known = await Run("known-error", """{"symptom":"VPN drops","affectedItems":["VPN","vpn-01"]}""", "RootCauseAnalysis");
        Assert.Equal("Lower the client MTU to 1400", known.Json.GetProperty("knownError").GetProperty("workaround").GetString());
        await Run("start-fix", "{}", "FixInProgress");
        var resolved = await Run("resolve", """{"code":"FixApplied","notes":"MTU fixed by change"}""", "Resolved");
        Assert.Equal("FixApplied", resolved.Str("resolutionCode"));
        await Run("close", null, "Closed");
    }

    [Fact]
    public async Task Problem_Cancel_CancelsIt()
    {
        var path = await Records.ProblemAsync(_client, Api.NewTenant());

        var reply = await _client.Post(path + "/cancel", """{"reason":"Duplicate of another problem"}""", actor: "pat", roles: "problem_manager");

        Assert.Equal(200, reply.Status);
        Assert.Equal("Canceled", reply.Str("state"));
    }

    [Fact]
    public async Task Change_NormalPath_FromNewToClosed()
    {
        var tenant = Api.NewTenant();
        var path = await Records.ChangeAsync(_client, tenant);
        var get = await _client.Get(path, actor: "rita");
        Assert.Equal(200, get.Status);
        Assert.Equal("\"1\"", get.ETag);
        Assert.Equal("Normal", get.Str("type"));
        Assert.Equal("rita", get.Str("requesterId"));

        int version = 1;
        async Task<Reply> Run(string command, string? body, string state, string actor, string roles)
        {
            var reply = await _client.Post($"{path}/{command}", body, actor, roles);
            Assert.True(reply.Status == 200, $"{command}: {reply}");
            Assert.Equal($"\"{++version}\"", reply.ETag);
            Assert.Equal(state, reply.Str("state"));
            return reply;
        }

        await Run("submit", null, "Assess", "rita", "itil");
        var assessed = await Run("assess-risk", """{"answers":{"blastRadius":"single","tested":"yes"},"causesOutage":false}""", "Assess", "rita", "itil");
        Assert.Equal("Low", assessed.Json.GetProperty("riskAssessment").GetProperty("risk").GetString());
        Assert.Equal("Peer or group manager", assessed.Json.GetProperty("requiredAuthority").GetProperty("name").GetString());
        await Run("request-authorization", null, "Authorize", "rita", "itil");
        var approved = await Run("approve", null, "Authorize", "paul", "peer");
        Assert.True(approved.Json.GetProperty("hasRequiredApprovals").GetBoolean());
        var scheduled = await Run("schedule", """{"start":"2026-03-07T06:00:00Z","end":"2026-03-07T08:00:00Z"}""", "Scheduled", "rita", "itil");
        Assert.Equal("2026-03-07T06:00:00Z", scheduled.Json.GetProperty("window").GetProperty("start").GetString());
        var implementing = await Run("implement", null, "Implement", "ivan", "implementer");
        Assert.Equal("ivan", implementing.Str("implementerId"));
        await Run("complete", null, "Review", "ivan", "implementer");
        var closed = await Run("close", """{"outcome":"Successful","notes":"No incidents"}""", "Closed", "carl", "change_manager");
        Assert.Equal("Successful", closed.Str("outcome"));
    }

    [Fact]
    public async Task Change_Schedule_RefusesAWindowThatOverlapsAnotherChangeOnTheSameItem()
    {
        var tenant = Api.NewTenant();
        async Task<string> Authorized()
        {
            var path = await Records.ChangeAsync(_client, tenant);
            await _client.Post(path + "/submit", null, "rita");
            await _client.Post(path + "/assess-risk", """{"answers":{"blastRadius":"single","tested":"yes"}}""", "rita");
            await _client.Post(path + "/request-authorization", null, "rita");
            Assert.Equal(200, (await _client.Post(path + "/approve", null, "paul", "peer")).Status);
            return path;
        }

        var first = await Authorized();
        var second = await Authorized();
        Assert.Equal(200, (await _client.Post(first + "/schedule", """{"start":"2026-03-07T06:00:00Z","end":"2026-03-07T08:00:00Z"}""", "rita")).Status);

        var reply = await _client.Post(second + "/schedule", """{"start":"2026-03-07T07:00:00Z","end":"2026-03-07T09:00:00Z"}""", "rita");

        Assert.Equal(422, reply.Status);
        Assert.Equal("ITSM-CHG-SCHEDULE-002", reply.Str("code"));
    }
}
