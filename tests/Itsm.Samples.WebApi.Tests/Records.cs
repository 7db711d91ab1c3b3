using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace Itsm.Samples.WebApi.Tests;

/// <summary>Creates records through the API for tests that need one.</summary>
public static class Records
{
    public const string ProblemManager = "problem_manager";

    public static async Task<string> IncidentAsync(HttpClient client, string tenant, string impact = "High", string urgency = "Medium", string service = "Email", string caller = "bob")
    {
        var reply = await client.Post($"/tenants/{tenant}/incidents", $$"""{"callerId":"{{caller}}","shortDescription":"Mail is down","impact":"{{impact}}","urgency":"{{urgency}}","service":"{{service}}"}""");
        Assert.True(reply.Status == 201, reply.ToString());
        return reply.Location!;
    }

    public static async Task<string> ProblemAsync(HttpClient client, string tenant)
    {
        var reply = await client.Post($"/tenants/{tenant}/problems", """{"shortDescription":"VPN drops every few minutes","service":"VPN"}""", actor: "pat", roles: ProblemManager);
        Assert.True(reply.Status == 201, reply.ToString());
        return reply.Location!;
    }

    public static async Task<string> ChangeAsync(HttpClient client, string tenant, string requester = "rita", string roles = "itil")
    {
        var reply = await client.Post($"/tenants/{tenant}/changes",
            """{"type":"Normal","shortDescription":"Upgrade the VPN concentrator","plan":"Fail over, upgrade, fail back","services":["VPN"],"configurationItems":["vpn-01"]}""",
            actor: requester, roles: roles);
        Assert.True(reply.Status == 201, reply.ToString());
        return reply.Location!;
    }

    public static async Task<string> RequestAsync(HttpClient client, string tenant, string item = "software", string requester = "bob")
    {
        var reply = await client.Post($"/tenants/{tenant}/requests", $$"""{"item":"{{item}}"}""", actor: requester, roles: "caller");
        Assert.True(reply.Status == 201, reply.ToString());
        return reply.Location!;
    }

    public static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
