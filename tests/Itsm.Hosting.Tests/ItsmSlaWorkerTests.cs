using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Sla;
using NodaTime;
using Xunit;
using static Itsm.Hosting.Tests.SlaWorld;

namespace Itsm.Hosting.Tests;

/// <summary>
/// The SLA and auto-close worker over the in-memory store with a fake clock: what it records, when,
/// and that it records each threshold once, also when two workers race on the same tickets.
/// </summary>
public sealed class ItsmSlaWorkerTests
{
    private static readonly Actor Worker = new ItsmSlaWorkerOptions().SystemActor;

    [Fact]
    public async Task WarningsBreachAndEscalation_AreRecordedOnceEach_AtTheirInstants()
    {
        var world = new SlaWorld();
        var id = await world.OpenAsync();
        var worker = world.NewWorker();

        foreach (var (percent, kind, after) in Thresholds)
        {
            world.Clock.Reset(Start + after - Duration.Epsilon);
            Assert.Equal(0, (await worker.RunOnceAsync()).Recorded);

            world.Clock.Reset(Start + after);
            Assert.Equal(kind == SlaThresholdKind.Escalation ? 2 : 1, (await worker.RunOnceAsync()).Recorded);
            Assert.Equal(0, (await worker.RunOnceAsync()).Recorded);
        }

        var entries = (await world.HistoryAsync(id)).Where(e => e.Command == "SlaThreshold").ToList();
        Assert.Equal(
            Thresholds.Select(t => new SlaThresholdReached("sla-gold", SlaMetric.Resolution, t.Percent, t.Kind, Start + t.After)),
            entries.Select(e => (SlaThresholdReached)e.Event));
        Assert.All(entries, e => Assert.Equal(((SlaThresholdReached)e.Event).DueAt, e.At));
        Assert.All(entries, e => Assert.Equal(Worker, e.Actor));
        Assert.All(entries, e => Assert.Equal(e.FromState, e.ToState));
    }

    [Fact]
    public async Task AnEscalationThreshold_EscalatesTheIncidentHierarchically_UnlessTurnedOff()
    {
        var world = new SlaWorld();
        var escalated = await world.OpenAsync();
        var notEscalated = await world.OpenAsync();
        world.Clock.Reset(Start + Duration.FromHours(6));

        await world.NewWorker().RunOnceAsync();

        var escalation = Assert.Single(await world.HistoryAsync(escalated), e => e.Command == "EscalateHierarchically");
        var @event = Assert.IsType<IncidentEscalatedHierarchically>(escalation.Event);
        Assert.Equal(("duty-manager", 1), (@event.Manager, @event.Level));
        Assert.Equal(Worker, escalation.Actor);
        Assert.Equal(1, (await world.Engine.Incidents.GetAsync(Tenant, escalated, SlaWorld.Agent)).EscalationLevel);

        var world2 = new SlaWorld();
        var quiet = await world2.OpenAsync();
        world2.Clock.Reset(Start + Duration.FromHours(6));
        await world2.NewWorker(configure: o => o.EscalateIncidents = false).RunOnceAsync();
        Assert.Equal(4, (await world2.ThresholdsAsync(quiet)).Count);
        Assert.DoesNotContain(await world2.HistoryAsync(quiet), e => e.Command == "EscalateHierarchically");
        _ = notEscalated;
    }

    [Fact]
    public async Task APausedClock_RecordsNothingWhilePaused_AndItsThresholdsComeLaterByThePause()
    {
        var world = new SlaWorld();
        var id = await world.OpenAsync();
        var worker = world.NewWorker();
        world.Clock.Reset(Start + Duration.FromHours(1));
        await world.Engine.Incidents.ExecuteAsync(Tenant, id, Agent, new PutIncidentOnHold(OnHoldReason.AwaitingVendor));

        world.Clock.Reset(Start + Duration.FromHours(10));
        Assert.Equal(0, (await worker.RunOnceAsync()).Recorded);
        Assert.Empty(await world.ThresholdsAsync(id));

        await world.Engine.Incidents.ExecuteAsync(Tenant, id, Agent, new ResumeIncident());
        world.Clock.Reset(Start + Duration.FromHours(11) - Duration.Epsilon);
        Assert.Equal(0, (await worker.RunOnceAsync()).Recorded);
        world.Clock.Reset(Start + Duration.FromHours(11));
        Assert.Equal(1, (await worker.RunOnceAsync()).Recorded);
        Assert.Equal([Start + Duration.FromHours(11)], (await world.ThresholdsAsync(id)).Select(t => t.DueAt));
    }

