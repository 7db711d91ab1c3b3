using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Requests;
using Itsm.Sla;
using NodaTime;
using NodaTime.Testing;
using Xunit;
using Itsm.Services;

namespace Itsm.Core.Tests.Sla;

/// <summary>
/// SLA thresholds recorded on tickets: which are pending (crossed, not yet recorded) and when, the
/// SlaThreshold command's rule (each once, in order), the due index, and the stored state.
/// </summary>
public sealed class SlaThresholdTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("bob", "itil");
    private static readonly Actor Worker = new("itsm-sla-worker", "system");
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 30, 9, 0);

    // Resolution on 24x7: P3 4 h; warnings 50 and 75 %, escalation at 150 %; pauses on hold.
    private static readonly SlaTarget Resolution = new()
    {
        Metric = SlaMetric.Resolution,
        Durations = new Dictionary<Priority, Duration> { [Priority.Moderate] = Duration.FromHours(4), [Priority.Critical] = Duration.FromHours(1) },
        WarningThresholds = [50.0, 75.0, 150.0],
        Conditions = new SlaConditions
        {
            Start = SlaCondition.StateIn("New", "InProgress", "OnHold"),
            Pause = SlaCondition.StateIn("OnHold"),
            Stop = SlaCondition.StateIn("Resolved", "Closed", "Canceled"),
        },
    };

    private static readonly Agreement Gold = new("sla-gold", "Gold", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [Resolution]);

    private static (ItsmEngine Engine, FakeClock Clock, InMemoryAggregateStore Store) NewEngine(IncidentOptions? incidents = null, params Agreement[] agreements)
    {
        var clock = new FakeClock(Start);
        var store = new InMemoryAggregateStore();
        var options = new ItsmEngineOptions { Agreements = agreements.Length == 0 ? [Gold] : agreements, Incidents = incidents ?? IncidentOptions.Default };
        return (new ItsmEngine(store, ItsmAuthorizers.AllowAll, clock, options), clock, store);
    }

    private static async Task<IncidentId> OpenAsync(ItsmEngine engine)
    {
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("alice", "Mail down", Impact.Medium, Urgency.Medium));
        return id;
    }

    private static async Task<Instant?> DueAsync(InMemoryAggregateStore store, IncidentId id) =>
        (await store.QueryAsync(Tenant, new RecordQuery())).Single(r => r.RecordId == id.ToString()).Index.SlaDueAt;

    [Fact]
    public async Task PendingThresholds_AreTheWarningsBreachAndEscalationCrossedByNow_InOrder()
    {
        var (engine, clock, _) = NewEngine();
        var id = await OpenAsync(engine);
        var incident = await engine.Incidents.GetAsync(Tenant, id, Agent);

        Assert.Empty(engine.PendingSlaThresholds(incident, Start + Duration.FromHours(2) - Duration.Epsilon));
        var pending = engine.PendingSlaThresholds(incident, Start + Duration.FromHours(6));

        Assert.Equal(
            [
                new SlaThresholdReached("sla-gold", SlaMetric.Resolution, 50.0, SlaThresholdKind.Warning, Start + Duration.FromHours(2)),
                new SlaThresholdReached("sla-gold", SlaMetric.Resolution, 75.0, SlaThresholdKind.Warning, Start + Duration.FromHours(3)),
                new SlaThresholdReached("sla-gold", SlaMetric.Resolution, 100.0, SlaThresholdKind.Breach, Start + Duration.FromHours(4)),
                new SlaThresholdReached("sla-gold", SlaMetric.Resolution, 150.0, SlaThresholdKind.Escalation, Start + Duration.FromHours(6)),
            ],
            pending);
    }

    [Fact]
    public async Task RecordingAThreshold_KeepsTheStateAndHistory_AndLeavesOnlyLaterOnesPending()
    {
        var (engine, clock, store) = NewEngine();
        var id = await OpenAsync(engine);
        clock.Reset(Start + Duration.FromHours(3));
        var incident = await engine.Incidents.GetAsync(Tenant, id, Agent);
        var first = engine.PendingSlaThresholds(incident, clock.GetCurrentInstant())[0];
        var historyBefore = (await engine.ReadIncidentTicketHistoryAsync(Tenant, id, Agent)).Count;

        var result = await engine.Incidents.ExecuteAsync(Tenant, id, Worker, new RecordIncidentSlaThreshold(first));

        var entry = Assert.Single(result.Events);
        Assert.Equal("SlaThreshold", entry.Command);
        Assert.Equal(("New", "New"), (entry.FromState, entry.ToState));
        Assert.Equal(first, entry.Event);
        Assert.Equal(Start + Duration.FromHours(3), entry.At);
        Assert.Equal(IncidentState.New, result.Record.State);
        var historyAfter = await engine.ReadIncidentTicketHistoryAsync(Tenant, id, Agent);
        Assert.Equal(historyBefore + 1, historyAfter.Count);
        Assert.True(TicketSlaProjection.SameValue(historyAfter[^2].Snapshot, historyAfter[^1].Snapshot));
        var reloaded = await engine.Incidents.GetAsync(Tenant, id, Agent);
        Assert.Equal(first, reloaded.LastSlaThreshold);
        Assert.Equal([75.0], engine.PendingSlaThresholds(reloaded, clock.GetCurrentInstant()).Select(t => t.ThresholdPercent));
        Assert.Equal(Start + Duration.FromHours(3), await DueAsync(store, id));
    }

    [Fact]
    public async Task RecordingAThresholdAgain_IsRefusedByTheRule_AndChangesNothing()
    {
        var (engine, clock, _) = NewEngine();
        var id = await OpenAsync(engine);
        clock.Reset(Start + Duration.FromHours(3));
        var incident = await engine.Incidents.GetAsync(Tenant, id, Agent);
        var pending = engine.PendingSlaThresholds(incident, clock.GetCurrentInstant());
        await engine.Incidents.ExecuteAsync(Tenant, id, Worker, new RecordIncidentSlaThreshold(pending[1]));

        foreach (var threshold in pending)
        {
            var ex = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Tenant, id, Worker, new RecordIncidentSlaThreshold(threshold)));
            Assert.Equal("ITSM-SLA-THRESHOLD-001", ex.Code);
        }

        Assert.Equal(2, (await engine.Incidents.GetAsync(Tenant, id, Agent)).Version);
    }

    [Fact]
    public void AThresholdWhosePercentAndKindDisagree_IsRefusedNamingTheThreshold()
    {
        var incident = Incident.Open(Tenant, IncidentId.New(), Agent, "alice", "Mail down", Impact.Medium, Urgency.Medium, new FakeClock(Start));

        var ex = Assert.Throws<ArgumentException>(() => incident.RecordSlaThreshold(Worker, new SlaThresholdReached("sla-gold", SlaMetric.Resolution, 120.0, SlaThresholdKind.Breach, Start)));

        Assert.Equal("threshold", ex.ParamName);
        Assert.Equal(1, incident.Version);
    }

    [Fact]
    public async Task TheDueIndex_PointsAtTheFirstThresholdNotYetRecorded_EvenWhenItIsPast()
    {
        var (engine, clock, store) = NewEngine();
        var id = await OpenAsync(engine);
        Assert.Equal(Start + Duration.FromHours(2), await DueAsync(store, id));

        // A command after the 50 % instant, with nothing recorded: the index still says 2 h.
        clock.Reset(Start + Duration.FromHours(2.5));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("ServiceDesk"), null));
        Assert.Equal(Start + Duration.FromHours(2), await DueAsync(store, id));

        var incident = await engine.Incidents.GetAsync(Tenant, id, Agent);
        await engine.Incidents.ExecuteAsync(Tenant, id, Worker, new RecordIncidentSlaThreshold(Assert.Single(engine.PendingSlaThresholds(incident, clock.GetCurrentInstant()))));
        Assert.Equal(Start + Duration.FromHours(3), await DueAsync(store, id));
    }

    [Fact]
    public async Task APausedClock_CrossesNothingWhilePaused_AndItsThresholdsMoveByThePause()
    {
        var (engine, clock, store) = NewEngine();
        var id = await OpenAsync(engine);
        clock.Reset(Start + Duration.FromHours(1));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new PutIncidentOnHold(OnHoldReason.AwaitingVendor));
        Assert.Null(await DueAsync(store, id));

        clock.Reset(Start + Duration.FromHours(10));
        Assert.Empty(engine.PendingSlaThresholds(await engine.Incidents.GetAsync(Tenant, id, Agent), clock.GetCurrentInstant()));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new ResumeIncident());

        // 1 h ran before the pause: 50 % (2 h) comes 1 h after the resume.
        Assert.Equal(Start + Duration.FromHours(11), await DueAsync(store, id));
    }

    [Fact]
    public async Task ARetargetBelowTheElapsedTime_CrossesItsThresholdsAtTheRetargetInstant()
    {
        var (engine, clock, _) = NewEngine();
        var id = await OpenAsync(engine);
        clock.Reset(Start + Duration.FromMinutes(50));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new ChangeIncidentImpactOrUrgency(Impact.High, Urgency.High));

        var pending = engine.PendingSlaThresholds(await engine.Incidents.GetAsync(Tenant, id, Agent), clock.GetCurrentInstant());

        // P1 is 1 h: 50 % (30 min) and 75 % (45 min) are already behind at 50 min.
        Assert.Equal([(50.0, Start + Duration.FromMinutes(50)), (75.0, Start + Duration.FromMinutes(50))], pending.Select(t => (t.ThresholdPercent, t.DueAt)));
    }

    [Fact]
    public async Task AServiceRequest_RecordsItsThresholdsToo()
    {
        var target = Resolution with { Conditions = new SlaConditions { Start = SlaCondition.StateIn("Submitted", "Fulfilling"), Stop = SlaCondition.StateIn("Fulfilled", "Closed", "Canceled", "Rejected") }, Durations = new Dictionary<Priority, Duration> { [Priority.Low] = Duration.FromHours(8) } };
        var (engine, clock, _) = NewEngine(null, new Agreement("ola-desk", "Desk", AgreementKind.OperationalLevelAgreement, AgreementScope.Everything, [target]));
        var id = ServiceRequestId.New();
        await engine.ServiceRequests.CreateAsync(Tenant, id, Agent, new SubmitServiceRequest(new CatalogItem("password-reset", requiresApproval: false)));
        clock.Reset(Start + Duration.FromHours(4));

        var request = await engine.ServiceRequests.GetAsync(Tenant, id, Agent);
        var threshold = Assert.Single(engine.PendingSlaThresholds(request, clock.GetCurrentInstant()));
        var result = await engine.ServiceRequests.ExecuteAsync(Tenant, id, Worker, new RecordServiceRequestSlaThreshold(threshold));

        Assert.Equal(threshold, Assert.Single(result.Events).Event);
        Assert.Equal(threshold, (await engine.ServiceRequests.GetAsync(Tenant, id, Agent)).LastSlaThreshold);
    }

    [Fact]
    public async Task AResolvedIncident_IsDueAtItsAutoCloseInstant_UnlessItIsMajor()
    {
        var (engine, clock, store) = NewEngine(new IncidentOptions { AutoClose = new IncidentAutoClosePolicy(2) });
        var id = await OpenAsync(engine);
        var major = await OpenAsync(engine);
        await engine.Incidents.ExecuteAsync(Tenant, major, Agent, new PromoteIncidentToMajor("Everyone"));
        clock.Reset(Start + Duration.FromHours(1));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Restarted"));
        await engine.Incidents.ExecuteAsync(Tenant, major, Agent, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Restarted"));

        // Resolved Monday: two business days (Tue, Wed) on 24x7, due Thursday 00:00.
        var due = Instant.FromUtc(2026, 12, 3, 0, 0);
        Assert.Equal(due, await DueAsync(store, id));
        Assert.Equal(due, engine.AutoCloseDueAt(await engine.Incidents.GetAsync(Tenant, id, Agent)));
        Assert.Null(await DueAsync(store, major));
    }

    [Fact]
    public void AnAutoCloseCalendarTheEngineLacks_IsAnOptionsError()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ItsmEngine(new InMemoryAggregateStore(), ItsmAuthorizers.AllowAll, new FakeClock(Start), new ItsmEngineOptions
        {
            Incidents = new IncidentOptions { AutoClose = new IncidentAutoClosePolicy(3), AutoCloseCalendarId = "uk-office" },
        }));

        Assert.Contains("Incidents: the auto-close calendar 'uk-office' is not among the calendars.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLastThreshold_SurvivesTheStoredState()
    {
        var (engine, clock, _) = NewEngine();
        var incident = Incident.Open(Tenant, IncidentId.New(), Agent, "alice", "Mail down", Impact.Medium, Urgency.Medium, clock);
        var threshold = new SlaThresholdReached("sla-gold", SlaMetric.Resolution, 100.0 / 3.0, SlaThresholdKind.Warning, Start + Duration.FromTicks(1));
        incident.RecordSlaThreshold(Worker, threshold);
        await engine.Incidents.SaveAsync(incident, Worker);

        var loaded = await engine.Incidents.GetAsync(Tenant, incident.Id, Agent);

        Assert.Equal(threshold, loaded.LastSlaThreshold);
    }
}
