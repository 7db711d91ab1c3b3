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
    /// A record whose workflow version the engine's catalog no longer holds fails to load as a corrupt record, with a
    /// message that names the workflow (quoted and cut short, however long its id) and says to keep every version records run.
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
        var dropped = WorkflowEngine(store, WorkflowCatalog.Empty.With(TenantA, IncidentWorkflow(longId, 2)));

        var e = await Assert.ThrowsAsync<CorruptRecordException>(() => dropped.Incidents.GetAsync(TenantA, id, WorkflowAgent));

        Assert.Equal((TenantA, IncidentType, id.ToString()), (e.Tenant, e.RecordType, e.RecordId));
        Assert.Contains("version 1, which the engine's workflow catalog does not hold for tenant 'tenant-a'", e.Message, StringComparison.Ordinal);
        Assert.Contains(longId[..60], e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(longId, e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 600, e.Message);
    }
}
