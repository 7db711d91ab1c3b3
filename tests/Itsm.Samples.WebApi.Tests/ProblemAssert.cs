using System;

namespace Itsm.Samples.WebApi.Tests;

/// <summary>Checks that a reply is an RFC 9457 problem details response of the sample's shape.</summary>
public static class ProblemAssert
{
    private const string TypeBase = "https://github.com/itsm-core/itsm-core/blob/main/samples/Itsm.Samples.WebApi/README.md#";

    public static void AssertProblem(Reply reply, int status, string type, string code, string? instance = null)
    {
        Assert.True(reply.Status == status, reply.ToString());
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.Equal(TypeBase + type, reply.Str("type"));
        Assert.Equal(status, reply.Json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(reply.Str("title")));
        Assert.False(string.IsNullOrWhiteSpace(reply.Str("detail")));
        Assert.Equal(code, reply.Str("code"));
        if (instance is not null)
        {
            Assert.Equal(instance, reply.Str("instance"));
        }
    }

    public static void AssertBadField(Reply reply, string field, string? detailContains = null)
    {
        AssertProblem(reply, 400, "bad-request", "ITSM-WEBAPI-INPUT-001");
        Assert.Equal(field, reply.Str("field"));
        Assert.True(reply.Json.GetProperty("errors").TryGetProperty(field, out _), reply.ToString());
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, reply.Str("detail"), StringComparison.Ordinal);
        }
    }

    public static void AssertForbidden(Reply reply, string actor, string action)
    {
        AssertProblem(reply, 403, "forbidden", "ITSM-AUTH-DENIED-001");
        Assert.Equal(actor, reply.Str("actor"));
        Assert.Equal(action, reply.Str("action"));
    }
}
