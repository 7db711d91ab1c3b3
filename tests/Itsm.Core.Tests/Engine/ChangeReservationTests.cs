using System.Linq;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Services;
using Itsm.Engine;
using Itsm.Persistence;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Engine;

/// <summary>
/// The change calendar enforced at the store: a scheduled change holds its services and configuration
/// items for its window, so a second change scheduled over them fails even when the calendar it was
/// checked against was stale (as when both are scheduled at the same moment).
/// </summary>
public sealed class ChangeReservationTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Reader = new("reader.rae", "itil");
    private static readonly Actor Coordinator = new("coordinator.cole", "change_coordinator");
    private static readonly Interval Window = new(Instant.FromUtc(2026, 11, 30, 22, 0), Instant.FromUtc(2026, 11, 30, 23, 0));

    private readonly InMemoryAggregateStore _store = new();
    private readonly ItsmEngine _engine;

    public ChangeReservationTests() =>
        _engine = new ItsmEngine(_store, ItsmAuthorizers.AllowAll, new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0)));

    private async Task<ChangeId> StandardChangeAsync(ChangeType type = ChangeType.Standard, string ci = "mail-relay-01", string service = "email")
    {
        var id = ChangeId.New();
        await _engine.Changes.CreateAsync(Tenant, id, Coordinator, new OpenChange(type, "Patch", "Plan: patch and restart.", new ServiceId(service), [new ConfigurationItemId(ci)], "implementer.ives"));
        return id;
    }

    [Fact]
    public async Task A_second_change_on_the_same_item_and_window_is_refused_even_against_a_stale_calendar()
    {
        var first = await StandardChangeAsync();
        var second = await StandardChangeAsync(service: "calendar");
        await _engine.Changes.ExecuteAsync(Tenant, first, Coordinator, new ScheduleChange(Window, ChangeCalendar.Empty));

        var error = await Assert.ThrowsAsync<ReservationConflictException>(() =>
            _engine.Changes.ExecuteAsync(Tenant, second, Coordinator, new ScheduleChange(new Interval(Window.Start + Duration.FromMinutes(30), Window.End + Duration.FromHours(1)), ChangeCalendar.Empty)));

        Assert.Equal(ReservationConflictException.ErrorCode, error.Code);
        Assert.Equal(second.ToString(), error.RecordId);
        Assert.Equal(first.ToString(), error.OtherRecordId);
        Assert.Equal("ci:mail-relay-01", error.Reservation.Resource);
        Assert.Equal(ChangeState.New, (await _engine.Changes.GetAsync(Tenant, second, Reader)).State);
    }

    [Fact]
    public async Task Two_changes_scheduled_at_once_over_one_item_schedule_at_most_one()
    {
        var ids = new[] { await StandardChangeAsync(), await StandardChangeAsync(), await StandardChangeAsync(), await StandardChangeAsync() };
        var outcomes = await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            try
            {
                await _engine.Changes.ExecuteAsync(Tenant, id, Coordinator, new ScheduleChange(Window, ChangeCalendar.Empty));
                return true;
            }
            catch (ReservationConflictException)
            {
                return false;
            }
        })));

        Assert.Equal(1, outcomes.Count(scheduled => scheduled));
        var states = await Task.WhenAll(ids.Select(id => _engine.Changes.GetAsync(Tenant, id, Reader)));
        Assert.Single(states, c => c.State == ChangeState.Scheduled);
    }

    [Fact]
    public async Task Canceling_a_scheduled_change_releases_its_items_and_touching_windows_do_not_conflict()
    {
        var first = await StandardChangeAsync();
        var second = await StandardChangeAsync();
        var third = await StandardChangeAsync();
        await _engine.Changes.ExecuteAsync(Tenant, first, Coordinator, new ScheduleChange(Window, ChangeCalendar.Empty));
        await _engine.Changes.ExecuteAsync(Tenant, third, Coordinator, new ScheduleChange(new Interval(Window.End, Window.End + Duration.FromHours(1)), ChangeCalendar.Empty));
        await Assert.ThrowsAsync<ReservationConflictException>(() => _engine.Changes.ExecuteAsync(Tenant, second, Coordinator, new ScheduleChange(Window, ChangeCalendar.Empty)));

        await _engine.Changes.ExecuteAsync(Tenant, first, Coordinator, new CancelChange("Vendor postponed the patch."));
        await _engine.Changes.ExecuteAsync(Tenant, second, Coordinator, new ScheduleChange(Window, ChangeCalendar.Empty));

        Assert.Equal(ChangeState.Scheduled, (await _engine.Changes.GetAsync(Tenant, second, Reader)).State);
    }
}
