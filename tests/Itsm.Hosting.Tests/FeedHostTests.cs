using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Hosting.Tests.Support;
using Itsm.Incidents;
using Itsm.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Itsm.Hosting.Tests;

/// <summary>The dispatcher in a real generic host (Host.CreateApplicationBuilder), registered through AddItsm.</summary>
public sealed class FeedHostTests
{
    [Fact]
    public async Task A_host_delivers_the_feed_and_starts_and_stops_cleanly()
    {
        var tenant = FeedHarness.NewTenant();
        var handler = new RecordingHandler("host-projector") { Hang = e => e.Position == 3 };
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddItsm(b => b.UseInMemory().AllowAllActions()
            .AddFeedHandler(handler)
            .AddFeedDispatcher(o =>
            {
                o.Tenants.Add(tenant);
                o.PollInterval = TimeSpan.FromMilliseconds(20);
            }));
        using var host = builder.Build();
        var incidents = host.Services.GetRequiredService<ItsmEngine>().Incidents;

        await host.StartAsync();
        for (int i = 0; i < 3; i++)
        {
            await incidents.CreateAsync(tenant, IncidentId.New(), FeedHarness.Agent, new OpenIncident("caller.jones", "Mail is down", Impact.High, Urgency.High));
        }

        var hanging = await handler.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        Assert.Equal(3, hanging.Position);
        Assert.Equal([1L, 2], handler.Positions(tenant));
        Assert.Equal(1, handler.Cancellations);
        Assert.Equal(2, await host.Services.GetRequiredService<IAggregateStore>().ReadCheckpointAsync(tenant, "host-projector"));
    }

    [Fact]
    public async Task A_host_with_invalid_dispatcher_settings_refuses_to_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddItsm(b => b.UseInMemory().AllowAllActions().AddFeedHandler(new RecordingHandler("x")).AddFeedDispatcher(o => o.BatchSize = 0));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            [
                "Feed dispatcher: no tenant to serve. Add tenants to Tenants, or set TenantSource, in AddFeedDispatcher(...).",
                "Feed dispatcher: BatchSize is 0; it must be 1 to 10000.",
            ],
            error.Failures.ToArray());
    }
}
