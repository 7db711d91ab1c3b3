using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using static Itsm.Samples.WebApi.Tests.ProblemAssert;

namespace Itsm.Samples.WebApi.Tests;

/// <summary>What the API refuses before a command runs, and the status and code it answers with.</summary>
[Collection(ApiCollection.Name)]
public sealed class InputHardeningTests(ApiFixture api)
{
    private const string OpenBody = """{"callerId":"bob","shortDescription":"Mail is down","impact":"High","urgency":"Medium"}""";

    private readonly HttpClient _client = api.Client;

    [Theory]
    [InlineData("""{"callerId":"\ud800","shortDescription":"Mail is down","impact":"High","urgency":"Medium"}""", "callerId")]
    [InlineData("""{"callerId":"bob","shortDescription":"Mail \udc00 is down","impact":"High","urgency":"Medium"}""", "shortDescription")]
    [InlineData("""{"callerId":"bob","shortDescription":"Mail is down","impact":"High","urgency":"Medium","extra":{"deep":["ok","\ud800x"]}}""", "extra.deep[1]")]
    public async Task ALoneSurrogate_InAnyString_Is400_WithItsField(string body, string field)
    {
        var reply = await _client.Post($"/tenants/{Api.NewTenant()}/incidents", body);

        AssertProblem(reply, 400, "bad-request", "ITSM-WEBAPI-BODY-002");
        Assert.Equal(field, reply.Str("field"));
    }

    [Fact]
    public async Task ALoneSurrogate_InAFieldName_Is400()
    {
        var reply = await _client.Post($"/tenants/{Api.NewTenant()}/incidents", """{"\ud800":"x","callerId":"bob"}""");

        AssertProblem(reply, 400, "bad-request", "ITSM-WEBAPI-BODY-002");
    }

    [Fact]
    public async Task APairedSurrogate_IsText_AndRoundTrips()
    {
        var tenant = Api.NewTenant();
        var reply = await _client.Post($"/tenants/{tenant}/incidents", """{"callerId":"bob","shortDescription":"Mail is down \ud83d\ude00","impact":"High","urgency":"Medium"}""");

        Assert.True(reply.Status == 201, reply.ToString());
        Assert.Equal("Mail is down \U0001F600", reply.Str("shortDescription"));
    }

    [Fact]
    public async Task ADuplicateField_Is400_NotLastWins()
    {
        var reply = await _client.Post(
            $"/tenants/{Api.NewTenant()}/incidents",
            """{"callerId":"bob","shortDescription":"Mail is down","impact":"High","urgency":"Medium","impact":"Low"}""");

        AssertProblem(reply, 400, "bad-request", "ITSM-WEBAPI-BODY-003");
        Assert.Equal("impact", reply.Str("field"));
    }

    [Fact]
    public async Task InvalidUtf8_Is400()
    {
        var bytes = Encoding.UTF8.GetBytes(OpenBody.Replace("Mail", "M\u0001il", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)1)] = 0xC3; // a lead byte with no continuation

        var reply = await SendBytesAsync($"/tenants/{Api.NewTenant()}/incidents", bytes, "application/json");

        AssertProblem(reply, 400, "bad-request", "ITSM-WEBAPI-BODY-002");
        Assert.Equal("The request body is not valid UTF-8.", reply.Str("detail"));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    [InlineData(null)]
    public async Task ABodyThatIsNotJsonByItsMediaType_Is415(string? mediaType)
    {
        var reply = await SendBytesAsync($"/tenants/{Api.NewTenant()}/incidents", Encoding.UTF8.GetBytes(OpenBody), mediaType);

        AssertProblem(reply, 415, "unsupported-media-type", "ITSM-WEBAPI-MEDIA-001");
        Assert.Equal("Unsupported media type", reply.Str("title"));
    }

    [Fact]
    public async Task AJsonMediaTypeWithUtf8Charset_IsAccepted()
    {
        var reply = await SendBytesAsync($"/tenants/{Api.NewTenant()}/incidents", Encoding.UTF8.GetBytes(OpenBody), "application/json; charset=utf-8");

        Assert.True(reply.Status == 201, reply.ToString());
    }

    [Fact]
    public async Task ABodyOverTheLimit_Is413_TitledPayloadTooLarge()
    {
        var padding = new string('x', (int)WebApiApp.MaxBodyBytes);
        var body = Encoding.UTF8.GetBytes($$"""{"callerId":"bob","shortDescription":"{{padding}}","impact":"High","urgency":"Medium"}""");

        // A client sending a body this large asks first (Expect: 100-continue, RFC 9110 section 10.1.1) and waits for the
        // answer: the server refuses on the Content-Length without reading the body and closes the connection. A client
        // that sends the body anyway (or stops waiting after the default second, on a loaded machine) may still be
        // writing when the connection closes, and sees a broken pipe instead of the 413.
        using var patient = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) }) { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(60) };
        using var request = Api.Request(HttpMethod.Post, $"/tenants/{Api.NewTenant()}/incidents");
        request.Headers.ExpectContinue = true;
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var response = await patient.SendAsync(request);
        var reply = await Reply.ReadAsync(response);

        AssertProblem(reply, 413, "payload-too-large", "ITSM-WEBAPI-BODY-004");
        Assert.Equal("Payload too large", reply.Str("title"));
    }

    [Fact]
    public async Task AnUnknownRoute_Is404_WithACode()
    {
        var reply = await _client.Get("/no/such/route");

        AssertProblem(reply, 404, "no-route", "ITSM-WEBAPI-ROUTE-001", instance: "/no/such/route");
    }

    [Fact]
    public async Task AMethodThePathDoesNotTake_Is405_WithACode()
    {
        var path = await Records.IncidentAsync(_client, Api.NewTenant());

        var reply = await _client.SendAsync(HttpMethod.Delete, path);

        AssertProblem(reply, 405, "method-not-allowed", "ITSM-WEBAPI-METHOD-001", instance: path);
    }

    private async Task<Reply> SendBytesAsync(string path, byte[] body, string? mediaType)
    {
        using var request = Api.Request(HttpMethod.Post, path);
        request.Content = new ByteArrayContent(body);
        if (mediaType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        }

        using var response = await _client.SendAsync(request);
        return await Reply.ReadAsync(response);
    }
}
