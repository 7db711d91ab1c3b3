using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence.Testing;

// The event feed: positions per tenant, in commit order, without gaps; checkpoints and parked entries.
public abstract partial class AggregateStoreContract
{
    /// <summary>Positions start at 1 per tenant and follow the order of commits, of writes in a unit, and of entries in a write.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Feed_numbers_entries_per_tenant_in_commit_order()
    {
        var store = await NewStoreAsync();
        Assert.Empty(await store.ReadFeedAsync(TenantA, 0, 10));
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0, entries: 2));
        await store.SaveAsync(Write(TenantB, IncidentType, "INC-1", 0));
        await store.CommitAsync(new UnitOfWork([Write(TenantA, ProblemType, "PRB-1", 0), Write(TenantA, IncidentType, "INC-1", 2, entries: 2)]));

        var feedA = await store.ReadFeedAsync(TenantA, 0, 100);
        Assert.Equal([1L, 2, 3, 4, 5], feedA.Select(f => f.Position));
        Assert.Equal(
            ["Incident/INC-1/1", "Incident/INC-1/2", "Problem/PRB-1/1", "Incident/INC-1/3", "Incident/INC-1/4"],
            feedA.Select(f => $"{f.Entry.RecordType}/{f.Entry.RecordId}/{f.Entry.Version}"));
        Assert.All(feedA, f => Assert.Equal(TenantA, f.Tenant));
        var feedB = await store.ReadFeedAsync(TenantB, 0, 100);
        Assert.Equal(1L, Assert.Single(feedB).Position);
    }

    /// <summary>A feed entry carries the audit entry exactly as the history holds it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Feed_entries_equal_the_audit_entries()
    {
        var store = await NewStoreAsync();
        var data = new Dictionary<string, string> { ["group"] = "network", ["note"] = "ünïcode ✓" };
        await store.SaveAsync(new AggregateWrite(TenantA, IncidentType, "INC-1", 0, "{}", Index(), [Entry(TenantA, IncidentType, "INC-1", at: T0 + Duration.FromNanoseconds(123), data: data)]));

        var history = await store.ReadHistoryAsync(TenantA, IncidentType, "INC-1");
        var feed = await store.ReadFeedAsync(TenantA, 0, 10);
        Assert.Equal(history.Select(Describe), feed.Select(f => Describe(f.Entry)));
    }

    /// <summary>Reads page through the feed: after a position, at most max entries, never a gap, empty past the end.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Feed_reads_page_after_a_position()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0, entries: 7));

        Assert.Equal([3L, 4, 5], (await store.ReadFeedAsync(TenantA, 2, 3)).Select(f => f.Position));
        Assert.Equal([6L, 7], (await store.ReadFeedAsync(TenantA, 5, 3)).Select(f => f.Position));
        Assert.Empty(await store.ReadFeedAsync(TenantA, 7, 3));
        Assert.Empty(await store.ReadFeedAsync(TenantA, 1000, 3));
        Assert.Equal(7, (await store.ReadFeedAsync(TenantA, 0, StoreArguments.MaxFeedRead)).Count);
    }

    /// <summary>A refused save (conflict, idempotency replay) takes no position: positions stay gapless.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Feed_has_no_gaps_after_refused_saves()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0, key: new IdempotencyKey("k", "f")));
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 0)));
        Assert.True((await store.SaveAsync(Write(TenantA, IncidentType, "INC-9", 0, key: new IdempotencyKey("k", "f")))).Replayed);
        await store.SaveAsync(Write(TenantA, IncidentType, "INC-1", 1));

        Assert.Equal([1L, 2], (await store.ReadFeedAsync(TenantA, 0, 10)).Select(f => f.Position));
    }

    /// <summary>
    /// Writers commit while a reader follows the feed from its checkpoint: the reader sees every entry exactly
    /// once, positions 1..n with no gap, and each record's entries in version order.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Feed_reader_following_racing_writers_misses_nothing()
    {
        var store = await NewStoreAsync();
        int perWriter = IncrementsPerWriter;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, RacingWriters).Select(w => Task.Run(async () =>
        {
            var id = $"INC-{w}";
            for (int v = 0; v < perWriter; v++)
            {
                await store.SaveAsync(Write(TenantA, IncidentType, id, v));
            }
        })).ToArray();

        var seen = new List<FeedEntry>();
        var reader = Task.Run(async () =>
        {
            long after = 0;
            while (true)
            {
                // Whether the writers had finished before this read: only then does an empty page mean the end (a
                // page read empty just before the last writes, with the stop seen after them, would miss them).
                bool writersDone = stop.IsCancellationRequested;
                var page = await store.ReadFeedAsync(TenantA, after, 7);
                foreach (var entry in page)
                {
                    Assert.Equal(after + 1, entry.Position);
                    after = entry.Position;
                    seen.Add(entry);
                }

                if (page.Count == 0)
                {
                    if (writersDone)
                    {
                        return;
                    }

                    await Task.Yield();
                }
            }
        });

        await WaitForAllAsync(writers);
        await stop.CancelAsync();
        await WaitForAllAsync(reader);

        Assert.Equal(RacingWriters * perWriter, seen.Count);
        foreach (var group in seen.GroupBy(e => e.Entry.RecordId))
        {
            Assert.Equal(Enumerable.Range(1, perWriter).Select(v => (long)v), group.Select(e => e.Entry.Version));
        }
    }

    /// <summary>A consumer's checkpoint starts at 0, is kept per tenant and consumer, and may move either way.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Checkpoints_are_kept_per_tenant_and_consumer()
    {
        var store = await NewStoreAsync();
        Assert.Equal(0, await store.ReadCheckpointAsync(TenantA, "mailer"));
        await store.SaveCheckpointAsync(TenantA, "mailer", 42);
        await store.SaveCheckpointAsync(TenantA, "billing", 7);
        await store.SaveCheckpointAsync(TenantB, "mailer", 3);

        Assert.Equal(42, await store.ReadCheckpointAsync(TenantA, "mailer"));
        Assert.Equal(7, await store.ReadCheckpointAsync(TenantA, "billing"));
        Assert.Equal(3, await store.ReadCheckpointAsync(TenantB, "mailer"));
        Assert.Equal(0, await store.ReadCheckpointAsync(TenantB, "billing"));

        await store.SaveCheckpointAsync(TenantA, "mailer", 10);
        Assert.Equal(10, await store.ReadCheckpointAsync(TenantA, "mailer"));
    }

    /// <summary>Parked entries are kept per tenant and consumer, by position, replaced when parked again, and removed only by unparking.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Parked_entries_are_kept_until_unparked()
    {
        var store = await NewStoreAsync();
        Assert.Empty(await store.ReadParkedAsync(TenantA, "mailer"));
        await store.ParkAsync(TenantA, "mailer", new ParkedEvent(9, "SMTP down", T0, 5));
        await store.ParkAsync(TenantA, "mailer", new ParkedEvent(4, "bad address", T0 + Duration.FromNanoseconds(1), 3));
        await store.ParkAsync(TenantA, "mailer", new ParkedEvent(9, "SMTP still down", T0 + Duration.FromHours(1), 10));
        await store.ParkAsync(TenantB, "mailer", new ParkedEvent(1, "other tenant", T0, 1));

        var parked = await store.ReadParkedAsync(TenantA, "mailer");
        Assert.Equal(
            ["4|bad address|" + Format(T0 + Duration.FromNanoseconds(1)) + "|3", "9|SMTP still down|" + Format(T0 + Duration.FromHours(1)) + "|10"],
            parked.Select(p => $"{p.Position}|{p.Reason}|{Format(p.ParkedAt)}|{p.Attempts}"));
        Assert.Empty(await store.ReadParkedAsync(TenantA, "billing"));

        Assert.True(await store.UnparkAsync(TenantA, "mailer", 4));
        Assert.False(await store.UnparkAsync(TenantA, "mailer", 4));
        Assert.False(await store.UnparkAsync(TenantA, "billing", 9));
        Assert.Equal([9L], (await store.ReadParkedAsync(TenantA, "mailer")).Select(p => p.Position));
        Assert.Single(await store.ReadParkedAsync(TenantB, "mailer"));
    }

    /// <summary>A parked reason longer than the limit is cut when the parked event is created, and stored whole as cut.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Parked_reason_is_bounded()
    {
        var store = await NewStoreAsync();
        await store.ParkAsync(TenantA, "mailer", new ParkedEvent(1, new string('x', 100_000), T0, 1));
        Assert.Equal(ParkedEvent.MaxReasonLength, Assert.Single(await store.ReadParkedAsync(TenantA, "mailer")).Reason.Length);
    }

    /// <summary>Feed, checkpoint and parking calls refuse bad arguments, naming them.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Feed_calls_refuse_bad_arguments()
    {
        var store = await NewStoreAsync();
        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReadFeedAsync(default, 0, 1))).ParamName);
        Assert.Equal("after", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReadFeedAsync(TenantA, -1, 1))).ParamName);
        Assert.Equal("max", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReadFeedAsync(TenantA, 0, 0))).ParamName);
        Assert.Equal("max", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReadFeedAsync(TenantA, 0, StoreArguments.MaxFeedRead + 1))).ParamName);
        Assert.Equal("consumer", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReadCheckpointAsync(TenantA, " "))).ParamName);
        Assert.Equal("consumer", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SaveCheckpointAsync(TenantA, new string('c', StoreArguments.MaxConsumerLength + 1), 1))).ParamName);
        Assert.Equal("position", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SaveCheckpointAsync(TenantA, "c", -1))).ParamName);
        Assert.Equal("parked", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ParkAsync(TenantA, "c", null!))).ParamName);
        Assert.Equal("position", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.UnparkAsync(TenantA, "c", 0))).ParamName);
        Assert.Equal("tenant", (await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ReadParkedAsync(default, "c"))).ParamName);
    }
}
