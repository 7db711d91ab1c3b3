using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;
using Itsm.Testing;
using NodaTime;
using Itsm.Services;

namespace Itsm.ProcessMining.Tests;

/// <summary>
/// A realistic week of one service desk, driven through <see cref="Itsm.Engine.ItsmEngine"/> on the in-memory
/// store: calls raise incidents, a major incident with a child, a problem linked to an incident waiting on it
/// and resolving it, the change the problem raised (which then causes another incident), a service request,
/// an answered interaction and an improvement item.
/// </summary>
internal sealed class ServiceDeskScenario
{
    public static readonly TenantId Tenant = new("acme");
    public static readonly Actor Agent = new("agent.smith", "itil");
    public static readonly Actor Manager = new("mim.lee", "itil", "major_incident_manager", "change_manager");
    public static readonly Actor Caller = new("caller.jones");

    private ServiceDeskScenario(ItsmTestEngine test) => Test = test;

    public ItsmTestEngine Test { get; }

    public InteractionId Call { get; } = InteractionId.New();

    public InteractionId Question { get; } = InteractionId.New();

    /// <summary>The major incident the call raised.</summary>
    public IncidentId Major { get; } = IncidentId.New();

    /// <summary>A child of <see cref="Major"/>, resolved with it.</summary>
    public IncidentId Child { get; } = IncidentId.New();

    /// <summary>An incident waiting on <see cref="Problem"/>, resolved with it.</summary>
    public IncidentId Waiting { get; } = IncidentId.New();

    /// <summary>An incident the change caused.</summary>
    public IncidentId Caused { get; } = IncidentId.New();

    public ProblemId Problem { get; } = ProblemId.New();

    public ChangeId Change { get; } = ChangeId.New();

    public ServiceRequestId Request { get; } = ServiceRequestId.New();

    public ImprovementItemId Improvement { get; } = ImprovementItemId.New();

    public static async Task<ServiceDeskScenario> RunAsync()
    {
        var scenario = new ServiceDeskScenario(ItsmTestEngine.Create(TestClocks.AtUtc(2026, 11, 30, 9, 0)));
        await scenario.DriveAsync();
        return scenario;
    }

