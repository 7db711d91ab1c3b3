using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Testing;

namespace Itsm.ProcessMining.Tests;

/// <summary><see cref="OcelExporter.WriteFeedAsync"/>: the tenant's event feed, read page by page through the engine.</summary>
public sealed class OcelFeedExportTests
{
    private static async Task<ExportedLog> ExportFeedAsync(ItsmEngine engine, int pageSize)
    {
        using var stream = new MemoryStream();
        var summary = await OcelExporter.WriteFeedAsync(engine, ServiceDeskScenario.Tenant, ServiceDeskScenario.Manager, stream, pageSize);
        return ExportedLog.Of(stream.ToArray(), summary);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(OcelExporter.DefaultPageSize)]
    public async Task The_feed_exports_the_same_events_and_objects_as_the_audit_log_in_commit_order(int pageSize)
    {
        var scenario = await ServiceDeskScenario.RunAsync();
        var fromAudit = await ExportedLog.OfAsync(await scenario.ReadAuditAsync());
        var feed = await scenario.Test.Store.ReadFeedAsync(ServiceDeskScenario.Tenant, 0, 10_000);

        var fromFeed = await ExportFeedAsync(scenario.Test.Engine, pageSize);

        Assert.Empty(fromFeed.SchemaErrors());
        Assert.Empty(fromFeed.ConsistencyProblems());
        Assert.Equal(feed.Select(f => ExportedLog.EventId(f.Entry)), fromFeed.Events.Select(e => ExportedLog.Text(e, "id")));
        Assert.Equal(fromAudit.Events.Select(e => e.ToJsonString()).Order(), fromFeed.Events.Select(e => e.ToJsonString()).Order());
        Assert.Equal(fromAudit.Objects.Select(o => o.ToJsonString()).Order(), fromFeed.Objects.Select(o => o.ToJsonString()).Order());
        Assert.Equal(fromAudit.Summary, fromFeed.Summary);
    }

    [Fact]
    public async Task A_refused_feed_read_throws_and_leaves_the_stream_untouched()
    {
        var test = ItsmTestEngine.Create(authorizer: ItsmAuthorizers.FromRule((_, operation, _) => operation is not ReadFeed));
        await test.Engine.Incidents.CreateAsync(ServiceDeskScenario.Tenant, IncidentId.New(), ServiceDeskScenario.Agent, new OpenIncident("caller.jones", "Printer jammed", Impact.Low, Urgency.Low));
        using var stream = new MemoryStream();

        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => OcelExporter.WriteFeedAsync(test.Engine, ServiceDeskScenario.Tenant, ServiceDeskScenario.Agent, stream));

        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public async Task An_empty_feed_gives_a_valid_empty_log()
    {
        var log = await ExportFeedAsync(ItsmTestEngine.Create().Engine, 10);

        Assert.Equal("""{"events":[],"eventTypes":[],"objectTypes":[],"objects":[]}""", log.Json);
        Assert.Empty(log.SchemaErrors());
    }

    [Fact]
    public async Task Bad_arguments_are_refused_naming_the_parameter()
    {
        var engine = ItsmTestEngine.Create().Engine;
        var tenant = ServiceDeskScenario.Tenant;
        var actor = ServiceDeskScenario.Agent;
        using var stream = new MemoryStream();
        using var readOnly = new MemoryStream([], writable: false);

        Assert.Equal("engine", (await Assert.ThrowsAsync<ArgumentNullException>(() => OcelExporter.WriteFeedAsync(null!, tenant, actor, stream))).ParamName);
        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => OcelExporter.WriteFeedAsync(engine, default, actor, stream))).ParamName);
        Assert.Equal("actor", (await Assert.ThrowsAsync<ArgumentNullException>(() => OcelExporter.WriteFeedAsync(engine, tenant, null!, stream))).ParamName);
        Assert.Equal("output", (await Assert.ThrowsAsync<ArgumentNullException>(() => OcelExporter.WriteFeedAsync(engine, tenant, actor, null!))).ParamName);
        Assert.Equal("output", (await Assert.ThrowsAsync<ArgumentException>(() => OcelExporter.WriteFeedAsync(engine, tenant, actor, readOnly))).ParamName);
        Assert.Equal("pageSize", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OcelExporter.WriteFeedAsync(engine, tenant, actor, stream, 0))).ParamName);
        Assert.Equal("pageSize", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OcelExporter.WriteFeedAsync(engine, tenant, actor, stream, Itsm.Persistence.StoreArguments.MaxFeedRead + 1))).ParamName);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public async Task A_canceled_export_stops_with_OperationCanceledException()
    {
        var scenario = await ServiceDeskScenario.RunAsync();
        using var stream = new MemoryStream();
        using var canceled = new System.Threading.CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OcelExporter.WriteFeedAsync(scenario.Test.Engine, ServiceDeskScenario.Tenant, ServiceDeskScenario.Manager, stream, cancellationToken: canceled.Token));
    }
}
