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
/// Workflows through the engine: the typed transition commands write the entries their methods write, and each
/// tenant's records start under the catalog's workflow for that tenant (its own, the shared one, or none).
/// </summary>
public sealed class WorkflowEngineTests
{
    private readonly FakeClock _clock = new(Monday0900);
    private readonly InMemoryAggregateStore _store = new();

    [Fact]
    public async Task TransitionIncidentWorkflow_through_the_engine_writes_the_entries_the_method_writes()
    {
        var engine = EngineOver(_store, _clock, WorkflowCatalog.Empty.With(IncidentV1));
        var id = IncidentId.New();
        var open = Open();
        var created = await engine.Incidents.CreateAsync(Acme, id, Agent, open);
        var direct = Incident.OpenUnderWorkflow(Acme, id, Agent, open.CallerId, open.ShortDescription, open.Impact, open.Urgency, _clock, null, open.Service, null, null, IncidentV1);

        var steps = new (RecordCommand<Incident> Command, System.Action<Incident> Direct)[]
        {
            (new AssignIncident(new SupportGroupId("Network"), "agent.smith"), i => i.Assign(Agent, new SupportGroupId("Network"), "agent.smith")),
            (new TransitionIncidentWorkflow("wait-for-change"), i => i.TransitionWorkflow(Agent, "wait-for-change")),
            (new TransitionIncidentWorkflow("change-released"), i => i.TransitionWorkflow(Agent, "change-released")),
        };
        var written = created.Events.ToList();
        foreach (var (command, call) in steps)
        {
            _clock.Advance(Duration.FromMinutes(5));
            written.AddRange((await engine.Incidents.ExecuteAsync(Acme, id, Agent, command)).Events);
            call(direct);
        }

        Assert.Equal(direct.UncommittedAuditEntries.Select(TypedEventCheck.Text), written.Select(TypedEventCheck.Text));
        Assert.Equal(new WorkflowTransitioned("wait-for-change", "Investigating", "Awaiting Change"), written[2].Event);
        Assert.Equal(("TransitionWorkflow", "Awaiting Change"), (written[2].Command, written[2].WorkflowState));
        var history = await _store.ReadHistoryAsync(Acme, Incident.RecordType, id.ToString());
        Assert.Equal(written.Select(TypedEventCheck.Text), history.Select(TypedEventCheck.Text));
        TypedEventCheck.AssertTyped(history);
        Assert.Equal("Investigating", (await engine.Incidents.GetAsync(Acme, id, Agent)).WorkflowState);
    }

    [Fact]
    public async Task TransitionChangeWorkflow_through_the_engine_writes_the_entries_the_method_writes()
    {
        var engine = EngineOver(_store, _clock, WorkflowCatalog.Empty.With(PeerReview));
        var id = ChangeId.New();
        var requester = new Actor("requester.ross", "itil");
        var peer = new Actor("peer.parker", "peer");
        var created = await engine.Changes.CreateAsync(Acme, id, requester, new OpenChange(ChangeType.Normal, "Patch the mail relay", "Patch, restart, check the queue.", new ServiceId("email"), []));
        var direct = Change.OpenUnderWorkflow(Acme, id, ChangeType.Normal, requester, "Patch the mail relay", "Patch, restart, check the queue.", new ServiceId("email"), [], _clock, null, RejectionPolicy.ReturnToNew, null, null, null, PeerReview);

        _clock.Advance(Duration.FromMinutes(5));
        var submitted = await engine.Changes.ExecuteAsync(Acme, id, requester, new SubmitChange());
        direct.Submit(requester);
        var blocked = await Assert.ThrowsAsync<InvalidTransitionException>(() => engine.Changes.ExecuteAsync(Acme, id, requester, new RequestChangeAuthorization()));
        _clock.Advance(Duration.FromMinutes(5));
        var reviewed = await engine.Changes.ExecuteAsync(Acme, id, peer, new TransitionChangeWorkflow("peer-reviewed"));
        direct.TransitionWorkflow(peer, "peer-reviewed");

        Assert.Equal(direct.UncommittedAuditEntries.Select(TypedEventCheck.Text), created.Events.Concat(submitted.Events).Concat(reviewed.Events).Select(TypedEventCheck.Text));
        Assert.Equal("Peer Review", submitted.Events.Single().WorkflowState);
        Assert.Equal(new WorkflowTransitioned("peer-reviewed", "Peer Review", "Ready for CAB"), reviewed.Events.Single().Event);
        Assert.Equal(("Assess", "RequestAuthorization"), (blocked.State, blocked.Trigger));
        Assert.Equal(ChangeState.Assess, reviewed.Record.State);
        Assert.Equal("Ready for CAB", (await engine.Changes.GetAsync(Acme, id, requester)).WorkflowState);
    }

