using System.Net.Http;
using System.Threading.Tasks;
using static Itsm.Samples.WebApi.Tests.ProblemAssert;

namespace Itsm.Samples.WebApi.Tests;

/// <summary>The incident commands of the work-start and hold policies: assign starting work, start-work, hold-reason (the assignment rules shared with problems and requests are in <see cref="AssignmentEndpointTests"/>).</summary>
[Collection(ApiCollection.Name)]
public sealed class IncidentWorkEndpointTests(ApiFixture api)
{
    private readonly HttpClient _client = api.Client;

    [Fact]
    public async Task Assign_AnAssigneeWithoutAGroup_StartsWorkAndShowsTheAssignment()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());

        var reply = await _client.Post(path + "/assign", """{"assignee":"alice"}""");

        Assert.True(reply.Status == 200, reply.ToString());
        Assert.Equal("\"2\"", reply.ETag);
        Assert.Equal("InProgress", reply.Str("state"));
        Assert.Equal("alice", reply.Str("assignedTo"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, reply.Json.GetProperty("assignmentGroup").ValueKind);
    }

    [Fact]
    public async Task Unassign_WithAField_Is400_NamingIt()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());
        await _client.Post(path + "/assign", """{"group":"Messaging"}""");

        var reply = await _client.Post(path + "/unassign", """{"group":"Messaging"}""");

        AssertBadField(reply, "group");
        Assert.Equal("The field 'group' is not known (this command takes no fields).", reply.Str("detail"));
    }

    [Fact]
    public async Task StartWork_MovesANewIncidentToInProgress_WithoutAnAssignment()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());

        var reply = await _client.Post(path + "/start-work");

        Assert.True(reply.Status == 200, reply.ToString());
        Assert.Equal("\"2\"", reply.ETag);
        Assert.Equal("InProgress", reply.Str("state"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, reply.Json.GetProperty("assignmentGroup").ValueKind);
        Assert.DoesNotContain("start-work", Records.Strings(reply.Json.GetProperty("permittedCommands")));
    }

    [Fact]
    public async Task StartWork_OnAnIncidentInProgress_Is409_ListingWhatItPermits()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());
        await _client.Post(path + "/start-work");

        var reply = await _client.Post(path + "/start-work");

        AssertProblem(reply, 409, "invalid-transition", "ITSM-LC-TRANSITION-001");
        Assert.Equal("StartWork", reply.Str("trigger"));
        Assert.Contains("unassign", Records.Strings(reply.Json.GetProperty("permittedCommands")));
    }

    [Fact]
    public async Task StartWork_WithAField_Is400_NamingIt()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());

        var reply = await _client.Post(path + "/start-work", """{"assignee":"alice"}""");

        AssertBadField(reply, "assignee");
        Assert.Equal("\"1\"", (await _client.Get(path)).ETag);
    }

    [Fact]
    public async Task HoldReason_ChangesWhyTheIncidentWaits_AndKeepsItOnHold()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());
        await _client.Post(path + "/hold", """{"reason":"AwaitingVendor"}""");

        var reply = await _client.Post(path + "/hold-reason", """{"reason":"AwaitingCaller","comment":"Which laptop model?"}""");

        Assert.True(reply.Status == 200, reply.ToString());
        Assert.Equal("\"3\"", reply.ETag);
        Assert.Equal("OnHold", reply.Str("state"));
        Assert.Equal("AwaitingCaller", reply.Str("onHoldReason"));
    }

    [Theory]
    [InlineData("""{"reason":"AwaitingVendor"}""", "ITSM-INC-HOLD-002")]
    [InlineData("""{"reason":"AwaitingCaller"}""", "ITSM-INC-HOLD-001")]
    public async Task HoldReason_TheSameReasonOrAwaitingCallerWithoutAComment_Is422(string body, string code)
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());
        await _client.Post(path + "/hold", """{"reason":"AwaitingVendor"}""");

        var reply = await _client.Post(path + "/hold-reason", body);

        AssertProblem(reply, 422, "rule-violation", code);
        Assert.Equal("AwaitingVendor", (await _client.Get(path)).Str("onHoldReason"));
    }

    [Fact]
    public async Task HoldReason_OnAnIncidentNotOnHold_Is409()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());

        var reply = await _client.Post(path + "/hold-reason", """{"reason":"AwaitingChange"}""");

        AssertProblem(reply, 409, "invalid-transition", "ITSM-LC-TRANSITION-001");
        Assert.Equal("ChangeHoldReason", reply.Str("trigger"));
    }

    [Theory]
    [InlineData("{}", "reason", "is required")]
    [InlineData("""{"reason":"Someday"}""", "reason", "must be one of AwaitingCaller, AwaitingChange, AwaitingProblem, AwaitingVendor")]
    [InlineData("""{"reason":"AwaitingChange","comment":" "}""", "comment", "must not be blank")]
    public async Task HoldReason_WithBadInput_Is400_NamingTheField(string body, string field, string detail)
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());
        await _client.Post(path + "/hold", """{"reason":"AwaitingVendor"}""");

        var reply = await _client.Post(path + "/hold-reason", body);

        AssertBadField(reply, field, detail);
    }

    [Theory]
    [InlineData("unassign", null, "Unassign")]
    [InlineData("start-work", null, "StartWork")]
    [InlineData("hold-reason", """{"reason":"AwaitingChange"}""", "ChangeHoldReason")]
    public async Task TheNewCommands_AreRefusedToACaller_Is403(string command, string? body, string action)
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant(), caller: "bob");
        await _client.Post(path + "/hold", """{"reason":"AwaitingVendor"}""");
        await _client.Post(path + "/assign", """{"group":"Messaging"}""");

        var reply = await _client.Post($"{path}/{command}", body, actor: "bob", roles: "caller");

        AssertForbidden(reply, "bob", action);
        Assert.Equal("\"3\"", (await _client.Get(path)).ETag);
    }

    [Fact]
    public async Task PermittedCommands_OfAnIncidentOnHold_IncludeHoldReasonAndUnassign()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());
        await _client.Post(path + "/assign", """{"group":"Messaging"}""");

        var reply = await _client.Post(path + "/hold", """{"reason":"AwaitingVendor"}""");

        var commands = Records.Strings(reply.Json.GetProperty("permittedCommands"));
        Assert.Contains("hold-reason", commands);
        Assert.Contains("unassign", commands);
        Assert.Contains("resume", commands);
        Assert.DoesNotContain("hold", commands);
    }
}
