using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Hosting.Tests.Support;
using Itsm.Incidents;
using Itsm.Persistence;
using Microsoft.Extensions.Logging;

namespace Itsm.Hosting.Tests;

/// <summary>The dispatcher over the in-memory store and real engine commands: order, checkpoints, retries, parking, isolation.</summary>
public sealed class FeedDispatcherTests
{
    [Fact]
    public async Task Typed_events_arrive_in_feed_order_across_pages_and_the_checkpoint_follows()
    {
        var tenant = FeedHarness.NewTenant();
        var handler = new RecordingHandler("audit-export");
        await using var feed = new FeedHarness(o => { FeedHarness.Serving(tenant)(o); o.BatchSize = 2; }, handler);
        var first = await feed.OpenAsync(tenant, "caller.one");
        await feed.AssignAsync(tenant, first, "Network");
        var second = await feed.OpenAsync(tenant, "caller.two");
        await feed.AssignAsync(tenant, second, "Database");
        await feed.OpenAsync(tenant, "caller.three");

        await feed.StartAsync();
        await feed.UntilAsync(() => handler.Handled.Count == 5, "five entries handled", advanceTime: false);

        Assert.Equal([1L, 2, 3, 4, 5], handler.Positions(tenant));
        Assert.Equal(["caller.one", "caller.two", "caller.three"], handler.Handled.Select(e => e.Event).OfType<IncidentOpened>().Select(e => e.CallerId));
        Assert.Equal(["Network", "Database"], handler.Handled.Select(e => e.Event).OfType<IncidentAssigned>().Select(e => e.Group?.Value));
        Assert.Equal(first.ToString(), handler.Handled[1].Entry.RecordId);
        await feed.UntilAsync(() => feed.Store.ReadCheckpointAsync(tenant, "audit-export").Result == 5, "checkpoint 5", advanceTime: false);
    }

    [Fact]
    public async Task Entries_committed_while_running_are_delivered_after_the_poll_interval()
    {
        var tenant = FeedHarness.NewTenant();
        var handler = new RecordingHandler("mailer");
        await using var feed = new FeedHarness(FeedHarness.Serving(tenant), handler);
        await feed.StartAsync();
        await feed.OpenAsync(tenant);

        await feed.UntilAsync(() => handler.Handled.Count == 1, "the first entry");
        await feed.OpenAsync(tenant);
        await feed.UntilAsync(() => handler.Handled.Count == 2, "the second entry");

        Assert.Equal([1L, 2], handler.Positions(tenant));
    }

    [Fact]
    public async Task A_restart_resumes_after_the_checkpoint_and_redelivers_the_entry_whose_handling_was_interrupted()
    {
        var tenant = FeedHarness.NewTenant();
        var store = new InMemoryAggregateStore();
        var before = new RecordingHandler("projector") { Hang = e => e.Position == 3 };
        await using (var feed = new FeedHarness(store, FeedHarness.Serving(tenant), before))
        {
            for (int i = 0; i < 4; i++)
            {
                await feed.OpenAsync(tenant);
            }

            await feed.StartAsync();
            var hanging = await before.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await feed.StopAsync();

            Assert.Equal(3, hanging.Position);
            Assert.Equal(1, before.Cancellations);
            Assert.Equal([1L, 2], before.Positions(tenant));
            Assert.Equal(2, await store.ReadCheckpointAsync(tenant, "projector"));
        }

        var after = new RecordingHandler("projector");
        await using (var feed = new FeedHarness(store, FeedHarness.Serving(tenant), after))
        {
            await feed.StartAsync();
            await feed.UntilAsync(() => after.Handled.Count == 2, "positions 3 and 4", advanceTime: false);

            Assert.Equal([3L, 4], after.Positions(tenant));
            Assert.IsType<IncidentOpened>(after.Handled[0].Event);
            Assert.Equal((await feed.EntryAsync(tenant, 3)).Entry, after.Handled[0].Entry);
        }
    }

    [Fact]
    public async Task A_failing_entry_is_retried_with_backoff_until_it_succeeds()
    {
        var tenant = FeedHarness.NewTenant();
        var handler = new RecordingHandler("crm-sync") { Fail = (e, attempt) => e.Position == 1 && attempt < 3 ? new InvalidOperationException("CRM down") : null };
        using var counters = new CounterListener();
        await using var feed = new FeedHarness(FeedHarness.Serving(tenant), handler);
        await feed.OpenAsync(tenant);
        await feed.OpenAsync(tenant);
        await feed.StartAsync();

        await feed.UntilAsync(() => handler.Handled.Count == 2, "both entries handled");

        Assert.Equal([1L, 2], handler.Positions(tenant));
        Assert.Equal(3, handler.Attempts(tenant, 1));
        Assert.Equal(1, handler.Attempts(tenant, 2));
        Assert.Empty(await feed.Admin.ReadParkedAsync(tenant, "crm-sync"));
        Assert.Equal(2, counters.Sum("itsm.feed.retried", tenant, "crm-sync"));
        await feed.UntilAsync(() => counters.Sum("itsm.feed.delivered", tenant, "crm-sync") == 2, "two deliveries counted", advanceTime: false);
        Assert.Equal(0, counters.Sum("itsm.feed.parked", tenant, "crm-sync"));
        Assert.Equal(2, feed.Logs.Records.Count(r => r.EventId.Id == 1 && r.Level == LogLevel.Information));
    }