    [Fact]
    public async Task AThresholdPassedWhileNoWorkerRan_IsRecordedLate_WithItsOwnInstant()
    {
        var world = new SlaWorld();
        var id = await world.OpenAsync();
        world.Clock.Reset(Start + Duration.FromHours(2.5));
        await world.Engine.Incidents.ExecuteAsync(Tenant, id, Agent, new PutIncidentOnHold(OnHoldReason.AwaitingVendor));
        world.Clock.Reset(Start + Duration.FromHours(5));

        Assert.Equal(1, (await world.NewWorker().RunOnceAsync()).Recorded);

        var entry = Assert.Single(await world.HistoryAsync(id), e => e.Command == "SlaThreshold");
        Assert.Equal((Start + Duration.FromHours(2), Start + Duration.FromHours(5)), (((SlaThresholdReached)entry.Event).DueAt, entry.At));
        Assert.Equal("OnHold", entry.ToState);
    }

    [Fact]
    public async Task AutoClose_ClosesAtTheDueInstantAndNotBefore_AsTheSystemActor()
    {
        var world = new SlaWorld(new IncidentOptions { AutoClose = new IncidentAutoClosePolicy(2) });
        var id = await world.OpenAsync();
        world.Clock.Reset(Start + Duration.FromHours(1));
        await world.Engine.Incidents.ExecuteAsync(Tenant, id, Agent, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Restarted the relay."));
        var due = Instant.FromUtc(2026, 12, 3, 0, 0);
        var worker = world.NewWorker();

        world.Clock.Reset(due - Duration.Epsilon);
        await worker.RunOnceAsync();
        Assert.Equal(IncidentState.Resolved, (await world.Engine.Incidents.GetAsync(Tenant, id, SlaWorld.Agent)).State);

        world.Clock.Reset(due);
        Assert.Equal(1, (await worker.RunOnceAsync()).Recorded);
        var close = (await world.HistoryAsync(id))[^1];
        Assert.Equal(("Close", Worker, due), (close.Command, close.Actor, close.At));
        Assert.Equal(IncidentState.Closed, (await world.Engine.Incidents.GetAsync(Tenant, id, SlaWorld.Agent)).State);
    }

    [Fact]
    public async Task WallClockAutoClose_ClosesOnTheFirstRunAfterResolutionPlusTheDelay_WeekendOrNot()
    {
        // ServiceNow's glide.ui.autoclose.time: 120 h after resolution, whatever the day; the close lands on the worker's
        // next run, at that run's instant.
        var world = new SlaWorld(new IncidentOptions { AutoClose = IncidentAutoClosePolicy.After(Duration.FromHours(120)) });
        var id = await world.OpenAsync();
        var resolvedAt = Start + Duration.FromHours(1);
        world.Clock.Reset(resolvedAt);
        await world.Engine.Incidents.ExecuteAsync(Tenant, id, Agent, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Restarted the relay."));
        var due = resolvedAt + Duration.FromHours(120);
        Assert.Equal(IsoDayOfWeek.Saturday, due.InUtc().DayOfWeek);
        Assert.Equal(due, (await world.Store.LoadAsync(Tenant, Incident.RecordType, id.ToString()))!.Index.SlaDueAt);
        var worker = world.NewWorker();

        world.Clock.Reset(due - Duration.Epsilon);
        Assert.Equal(0, (await worker.RunOnceAsync()).Recorded);
        Assert.Equal(IncidentState.Resolved, (await world.Engine.Incidents.GetAsync(Tenant, id, SlaWorld.Agent)).State);

        var nextRun = due + Duration.FromMinutes(40);
        world.Clock.Reset(nextRun);
        Assert.Equal(1, (await worker.RunOnceAsync()).Recorded);
        var close = (await world.HistoryAsync(id))[^1];
        Assert.Equal(("Close", Worker, nextRun), (close.Command, close.Actor, close.At));
        Assert.Equal(IncidentState.Closed, (await world.Engine.Incidents.GetAsync(Tenant, id, SlaWorld.Agent)).State);
        Assert.Equal(0, (await worker.RunOnceAsync()).Recorded);
    }

    [Fact]
    public async Task AutoClose_NeverClosesAMajorIncident()
    {
        var world = new SlaWorld(new IncidentOptions { AutoClose = new IncidentAutoClosePolicy(1) });
        var id = await world.OpenAsync();
        await world.Engine.Incidents.ExecuteAsync(Tenant, id, Agent, new PromoteIncidentToMajor("Everyone is affected."));
        await world.Engine.Incidents.ExecuteAsync(Tenant, id, Agent, new RecordPostIncidentReview("Relay capacity doubled."));
        await world.Engine.Incidents.ExecuteAsync(Tenant, id, Agent, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Restarted the relay."));
        world.Clock.Reset(Start + Duration.FromDays(30));

        await world.NewWorker().RunOnceAsync();

        Assert.Equal(IncidentState.Resolved, (await world.Engine.Incidents.GetAsync(Tenant, id, SlaWorld.Agent)).State);
    }

    [Fact]
    public async Task TwoWorkers_LoadingTheSameVersion_RecordEachThresholdOnce()
    {
        // Worker B loads a ticket, and before its first save worker A handles every due ticket: B's
        // save conflicts, B reloads and finds nothing left.
        var world = new SlaWorld();
        var ids = new IncidentId[5];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = await world.OpenAsync();
        }

        var racing = new RacingStore(world.Store);
        var a = world.NewWorker();
        var b = world.NewWorker(world.NewEngine(racing));
        racing.BeforeFirstSave = async () => await a.RunOnceAsync();
        world.Clock.Reset(Start + Duration.FromHours(7));

        var byB = await b.RunOnceAsync();

        Assert.Equal(1, racing.Conflicts);
        Assert.Equal(0, byB.Recorded);
        foreach (var id in ids)
        {
            Assert.Equal(Thresholds.Select(t => t.Percent), (await world.ThresholdsAsync(id)).Select(t => t.ThresholdPercent));
            Assert.Single(await world.HistoryAsync(id), e => e.Command == "EscalateHierarchically");
        }
    }

    [Fact]
    public async Task TwoWorkersRacingOnManyDueTickets_RecordEveryThresholdExactlyOnce()
    {
        var world = new SlaWorld();
        var ids = new IncidentId[40];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = await world.OpenAsync();
        }

        var workers = new[] { world.NewWorker(world.NewEngine(world.Store)), world.NewWorker(world.NewEngine(world.Store)) };
        int recorded = 0;
        foreach (var hours in new[] { 2.0, 3.5, 7.0 })
        {
            world.Clock.Reset(Start + Duration.FromHours(hours));

            // Look until nothing is due: a record that lost MaxAttempts races in a row waits for the next look.
            for (int look = 0; look < 20; look++)
            {
                var looks = await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunOnceAsync())));
                recorded += looks.Sum(l => l.Recorded);
                var due = await world.Store.QueryAsync(Tenant, new RecordQuery { OpenOnly = true, SlaDueBefore = world.Clock.GetCurrentInstant() + Duration.Epsilon });
                if (due.Count == 0)
                {
                    break;
                }
            }
        }

        foreach (var id in ids)
        {
            var thresholds = await world.ThresholdsAsync(id);
            Assert.Equal(Thresholds.Select(t => (t.Percent, Start + t.After)), thresholds.Select(t => (t.ThresholdPercent, t.DueAt)));
            Assert.Single(await world.HistoryAsync(id), e => e.Command == "EscalateHierarchically");
        }

        Assert.Equal(ids.Length * 5, recorded);
    }

    [Fact]
    public async Task ARecordTheAuthorizerRefuses_IsLoggedAndStaysDue_AndTheLookGoesOn()
    {
        var world = new SlaWorld();
        var refused = await world.OpenAsync();
        var allowed = await world.OpenAsync();
        world.Authorizer = ItsmAuthorizers.FromRule((_, _, r) => r.RecordId != refused.ToString());
        world.Clock.Reset(Start + Duration.FromHours(2));
        var worker = world.NewWorker();

        Assert.Equal(1, (await worker.RunOnceAsync()).Recorded);
        Assert.Empty(await world.ThresholdsAsync(refused));
        Assert.Single(await world.ThresholdsAsync(allowed));

        world.Authorizer = ItsmAuthorizers.AllowAll;
        Assert.Equal(1, (await worker.RunOnceAsync()).Recorded);
        Assert.Single(await world.ThresholdsAsync(refused));
    }
}
