using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using static Itsm.Samples.WebApi.Tests.ProblemAssert;

namespace Itsm.Samples.WebApi.Tests;

/// <summary>Ticket numbers, and one JSON shape per resource in records and lists.</summary>
[Collection(ApiCollection.Name)]
public sealed class RecordShapeTests(ApiFixture api)
{
    private readonly HttpClient _client = api.Client;

    [Fact]
    public async Task Records_CarryTheirTenantsNextNumber_AndAReadFindsThemByIt()
    {
        var tenant = Api.NewTenant();
        var first = await Records.IncidentAsync(_client, tenant);
        var second = await Records.IncidentAsync(_client, tenant);
        var problem = await Records.ProblemAsync(_client, tenant);

        Assert.Equal("INC0000001", (await _client.Get(first)).Str("number"));
        Assert.Equal("INC0000002", (await _client.Get(second)).Str("number"));
        Assert.Equal("PRB0000001", (await _client.Get(problem)).Str("number"));
        Assert.Equal("INC0000001", (await _client.Get(await Records.IncidentAsync(_client, Api.NewTenant()))).Str("number"));

        var byNumber = await _client.Get($"/tenants/{tenant}/incidents/inc2");
        Assert.Equal((await _client.Get(second)).Str("id"), byNumber.Str("id"));
        AssertProblem(await _client.Get($"/tenants/{tenant}/incidents/INC0000003"), 404, "not-found", "ITSM-PERSIST-NOTFOUND-001");
        AssertProblem(await _client.Get($"/tenants/{tenant}/incidents/PRB0000001"), 404, "not-found", "ITSM-PERSIST-NOTFOUND-001");
    }

    [Fact]
    public async Task AListItem_ShowsTheNumberAndPriority_InTheRecordsShape()
    {
        var tenant = Api.NewTenant();
        var path = await Records.IncidentAsync(_client, tenant);
        var record = await _client.Get(path);

        var item = Assert.Single((await _client.Get($"/tenants/{tenant}/incidents")).Json.GetProperty("items").EnumerateArray());

        Assert.Equal(record.Str("number"), item.GetProperty("number").GetString());
        Assert.Equal(JsonValueKind.Object, item.GetProperty("priority").ValueKind);
        Assert.Equal(record.Json.GetProperty("priority").GetRawText(), item.GetProperty("priority").GetRawText());
    }

    [Fact]
    public async Task AResolvedIncident_IsListedNotOpenButActive_AndOpenOnlyLeavesItOut()
    {
        var tenant = Api.NewTenant();
        var resolved = await Records.IncidentAsync(_client, tenant);
        var open = await Records.IncidentAsync(_client, tenant);
        var reply = await _client.Post(resolved + "/resolve", """{"code":"SolvedPermanently","notes":"Restarted the relay"}""");
        Assert.True(reply.Status == 200, reply.ToString());

        var items = (await _client.Get($"/tenants/{tenant}/incidents")).Json.GetProperty("items").EnumerateArray().ToArray();
        var row = items.Single(i => i.GetProperty("number").GetString() == "INC0000001");

        Assert.Equal("Resolved", row.GetProperty("state").GetString());
        Assert.False(row.GetProperty("isOpen").GetBoolean());
        Assert.True(row.GetProperty("isActive").GetBoolean());
        Assert.True(items.Single(i => i.GetProperty("number").GetString() == "INC0000002").GetProperty("isOpen").GetBoolean());
        var openOnly = (await _client.Get($"/tenants/{tenant}/incidents?openOnly=true")).Json.GetProperty("items").EnumerateArray();
        Assert.Equal([(await _client.Get(open)).Str("id")], openOnly.Select(i => i.GetProperty("id").GetString()));
    }
}