    [Fact]
    public async Task An_entry_that_keeps_failing_is_parked_reported_and_counted_and_the_next_entries_flow()
    {
        var tenant = FeedHarness.NewTenant();
        var handler = new RecordingHandler("crm-sync") { Fail = (e, _) => e.Position == 2 ? new InvalidOperationException("Customer 42 is unknown") : null };
        using var counters = new CounterListener();
        await using var feed = new FeedHarness(FeedHarness.Serving(tenant), handler);
        for (int i = 0; i < 3; i++)
        {
            await feed.OpenAsync(tenant);
        }

        await feed.StartAsync();
        await feed.UntilAsync(() => handler.Handled.Count == 2, "positions 1 and 3");
        await feed.UntilAsync(() => feed.Store.ReadCheckpointAsync(tenant, "crm-sync").Result == 3, "checkpoint 3");

        Assert.Equal([1L, 3], handler.Positions(tenant));
        Assert.Equal(3, handler.Attempts(tenant, 2));
        var parked = Assert.Single(await feed.Admin.ReadParkedAsync(tenant, "crm-sync"));
        Assert.Equal(2, parked.Position);
        Assert.Equal(3, parked.Attempts);
        Assert.Equal("System.InvalidOperationException: Customer 42 is unknown", parked.Reason);
        Assert.Equal(feed.Clock.GetCurrentInstant(), parked.ParkedAt);
        Assert.Equal(1, counters.Sum("itsm.feed.parked", tenant, "crm-sync"));
        var warning = Assert.Single(feed.Logs.Records, r => r.Level == LogLevel.Warning);
        Assert.Equal(tenant.Value, warning.Values["Tenant"]);
        Assert.Equal("crm-sync", warning.Values["Consumer"]);
        Assert.Equal(2L, warning.Values["Position"]);
        Assert.Equal(3, warning.Values["Attempts"]);
        Assert.IsType<InvalidOperationException>(warning.Exception);
    }

    [Fact]
    public async Task A_handler_stuck_in_backoff_does_not_delay_another_handler()
    {
        var tenant = FeedHarness.NewTenant();
        var failing = new RecordingHandler("failing") { Fail = (_, _) => new InvalidOperationException("always") };
        var healthy = new RecordingHandler("healthy");
        await using var feed = new FeedHarness(
            o => { FeedHarness.Serving(tenant)(o); o.InitialBackoff = TimeSpan.FromHours(1); o.MaxBackoff = TimeSpan.FromHours(1); },
            failing,
            healthy);
        for (int i = 0; i < 3; i++)
        {
            await feed.OpenAsync(tenant);
        }

        await feed.StartAsync();

        // Fake time never moves: the failing handler waits out its backoff forever, the healthy one is not held up.
        await feed.UntilAsync(() => healthy.Handled.Count == 3 && failing.Attempts(tenant, 1) == 1, "the healthy handler caught up", advanceTime: false);
        Assert.Equal([1L, 2, 3], healthy.Positions(tenant));
        Assert.Empty(failing.Handled);
        Assert.Equal(0, failing.Attempts(tenant, 2));
        Assert.Equal(0, await feed.Store.ReadCheckpointAsync(tenant, "failing"));
    }

    [Fact]
    public async Task Each_tenant_has_its_own_positions_and_checkpoints()
    {
        var acme = FeedHarness.NewTenant();
        var globex = FeedHarness.NewTenant();
        var handler = new RecordingHandler("projector") { Fail = (e, _) => e.Tenant == acme && e.Position == 1 ? new InvalidOperationException("acme only") : null };
        await using var feed = new FeedHarness(o => { FeedHarness.Serving(acme, globex)(o); o.MaxAttempts = 1; }, handler);
        await feed.OpenAsync(acme);
        await feed.OpenAsync(acme);
        await feed.OpenAsync(globex);

        await feed.StartAsync();
        await feed.UntilAsync(() => handler.Handled.Count == 2, "one entry of each tenant handled", advanceTime: false);

        Assert.Equal([2L], handler.Positions(acme));
        Assert.Equal([1L], handler.Positions(globex));
        await feed.UntilAsync(() => feed.Store.ReadCheckpointAsync(acme, "projector").Result == 2, "acme checkpoint", advanceTime: false);
        await feed.UntilAsync(() => feed.Store.ReadCheckpointAsync(globex, "projector").Result == 1, "globex checkpoint", advanceTime: false);
        Assert.Equal(1, Assert.Single(await feed.Admin.ReadParkedAsync(acme, "projector")).Position);
        Assert.Empty(await feed.Admin.ReadParkedAsync(globex, "projector"));
    }

