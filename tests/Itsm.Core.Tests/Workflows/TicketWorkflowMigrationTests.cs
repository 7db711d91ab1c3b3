using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.Workflows;
using NodaTime.Testing;
using static Itsm.Core.Tests.Workflows.WorkflowEngineFixtures;

namespace Itsm.Core.Tests.Workflows;

/// <summary>Problems and service requests start under their tenant's workflow through the engine and migrate like incidents.</summary>
public sealed class TicketWorkflowMigrationTests
{
    private static readonly Workflow<ProblemState, ProblemCommand> ProblemV1 = WorkflowBuilder.ForProblems("acme-problem")
        .State("Intake", ProblemState.New)
        .State("Triaged", ProblemState.New)
        .Transition("triage", "Intake", "Triaged")
        .Build();

    private static readonly Workflow<ProblemState, ProblemCommand> ProblemV2 = WorkflowBuilder.ForProblems("acme-problem", 2)
        .State("Intake", ProblemState.New)
        .State("Ready", ProblemState.New)
        .Transition("triage", "Intake", "Ready")
        .Replaces(ProblemV1)
        .Maps("Triaged", "Ready")
        .Build();

    private static readonly Workflow<ServiceRequestState, ServiceRequestCommand> RequestV1 = WorkflowBuilder.ForServiceRequests("acme-request")
        .State("Ordering", ServiceRequestState.Fulfilling)
        .State("Awaiting Delivery", ServiceRequestState.Fulfilling)
        .Transition("ordered", "Ordering", "Awaiting Delivery")
        .Build();

    private static readonly Workflow<ServiceRequestState, ServiceRequestCommand> RequestV2 = WorkflowBuilder.ForServiceRequests("acme-request", 2)
        .State("Ordering", ServiceRequestState.Fulfilling)
        .State("Shipping", ServiceRequestState.Fulfilling)
        .Transition("ordered", "Ordering", "Shipping")
        .Replaces(RequestV1)
        .Maps("Awaiting Delivery", "Shipping")
        .Build();

    private readonly FakeClock _clock = new(Monday0900);
    private readonly InMemoryAggregateStore _store = new();

    [Fact]
    public async Task A_problem_under_an_older_version_migrates_through_the_mapping_in_a_bulk_run()
    {
        var v1 = EngineOver(_store, _clock, WorkflowCatalog.Empty.With(Acme, ProblemV1));
        var id = ProblemId.New();
        var created = await v1.Problems.CreateAsync(Acme, id, Agent, new OpenProblem("Mail relay drops messages"));
        await v1.Problems.ExecuteAsync(Acme, id, Agent, new TransitionProblemWorkflow("triage"));
        var v2 = EngineOver(_store, _clock, WorkflowCatalog.Empty.With(Acme, ProblemV2));

        var report = await v2.MigrateWorkflowsAsync(Acme, Problem.RecordType, Migrator);
        var again = await v2.MigrateWorkflowsAsync(Acme, Problem.RecordType, Migrator);

        Assert.Equal("Intake", created.Record.WorkflowState);
        Assert.Equal((1, 0), (report.Migrated, again.Migrated));
        var problem = await v2.Problems.GetAsync(Acme, id, Agent);
        Assert.Same(ProblemV2, problem.Workflow);
        Assert.Equal("Ready", problem.WorkflowState);
        var entry = (await _store.ReadHistoryAsync(Acme, Problem.RecordType, id.ToString())).Last();
        Assert.Equal(new WorkflowMigrated("acme-problem", 1, 2, "Triaged", "Ready"), entry.Event);
    }

    [Fact]
    public async Task A_service_request_migrates_by_its_typed_command_and_refuses_a_second_time()
    {
        var v1 = EngineOver(_store, _clock, WorkflowCatalog.Empty.With(Acme, RequestV1));
        var id = ServiceRequestId.New();
        await v1.ServiceRequests.CreateAsync(Acme, id, Agent, new SubmitServiceRequest(new CatalogItem("password-reset", requiresApproval: false)));
        await v1.ServiceRequests.ExecuteAsync(Acme, id, Agent, new StartServiceRequestFulfilment());
        await v1.ServiceRequests.ExecuteAsync(Acme, id, Agent, new TransitionServiceRequestWorkflow("ordered"));
        var v2 = EngineOver(_store, _clock, WorkflowCatalog.Empty.With(Acme, RequestV2));

        var migrated = await v2.ServiceRequests.ExecuteAsync(Acme, id, Migrator, new MigrateServiceRequestWorkflow());
        var refused = await Assert.ThrowsAsync<DomainRuleViolationException>(() => v2.ServiceRequests.ExecuteAsync(Acme, id, Migrator, new MigrateServiceRequestWorkflow()));

        Assert.Equal("Shipping", migrated.Record.WorkflowState);
        Assert.Equal("Shipping", migrated.Events.Single().WorkflowState);
        Assert.Equal(Workflow.MigrationCode, refused.Code);
    }
}
