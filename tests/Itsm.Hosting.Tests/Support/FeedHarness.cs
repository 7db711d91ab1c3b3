using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Testing;
using Itsm.Services;

namespace Itsm.Hosting.Tests.Support;

/// <summary>
/// A container with the engine over an in-memory store, the dispatcher registered through AddItsm, a fake
/// TimeProvider for its waits, a fake clock, and captured logs.
/// </summary>
internal sealed class FeedHarness : IAsyncDisposable
{
    public static readonly Actor Agent = new("agent.smith", "itil");

    private bool _started;

    public FeedHarness(Action<ItsmFeedDispatcherOptions> configure, params IItsmEventHandler[] handlers)
        : this(new InMemoryAggregateStore(), configure, handlers)
    {
    }

    public FeedHarness(InMemoryAggregateStore store, Action<ItsmFeedDispatcherOptions> configure, params IItsmEventHandler[] handlers)
    {
        Store = store;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddItsm(b =>
        {
            b.UseStore(_ => store).AllowAllActions().UseClock(Clock);
            foreach (var handler in handlers)
            {
                b.AddFeedHandler(handler);
            }

            b.AddFeedDispatcher(configure);
        });
        Provider = services.BuildServiceProvider();
        Dispatcher = Provider.GetRequiredService<ItsmFeedDispatcher>();
        Admin = Provider.GetRequiredService<ItsmFeedAdmin>();
        Engine = Provider.GetRequiredService<ItsmEngine>();
    }

    public static TenantId NewTenant() => new("t-" + Guid.NewGuid().ToString("N"));

    /// <summary>Test settings: one-second poll and backoff ceilings, three attempts.</summary>
    public static Action<ItsmFeedDispatcherOptions> Serving(params TenantId[] tenants) => o =>
    {
        foreach (var tenant in tenants)
        {
            o.Tenants.Add(tenant);
        }

        o.PollInterval = TimeSpan.FromSeconds(1);
        o.InitialBackoff = TimeSpan.FromSeconds(1);
        o.MaxBackoff = TimeSpan.FromSeconds(4);
        o.MaxAttempts = 3;
    };

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-30T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 11, 30, 9, 0));

    public CapturingLoggerProvider Logs { get; } = new();

    public InMemoryAggregateStore Store { get; }

    public ServiceProvider Provider { get; }

    internal ItsmFeedDispatcher Dispatcher { get; }

    public ItsmFeedAdmin Admin { get; }

    public ItsmEngine Engine { get; }

    public async Task StartAsync()
    {
        _started = true;
        await Dispatcher.StartAsync(CancellationToken.None);
    }

    public async Task StopAsync()
    {
        _started = false;
        await Dispatcher.StopAsync(CancellationToken.None);
    }

    /// <summary>Opens an incident (one feed entry, an <see cref="IncidentOpened"/>).</summary>
    public async Task<IncidentId> OpenAsync(TenantId tenant, string caller = "caller.jones")
    {
        var id = IncidentId.New();
        await Engine.Incidents.CreateAsync(tenant, id, Agent, new OpenIncident(caller, "Mail is down", Impact.High, Urgency.High));
        return id;
    }

    /// <summary>Assigns an incident (one feed entry, an <see cref="IncidentAssigned"/>).</summary>
    public Task AssignAsync(TenantId tenant, IncidentId id, string group) =>
        Engine.Incidents.ExecuteAsync(tenant, id, Agent, new AssignIncident(new SupportGroupId(group)));

    /// <summary>
    /// Lets the dispatcher's loops run until <paramref name="condition"/> holds, moving fake time on a second at a
    /// time when <paramref name="advanceTime"/> (so polls and backoffs elapse). Fails after many rounds: a guard
    /// against a hang, not a timing assertion.
    /// </summary>
    public async Task UntilAsync(Func<bool> condition, string what, bool advanceTime = true)
    {
        for (int round = 0; round < 3000; round++)
        {
            if (condition())
            {
                return;
            }

            if (advanceTime)
            {
                Time.Advance(TimeSpan.FromSeconds(1));
            }

            await Task.Delay(5);
        }

        Assert.Fail("Never happened: " + what);
    }

    public async Task<FeedEntry> EntryAsync(TenantId tenant, long position) =>
        (await Store.ReadFeedAsync(tenant, position - 1, 1)).Single();

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await StopAsync();
        }

        await Provider.DisposeAsync();
    }
}