    [Fact]
    public async Task Each_tenant_runs_its_own_workflow_and_a_tenant_without_one_runs_none()
    {
        var catalog = WorkflowCatalog.Empty.With(Acme, IncidentV1).With(Globex, GlobexIncident);
        var engine = EngineOver(_store, _clock, catalog);
        var acme = await engine.Incidents.CreateAsync(Acme, IncidentId.New(), Agent, Open());
        var globex = await engine.Incidents.CreateAsync(Globex, IncidentId.New(), Agent, Open());
        var initech = await engine.Incidents.CreateAsync(Initech, IncidentId.New(), Agent, Open());

        Assert.Equal(("acme-incident", "Triage"), (acme.Record.Workflow!.Id, acme.Record.WorkflowState));
        Assert.Equal(("globex-incident", "Queued"), (globex.Record.Workflow!.Id, globex.Record.WorkflowState));
        Assert.Null(initech.Record.Workflow);
        Assert.Null(initech.Events.Single().WorkflowState);
        Assert.Same(IncidentV1, catalog.For(Acme, Incident.RecordType));
        Assert.Null(catalog.For(Initech, Incident.RecordType));

        // Each record loads back under its own tenant's workflow, and a transition of another tenant's is unknown to it.
        var reloaded = await engine.Incidents.GetAsync(Globex, globex.Record.Id, Agent);
        Assert.Same(GlobexIncident, reloaded.Workflow);
        await engine.Incidents.ExecuteAsync(Acme, acme.Record.Id, Agent, new AssignIncident(new SupportGroupId("Network"), "agent.smith"));
        await engine.Incidents.ExecuteAsync(Globex, globex.Record.Id, Agent, new AssignIncident(new SupportGroupId("Network"), "agent.smith"));
        await engine.Incidents.ExecuteAsync(Acme, acme.Record.Id, Agent, new TransitionIncidentWorkflow("wait-for-change"));
        var unknown = await Assert.ThrowsAsync<InvalidTransitionException>(() => engine.Incidents.ExecuteAsync(Globex, globex.Record.Id, Agent, new TransitionIncidentWorkflow("wait-for-change")));
        Assert.Equal("TransitionWorkflow", unknown.Trigger);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => engine.Incidents.ExecuteAsync(Initech, initech.Record.Id, Agent, new TransitionIncidentWorkflow("wait-for-change")));
    }

    [Fact]
    public async Task A_shared_workflow_serves_every_tenant_without_its_own()
    {
        var engine = EngineOver(_store, _clock, WorkflowCatalog.Empty.With(IncidentV1).With(Globex, GlobexIncident));

        var initech = await engine.Incidents.CreateAsync(Initech, IncidentId.New(), Agent, Open());
        var globex = await engine.Incidents.CreateAsync(Globex, IncidentId.New(), Agent, Open());

        Assert.Same(IncidentV1, initech.Record.Workflow);
        Assert.Same(GlobexIncident, globex.Record.Workflow);
    }
}
