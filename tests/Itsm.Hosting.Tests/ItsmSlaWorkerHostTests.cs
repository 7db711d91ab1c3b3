using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Xunit;
using static Itsm.Hosting.Tests.SlaWorld;

namespace Itsm.Hosting.Tests;

/// <summary>The worker as a hosted service: registration with AddItsm, option validation, its timer, and shutdown.</summary>
public sealed class ItsmSlaWorkerHostTests
{
    private static IHost Build(SlaWorld world, TimeProvider time, Action<ItsmSlaWorkerOptions> configure) =>
        new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddSingleton(time);
                services.AddItsm(itsm => itsm
                    .UseClock(world.Clock)
                    .UseStore(_ => world.Store)
                    .AllowAllActions()
                    .AddAgreements(Gold)
                    .AddSlaWorker(configure));
            })
            .Build();

    [Fact]
    public async Task TheHostedWorker_LooksAtEachTickOfItsTimer_AndStopsCleanlyWithTheHost()
    {
        var world = new SlaWorld();
        var id = await world.OpenAsync();
        var time = new FakeTimeProvider();
        using var host = Build(world, time, o => o.Tenants.Add(Tenant));
        await host.StartAsync();
        var worker = host.Services.GetServices<IHostedService>().OfType<ItsmSlaWorker>().Single();
        Assert.Same(worker, host.Services.GetRequiredService<ItsmSlaWorker>());

        // Nothing due yet; the threshold passes, and the next tick of the timer records it.
        world.Clock.Reset(Start + Duration.FromHours(2));
        await WaitUntilAsync(async () =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return (await world.ThresholdsAsync(id)).Count == 1;
        });

        await host.StopAsync();
        Assert.NotNull(worker.ExecuteTask);
        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Single(await world.ThresholdsAsync(id));
    }

    [Fact]
    public async Task InvalidOptions_FailTheHostAtStartup_ListingEveryProblem()
    {
        var world = new SlaWorld();
        using var host = Build(world, TimeProvider.System, o =>
        {
            o.PollInterval = TimeSpan.Zero;
            o.BatchSize = 0;
            o.MaxAttempts = 0;
            o.EscalationManager = " ";
            o.InstanceName = "";
            o.ClaimLease = TimeSpan.FromSeconds(-1);
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            [
                "Tenants: name at least one tenant, or set TenantSource.",
                "PollInterval: 00:00:00 must be positive and at most one hour.",
                "BatchSize: 0 must be at least 1.",
                "MaxAttempts: 0 must be at least 1.",
                "EscalationManager: name the manager escalations notify, or turn EscalateIncidents off.",
                "InstanceName: it must not be blank and at most 200 characters long.",
                "ClaimLease: -00:00:01 must be positive.",
            ],
            ex.Failures);
    }

    [Fact]
    public void TheWorker_RefusesInvalidOptions_NamingThem()
    {
        var world = new SlaWorld();

        var ex = Assert.Throws<ArgumentException>(() => world.NewWorker(configure: o => o.Tenants.Clear()));

        Assert.Equal("options", ex.ParamName);
        Assert.StartsWith("The SLA worker options are invalid: Tenants: name at least one tenant, or set TenantSource.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATenantSource_AddsTenantsAtEachLook()
    {
        var world = new SlaWorld();
        var id = await world.OpenAsync();
        world.Clock.Reset(Start + Duration.FromHours(2));
        var worker = world.NewWorker(configure: o =>
        {
            o.Tenants.Clear();
            o.TenantSource = _ => ValueTask.FromResult<System.Collections.Generic.IReadOnlyCollection<Itsm.Common.TenantId>>([Tenant]);
        });

        Assert.Equal(1, (await worker.RunOnceAsync()).Recorded);
        Assert.Single(await world.ThresholdsAsync(id));
    }

    // Waits for a condition the worker's background loop brings about (not a timing assertion: the bound only stops a broken test).
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
