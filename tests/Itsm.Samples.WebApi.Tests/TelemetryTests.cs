using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Itsm.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Itsm.Samples.WebApi.Tests;

/// <summary>The sample exports the engine's and the store's traces and metrics with OpenTelemetry (docs/observability.md).</summary>
[Collection(ApiCollection.Name)]
public sealed class TelemetryTests(ApiFixture api)
{
    private readonly HttpClient _client = api.Client;

    [Fact]
    public async Task A_request_traces_its_command_and_store_calls_under_the_HTTP_server_span()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is ItsmTelemetry.EngineName or ItsmTelemetry.PersistenceName or "Microsoft.AspNetCore",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var reply = await _client.Post($"/tenants/{Api.NewTenant()}/incidents", """{"callerId":"bob","shortDescription":"Mail is down","impact":"high","urgency":"Medium"}""");

        Assert.Equal(201, reply.Status);
        var command = Assert.Single(stopped, a => a.OperationName == "itsm.command" && (string?)a.GetTagItem("itsm.record_id") == reply.Str("id"));
        Assert.Equal(("Incident", "Open", "succeeded"), ((string?)command.GetTagItem("itsm.record_type"), (string?)command.GetTagItem("itsm.command"), (string?)command.GetTagItem("itsm.outcome")));
        // The server span stops after the response went out, so the client may read the reply first: wait for it.
        var deadline = Stopwatch.StartNew();
        while (!stopped.Any(a => a.SpanId == command.ParentSpanId && a.Source.Name == "Microsoft.AspNetCore") && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(10);
        }

        Assert.Contains(stopped, a => a.SpanId == command.ParentSpanId && a.Source.Name == "Microsoft.AspNetCore");
        Assert.Contains(stopped, a => a.OperationName == "itsm.store.save" && a.ParentSpanId == command.SpanId && (string?)a.GetTagItem("db.system") == "sqlite");
    }

    [Fact]
    public async Task The_sample_registers_OpenTelemetry_tracing_and_metrics_without_needing_an_exporter()
    {
        var directory = Directory.CreateTempSubdirectory("itsm-webapi-otel-").FullName;
        try
        {
            await using var app = WebApiApp.Build([], Path.Combine(directory, "itsm.db"));

            Assert.NotNull(app.Services.GetService<TracerProvider>());
            Assert.NotNull(app.Services.GetService<MeterProvider>());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
