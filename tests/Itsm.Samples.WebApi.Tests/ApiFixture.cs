using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Samples.WebApi.Tests;

/// <summary>
/// One instance of the sample API for the whole suite: real Kestrel on 127.0.0.1 with a free port,
/// a temporary SQLite file, a fake clock (Monday 2026-03-02 10:00 London = UTC), and the sample's
/// role authorizer behind a gate that can hold one actor's command after the engine loaded the record.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "itsm-webapi-tests-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 3, 2, 10, 0));

    public GatedAuthorizer Authorizer { get; } = new(new RoleAuthorizer());

    public HttpClient Client { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public string DatabasePath => Path.Combine(_directory, "itsm.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _app = WebApiApp.Build(["--Logging:LogLevel:Default=Warning"], DatabasePath, services =>
        {
            services.AddSingleton<IClock>(Clock);
            services.AddSingleton<IItsmAuthorizer>(Authorizer);
        });
        await _app.StartAsync();
        Address = _app.BoundAddress();
        Client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "Sample API";
}

/// <summary>The sample's authorizer, plus a gate: while armed, the first command of <see cref="HeldActor"/> waits inside authorization (after the engine loaded the record, before it saves).</summary>
public sealed class GatedAuthorizer(IItsmAuthorizer inner) : IItsmAuthorizer
{
    public const string HeldActor = "racer";

    private TaskCompletionSource? _entered;
    private TaskCompletionSource? _release;

    public (Task Entered, Action Release) Arm()
    {
        _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = _release;
        return (_entered.Task, () => release.TrySetResult());
    }

    public async ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmOperation operation, ItsmResource resource, CancellationToken cancellationToken)
    {
        // Holds the held actor's first command, not a read the engine also asks about.
        if (actor.Id == HeldActor && operation is ItsmCommand && Interlocked.Exchange(ref _entered, null) is { } entered)
        {
            entered.TrySetResult();
            await _release!.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
        }

        return await inner.IsAuthorizedAsync(actor, operation, resource, cancellationToken);
    }
}

/// <summary>Small HTTP helpers for the tests.</summary>
public static class Api
{
    public static HttpRequestMessage Request(HttpMethod method, string path, string? actor = "alice", string roles = "itil", string? body = null, string? ifMatch = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (actor is not null)
        {
            request.Headers.Add("X-Actor", actor);
            request.Headers.Add("X-Actor-Roles", roles);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    public static async Task<Reply> SendAsync(this HttpClient client, HttpMethod method, string path, string? actor = "alice", string roles = "itil", string? body = null, string? ifMatch = null, string? idempotencyKey = null)
    {
        using var request = Request(method, path, actor, roles, body, ifMatch, idempotencyKey);
        using var response = await client.SendAsync(request);
        return await Reply.ReadAsync(response);
    }

    public static Task<Reply> Post(this HttpClient client, string path, string? body = null, string? actor = "alice", string roles = "itil", string? ifMatch = null, string? idempotencyKey = null) =>
        client.SendAsync(HttpMethod.Post, path, actor, roles, body, ifMatch, idempotencyKey);

    public static Task<Reply> Get(this HttpClient client, string path, string? actor = "alice", string roles = "itil") =>
        client.SendAsync(HttpMethod.Get, path, actor, roles);

    /// <summary>A fresh tenant, so tests do not see each other's records.</summary>
    public static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];
}

/// <summary>A response, read fully.</summary>
public sealed record Reply(int Status, string? MediaType, string? ETag, string? Location, IReadOnlyDictionary<string, string> Headers, string Text)
{
    private JsonElement? _json;

    public JsonElement Json => _json ??= JsonDocument.Parse(Text).RootElement.Clone();

    public string Str(string name) => Json.GetProperty(name).GetString()!;

    public static async Task<Reply> ReadAsync(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            headers[name] = string.Join(",", values);
        }

        foreach (var (name, values) in response.Content.Headers)
        {
            headers[name] = string.Join(",", values);
        }

        return new Reply(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.ETag?.ToString(),
            response.Headers.Location?.ToString(),
            headers,
            await response.Content.ReadAsStringAsync());
    }

    public override string ToString() => $"{Status} {MediaType} {Text}";
}
