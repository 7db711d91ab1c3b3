using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Sla;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Services;
using Itsm.Sla;
using Itsm.Workflows;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Workflows.WorkflowEngineFixtures;

namespace Itsm.Core.Tests.Workflows;

/// <summary>
/// SLA conditions that name a custom state (<c>workflowState</c>), through the engine: the clock pauses and resumes
/// on named transitions, and the replay from the audit log gives the ledger the live commands built.
/// </summary>
public sealed class WorkflowSlaTests
{
    // Pause while on hold, and while the incident waits for a change (a custom state inside InProgress).
    private static readonly Agreement PauseWhileAwaitingChange = SlaFixtures.AgreementOf(SlaFixtures.ResolutionTarget(conditions: SlaFixtures.IncidentConditions with
    {
        Pause = SlaCondition.Any(SlaCondition.StateIn("OnHold"), SlaCondition.FieldIn("workflowState", ["Awaiting Change"])),
    }));

    private readonly FakeClock _clock = new(Monday0900);
    private readonly InMemoryAggregateStore _store = new();

    [Fact]
    public async Task A_clock_pauses_on_a_named_transition_into_a_paused_custom_state_and_resumes_on_the_way_out()
    {
        var engine = EngineOver(_store, _clock, WorkflowCatalog.Empty.With(IncidentV1), agreements: [PauseWhileAwaitingChange]);
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Acme, id, Agent, Open());
        _clock.Advance(Duration.FromMinutes(30));
        await engine.Incidents.ExecuteAsync(Acme, id, Agent, new AssignIncident(new SupportGroupId("Network"), "agent.smith"));
        _clock.Advance(Duration.FromMinutes(30));
        var waiting = await engine.Incidents.ExecuteAsync(Acme, id, Agent, new TransitionIncidentWorkflow("wait-for-change"));
        _clock.Advance(Duration.FromHours(2));
        var paused = Resolution(engine, await engine.ReadIncidentTicketHistoryAsync(Acme, id, Agent));
        var released = await engine.Incidents.ExecuteAsync(Acme, id, Agent, new TransitionIncidentWorkflow("change-released"));
        _clock.Advance(Duration.FromHours(1));
        var running = Resolution(engine, await engine.ReadIncidentTicketHistoryAsync(Acme, id, Agent));

        Assert.Equal((SlaStage.Paused, Duration.FromHours(1), Duration.FromHours(2)), (paused.Stage, paused.BusinessElapsed, paused.PausedDuration));
        Assert.Equal((SlaStage.InProgress, Duration.FromHours(2), Duration.FromHours(2)), (running.Stage, running.BusinessElapsed, running.PausedDuration));
        Assert.Null(waiting.Index!.SlaDueAt); // Nothing is due while the clock is paused.
        Assert.NotNull(released.Index!.SlaDueAt);
    }

    [Fact]
    public async Task Recomputing_from_the_audit_log_gives_the_ledger_the_live_commands_built()
    {
        var engine = EngineOver(_store, _clock, WorkflowCatalog.Empty.With(IncidentV1), agreements: [PauseWhileAwaitingChange]);
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Acme, id, Agent, Open());
        _clock.Advance(Duration.FromMinutes(45));
        await engine.Incidents.ExecuteAsync(Acme, id, Agent, new AssignIncident(new SupportGroupId("Network"), "agent.smith"));
        _clock.Advance(Duration.FromMinutes(15));
        await engine.Incidents.ExecuteAsync(Acme, id, Agent, new TransitionIncidentWorkflow("wait-for-change"));
        _clock.Advance(Duration.FromHours(3));
        await engine.Incidents.ExecuteAsync(Acme, id, Agent, new TransitionIncidentWorkflow("change-released"));
        _clock.Advance(Duration.FromHours(1));
        await engine.Incidents.ExecuteAsync(Acme, id, Agent, new TransitionIncidentWorkflow("wait-for-change"));
        var live = await engine.Incidents.GetAsync(Acme, id, Agent);

        var recomputed = await engine.RecomputeIncidentSlaAsync(Acme, id, Migrator, "replay check");

        Assert.Equal(Ledger(live), Ledger(recomputed.Record));
        Assert.Equal(SlaStage.Paused, Resolution(engine, await engine.ReadIncidentTicketHistoryAsync(Acme, id, Agent)).Stage);
        Assert.Equal(engine.PendingSlaThresholds(live, Monday0900.Plus(Duration.FromDays(7))), engine.PendingSlaThresholds(recomputed.Record, Monday0900.Plus(Duration.FromDays(7))));
    }

    private static SlaStatus Resolution(ItsmEngine engine, System.Collections.Generic.IReadOnlyList<TicketChange> history) =>
        engine.EvaluateSla(history).Single().Status;

    private static string Ledger(Incident incident)
    {
        var ledger = incident.Sla.Committed!;
        return string.Join("; ", ledger.Tracks.Select(t => $"{t.AgreementId}/{t.Metric}: {t.Progress} {t.Clock}")) + " | " + string.Join(", ", ledger.Crossed.Select(c => c.ToString()));
    }
}
