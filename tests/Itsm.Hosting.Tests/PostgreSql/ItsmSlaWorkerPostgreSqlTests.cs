// Uses the server ITSM_POSTGRES_CONNECTION names, or starts a throwaway one with build/postgres.sh (PostgresServer,
// linked from the PostgreSQL store's tests), on a new schema dropped at the end.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Persistence.PostgreSql;
using Itsm.Persistence.PostgreSql.Tests;
using Itsm.Sla;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Xunit;
using Xunit.Abstractions;

namespace Itsm.Hosting.Tests.PostgreSql;

/// <summary>
/// Issue 14's proof: the SLA worker on two instances over one PostgreSQL database records every threshold
/// exactly once, never before its instant, and within the poll interval plus <see cref="Slack"/> after it (the
/// bound docs/hosting.md states: the poll interval plus the look that missed the instant and the one that
/// records it; the slack is generous for a loaded 2-core machine, and still fails a worker that stalls or
/// skips a look). Each instance has its own store and engine; both run as hosted loops on the real clock; the
/// tickets have second-long targets on a 24x7 calendar.
/// </summary>
public sealed class ItsmSlaWorkerPostgreSqlTests(ITestOutputHelper output)
{
    private static readonly TenantId Tenant = new("acme");

    private static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(200);

    // What the two looks around an instant (claiming, loading, committing) may add to the poll interval here: an order
    // of magnitude above what a look takes (tens of milliseconds), so a busy machine does not fail it, and far below
    // the next poll intervals a skipped or stalled look would add.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task TwoInstances_RecordEveryThresholdExactlyOnce_NeverBeforeItsInstant_NorLaterThanThePollIntervalPlusSlack()
    {
        var clock = new RealClock();
        var target = new SlaTarget
        {
            Metric = SlaMetric.Resolution,
            Durations = new Dictionary<Priority, Duration> { [Priority.Moderate] = Duration.FromSeconds(4) },
            WarningThresholds = [50.0, 75.0, 150.0],
            Conditions = new SlaConditions
            {
                Start = SlaCondition.StateIn("New", "InProgress", "OnHold"),
                Stop = SlaCondition.StateIn("Resolved", "Closed", "Canceled"),
            },
        };
        var options = new ItsmEngineOptions { Agreements = [new Agreement("sla-fast", "Fast", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [target])] };
        var schema = PostgresServer.NewSchema();
        await using var storeA = new PostgreSqlAggregateStore(PostgresServer.NewOptions(schema));
        await using var storeB = new PostgreSqlAggregateStore(PostgresServer.NewOptions(schema));
        var engineA = new ItsmEngine(storeA, ItsmAuthorizers.AllowAll, clock, options);
        var engineB = new ItsmEngine(storeB, ItsmAuthorizers.AllowAll, clock, options);
        Assert.IsAssignableFrom<ISlaDueClaims>(storeA);
        var workers = new[] { Worker(engineA, "instance-a"), Worker(engineB, "instance-b") };
        try
        {
            foreach (var worker in workers)
            {
                await worker.StartAsync(CancellationToken.None);
            }

            // 30 tickets opened over about three seconds, alternately on each instance.
            var ids = new List<IncidentId>();
            for (int i = 0; i < 30; i++)
            {
                var id = IncidentId.New();
                await (i % 2 == 0 ? engineA : engineB).Incidents.CreateAsync(Tenant, id, new Actor("bob", "itil"), new OpenIncident("alice", "Mail down", Impact.Medium, Urgency.Medium));
                ids.Add(id);
                await Task.Delay(100);
            }

            // Every ticket's last threshold (150 % of 4 s) is due 6 s after it opened.
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
            {
                while (!await AllRecordedAsync(storeA, ids))
                {
                    await Task.Delay(250, timeout.Token);
                }
            }

            // Let both loops run a little longer: a duplicate would show up now.
            await Task.Delay(Resolution * 5);
            foreach (var worker in workers)
            {
                await worker.StopAsync(CancellationToken.None);
            }

            var early = new List<string>();
            var late = new List<string>();
            var bound = Duration.FromTimeSpan(Resolution + Slack);
            var lateness = new List<Duration>();
            foreach (var id in ids)
            {
                var history = await storeA.ReadHistoryAsync(Tenant, Incident.RecordType, id.ToString());
                var opened = history[0].At;
                var thresholds = history.Where(e => e.Command == "SlaThreshold").ToList();
                Assert.Equal(
                    [(50.0, opened + Duration.FromSeconds(2)), (75.0, opened + Duration.FromSeconds(3)), (100.0, opened + Duration.FromSeconds(4)), (150.0, opened + Duration.FromSeconds(6))],
                    thresholds.Select(e => (((SlaThresholdReached)e.Event).ThresholdPercent, ((SlaThresholdReached)e.Event).DueAt)));
                Assert.Single(history, e => e.Command == "EscalateHierarchically");
                foreach (var entry in thresholds)
                {
                    var after = entry.At - ((SlaThresholdReached)entry.Event).DueAt;
                    lateness.Add(after);
                    // Recording a threshold before its instant is a defect; recording it later than the poll interval plus the
                    // slack means a look was skipped or stalled. The exact lateness is a measurement of this machine at this
                    // moment (other test assemblies run beside this one in CI), printed below.
                    if (after < Duration.Zero)
                    {
                        early.Add($"{id} {((SlaThresholdReached)entry.Event).ThresholdPercent}%: recorded {-after} before its instant");
                    }

                    if (after >= bound)
                    {
                        late.Add($"{id} {((SlaThresholdReached)entry.Event).ThresholdPercent}%: recorded {after} after its instant, bound {bound}");
                    }
                }
            }

            // The figures the closing note and docs/hosting.md quote: how late after its instant each threshold was recorded.
            lateness.Sort();
            output.WriteLine($"{ids.Count} tickets, {lateness.Count} thresholds, each recorded once; lateness min {lateness[0].TotalMilliseconds:F0} ms, median {lateness[lateness.Count / 2].TotalMilliseconds:F0} ms, max {lateness[^1].TotalMilliseconds:F0} ms (poll interval {Resolution.TotalMilliseconds:F0} ms)");
            Assert.Empty(early);
            Assert.Empty(late);
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.StopAsync(CancellationToken.None);
                worker.Dispose();
            }

            await PostgresServer.DropSchemaAsync(schema);
        }
    }

    private static ItsmSlaWorker Worker(ItsmEngine engine, string instance)
    {
        var options = new ItsmSlaWorkerOptions { PollInterval = Resolution, InstanceName = instance };
        options.Tenants.Add(Tenant);
        return new ItsmSlaWorker(engine, Microsoft.Extensions.Options.Options.Create(options), NullLogger<ItsmSlaWorker>.Instance, TimeProvider.System);
    }

    private static async Task<bool> AllRecordedAsync(IAggregateStore store, IReadOnlyList<IncidentId> ids)
    {
        foreach (var id in ids)
        {
            var history = await store.ReadHistoryAsync(Tenant, Incident.RecordType, id.ToString());
            if (history.Count(e => e.Command == "SlaThreshold") < 4)
            {
                return false;
            }
        }

        return true;
    }

    // The real clock, through TimeProvider (the library bans SystemClock.Instance in the domain).
    private sealed class RealClock : IClock
    {
        public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(TimeProvider.System.GetUtcNow());
    }
}
