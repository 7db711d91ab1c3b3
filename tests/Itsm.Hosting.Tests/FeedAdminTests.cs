using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Hosting.Tests.Support;
using Itsm.Incidents;
using NodaTime;

namespace Itsm.Hosting.Tests;

/// <summary>ItsmFeedAdmin: replaying parked entries and moving checkpoints.</summary>
public sealed class FeedAdminTests
{
    [Fact]
    public async Task Replay_delivers_the_parked_entries_again_and_unparks_those_handled()
    {
        var tenant = FeedHarness.NewTenant();
        bool fixedUp = false;
        var handler = new RecordingHandler("crm-sync") { Fail = (e, _) => !fixedUp && e.Position is 1 or 3 ? new InvalidOperationException("CRM rejects it") : null };
        await using var feed = new FeedHarness(o => { FeedHarness.Serving(tenant)(o); o.MaxAttempts = 1; }, handler);
        for (int i = 0; i < 3; i++)
        {
            await feed.OpenAsync(tenant);
        }

        await feed.StartAsync();
        await feed.UntilAsync(() => feed.Store.ReadCheckpointAsync(tenant, "crm-sync").Result == 3, "checkpoint 3", advanceTime: false);
        Assert.Equal([1L, 3], (await feed.Admin.ReadParkedAsync(tenant, "crm-sync")).Select(p => p.Position));

        fixedUp = true;
        var result = await feed.Admin.ReplayParkedAsync(tenant, "crm-sync");

        Assert.Equal([1L, 3], result.Delivered);
        Assert.Empty(result.StillParked);
        Assert.Empty(await feed.Admin.ReadParkedAsync(tenant, "crm-sync"));
        Assert.Equal([2L, 1, 3], handler.Positions(tenant));
        Assert.IsType<IncidentOpened>(handler.Handled[1].Event);
        Assert.Equal(3, await feed.Admin.ReadCheckpointAsync(tenant, "crm-sync"));
    }

    [Fact]
    public async Task An_entry_that_fails_again_on_replay_stays_parked_with_the_new_error_and_one_more_attempt()
    {
        var tenant = FeedHarness.NewTenant();
        string message = "first error";
        var handler = new RecordingHandler("crm-sync") { Fail = (_, _) => new InvalidOperationException(message) };
        await using var feed = new FeedHarness(o => { FeedHarness.Serving(tenant)(o); o.MaxAttempts = 2; }, handler);
        await feed.OpenAsync(tenant);
        await feed.StartAsync();
        await feed.UntilAsync(() => feed.Store.ReadParkedAsync(tenant, "crm-sync").Result.Count == 1, "parked");
        message = "second error";
        feed.Clock.Advance(Duration.FromMinutes(5));

        var result = await feed.Admin.ReplayParkedAsync(tenant, "crm-sync");

        Assert.Empty(result.Delivered);
        var again = Assert.Single(result.StillParked);
        Assert.Equal(1, again.Position);
        Assert.Equal(3, again.Attempts);
        Assert.Equal("System.InvalidOperationException: second error", again.Reason);
        Assert.Equal(feed.Clock.GetCurrentInstant(), again.ParkedAt);
        Assert.Equal(again, Assert.Single(await feed.Admin.ReadParkedAsync(tenant, "crm-sync")));
    }

    [Fact]
    public async Task Resetting_the_checkpoint_makes_the_running_dispatcher_deliver_again_from_there()
    {
        var tenant = FeedHarness.NewTenant();
        var handler = new RecordingHandler("projector");
        await using var feed = new FeedHarness(FeedHarness.Serving(tenant), handler);
        for (int i = 0; i < 3; i++)
        {
            await feed.OpenAsync(tenant);
        }

        await feed.StartAsync();
        await feed.UntilAsync(() => handler.Handled.Count == 3, "first pass", advanceTime: false);

        await feed.Admin.ResetCheckpointAsync(tenant, "projector", 1);
        await feed.UntilAsync(() => handler.Handled.Count == 5, "second pass from position 2");

        Assert.Equal([1L, 2, 3, 2, 3], handler.Positions(tenant));
        await feed.UntilAsync(() => feed.Store.ReadCheckpointAsync(tenant, "projector").Result == 3, "checkpoint 3 again", advanceTime: false);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_naming_the_parameter()
    {
        var tenant = FeedHarness.NewTenant();
        await using var feed = new FeedHarness(FeedHarness.Serving(tenant), new RecordingHandler("projector"));

        Assert.Equal("consumer", (await Assert.ThrowsAsync<ArgumentException>(() => feed.Admin.ReplayParkedAsync(tenant, "nobody"))).ParamName);
        Assert.Equal("consumer", (await Assert.ThrowsAnyAsync<ArgumentException>(() => feed.Admin.ReadParkedAsync(tenant, " "))).ParamName);
        Assert.Equal("consumer", (await Assert.ThrowsAnyAsync<ArgumentException>(() => feed.Admin.ReadCheckpointAsync(tenant, new string('x', 201)))).ParamName);
        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => feed.Admin.ResetCheckpointAsync(default, "projector", 0))).ParamName);
        Assert.Equal("position", (await Assert.ThrowsAnyAsync<ArgumentException>(() => feed.Admin.ResetCheckpointAsync(tenant, "projector", -1))).ParamName);
        Assert.Equal(0, await feed.Admin.ReadCheckpointAsync(tenant, "projector"));
    }
}
