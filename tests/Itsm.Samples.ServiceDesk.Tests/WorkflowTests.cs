using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.ServiceDesk;
using Itsm.Services;
using Itsm.Sla;
using Itsm.Workflows;
using NodaTime;

namespace Itsm.Samples.ServiceDesk.Tests;

/// <summary>
/// Contoso's workflows run through the engine as the simulation runs them, command by command on a clock the
/// test moves: the guards and blocks refuse, the resolution clock pauses in Awaiting Change, the KPIs count the
/// incident under its library state, and the audit log names every custom state entered.
/// </summary>
public sealed class WorkflowTests
{
    private static readonly TenantId Tenant = new("contoso");

    // Monday 13 April 2026, 09:00 in London: a working morning after the Easter holidays.
    private static readonly Instant Start = Instant.FromUtc(2026, 4, 13, 8, 0);

    private static readonly Actor Agent = ServiceDeskModel.Agents[0];
    private static readonly Actor Resolver = ServiceDeskModel.Groups.Single(g => g.Name == "Messaging").Members[0];
    private static readonly Actor Reviewer = ServiceDeskModel.Groups.SelectMany(g => g.Members).Single(m => m.Id == "wendy.zhang");
    private static readonly string EmailItem = ServiceDeskModel.Defects.First(d => d.Service == "Email").ConfigurationItem;

    private readonly SimulationClock _clock = new(Start);
    private readonly ItsmEngine _engine;
    private int _ids;

    public WorkflowTests()
    {
        _engine = new ItsmEngine(new InMemoryAggregateStore(), new DeskAuthorizer(), _clock, ServiceDeskModel.EngineOptions());
    }

    [Fact]
    public void Both_workflows_build_and_the_catalog_serves_them_to_every_tenant()
    {
        Assert.Same(ServiceDeskWorkflows.Incident, ServiceDeskWorkflows.Catalog.For(Tenant, "Incident"));
        Assert.Same(ServiceDeskWorkflows.NormalChange, ServiceDeskWorkflows.Catalog.For(new TenantId("fabrikam"), "Change.Normal"));
        Assert.Null(ServiceDeskWorkflows.Catalog.For(Tenant, "Change.Standard"));
        Assert.Equal("InProgress", ServiceDeskWorkflows.Incident.ParentNameOf(ServiceDeskWorkflows.AwaitingChange));
        Assert.Equal("Assess", ServiceDeskWorkflows.NormalChange.ParentNameOf(ServiceDeskWorkflows.PeerReview));
    }

    [Fact]
    public async Task An_incident_raised_at_the_desk_starts_in_Triage_and_is_not_routed_before_triage()
    {
        var id = await RaiseAsync(new ServiceId("Email"));
        var incident = await GetAsync(id);
        Assert.Equal((IncidentState.New, ServiceDeskWorkflows.Triage), (incident.State, incident.WorkflowState));
        Assert.DoesNotContain(IncidentCommand.Assign, incident.PermittedCommands);

        await Assert.ThrowsAsync<InvalidTransitionException>(() => AssignAsync(id));

        incident = (await _engine.Incidents.ExecuteAsync(Tenant, id, Agent, new TransitionIncidentWorkflow(ServiceDeskWorkflows.TriageTransition))).Record;
        Assert.Equal((IncidentState.New, ServiceDeskWorkflows.Ready), (incident.State, incident.WorkflowState));
        incident = await AssignAsync(id);
        Assert.Equal((IncidentState.InProgress, ServiceDeskWorkflows.Investigating), (incident.State, incident.WorkflowState));
    }

    [Fact]
    public async Task Triage_needs_a_desk_role_and_a_service()
    {
        var id = await RaiseAsync(service: null);

        var byResolver = await Assert.ThrowsAsync<DomainRuleViolationException>(() => _engine.Incidents.ExecuteAsync(Tenant, id, Resolver, new TransitionIncidentWorkflow(ServiceDeskWorkflows.TriageTransition)));
        var byAgent = await Assert.ThrowsAsync<DomainRuleViolationException>(() => _engine.Incidents.ExecuteAsync(Tenant, id, Agent, new TransitionIncidentWorkflow(ServiceDeskWorkflows.TriageTransition)));

        Assert.Equal(Workflow.GuardFailedCode, byResolver.Code);
        Assert.Equal("The transition 'triage' from 'Triage' to 'Ready' is refused: the actor holds none of the roles service_desk, incident_manager; Service is not set.", byResolver.Message);
        Assert.Equal("The transition 'triage' from 'Triage' to 'Ready' is refused: Service is not set.", byAgent.Message);
        Assert.Equal((1, ServiceDeskWorkflows.Triage), ((await GetAsync(id)).Version, (await GetAsync(id)).WorkflowState));
    }

