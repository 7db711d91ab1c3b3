using System.Net.Http;
using System.Threading.Tasks;
using static Itsm.Samples.WebApi.Tests.ProblemAssert;

namespace Itsm.Samples.WebApi.Tests;

[Collection(ApiCollection.Name)]
public sealed class ServiceRequestEndpointTests(ApiFixture api)
{
    private readonly HttpClient _client = api.Client;

    [Fact]
    public async Task Submit_Returns201_WithTheRequesterItemAndPriority()
    {
        var tenant = Api.NewTenant();

        var reply = await _client.Post($"/tenants/{tenant}/requests", """{"item":"laptop","priority":"moderate"}""", actor: "bob", roles: "caller");

        Assert.Equal(201, reply.Status);
        Assert.Equal("\"1\"", reply.ETag);
        Assert.Matches($"^/tenants/{tenant}/requests/[0-9a-f-]{{36}}$", reply.Location);
        Assert.Equal("Submitted", reply.Str("state"));
        Assert.Equal("bob", reply.Str("requesterId"));
        Assert.Equal("laptop", reply.Str("item"));
        Assert.True(reply.Json.GetProperty("requiresApproval").GetBoolean());
        Assert.Equal(3, reply.Json.GetProperty("priority").GetProperty("value").GetInt32());
        Assert.Equal("2026-03-02T10:00:00Z", reply.Str("submittedAt"));
    }

    [Theory]
    [InlineData("""{"item":"yacht"}""", "item", "must be one of laptop, password-reset, software; 'yacht' is not.")]
    [InlineData("{}", "item", "is required")]
    [InlineData("""{"item":"laptop","priority":"Urgent"}""", "priority", "must be one of Critical, High, Moderate, Low, Planning")]
    public async Task Submit_WithBadInput_Is400_NamingTheField(string body, string field, string detail)
    {
        var reply = await _client.Post($"/tenants/{Api.NewTenant()}/requests", body, actor: "bob", roles: "caller");

        AssertBadField(reply, field, detail);
    }

    [Fact]
    public async Task ACaller_ReadsOnlyTheirOwnRequest_AndMayNotList()
    {
        var tenant = Api.NewTenant();
        var path = await Records.RequestAsync(_client, tenant, requester: "bob");

        Assert.Equal(200, (await _client.Get(path, actor: "bob", roles: "caller")).Status);
        AssertForbidden(await _client.Get(path, actor: "carol", roles: "caller"), "carol", "Read");
        AssertForbidden(await _client.Get($"/tenants/{tenant}/requests", actor: "bob", roles: "caller"), "bob", "Query");
        Assert.Equal(200, (await _client.Get(path, actor: "alice", roles: "itil")).Status);
    }

    [Fact]
    public async Task ARequestNeedingApproval_RunsFromSubmittedToClosed()
    {
        var path = await Records.RequestAsync(_client, Api.NewTenant(), item: "laptop");
        int version = 1;
        async Task<Reply> Run(string command, string? body, string state, string actor = "alice", string roles = "itil")
        {
            var reply = await _client.Post($"{path}/{command}", body, actor, roles);
            Assert.True(reply.Status == 200, $"{command}: {reply}");
            Assert.Equal($"\"{++version}\"", reply.ETag);
            Assert.Equal(state, reply.Str("state"));
            return reply;
        }

        await Run("assign", """{"group":"Hardware"}""", "Submitted");
        await Run("request-approval", null, "AwaitingApproval");
        var approved = await Run("approve", """{"comment":"Budget ok"}""", "Fulfilling", actor: "mona", roles: "approver");
        Assert.Equal("mona", approved.Str("approverId"));
        await Run("assign", """{"group":"Hardware","assignee":"hank"}""", "Fulfilling");
        await Run("fulfil", """{"notes":"Laptop handed over"}""", "Fulfilled");
        var closed = await Run("close", null, "Closed");
        Assert.Equal("hank", closed.Str("assignedTo"));
        Assert.Empty(Records.Strings(closed.Json.GetProperty("permittedCommands")));
    }

    [Fact]
    public async Task StartFulfilment_OfAnItemNeedingApproval_Is422()
    {
        var path = await Records.RequestAsync(_client, Api.NewTenant(), item: "laptop");

        var reply = await _client.Post(path + "/start-fulfilment");

        AssertProblem(reply, 422, "rule-violation", "ITSM-REQ-APPROVAL-001");
    }

    [Fact]
    public async Task Approve_ByTheRequester_Is422_AndWithoutTheApproverRole_Is403()
    {
        var path = await Records.RequestAsync(_client, Api.NewTenant(), item: "laptop", requester: "bob");
        await _client.Post(path + "/request-approval");

        var own = await _client.Post(path + "/approve", null, actor: "bob", roles: "approver");
        var agent = await _client.Post(path + "/reject", """{"reason":"No budget"}""", actor: "alice", roles: "itil");

        AssertProblem(own, 422, "rule-violation", "ITSM-REQ-APPROVAL-003");
        AssertForbidden(agent, "alice", "Reject");
    }

    [Fact]
    public async Task Cancel_CancelsARequest_WithItsReason()
    {
        var path = await Records.RequestAsync(_client, Api.NewTenant());

        var reply = await _client.Post(path + "/cancel", """{"reason":"Asked twice"}""");

        Assert.Equal(200, reply.Status);
        Assert.Equal("Canceled", reply.Str("state"));
    }
}
