using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using NodaTime;
using Xunit.Abstractions;

namespace Itsm.Persistence.PostgreSql.Tests.Stress;

/// <summary>
/// Group commit under load: 32 writer tasks of one tenant run 40 accepted commands each through
/// <c>engine.Incidents.ExecuteAsync</c>, four writers on each of 8 incidents (so groups hold units that conflict, and
/// units refused inside a group), calling again on every <see cref="ConcurrencyException"/>, while a consumer follows
/// the feed. No update is lost; the feed is gap-free and in commit order: the consumer never sees a position skipped,
/// every audit row has one position, and each incident's positions rise with its versions.
/// </summary>
[Collection(StressCollection.Name)]
public sealed class GroupCommitStressTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Incidents = 8;
    private const int WritersPerIncident = 4;
    private const int UpdatesPerWriter = 40;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private static readonly TenantId Tenant = new("group-stress");
    private static readonly Actor Agent = new("stress.agent", "itil");

    private readonly PostgreSqlAggregateStore _store = new(PostgresServer.NewOptions());
    private ItsmEngine _engine = null!;

    public Task InitializeAsync()
    {
        _engine = new ItsmEngine(_store, ItsmAuthorizers.AllowAll, SystemClock.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await PostgresServer.DropSchemaAsync(_store.Schema);
    }

    [Fact]
    public async Task Thirty_two_writers_lose_no_update_and_the_feed_stays_gap_free_in_commit_order()
    {
        var ids = new IncidentId[Incidents];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = IncidentId.New();
            await _engine.Incidents.CreateAsync(Tenant, ids[i], Agent, new OpenIncident("caller.stress", "Group commit stress", Impact.Medium, Urgency.Medium));
        }

        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(Deadline);
        using var stop = new CancellationTokenSource();
        var seen = new ConcurrentQueue<FeedEntry>();
        var consumer = Task.Run(() => FollowAsync(seen, stop.Token));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, Incidents * WritersPerIncident).Select(w => Task.Run(async () =>
        {
            await gate.Task;
            return await WriteAllAsync(ids[w % Incidents], "w" + w.ToString(CultureInfo.InvariantCulture), deadline.Token);
        })).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(writers).WaitAsync(Deadline + TimeSpan.FromSeconds(30));
        var total = Incidents * (1 + (WritersPerIncident * UpdatesPerWriter));
        while (seen.Count < total && !deadline.IsCancellationRequested)
        {
            await Task.Delay(20); // a bound on a hang, not a timing assertion
        }

        await stop.CancelAsync();
        await consumer.WaitAsync(Deadline);
        output.WriteLine($"{writers.Length} writers x {UpdatesPerWriter}: {results.Sum(r => r.Conflicts)} conflicts retried, {clock.Elapsed.TotalSeconds:F1} s");

        // No lost update: each incident's version is 1 + the updates its writers saw succeed, one audit row per version.
        Assert.All(results, r => Assert.Equal(UpdatesPerWriter, r.Succeeded));
        foreach (var id in ids)
        {
            var incident = await _engine.Incidents.GetAsync(Tenant, id, Agent);
            Assert.Equal(1 + (WritersPerIncident * UpdatesPerWriter), incident.Version);
            var history = await _store.ReadHistoryAsync(Tenant, Incident.RecordType, id.ToString());
            Assert.Equal(Enumerable.Range(1, (int)incident.Version).Select(v => (long)v), history.Select(e => e.Version));
        }

        // The feed: every position from 1 to the total, once, each audit row once; per incident, positions in version order.
        var feed = seen.ToList();
        Assert.Equal(Enumerable.Range(1, total).Select(p => (long)p), feed.Select(e => e.Position));
        Assert.Equal((long)total, await PostgresServer.ScalarAsync($"SELECT count(*) FROM \"{_store.Schema}\".audit WHERE tenant = $1", Tenant.Value));
        foreach (var record in feed.GroupBy(e => e.Entry.RecordId))
        {
            Assert.Equal(Enumerable.Range(1, record.Count()).Select(v => (long)v), record.Select(e => e.Entry.Version));
        }
    }

    /// <summary>A consumer that fails on the first position it is handed out of turn.</summary>
    private async Task FollowAsync(ConcurrentQueue<FeedEntry> seen, CancellationToken stop)
    {
        long after = 0;
        while (!stop.IsCancellationRequested)
        {
            var page = await _store.ReadFeedAsync(Tenant, after, 50);
            foreach (var entry in page)
            {
                if (entry.Position != after + 1)
                {
                    throw new InvalidOperationException($"The consumer at {after} was handed position {entry.Position}.");
                }

                after = entry.Position;
                seen.Enqueue(entry);
            }

            if (page.Count == 0)
            {
                await Task.Delay(5);
            }
        }
    }

    private Task<(long Succeeded, long Conflicts)> WriteAllAsync(IncidentId id, string writer, CancellationToken deadline) =>
        EngineWriter.WriteAllAsync(_engine, Tenant, Agent, id, writer, UpdatesPerWriter, Deadline, deadline);
}