    [Fact]
    public async Task Awaiting_a_change_needs_a_configuration_item_and_refuses_resolution_until_the_change_is_released()
    {
        var id = await InvestigatingAsync();

        var e = await Assert.ThrowsAsync<DomainRuleViolationException>(() => TransitionAsync(id, ServiceDeskWorkflows.AwaitChangeTransition));
        Assert.Equal("The transition 'await-change' from 'Investigating' to 'Awaiting Change' is refused: ConfigurationItem is not set.", e.Message);

        await _engine.Incidents.ExecuteAsync(Tenant, id, Resolver, new AddIncidentConfigurationItem(new ConfigurationItemId(EmailItem)));
        var incident = await TransitionAsync(id, ServiceDeskWorkflows.AwaitChangeTransition);
        Assert.Equal((IncidentState.InProgress, ServiceDeskWorkflows.AwaitingChange), (incident.State, incident.WorkflowState));
        Assert.DoesNotContain(IncidentCommand.Resolve, incident.PermittedCommands);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => ResolveAsync(id));

        await TransitionAsync(id, ServiceDeskWorkflows.ChangeReleasedTransition);
        incident = await ResolveAsync(id);
        Assert.Equal(IncidentState.Resolved, incident.State);
    }

    [Fact]
    public async Task The_resolution_clock_pauses_while_awaiting_a_change_and_runs_again_after_it()
    {
        var id = await InvestigatingAsync();
        await _engine.Incidents.ExecuteAsync(Tenant, id, Resolver, new AddIncidentConfigurationItem(new ConfigurationItemId(EmailItem)));
        _clock.MoveTo(Start + Duration.FromHours(1));
        await TransitionAsync(id, ServiceDeskWorkflows.AwaitChangeTransition);
        var waiting = await ResolutionAsync(id);

        _clock.MoveTo(Start + Duration.FromHours(4));
        var later = await ResolutionAsync(id);
        Assert.Equal(SlaStage.Paused, later.Stage);
        Assert.Equal(Duration.FromHours(1), later.BusinessElapsed);
        Assert.Equal(waiting.BusinessElapsed, later.BusinessElapsed);

        await TransitionAsync(id, ServiceDeskWorkflows.ChangeReleasedTransition);
        _clock.MoveTo(Start + Duration.FromHours(6));
        var running = await ResolutionAsync(id);
        Assert.Equal(SlaStage.InProgress, running.Stage);
        Assert.Equal(Duration.FromHours(3), running.BusinessElapsed);
    }

    [Fact]
    public async Task The_KPIs_count_an_incident_awaiting_a_change_under_InProgress_and_the_audit_names_every_custom_state()
    {
        var id = await InvestigatingAsync();
        await _engine.Incidents.ExecuteAsync(Tenant, id, Resolver, new AddIncidentConfigurationItem(new ConfigurationItemId(EmailItem)));
        await TransitionAsync(id, ServiceDeskWorkflows.AwaitChangeTransition);
        _clock.MoveTo(Start + Duration.FromHours(2));

        var period = new Interval(Start, Start + Duration.FromDays(1));
        var audit = await _engine.ReadAuditAsync(Tenant, ServiceDeskModel.Dispatcher, period);
        var history = audit.Where(e => e.RecordId == id.ToString()).ToList();
        Assert.Equal([ServiceDeskWorkflows.Triage, ServiceDeskWorkflows.Ready, ServiceDeskWorkflows.Investigating, ServiceDeskWorkflows.AwaitingChange],
            history.Select(e => e.WorkflowState).OfType<string>());
        var transition = history[^1];
        Assert.Equal(("TransitionWorkflow", "InProgress", "InProgress"), (transition.Command, transition.FromState, transition.ToState));
        Assert.Equal(ServiceDeskWorkflows.AwaitChangeTransition, transition.Data["transition"]);

        var kpis = KpiCalculator.Compute(audit, Tenant, period, null, ServiceDeskModel.Calendar).Overall;
        Assert.Equal(1, kpis[KpiId.Backlog].Numerator);
        Assert.Equal(1, kpis[KpiId.IncidentsOpened].Numerator);

        var report = WorkflowReport.From(audit, ServiceDeskWorkflows.Catalog, Tenant, period, ServiceDeskModel.Calendar);
        var awaiting = Assert.Single(report.States, s => s.CustomState == ServiceDeskWorkflows.AwaitingChange);
        Assert.Equal(new WorkflowStateCount(ServiceDeskWorkflows.IncidentWorkflowId, "Incident", "InProgress", ServiceDeskWorkflows.AwaitingChange, 1, 1), awaiting);
        Assert.Equal(0, Assert.Single(report.States, s => s.CustomState == ServiceDeskWorkflows.Investigating).InNow);
        Assert.Equal(1, report.AwaitedChange);
        Assert.Equal(1, report.AwaitedChangeKpis[KpiId.Backlog].Numerator);
    }

    [Fact]
    public async Task A_normal_change_cannot_go_to_authorization_until_someone_else_peer_reviews_it()
    {
        var template = ServiceDeskModel.RoutineChanges.First(r => r.Template.Type == ChangeType.Normal).Template;
        var id = new ChangeId(NextGuid());
        var requester = ServiceDeskModel.ChangeRequester;
        await _engine.Changes.CreateAsync(Tenant, id, requester, new OpenChange(ChangeType.Normal, template.Title, template.Plan, new ServiceId(template.Service),
            [new ConfigurationItemId(template.ConfigurationItem)], ServiceDeskModel.Implementer.Id));
        await _engine.Changes.ExecuteAsync(Tenant, id, requester, new SubmitChange());
        var change = (await _engine.Changes.ExecuteAsync(Tenant, id, requester, new AssessChangeRisk(ServiceDeskModel.RiskPolicy, template.RiskAnswers, template.CausesOutage))).Record;
        Assert.Equal((ChangeState.Assess, ServiceDeskWorkflows.PeerReview), (change.State, change.WorkflowState));

        // Blocked: the library command that leads from Assess to Authorize is refused in Peer Review.
        Assert.DoesNotContain(ChangeCommand.RequestAuthorization, change.PermittedCommands);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => _engine.Changes.ExecuteAsync(Tenant, id, requester, new RequestChangeAuthorization()));

        var own = await Assert.ThrowsAsync<DomainRuleViolationException>(() => _engine.Changes.ExecuteAsync(Tenant, id, requester, new TransitionChangeWorkflow(ServiceDeskWorkflows.PeerReviewTransition)));
        Assert.Equal("The transition 'peer-review' from 'Peer Review' to 'Ready for CAB' is refused: the condition 'reviewer-is-not-requester' does not hold.", own.Message);
        var manager = await Assert.ThrowsAsync<DomainRuleViolationException>(() => _engine.Changes.ExecuteAsync(Tenant, id, ServiceDeskModel.ChangeManager, new TransitionChangeWorkflow(ServiceDeskWorkflows.PeerReviewTransition)));
        Assert.Equal("The transition 'peer-review' from 'Peer Review' to 'Ready for CAB' is refused: the actor holds none of the roles peer-reviewer.", manager.Message);

        change = (await _engine.Changes.ExecuteAsync(Tenant, id, Reviewer, new TransitionChangeWorkflow(ServiceDeskWorkflows.PeerReviewTransition))).Record;
        Assert.Equal((ChangeState.Assess, ServiceDeskWorkflows.ReadyForCab), (change.State, change.WorkflowState));
        change = (await _engine.Changes.ExecuteAsync(Tenant, id, requester, new RequestChangeAuthorization())).Record;
        Assert.Equal(ChangeState.Authorize, change.State);
    }

    private Guid NextGuid() => new(++_ids, 0, 0, new byte[8]);

    private async Task<IncidentId> RaiseAsync(ServiceId? service)
    {
        var interaction = new InteractionId(NextGuid());
        await _engine.Interactions.CreateAsync(Tenant, interaction, Agent, new LogInteraction(Channel.Phone, ServiceDeskModel.CallerId(1), "Outlook asks for my password every hour"));
        var id = new IncidentId(NextGuid());
        await _engine.RaiseIncidentAsync(Tenant, interaction, id, Agent, Impact.Medium, Urgency.Medium, service);
        return id;
    }

    private async Task<IncidentId> InvestigatingAsync()
    {
        var id = await RaiseAsync(new ServiceId("Email"));
        await _engine.Incidents.ExecuteAsync(Tenant, id, Agent, new TransitionIncidentWorkflow(ServiceDeskWorkflows.TriageTransition));
        await AssignAsync(id);
        return id;
    }

    private Task<Incident> GetAsync(IncidentId id) => _engine.Incidents.GetAsync(Tenant, id, ServiceDeskModel.Dispatcher);

    private async Task<Incident> AssignAsync(IncidentId id) =>
        (await _engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Messaging"), Resolver.Id))).Record;

    private async Task<Incident> TransitionAsync(IncidentId id, string transition) =>
        (await _engine.Incidents.ExecuteAsync(Tenant, id, Resolver, new TransitionIncidentWorkflow(transition))).Record;

    private async Task<Incident> ResolveAsync(IncidentId id) =>
        (await _engine.Incidents.ExecuteAsync(Tenant, id, Resolver, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Patched."))).Record;

    private async Task<SlaStatus> ResolutionAsync(IncidentId id)
    {
        var history = await _engine.ReadIncidentTicketHistoryAsync(Tenant, id, ServiceDeskModel.Dispatcher);
        return _engine.EvaluateSla(history).Single(s => s.Clock.Agreement.Id == ServiceDeskModel.IncidentAgreementId && s.Clock.Target.Metric == SlaMetric.Resolution).Status;
    }
}
