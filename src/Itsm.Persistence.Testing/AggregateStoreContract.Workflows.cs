using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Services;
using Itsm.Workflows;

namespace Itsm.Persistence.Testing;

// Workflows through an engine: the record's place in its workflow is part of its stored state, and the custom
// state an entry entered is part of its audit data (docs/record-state.md, docs/workflow-versions.md).
public abstract partial class AggregateStoreContract
{
    private static readonly Actor WorkflowAgent = new("agent.smith", "itil");

    private static Workflow<IncidentState, IncidentCommand> IncidentWorkflow(string id, int version = 1, Workflow<IncidentState, IncidentCommand>? previous = null)
    {
        var builder = WorkflowBuilder.ForIncidents(id, version)
            .State("Triage", IncidentState.New)
            .State("Investigating", IncidentState.InProgress)
            .State(version == 1 ? "Awaiting Change" : "Awaiting Release", IncidentState.InProgress)
            .Transition("wait", "Investigating", version == 1 ? "Awaiting Change" : "Awaiting Release")
            .Transition("resume", version == 1 ? "Awaiting Change" : "Awaiting Release", "Investigating");
        return previous is null ? builder.Build() : builder.Replaces(previous).Maps("Awaiting Change", "Awaiting Release").Build();
    }

    private static ItsmEngine WorkflowEngine(IAggregateStore store, WorkflowCatalog catalog) =>
        new(store, ItsmAuthorizers.AllowAll, new FixedClock(T0), new ItsmEngineOptions { Workflows = catalog });

    /// <summary>
    /// A record under a workflow round-trips its workflow, version and custom state through the store for another
    /// engine with the same catalog; every audit entry keeps the custom state it entered (in the record's history and
    /// in the feed); a migration to the next version is stored as the record's new place and as its own entry.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task A_record_under_a_workflow_round_trips_its_workflow_state_and_each_entry_the_state_it_entered()
    {
        var store = await NewStoreAsync();
        var v1 = IncidentWorkflow("acme-incident");
        var writer = WorkflowEngine(store, WorkflowCatalog.Empty.With(TenantA, v1));
        var id = IncidentId.New();
        await writer.Incidents.CreateAsync(TenantA, id, WorkflowAgent, new OpenIncident("caller", "Mail is down", Impact.Low, Urgency.Low));
        await writer.Incidents.ExecuteAsync(TenantA, id, WorkflowAgent, new AssignIncident(new SupportGroupId("Network"), "agent.smith"));
        await writer.Incidents.ExecuteAsync(TenantA, id, WorkflowAgent, new ChangeIncidentImpactOrUrgency(Impact.Medium, Urgency.Medium));
        await writer.Incidents.ExecuteAsync(TenantA, id, WorkflowAgent, new TransitionIncidentWorkflow("wait"));

        var loaded = await WorkflowEngine(store, WorkflowCatalog.Empty.With(TenantA, v1)).Incidents.GetAsync(TenantA, id, WorkflowAgent);
        Assert.Equal(("acme-incident", 1, "Awaiting Change", IncidentState.InProgress), (loaded.Workflow!.Id, loaded.Workflow.Version, loaded.WorkflowState, loaded.State));
        var history = await store.ReadHistoryAsync(TenantA, IncidentType, id.ToString());
        Assert.Equal(["Triage", "Investigating", null, "Awaiting Change"], history.Select(e => e.WorkflowState));
        Assert.Equal(new WorkflowTransitioned("wait", "Investigating", "Awaiting Change"), history[3].Event);
        var feed = await store.ReadFeedAsync(TenantA, 0, 10);
        Assert.Equal(history.Select(e => e.WorkflowState), feed.Select(e => e.Entry.WorkflowState));

        var v2 = IncidentWorkflow("acme-incident", 2, v1);
        var migrating = WorkflowEngine(store, WorkflowCatalog.Empty.With(TenantA, v2));
        var report = await migrating.MigrateWorkflowsAsync(TenantA, IncidentType, WorkflowAgent);
        Assert.Equal(1, report.Migrated);
        var migrated = await WorkflowEngine(store, WorkflowCatalog.Empty.With(TenantA, v2)).Incidents.GetAsync(TenantA, id, WorkflowAgent);
        Assert.Equal((2, "Awaiting Release", 5L), (migrated.Workflow!.Version, migrated.WorkflowState, migrated.Version));
        var entry = (await store.ReadHistoryAsync(TenantA, IncidentType, id.ToString()))[^1];
        Assert.Equal(("MigrateWorkflow", "Awaiting Release"), (entry.Command, entry.WorkflowState));
        Assert.Equal(new WorkflowMigrated("acme-incident", 1, 2, "Awaiting Change", "Awaiting Release"), entry.Event);
    }

