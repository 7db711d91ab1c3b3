using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Lifecycles;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Workflows;
using NodaTime.Testing;
using static Itsm.Core.Tests.Workflows.WorkflowEngineFixtures;

namespace Itsm.Core.Tests.Workflows;

/// <summary>
/// Workflows a tenant no longer starts records under (docs/workflow-versions.md, "Switching to another workflow"):
/// retained in the catalog, their records load and keep working under them, and migrate to the tenant's current
/// workflow — one by one or in bulk — keeping a custom state of the same name inside the same library state.
/// </summary>
public sealed class RetainedWorkflowTests
{
    private static readonly Workflow<IncidentState, IncidentCommand> Vendor2024 = IncidentVendor2024;

    private readonly FakeClock _clock = new(Monday0900);
    private readonly InMemoryAggregateStore _store = new();

    private ItsmEngine Switched() => EngineOver(_store, _clock, WorkflowCatalog.Empty.With(Acme, Vendor2024).Retaining(Acme, IncidentV1));

    private Task<IncidentId> UnderV1Async(bool waiting = true) => IncidentUnderV1Async(_store, _clock, waiting);

    [Fact]
    public async Task Records_under_a_retained_workflow_load_and_keep_its_states_blocks_and_guards_while_new_records_start_under_the_current_one()
    {
        var id = await UnderV1Async();
        var engine = Switched();

        var loaded = await engine.Incidents.GetAsync(Acme, id, Agent);
        var blocked = await Assert.ThrowsAsync<InvalidTransitionException>(() => engine.Incidents.ExecuteAsync(Acme, id, Agent, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Patched.")));
        var guarded = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Acme, id, new Actor("caller.jones"), new TransitionIncidentWorkflow("change-released")));
        var released = await engine.Incidents.ExecuteAsync(Acme, id, Agent, new TransitionIncidentWorkflow("change-released"));
        var created = await engine.Incidents.CreateAsync(Acme, IncidentId.New(), Agent, Open());

        Assert.Same(IncidentV1, loaded.Workflow);
        Assert.Equal("Awaiting Change", loaded.WorkflowState);
        Assert.DoesNotContain(IncidentCommand.Resolve, loaded.PermittedCommands);
        Assert.Equal("Resolve", blocked.Trigger);
        Assert.Equal(Workflow.GuardFailedCode, guarded.Code);
        Assert.Equal((IncidentV1, "Investigating"), (released.Record.Workflow, released.Record.WorkflowState));
        Assert.Contains(IncidentCommand.Resolve, released.Record.PermittedCommands);
        Assert.Same(Vendor2024, created.Record.Workflow);
    }

