using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using static Itsm.Samples.WebApi.Tests.ProblemAssert;

namespace Itsm.Samples.WebApi.Tests;

/// <summary>
/// <c>assign</c> and <c>unassign</c>, shared by incidents, problems and service requests: each record
/// type with the role that may assign it, a role that may not, and its rule codes.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AssignmentEndpointTests(ApiFixture api)
{
    private readonly HttpClient _client = api.Client;

    public static TheoryData<string> Kinds => new() { "incident", "problem", "request" };

    private static (string Actor, string Roles) Assigner(string kind) => kind == "problem" ? ("pat", Records.ProblemManager) : ("alice", "itil");

    // A role that may read the record but not assign it.
    private static (string Actor, string Roles) Bystander(string kind) => kind switch
    {
        "incident" => ("bob", "caller"),
        "problem" => ("alice", "itil"),
        _ => ("bob", "caller"),
    };

    private static string Code(string kind, int n) => kind switch
    {
        "incident" => $"ITSM-INC-ASSIGN-00{n}",
        "problem" => $"ITSM-PRB-ASSIGN-00{n}",
        _ => $"ITSM-REQ-ASSIGN-00{n}",
    };

    private Task<string> CreateAsync(string kind, string tenant) => kind switch
    {
        "incident" => Records.IncidentAsync(_client, tenant),
        "problem" => Records.ProblemAsync(_client, tenant),
        _ => Records.RequestAsync(_client, tenant),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Assign_ThenUnassign_ShowTheAssignmentOnTheRecordAndInTheList(string kind)
    {
        var tenant = Api.NewTenant();
        var path = await CreateAsync(kind, tenant);
        var (actor, roles) = Assigner(kind);

        var assigned = await _client.Post(path + "/assign", """{"group":"Network","assignee":"nina"}""", actor, roles);

        Assert.True(assigned.Status == 200, assigned.ToString());
        Assert.Equal("\"2\"", assigned.ETag);
        Assert.Equal("Network", assigned.Str("assignmentGroup"));
        Assert.Equal("nina", assigned.Str("assignedTo"));
        Assert.Contains("unassign", Records.Strings(assigned.Json.GetProperty("permittedCommands")));
        var list = await _client.Get($"/tenants/{tenant}/{path.Split('/')[^2]}?assignmentGroup=Network", actor, roles);
        Assert.Equal(path.Split('/')[^1], list.Json.GetProperty("items")[0].GetProperty("id").GetString());

        var unassigned = await _client.Post(path + "/unassign", null, actor, roles);

        Assert.True(unassigned.Status == 200, unassigned.ToString());
        Assert.Equal("\"3\"", unassigned.ETag);
        Assert.Equal(assigned.Str("state"), unassigned.Str("state"));
        Assert.Equal(JsonValueKind.Null, unassigned.Json.GetProperty("assignmentGroup").ValueKind);
        Assert.Equal(JsonValueKind.Null, unassigned.Json.GetProperty("assignedTo").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Assign_KeepsTheState_UnlessItStartsWorkOnANewIncident(string kind)
    {
        var path = await CreateAsync(kind, Api.NewTenant());
        var (actor, roles) = Assigner(kind);
        var before = (await _client.Get(path, actor, roles)).Str("state");

        var reply = await _client.Post(path + "/assign", """{"group":"Network"}""", actor, roles);

        Assert.True(reply.Status == 200, reply.ToString());
        // An incident's assignment starts work under the default work-start policy; the others stay put.
        Assert.Equal(kind == "incident" ? "InProgress" : before, reply.Str("state"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Assign_UnchangedOrUnassign_OfNothing_Is422_WithTheRecordTypesCode(string kind)
    {
        var path = await CreateAsync(kind, Api.NewTenant());
        var (actor, roles) = Assigner(kind);

        var unassign = await _client.Post(path + "/unassign", null, actor, roles);
        Assert.Equal(200, (await _client.Post(path + "/assign", """{"group":"Network"}""", actor, roles)).Status);
        var again = await _client.Post(path + "/assign", """{"group":"Network"}""", actor, roles);

        AssertProblem(unassign, 422, "rule-violation", Code(kind, 2));
        AssertProblem(again, 422, "rule-violation", Code(kind, 1));
        Assert.Equal("\"2\"", (await _client.Get(path, actor, roles)).ETag);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AssignAndUnassign_WithoutTheRole_Are403(string kind)
    {
        var path = await CreateAsync(kind, Api.NewTenant());
        var (assigner, assignerRoles) = Assigner(kind);
        await _client.Post(path + "/assign", """{"group":"Network"}""", assigner, assignerRoles);
        var (actor, roles) = Bystander(kind);

        var assign = await _client.Post(path + "/assign", """{"group":"Desktop"}""", actor, roles);
        var unassign = await _client.Post(path + "/unassign", null, actor, roles);

        AssertForbidden(assign, actor, "Assign");
        AssertForbidden(unassign, actor, "Unassign");
        Assert.Equal("Network", (await _client.Get(path, assigner, assignerRoles)).Str("assignmentGroup"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Assign_WithNeitherGroupNorAssignee_Is400_NamingGroup(string kind)
    {
        var path = await CreateAsync(kind, Api.NewTenant());
        var (actor, roles) = Assigner(kind);

        var reply = await _client.Post(path + "/assign", """{"assignee":null}""", actor, roles);

        AssertBadField(reply, "group");
        Assert.Equal("An assignment needs 'group', 'assignee' or both; to clear it, use unassign.", reply.Str("detail"));
        Assert.Equal("\"1\"", (await _client.Get(path, actor, roles)).ETag);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Assign_WithABlankAssignee_Is400_NamingIt(string kind)
    {
        var path = await CreateAsync(kind, Api.NewTenant());
        var (actor, roles) = Assigner(kind);

        var reply = await _client.Post(path + "/assign", """{"group":"Network","assignee":""}""", actor, roles);

        AssertBadField(reply, "assignee", "must not be blank");
    }
}