    /// <summary>A change under its type's workflow round-trips its custom state, and a record without a workflow stores none.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task A_change_under_its_types_workflow_round_trips_and_a_record_without_one_stores_none()
    {
        var store = await NewStoreAsync();
        var review = WorkflowBuilder.ForChanges(ChangeType.Normal, "acme-change")
            .State("Peer Review", ChangeState.Assess)
            .State("Ready for CAB", ChangeState.Assess)
            .Transition("peer-reviewed", "Peer Review", "Ready for CAB")
            .Build();
        var catalog = WorkflowCatalog.Empty.With(review);
        var engine = WorkflowEngine(store, catalog);
        var change = ChangeId.New();
        await engine.Changes.CreateAsync(TenantA, change, WorkflowAgent, new OpenChange(ChangeType.Normal, "Patch the relay", "Patch, restart.", new ServiceId("email"), []));
        await engine.Changes.ExecuteAsync(TenantA, change, WorkflowAgent, new SubmitChange());
        await engine.Changes.ExecuteAsync(TenantA, change, WorkflowAgent, new TransitionChangeWorkflow("peer-reviewed"));
        var incident = IncidentId.New();
        await engine.Incidents.CreateAsync(TenantA, incident, WorkflowAgent, new OpenIncident("caller", "Mail is down", Impact.Low, Urgency.Low));

        var reader = WorkflowEngine(store, catalog);
        var loaded = await reader.Changes.GetAsync(TenantA, change, WorkflowAgent);
        Assert.Equal(("acme-change", "Ready for CAB", ChangeState.Assess), (loaded.Workflow!.Id, loaded.WorkflowState, loaded.State));
        Assert.Equal(["New", "Peer Review", "Ready for CAB"], (await store.ReadHistoryAsync(TenantA, Change.RecordType, change.ToString())).Select(e => e.WorkflowState));
        var bare = await reader.Incidents.GetAsync(TenantA, incident, WorkflowAgent);
        Assert.Null(bare.Workflow);
        Assert.DoesNotContain("\"workflow\"", (await store.LoadAsync(TenantA, IncidentType, incident.ToString()))!.State, StringComparison.Ordinal);
    }