    [Fact]
    public async Task Tenants_from_the_tenant_source_are_served_as_they_appear()
    {
        var acme = FeedHarness.NewTenant();
        var globex = FeedHarness.NewTenant();
        var tenants = new[] { acme };
        var handler = new RecordingHandler("projector");
        await using var feed = new FeedHarness(
            o =>
            {
                FeedHarness.Serving()(o);
                o.TenantSource = _ => ValueTask.FromResult<System.Collections.Generic.IReadOnlyList<Itsm.Common.TenantId>>(tenants);
                o.TenantRefreshInterval = TimeSpan.FromSeconds(10);
            },
            handler);
        await feed.OpenAsync(acme);
        await feed.OpenAsync(globex);

        await feed.StartAsync();
        await feed.UntilAsync(() => handler.Handled.Count == 1, "acme's entry", advanceTime: false);
        Assert.Empty(handler.Positions(globex));

        tenants = [acme, globex];
        await feed.UntilAsync(() => handler.Positions(globex).Count == 1, "globex's entry after a refresh");
        Assert.Equal([1L], handler.Positions(acme));
    }

    [Fact]
    public async Task Stopping_cancels_the_handler_in_flight_and_saves_no_checkpoint_for_it()
    {
        var tenant = FeedHarness.NewTenant();
        var handler = new RecordingHandler("projector") { Hang = _ => true };
        await using var feed = new FeedHarness(FeedHarness.Serving(tenant), handler);
        await feed.OpenAsync(tenant);
        await feed.StartAsync();
        await handler.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await feed.StopAsync();

        Assert.Equal(1, handler.Cancellations);
        Assert.Equal(0, await feed.Store.ReadCheckpointAsync(tenant, "projector"));
        Assert.Empty(await feed.Store.ReadParkedAsync(tenant, "projector"));
        Assert.DoesNotContain(feed.Logs.Records, r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_cancellation_the_handler_raises_on_its_own_is_a_failure_not_a_shutdown()
    {
        var tenant = FeedHarness.NewTenant();
        var handler = new RecordingHandler("webhook") { Fail = (e, _) => e.Position == 1 ? new TaskCanceledException("HTTP timeout") : null };
        await using var feed = new FeedHarness(o => { FeedHarness.Serving(tenant)(o); o.MaxAttempts = 1; }, handler);
        await feed.OpenAsync(tenant);
        await feed.OpenAsync(tenant);

        await feed.StartAsync();
        await feed.UntilAsync(() => handler.Handled.Count == 1, "position 2 handled", advanceTime: false);

        Assert.Equal([2L], handler.Positions(tenant));
        var parked = Assert.Single(await feed.Admin.ReadParkedAsync(tenant, "webhook"));
        Assert.Equal("System.Threading.Tasks.TaskCanceledException: HTTP timeout", parked.Reason);
    }

    [Fact]
    public async Task A_tenant_the_source_drops_stops_being_served_and_its_call_in_flight_is_cancelled_without_a_checkpoint()
    {
        var acme = FeedHarness.NewTenant();
        var tenants = new[] { acme };
        var handler = new RecordingHandler("projector") { Hang = _ => true };
        await using var feed = new FeedHarness(
            o =>
            {
                FeedHarness.Serving()(o);
                o.TenantSource = _ => ValueTask.FromResult<System.Collections.Generic.IReadOnlyList<Itsm.Common.TenantId>>(tenants);
                o.TenantRefreshInterval = TimeSpan.FromSeconds(10);
            },
            handler);
        await feed.OpenAsync(acme);
        await feed.StartAsync();
        await handler.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(30));

        tenants = [];
        await feed.UntilAsync(() => handler.Cancellations == 1, "the call in flight cancelled");

        Assert.Equal(0, await feed.Store.ReadCheckpointAsync(acme, "projector"));
        Assert.Empty(await feed.Store.ReadParkedAsync(acme, "projector"));
        Assert.Contains(feed.Logs.Records, r => r.EventId.Id == 7 && Equals(r.Values["Tenant"], acme.Value));
    }
}
