using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;

namespace Itsm.Persistence.Testing;

// Reservations: exclusive holds on resources for windows, checked in the saving transaction.
public abstract partial class AggregateStoreContract
{
    private static AggregateWrite Reserving(string recordId, long expectedVersion, params (string Resource, int FromHour, int ToHour)[] holds) =>
        new(
            TenantA,
            "Change",
            recordId,
            expectedVersion,
            DefaultState(recordId, expectedVersion + 1),
            Index(),
            [Entry(TenantA, "Change", recordId, version: 0, command: expectedVersion == 0 ? "Open" : "Schedule")],
            reservations: holds.Select(h => new ResourceReservation(h.Resource, new Interval(T0 + Duration.FromHours(h.FromHour), T0 + Duration.FromHours(h.ToHour)))));

    /// <summary>An overlapping reservation of the same resource by another record is refused, naming both; nothing is written.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Overlapping_reservation_of_another_record_is_refused()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(Reserving("CHG-1", 0, ("ci:db-01", 2, 4), ("service:email", 2, 4)));
        var before = await SnapshotAsync(store, [("Change", "CHG-2")]);

        var error = await Assert.ThrowsAsync<ReservationConflictException>(() => store.SaveAsync(Reserving("CHG-2", 0, ("ci:web-01", 1, 2), ("ci:db-01", 3, 5))));

        Assert.Equal(ReservationConflictException.ErrorCode, error.Code);
        Assert.Equal("CHG-2", error.RecordId);
        Assert.Equal("ci:db-01", error.Reservation.Resource);
        Assert.Equal("Change", error.OtherRecordType);
        Assert.Equal("CHG-1", error.OtherRecordId);
        Assert.Equal(new Interval(T0 + Duration.FromHours(2), T0 + Duration.FromHours(4)), error.OtherWindow);
        Assert.Equal(before, await SnapshotAsync(store, [("Change", "CHG-2")]));
    }

    /// <summary>Windows that only touch ([2,4) and [4,6)), other resources, and other tenants do not conflict; the resource name is compared ordinally.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Touching_windows_other_resources_and_other_tenants_do_not_conflict()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(Reserving("CHG-1", 0, ("ci:db-01", 2, 4)));
        await store.SaveAsync(Reserving("CHG-2", 0, ("ci:db-01", 4, 6), ("ci:db-01", 0, 2)));
        await store.SaveAsync(Reserving("CHG-3", 0, ("CI:DB-01", 2, 4), ("ci:db-02", 2, 4)));
        await store.SaveAsync(new AggregateWrite(TenantB, "Change", "CHG-4", 0, "{}", Index(), [Entry(TenantB, "Change", "CHG-4")], reservations: [new ResourceReservation("ci:db-01", new Interval(T0, T0 + Duration.FromHours(9)))]));
        Assert.Equal(4, (await store.QueryAsync(TenantA, new RecordQuery())).Count + (await store.QueryAsync(TenantB, new RecordQuery())).Count);
    }

    /// <summary>A record may move its own reservation over its old window; an empty list releases it; null leaves it held.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Reservations_move_with_their_record_and_are_released_by_an_empty_list()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(Reserving("CHG-1", 0, ("ci:db-01", 2, 4)));
        await store.SaveAsync(Reserving("CHG-1", 1, ("ci:db-01", 3, 5)));
        await Assert.ThrowsAsync<ReservationConflictException>(() => store.SaveAsync(Reserving("CHG-2", 0, ("ci:db-01", 4, 5))));
        await store.SaveAsync(Reserving("CHG-2", 0, ("ci:db-01", 2, 3)));

        // A write without reservations (null) keeps what the record holds.
        await store.SaveAsync(Write(TenantA, "Change", "CHG-1", 2));
        await Assert.ThrowsAsync<ReservationConflictException>(() => store.SaveAsync(Reserving("CHG-3", 0, ("ci:db-01", 4, 5))));

        await store.SaveAsync(Reserving("CHG-1", 3));
        await store.SaveAsync(Reserving("CHG-3", 0, ("ci:db-01", 4, 5)));
    }

    /// <summary>In one unit, a record may take a resource another record of the same unit releases, but two writes may not take the same one.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Reservations_within_a_unit_are_checked_against_each_other()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(Reserving("CHG-1", 0, ("ci:db-01", 2, 4)));

        await store.CommitAsync(new UnitOfWork([Reserving("CHG-1", 1), Reserving("CHG-2", 0, ("ci:db-01", 2, 4))]));
        await Assert.ThrowsAsync<ReservationConflictException>(() => store.CommitAsync(new UnitOfWork([Reserving("CHG-3", 0, ("ci:x", 0, 9)), Reserving("CHG-4", 0, ("ci:x", 8, 10))])));
        Assert.Null(await store.LoadAsync(TenantA, "Change", "CHG-3"));
    }

    /// <summary>Racing writers each reserving the same resource for overlapping windows: exactly one commits.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Racing_overlapping_reservations_commit_at_most_one()
    {
        var store = await NewStoreAsync();
        int committed = 0, refused = 0;
        using var start = new SemaphoreSlim(0);
        var writers = Enumerable.Range(0, RacingWriters).Select(w => Task.Run(async () =>
        {
            await start.WaitAsync();
            try
            {
                await store.SaveAsync(Reserving($"CHG-{w}", 0, ("ci:db-01", w % 3, 5 + (w % 2))));
                Interlocked.Increment(ref committed);
            }
            catch (ReservationConflictException)
            {
                Interlocked.Increment(ref refused);
            }
        })).ToArray();
        start.Release(RacingWriters);
        await WaitForAllAsync(writers);

        Assert.Equal(1, committed);
        Assert.Equal(RacingWriters - 1, refused);
        Assert.Single(await store.QueryAsync(TenantA, new RecordQuery { RecordType = "Change" }));
    }
}