    /// <summary>
    /// A tenant switched to a workflow with another id keeps the records created under the old one: an engine restarted
    /// with a catalog whose current workflow is B and which retains A loads them under A and runs A's transitions on them,
    /// starts new records under B, and migrates them in bulk to B (a custom state of the same name kept, any other the entry
    /// state of its library state), each with its own <c>MigrateWorkflow</c> entry naming the workflow it left.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Records_under_a_retained_workflow_load_work_and_migrate_in_bulk_to_the_current_one()
    {
        var store = await NewStoreAsync();
        var a = IncidentWorkflow("acme-incident");
        var writer = WorkflowEngine(store, WorkflowCatalog.Empty.With(TenantA, a));
        var waiting = IncidentId.New();
        var triage = IncidentId.New();
        await writer.Incidents.CreateAsync(TenantA, waiting, WorkflowAgent, new OpenIncident("caller", "Mail is down", Impact.Low, Urgency.Low));
        await writer.Incidents.ExecuteAsync(TenantA, waiting, WorkflowAgent, new AssignIncident(new SupportGroupId("Network"), "agent.smith"));
        await writer.Incidents.ExecuteAsync(TenantA, waiting, WorkflowAgent, new TransitionIncidentWorkflow("wait"));
        await writer.Incidents.CreateAsync(TenantA, triage, WorkflowAgent, new OpenIncident("caller", "VPN is slow", Impact.Low, Urgency.Low));
        var b = WorkflowBuilder.ForIncidents("acme-incident-2024")
            .State("Triage", IncidentState.New)
            .State("Diagnosing", IncidentState.InProgress)
            .Build();

        var restarted = WorkflowEngine(store, WorkflowCatalog.Empty.With(TenantA, b).Retaining(TenantA, a));
        var loaded = await restarted.Incidents.GetAsync(TenantA, waiting, WorkflowAgent);
        var resumed = await restarted.Incidents.ExecuteAsync(TenantA, waiting, WorkflowAgent, new TransitionIncidentWorkflow("resume"));
        var fresh = await restarted.Incidents.CreateAsync(TenantA, IncidentId.New(), WorkflowAgent, new OpenIncident("caller", "Printer jam", Impact.Low, Urgency.Low));
        var report = await restarted.MigrateWorkflowsAsync(TenantA, IncidentType, WorkflowAgent);
        var again = await restarted.MigrateWorkflowsAsync(TenantA, IncidentType, WorkflowAgent);

        Assert.Equal(("acme-incident", 1, "Awaiting Change"), (loaded.Workflow!.Id, loaded.Workflow.Version, loaded.WorkflowState));
        Assert.Equal(("acme-incident", "Investigating"), (resumed.Record.Workflow!.Id, resumed.Record.WorkflowState));
        Assert.Equal(("acme-incident-2024", "Triage"), (fresh.Record.Workflow!.Id, fresh.Record.WorkflowState));
        Assert.Equal((2, 1, 0, 0), (report.Migrated, report.AlreadyCurrent, report.Conflicted, report.Unreadable.Count));
        Assert.Equal((0, 3), (again.Migrated, again.AlreadyCurrent));

        // Migrated, the records no longer need A: an engine without it reads them.
        var withoutA = WorkflowEngine(store, WorkflowCatalog.Empty.With(TenantA, b));
        var moved = await withoutA.Incidents.GetAsync(TenantA, waiting, WorkflowAgent);
        var kept = await withoutA.Incidents.GetAsync(TenantA, triage, WorkflowAgent);
        Assert.Equal(("acme-incident-2024", "Diagnosing", IncidentState.InProgress), (moved.Workflow!.Id, moved.WorkflowState, moved.State));
        Assert.Equal(("acme-incident-2024", "Triage", IncidentState.New), (kept.Workflow!.Id, kept.WorkflowState, kept.State));
        var entry = (await store.ReadHistoryAsync(TenantA, IncidentType, waiting.ToString()))[^1];
        Assert.Equal(("MigrateWorkflow", "Diagnosing", "acme-incident"), (entry.Command, entry.WorkflowState, entry.Data["fromWorkflow"]));
        Assert.Equal(new WorkflowMigrated("acme-incident-2024", 1, 1, "Investigating", "Diagnosing", "acme-incident"), entry.Event);
    }

    /// <summary>
    /// A record whose workflow the engine's catalog no longer holds in any form fails to load as a corrupt record whose
    /// inner <see cref="MissingWorkflowException"/> names the workflow, version, lifecycle and tenant, with a message that
    /// quotes the id cut short, however long it is.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task A_record_on_a_workflow_version_the_catalog_no_longer_holds_is_corrupt_with_a_bounded_message()
    {
        var store = await NewStoreAsync();
        var longId = "acme-" + new string('w', 195);
        var v1 = IncidentWorkflow(longId);
        var id = IncidentId.New();
        await WorkflowEngine(store, WorkflowCatalog.Empty.With(TenantA, v1)).Incidents.CreateAsync(TenantA, id, WorkflowAgent, new OpenIncident("caller", "Mail is down", Impact.Low, Urgency.Low));
        var dropped = WorkflowEngine(store, WorkflowCatalog.Empty.With(TenantA, IncidentWorkflow(longId, 2)).Retaining(IncidentWorkflow("other")));

        var e = await Assert.ThrowsAsync<CorruptRecordException>(() => dropped.Incidents.GetAsync(TenantA, id, WorkflowAgent));

        Assert.Equal((TenantA, IncidentType, id.ToString()), (e.Tenant, e.RecordType, e.RecordId));
        var missing = Assert.IsType<MissingWorkflowException>(e.InnerException);
        Assert.Equal((TenantA, IncidentType, longId, 1, "ITSM-WF-MISSING-001"), (missing.Tenant, missing.Lifecycle, missing.WorkflowId, missing.Version, missing.Code));
        Assert.Contains("version 1 is not in the engine's workflow catalog for tenant 'tenant-a'", e.Message, StringComparison.Ordinal);
        Assert.Contains(longId[..60], e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(longId, e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 600, e.Message);
    }
}