    /// <summary>Every audit entry of the tenant, as <see cref="Itsm.Engine.ItsmEngine.ReadAuditAsync"/> returns them.</summary>
    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync() =>
        Test.Engine.ReadAuditAsync(Tenant, Manager, new Interval(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2027, 1, 1, 0, 0)));

    private void Later(int minutes) => Test.Clock.Advance(Duration.FromMinutes(minutes));

    private async Task DriveAsync()
    {
        var engine = Test.Engine;
        var incidents = engine.Incidents;

        await engine.Interactions.CreateAsync(Tenant, Call, Agent, new LogInteraction(Channel.Phone, Caller.Id, "Nobody can send mail"));
        Later(4);
        await engine.RaiseIncidentAsync(Tenant, Call, Major, Agent, Impact.High, Urgency.High, new ServiceId("email"));
        Later(3);
        await incidents.ExecuteAsync(Tenant, Major, Manager, new AssignIncident(new SupportGroupId("messaging"), "mim.lee"));
        await incidents.ExecuteAsync(Tenant, Major, Manager, new PromoteIncidentToMajor("Company-wide mail outage"));
        Later(10);
        await incidents.CreateAsync(Tenant, Child, Agent, new OpenIncident("caller.kim", "Outlook cannot connect", Impact.Medium, Urgency.High, new ServiceId("email")));
        var major = await incidents.GetAsync(Tenant, Major, Manager);
        await incidents.ExecuteAsync(Tenant, Child, Agent, new AttachIncidentToParent(major));

        Later(15);
        await incidents.CreateAsync(Tenant, Waiting, Agent, new OpenIncident("caller.ola", "Shared calendar out of sync", Impact.Low, Urgency.Medium, new ServiceId("calendar")));
        await incidents.ExecuteAsync(Tenant, Waiting, Agent, new AssignIncident(new SupportGroupId("collaboration"), "agent.smith"));
        await incidents.ExecuteAsync(Tenant, Waiting, Agent, new ChangeIncidentImpactOrUrgency(Impact.Medium, Urgency.Medium));
        await engine.Problems.CreateAsync(Tenant, Problem, Manager, new OpenProblem("Calendar sync drops updates", new ServiceId("calendar")));
        await engine.LinkIncidentToProblemAsync(Tenant, Waiting, Problem, Manager);
        await incidents.ExecuteAsync(Tenant, Waiting, Agent, new PutIncidentOnHold(OnHoldReason.AwaitingProblem, "Known sync defect"));

        Later(30);
        await engine.ResolveMajorIncidentAsync(Tenant, Major, [Child], Manager, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Mail relay restarted"));
        await engine.Interactions.CreateAsync(Tenant, Question, Agent, new LogInteraction(Channel.Email, "caller.ola", "How do I share a calendar?"));
        await engine.Interactions.ExecuteAsync(Tenant, Question, Agent, new AnswerInteraction("See the knowledge article KB0042."));

        Later(60);
        await engine.Problems.ExecuteAsync(Tenant, Problem, Manager, new AssessProblem());
        await engine.Problems.ExecuteAsync(Tenant, Problem, Manager, new StartProblemRootCauseAnalysis());
        await engine.Problems.ExecuteAsync(Tenant, Problem, Manager, new RecordProblemRootCause("Sync job drops updates older than its batch"));
        await engine.Problems.ExecuteAsync(Tenant, Problem, Manager, new StartProblemFix());
        await engine.Problems.ExecuteAsync(Tenant, Problem, Manager, new RaiseProblemChange(Change.ToString()));
        await engine.Changes.CreateAsync(Tenant, Change, Manager, new OpenChange(ChangeType.Standard, "Patch the calendar sync job", "Deploy build 4.2 of the sync job.", new ServiceId("calendar"), [new ConfigurationItemId("sync-01")], Agent.Id));
        await engine.Changes.ExecuteAsync(Tenant, Change, Manager, new ScheduleChange(new Interval(Instant.FromUtc(2026, 11, 30, 22, 0), Instant.FromUtc(2026, 11, 30, 23, 0)), new ChangeCalendar([])));
        Test.Clock.AdvanceTo(Instant.FromUtc(2026, 11, 30, 22, 5));
        await engine.Changes.ExecuteAsync(Tenant, Change, Agent, new StartChangeImplementation());
        Later(20);
        await engine.Changes.ExecuteAsync(Tenant, Change, Agent, new CompleteChangeImplementation());
        Later(10);
        await engine.ResolveProblemAsync(Tenant, Problem, Manager, new ResolveProblem(ProblemResolutionCode.FixApplied, "Sync job 4.2 deployed"));

        Later(8 * 60);
        await incidents.CreateAsync(Tenant, Caused, Agent, new OpenIncident("caller.kim", "Calendar invites arrive twice", Impact.Low, Urgency.Low, new ServiceId("calendar")));
        await incidents.ExecuteAsync(Tenant, Caused, Agent, new LinkIncidentToCausingChange(Change.ToString()));
        await engine.Changes.ExecuteAsync(Tenant, Change, Manager, new CloseChange(ChangeReviewOutcome.SuccessfulWithIssues, "Duplicated invites"));

        await engine.ServiceRequests.CreateAsync(Tenant, Request, Caller, new SubmitServiceRequest(new CatalogItem("laptop-standard", requiresApproval: true)));
        await engine.ServiceRequests.ExecuteAsync(Tenant, Request, Agent, new RequestServiceRequestApproval());
        Later(45);
        await engine.ServiceRequests.ExecuteAsync(Tenant, Request, Manager, new ApproveServiceRequest("Budgeted"));
        Later(120);
        await engine.ServiceRequests.ExecuteAsync(Tenant, Request, Agent, new FulfilServiceRequest("Laptop handed over"));
        await engine.ServiceRequests.ExecuteAsync(Tenant, Request, Caller, new CloseServiceRequest());

        await engine.ImprovementItems.CreateAsync(Tenant, Improvement, Manager, new ProposeImprovementItem("Fewer repeat calendar incidents", "reopen_rate", KpiDirection.LowerIsBetter, 0.12m, 0.05m));
        await engine.ImprovementItems.ExecuteAsync(Tenant, Improvement, Agent, new ApproveImprovementItem());
    }
}