    [Fact]
    public async Task MigrateIncidentWorkflow_moves_a_record_from_a_retained_workflow_keeping_a_state_of_the_same_name_as_an_audited_command()
    {
        var id = await UnderV1Async();
        var engine = Switched();

        var result = await engine.Incidents.ExecuteAsync(Acme, id, Migrator, new MigrateIncidentWorkflow());
        var again = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Acme, id, Migrator, new MigrateIncidentWorkflow()));

        var entry = result.Events.Single();
        Assert.Equal(("MigrateWorkflow", "InProgress", "InProgress", "Awaiting Change"), (entry.Command, entry.FromState, entry.ToState, entry.WorkflowState));
        Assert.Equal(new WorkflowMigrated("acme-incident-2024", 1, 1, "Awaiting Change", "Awaiting Change", "acme-incident"), entry.Event);
        Assert.Equal("acme-incident", entry.Data["fromWorkflow"]);
        Assert.Equal("The Incident already runs acme-incident-2024 v1 (Incident), its tenant's current workflow.", again.Message);
        var stored = await EngineOver(_store, _clock, WorkflowCatalog.Empty.With(Acme, Vendor2024)).Incidents.GetAsync(Acme, id, Agent);
        Assert.Equal((Vendor2024, "Awaiting Change"), (stored.Workflow, stored.WorkflowState));
        TypedEventCheck.AssertTyped(await _store.ReadHistoryAsync(Acme, Incident.RecordType, id.ToString()));
    }

    [Fact]
    public async Task The_bulk_migration_moves_every_record_of_a_retained_workflow_once_and_a_state_without_a_namesake_enters_its_library_states_entry()
    {
        var waiting = await UnderV1Async();
        var investigating = await UnderV1Async(waiting: false);
        var engine = Switched();

        var first = await engine.MigrateWorkflowsAsync(Acme, Incident.RecordType, Migrator);
        var second = await engine.MigrateWorkflowsAsync(Acme, Incident.RecordType, Migrator);

        Assert.Equal(new WorkflowMigrationReport(Incident.RecordType, Vendor2024, 2, 0, 0, 0, 0, []), first with { Unreadable = [] });
        Assert.Empty(first.Unreadable);
        Assert.Equal((0, 2), (second.Migrated, second.AlreadyCurrent));
        Assert.Equal("Awaiting Change", (await engine.Incidents.GetAsync(Acme, waiting, Agent)).WorkflowState);
        var moved = await engine.Incidents.GetAsync(Acme, investigating, Agent);
        Assert.Equal((Vendor2024, "Diagnosing", IncidentState.InProgress), (moved.Workflow, moved.WorkflowState, moved.State));
    }

    [Fact]
    public async Task A_tenants_records_under_a_workflow_the_catalog_holds_for_it_only_in_another_form_stay_readable_and_migrate_to_its_current_one()
    {
        // Globex loses its own workflow and falls back to the shared one; it keeps its own retained.
        var globex = IncidentId.New();
        await EngineOver(_store, _clock, WorkflowCatalog.Empty.With(Globex, GlobexIncident)).Incidents.CreateAsync(Globex, globex, Agent, Open());

        // Acme gets its own workflow; its records under the shared one need no retaining while the shared one is there.
        var acme = IncidentId.New();
        await EngineOver(_store, _clock, WorkflowCatalog.Empty.With(IncidentV2)).Incidents.CreateAsync(Acme, acme, Agent, Open());
        var engine = EngineOver(_store, _clock, WorkflowCatalog.Empty.With(IncidentV2).With(Acme, Vendor2024).Retaining(Globex, GlobexIncident));

        Assert.Equal("Queued", (await engine.Incidents.GetAsync(Globex, globex, Agent)).WorkflowState);
        Assert.Same(IncidentV2, (await engine.Incidents.GetAsync(Acme, acme, Agent)).Workflow);
        var globexMigrated = await engine.Incidents.ExecuteAsync(Globex, globex, Migrator, new MigrateIncidentWorkflow());
        var acmeMigrated = await engine.Incidents.ExecuteAsync(Acme, acme, Migrator, new MigrateIncidentWorkflow());
        Assert.Equal(new WorkflowMigrated("acme-incident", 1, 2, "Queued", "Triage", "globex-incident"), globexMigrated.Events.Single().Event);
        Assert.Equal(new WorkflowMigrated("acme-incident-2024", 2, 1, "Triage", "Triage", "acme-incident"), acmeMigrated.Events.Single().Event);

        // Without retaining, Globex's other record under its old workflow cannot be read, and says why.
        var left = IncidentId.New();
        await EngineOver(_store, _clock, WorkflowCatalog.Empty.With(Globex, GlobexIncident)).Incidents.CreateAsync(Globex, left, Agent, Open());
        var e = await Assert.ThrowsAsync<CorruptRecordException>(() => EngineOver(_store, _clock, WorkflowCatalog.Empty.With(IncidentV2)).Incidents.GetAsync(Globex, left, Agent));
        var missing = Assert.IsType<MissingWorkflowException>(e.InnerException);
        Assert.Equal((Globex, "Incident", "globex-incident", 1), (missing.Tenant, missing.Lifecycle, missing.WorkflowId, missing.Version));
        Assert.Equal(
            "The Incident workflow 'globex-incident' version 1 is not in the engine's workflow catalog for tenant 'globex'; keep it while records still run it (a later version that replaces it, or WorkflowCatalog.Retaining).",
            missing.Message);
    }

    [Fact]
    public void A_records_own_MigrateWorkflow_still_refuses_a_workflow_with_another_id()
    {
        var incident = Incident.OpenUnderWorkflow(Acme, IncidentId.New(), Agent, "caller.jones", "Mail is down", Impact.Medium, Urgency.Medium, _clock, workflow: IncidentV1);

        var e = Assert.Throws<DomainRuleViolationException>(() => incident.MigrateWorkflow(Migrator, Vendor2024));

        Assert.Equal(Workflow.MigrationCode, e.Code);
        Assert.Equal("The Incident runs acme-incident v1 (Incident); it migrates only to a later version of that workflow that replaces it, not to acme-incident-2024 v1 (Incident).", e.Message);
        Assert.Same(IncidentV1, incident.Workflow);
    }

    [Fact]
    public void Retaining_keeps_one_workflow_per_lifecycle_and_id_and_never_starts_new_records_under_it()
    {
        var catalog = WorkflowCatalog.Empty.Retaining(IncidentV1).Retaining(IncidentV2).Retaining(PeerReview).Retaining(Globex, GlobexIncident);

        Assert.Equal([PeerReview, IncidentV2, GlobexIncident], catalog.RetainedWorkflows);
        Assert.Empty(catalog.Workflows);
        Assert.Null(catalog.For(Acme, "Incident"));
        Assert.Same(IncidentV1, catalog.Find(Acme, "Incident", "acme-incident", 1));
        Assert.Same(GlobexIncident, catalog.Find(Globex, "Incident", "globex-incident", 1));
        Assert.Null(catalog.Find(Acme, "Incident", "globex-incident", 1));
        Assert.Null(catalog.Find(Acme, "Problem", "acme-incident", 1));
        Assert.Null(catalog.Find(Acme, "Incident", "acme-incident", 3));
    }

    [Fact]
    public void Find_looks_in_the_tenants_own_workflows_before_the_shared_ones()
    {
        var ownV1 = WorkflowBuilder.ForIncidents("acme-incident").State("Logged", IncidentState.New).Build();
        var catalog = WorkflowCatalog.Empty.With(IncidentV2).With(Acme, Vendor2024).Retaining(Acme, ownV1);

        Assert.Same(ownV1, catalog.Find(Acme, "Incident", "acme-incident", 1));
        Assert.Same(IncidentV2, catalog.Find(Acme, "Incident", "acme-incident", 2));
        Assert.Same(IncidentV1, catalog.Find(Globex, "Incident", "acme-incident", 1));
        Assert.Same(Vendor2024, catalog.Find(Acme, "Incident", "acme-incident-2024", 1));
        Assert.Null(catalog.Find(Globex, "Incident", "acme-incident-2024", 1));
    }

    [Fact]
    public void Retaining_refuses_a_default_tenant_and_a_null_workflow_naming_the_parameter()
    {
        Assert.Equal("tenant", Assert.Throws<ArgumentException>(() => WorkflowCatalog.Empty.Retaining(default, IncidentV1)).ParamName);
        Assert.Equal("workflow", Assert.Throws<ArgumentNullException>(() => WorkflowCatalog.Empty.Retaining(null!)).ParamName);
        Assert.Equal("workflow", Assert.Throws<ArgumentNullException>(() => WorkflowCatalog.Empty.Retaining(Acme, null!)).ParamName);
        Assert.Equal("workflowId", Assert.Throws<ArgumentNullException>(() => WorkflowCatalog.Empty.Find(Acme, "Incident", null!, 1)).ParamName);
    }
}
