using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Core.Tests.Lifecycles;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Services;
using Itsm.Workflows;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Workflows.WorkflowEngineFixtures;

namespace Itsm.Core.Tests.Workflows;

/// <summary>
/// Workflow versions through the engine (docs/workflow-versions.md): new records start under the current version,
/// older records keep running theirs, and a migration — one record's typed command or a tenant's bulk run — moves
/// them on as audited <c>MigrateWorkflow</c> entries, refusing with a typed code what it cannot do.
/// </summary>
public sealed class WorkflowMigrationTests
{
    private readonly FakeClock _clock = new(Monday0900);
    private readonly InMemoryAggregateStore _store = new();

    private ItsmEngine V1Engine() => EngineOver(_store, _clock, WorkflowCatalog.Empty.With(Acme, IncidentV1));

    private ItsmEngine V2Engine(IItsmAuthorizer? authorizer = null) => EngineOver(_store, _clock, WorkflowCatalog.Empty.With(Acme, IncidentV2), authorizer);

    /// <summary>An incident of tenant Acme under version 1, assigned and waiting for a change.</summary>
    private Task<IncidentId> AwaitingChangeUnderV1Async() => IncidentUnderV1Async(_store, _clock);

    [Fact]
    public async Task New_records_start_under_the_new_version_and_older_records_keep_running_theirs()
    {
        var old = await AwaitingChangeUnderV1Async();
        var engine = V2Engine();

        var created = await engine.Incidents.CreateAsync(Acme, IncidentId.New(), Agent, Open());
        var loaded = await engine.Incidents.GetAsync(Acme, old, Agent);
        var released = await engine.Incidents.ExecuteAsync(Acme, old, Agent, new TransitionIncidentWorkflow("change-released"));

        Assert.Same(IncidentV2, created.Record.Workflow);
        Assert.Same(IncidentV1, loaded.Workflow);
        Assert.Equal("Awaiting Change", loaded.WorkflowState);
        Assert.Same(IncidentV1, released.Record.Workflow);
        Assert.Equal(new WorkflowTransitioned("change-released", "Awaiting Change", "Investigating"), released.Events.Single().Event);
        await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Acme, old, Agent, new TransitionIncidentWorkflow("wait-for-release")));
    }

    [Fact]
    public async Task MigrateIncidentWorkflow_moves_a_record_to_the_current_version_through_the_mapping_as_an_audited_command()
    {
        var id = await AwaitingChangeUnderV1Async();
        var asked = new List<ItsmOperation>();
        var engine = V2Engine(ItsmAuthorizers.FromRule((_, operation, _) => { asked.Add(operation); return true; }));
        _clock.Advance(Duration.FromHours(1));

        var result = await engine.Incidents.ExecuteAsync(Acme, id, Migrator, new MigrateIncidentWorkflow(), new CommandOptions { IdempotencyKey = "migrate-1" });

        var entry = result.Events.Single();
        Assert.Equal(("MigrateWorkflow", 4L, "InProgress", "InProgress", "Awaiting Release"), (entry.Command, entry.Version, entry.FromState, entry.ToState, entry.WorkflowState));
        Assert.Equal(new WorkflowMigrated("acme-incident", 1, 2, "Awaiting Change", "Awaiting Release"), entry.Event);
        Assert.Equal(Migrator, entry.Actor);
        Assert.Equal(new MigrateIncidentWorkflow(), asked.Single());
        var stored = await engine.Incidents.GetAsync(Acme, id, Agent);
        Assert.Equal((IncidentV2, "Awaiting Release", IncidentState.InProgress), (stored.Workflow, stored.WorkflowState, stored.State));
        TypedEventCheck.AssertTyped(await _store.ReadHistoryAsync(Acme, Incident.RecordType, id.ToString()));

        // The same key and command replay the first result; nothing is written twice.
        var replay = await engine.Incidents.ExecuteAsync(Acme, id, Migrator, new MigrateIncidentWorkflow(), new CommandOptions { IdempotencyKey = "migrate-1" });
        Assert.True(replay.Replayed);
        Assert.Equal(4L, replay.Version);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() => engine.Incidents.ExecuteAsync(Acme, id, Migrator, new MigrateIncidentWorkflow(Adopt: true), new CommandOptions { IdempotencyKey = "migrate-1" }));
    }

    [Fact]
    public async Task A_migration_is_refused_with_the_migration_code_when_there_is_nothing_to_do_and_writes_nothing()
    {
        var current = IncidentId.New();
        var bare = IncidentId.New();
        var elsewhere = IncidentId.New();
        var engine = V2Engine();
        await engine.Incidents.CreateAsync(Acme, current, Agent, Open());
        await EngineOver(_store, _clock, WorkflowCatalog.Empty).Incidents.CreateAsync(Acme, bare, Agent, Open());
        await engine.Incidents.CreateAsync(Initech, elsewhere, Agent, Open());

        var already = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Acme, current, Migrator, new MigrateIncidentWorkflow()));
        var notAsked = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Acme, bare, Migrator, new MigrateIncidentWorkflow()));
        var none = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Initech, elsewhere, Migrator, new MigrateIncidentWorkflow(Adopt: true)));

        Assert.All(new[] { already, notAsked, none }, e => Assert.Equal(Workflow.MigrationCode, e.Code));
        Assert.Equal("The Incident already runs acme-incident v2 (Incident), its tenant's current workflow.", already.Message);
        Assert.Equal("The Incident runs no workflow; it adopts acme-incident v2 (Incident) only when asked to (adopt).", notAsked.Message);
        Assert.Equal("The Incident's tenant has no Incident workflow in the engine's catalog, so there is nothing to migrate to.", none.Message);
        Assert.Equal(1L, (await _store.LoadAsync(Acme, Incident.RecordType, bare.ToString()))!.Version);

        var adopted = await engine.Incidents.ExecuteAsync(Acme, bare, Migrator, new MigrateIncidentWorkflow(Adopt: true));
        Assert.Equal(new WorkflowMigrated("acme-incident", null, 2, null, "Triage"), adopted.Events.Single().Event);
    }

    [Fact]
    public async Task The_bulk_migration_moves_every_older_record_once_and_a_second_run_migrates_nothing()
    {
        var waiting = await AwaitingChangeUnderV1Async();
        var v1 = V1Engine();
        var closed = IncidentId.New();
        await v1.Incidents.CreateAsync(Acme, closed, Agent, Open());
        await v1.Incidents.ExecuteAsync(Acme, closed, Agent, new CancelIncident("duplicate"));
        var bare = IncidentId.New();
        await EngineOver(_store, _clock, WorkflowCatalog.Empty).Incidents.CreateAsync(Acme, bare, Agent, Open());
        var engine = V2Engine();
        var fresh = await engine.Incidents.CreateAsync(Acme, IncidentId.New(), Agent, Open());
        await v1.Incidents.CreateAsync(Globex, IncidentId.New(), Agent, Open());

        var first = await engine.MigrateWorkflowsAsync(Acme, "Incident", Migrator);
        var second = await engine.MigrateWorkflowsAsync(Acme, "Incident", Migrator);
        var adopting = await engine.MigrateWorkflowsAsync(Acme, "Incident", Migrator, adopt: true);

        Assert.Equal(new WorkflowMigrationReport("Incident", IncidentV2, 2, 0, 1, 1, 0, []), first with { Unreadable = [] });
        Assert.Empty(first.Unreadable);
        Assert.Equal((0, 0, 3, 1), (second.Migrated, second.Adopted, second.AlreadyCurrent, second.WithoutWorkflow));
        Assert.Equal((0, 1, 3, 0), (adopting.Migrated, adopting.Adopted, adopting.AlreadyCurrent, adopting.WithoutWorkflow));
        Assert.Equal("Awaiting Release", (await engine.Incidents.GetAsync(Acme, waiting, Agent)).WorkflowState);
        Assert.Equal(("Canceled", IncidentV2), ((await engine.Incidents.GetAsync(Acme, closed, Agent)).WorkflowState, (await engine.Incidents.GetAsync(Acme, closed, Agent)).Workflow));
        var history = await _store.ReadHistoryAsync(Acme, Incident.RecordType, waiting.ToString());
        Assert.Single(history, e => e.Command == "MigrateWorkflow");
        Assert.Equal(1L, (await _store.LoadAsync(Acme, Incident.RecordType, fresh.Record.Id.ToString()))!.Version);
    }

    [Fact]
    public async Task The_bulk_migration_of_a_change_lifecycle_touches_only_changes_of_that_type()
    {
        var requester = new Actor("requester.ross", "itil");
        var v1 = EngineOver(_store, _clock, WorkflowCatalog.Empty.With(PeerReview));
        var normal = ChangeId.New();
        await v1.Changes.CreateAsync(Acme, normal, requester, new OpenChange(ChangeType.Normal, "Patch", "Plan.", new ServiceId("email"), []));
        await v1.Changes.ExecuteAsync(Acme, normal, requester, new SubmitChange());
        var standard = ChangeId.New();
        await v1.Changes.CreateAsync(Acme, standard, requester, new OpenChange(ChangeType.Standard, "Patch", "Plan.", new ServiceId("email"), []));
        var v2 = WorkflowBuilder.ForChanges(ChangeType.Normal, "acme-normal-change", 2)
            .State("Peer Review", ChangeState.Assess)
            .State("Ready for CAB", ChangeState.Assess)
            .State("Risk Review", ChangeState.Assess)
            .Block("Peer Review", ChangeCommand.RequestAuthorization)
            .Transition("peer-reviewed", "Peer Review", "Risk Review")
            .Transition("risk-reviewed", "Risk Review", "Ready for CAB")
            .Replaces(PeerReview)
            .Build();
        var engine = EngineOver(_store, _clock, WorkflowCatalog.Empty.With(v2));

        var report = await engine.MigrateWorkflowsAsync(Acme, "Change.Normal", Migrator, adopt: true);
        var none = await engine.MigrateWorkflowsAsync(Acme, "Change.Emergency", Migrator, adopt: true);

        Assert.Equal((1, 0, 0, 0), (report.Migrated, report.Adopted, report.AlreadyCurrent, report.WithoutWorkflow));
        Assert.Equal(("Peer Review", 2), ((await engine.Changes.GetAsync(Acme, normal, requester)).WorkflowState, (await engine.Changes.GetAsync(Acme, normal, requester)).Workflow!.Version));
        Assert.Null((await engine.Changes.GetAsync(Acme, standard, requester)).Workflow);
        Assert.Null(none.Target);
        var bad = await Assert.ThrowsAsync<System.ArgumentException>(() => engine.MigrateWorkflowsAsync(Acme, "Change", Migrator));
        Assert.Equal("lifecycle", bad.ParamName);
    }

    [Fact]
    public async Task A_record_on_a_version_the_catalog_no_longer_holds_is_corrupt_and_the_bulk_migration_lists_it()
    {
        var id = await AwaitingChangeUnderV1Async();
        var standalone = WorkflowBuilder.ForIncidents("acme-incident", 2)
            .State("Triage", IncidentState.New)
            .State("Investigating", IncidentState.InProgress)
            .Build();
        var engine = EngineOver(_store, _clock, WorkflowCatalog.Empty.With(Acme, standalone));

        var e = await Assert.ThrowsAsync<CorruptRecordException>(() => engine.Incidents.GetAsync(Acme, id, Agent));
        var report = await engine.MigrateWorkflowsAsync(Acme, "Incident", Migrator);

        Assert.Equal(
            $"Incident '{id}' of tenant 'acme' is stored in a form that cannot be read: The Incident workflow 'acme-incident' version 1 is not in the engine's workflow catalog for tenant 'acme'; keep it while records still run it (a later version that replaces it, or WorkflowCatalog.Retaining).",
            e.Message);
        Assert.Equal(MissingWorkflowException.ErrorCode, Assert.IsType<MissingWorkflowException>(e.InnerException).Code);
        Assert.Equal([id.ToString()], report.Unreadable);
        Assert.Equal(0, report.Migrated);
    }
}
