using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.Services;
using Itsm.Workflows;
using NodaTime;

namespace Itsm.Testing.Tests;

/// <summary>The runner checks the workflow invariants on problems and service requests under any generated workflow, and fails when the engine breaks one.</summary>
public sealed class TicketWorkflowRunnerTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = ItsmGenerators.LifecycleActors[0];

    private static Gen<(Workflow<ProblemState, ProblemCommand> Workflow, LifecycleScenario<Problem, ProblemId> Scenario)> ProblemRuns =>
        from workflow in ItsmGenerators.ProblemWorkflows
        from scenario in ItsmGenerators.ProblemWorkflowScenarios(workflow)
        select (workflow, scenario);

    private static Gen<(Workflow<ServiceRequestState, ServiceRequestCommand> Workflow, LifecycleScenario<ServiceRequest, ServiceRequestId> Scenario)> RequestRuns =>
        from workflow in ItsmGenerators.ServiceRequestWorkflows
        from scenario in ItsmGenerators.ServiceRequestWorkflowScenarios(workflow)
        select (workflow, scenario);

    [Property(MaxTest = 60)]
    public Property Problems_under_any_generated_workflow_keep_the_workflow_invariants() =>
        Prop.ForAll(ProblemRuns.ToArbitrary(), run => Runs.Passes(Runs.Under(run.Workflow), run.Scenario));

    [Property(MaxTest = 60)]
    public Property Service_requests_under_any_generated_workflow_keep_the_workflow_invariants() =>
        Prop.ForAll(RequestRuns.ToArbitrary(), run => Runs.Passes(Runs.Under(run.Workflow), run.Scenario));

    [Property(MaxTest = 30)]
    public Property A_store_that_forgets_named_transitions_fails_exactly_the_problem_runs_that_take_one() =>
        Prop.ForAll(ProblemRuns.ToArbitrary(), run => CaughtExactlyWhenForgotten(run.Workflow, run.Scenario));

    [Property(MaxTest = 30)]
    public Property A_store_that_forgets_named_transitions_fails_exactly_the_request_runs_that_take_one() =>
        Prop.ForAll(RequestRuns.ToArbitrary(), run => CaughtExactlyWhenForgotten(run.Workflow, run.Scenario));

    [Fact]
    public async Task Generated_problem_and_request_runs_take_named_transitions_and_move_custom_states_with_library_commands()
    {
        // Random runs: sample batches until each kind of step was seen (usually in the first batch); 25 batches
        // without one means the generators stopped producing it.
        var entries = new List<AuditEntry>();
        for (int batch = 0; batch < 25 && !Covered(entries); batch++)
        {
            foreach (var (workflow, scenario) in ProblemRuns.Sample(20))
            {
                var engine = Runs.Under(workflow);
                await LifecycleRunner.RunAsync(engine, scenario);
                entries.AddRange(await engine.Store.ReadHistoryAsync(scenario.Tenant, Problem.RecordType, scenario.Id.ToString()));
            }

            foreach (var (workflow, scenario) in RequestRuns.Sample(20))
            {
                var engine = Runs.Under(workflow);
                await LifecycleRunner.RunAsync(engine, scenario);
                entries.AddRange(await engine.Store.ReadHistoryAsync(scenario.Tenant, ServiceRequest.RecordType, scenario.Id.ToString()));
            }
        }

        Assert.Contains(entries, e => e.RecordType == Problem.RecordType && e.Command == "TransitionWorkflow");
        Assert.Contains(entries, e => e.RecordType == ServiceRequest.RecordType && e.Command == "TransitionWorkflow");
        Assert.Contains(entries, e => e.RecordType == Problem.RecordType && e.Command != "TransitionWorkflow" && e.Version > 1 && e.WorkflowState is not null);
        Assert.Contains(entries, e => e.RecordType == ServiceRequest.RecordType && e.Command != "TransitionWorkflow" && e.Version > 1 && e.WorkflowState is not null);
    }

    private static bool Covered(List<AuditEntry> entries) =>
        entries.Exists(e => e.RecordType == Problem.RecordType && e.Command == "TransitionWorkflow")
        && entries.Exists(e => e.RecordType == ServiceRequest.RecordType && e.Command == "TransitionWorkflow")
        && entries.Exists(e => e.RecordType == Problem.RecordType && e.Command != "TransitionWorkflow" && e.Version > 1 && e.WorkflowState is not null)
        && entries.Exists(e => e.RecordType == ServiceRequest.RecordType && e.Command != "TransitionWorkflow" && e.Version > 1 && e.WorkflowState is not null);

    [Fact]
    public async Task A_problem_s_blocked_command_guard_and_bound_target_are_predicted_and_the_run_passes()
    {
        var workflow = WorkflowBuilder.ForProblems("acme-problem")
            .State("Triage", ProblemState.Assess)
            .State("Vendor analysis", ProblemState.Assess)
            .State("Lab", ProblemState.RootCauseAnalysis)
            .State("Field", ProblemState.RootCauseAnalysis, isEntry: true)
            .Block("Vendor analysis", ProblemCommand.StartRootCauseAnalysis)
            .Transition("to-vendor", "Triage", "Vendor analysis", WorkflowGuard.Requires(WorkflowField.AssignmentGroup))
            .Transition("back", "Vendor analysis", "Triage")
            .Transition("lab", "Field", "Lab")
            .Transition("field", "Lab", "Field")
            .On(ProblemCommand.StartRootCauseAnalysis, "Triage", "Lab")
            .Build();
        var scenario = Scenario<Problem, ProblemId>(ProblemId.New(), new OpenProblem("Mail relay stalls"),
            new AssessProblem(),
            new TransitionProblemWorkflow("to-vendor"),
            new AssignProblem(new SupportGroupId("Messaging")),
            new TransitionProblemWorkflow("to-vendor"),
            new StartProblemRootCauseAnalysis(),
            new TransitionProblemWorkflow("lab"),
            new TransitionProblemWorkflow("back"),
            new StartProblemRootCauseAnalysis());
        var engine = Runs.Under(workflow);

        var run = await LifecycleRunner.RunAsync(engine, scenario);
        var problem = await engine.Problems.GetAsync(Tenant, scenario.Id, Agent);

        Assert.Equal((6, 3, "RootCauseAnalysis"), (run.Accepted, run.Refused, run.FinalState));
        Assert.Equal("Lab", problem.WorkflowState);
    }

    [Fact]
    public async Task A_request_s_custom_states_follow_approval_into_fulfilment_and_the_run_passes()
    {
        var workflow = WorkflowBuilder.ForServiceRequests("acme-request")
            .State("Budget check", ServiceRequestState.AwaitingApproval)
            .State("Manager", ServiceRequestState.AwaitingApproval)
            .State("Picking", ServiceRequestState.Fulfilling)
            .State("Shipping", ServiceRequestState.Fulfilling)
            .Block("Budget check", ServiceRequestCommand.Approve)
            .Transition("budget-ok", "Budget check", "Manager", WorkflowGuard.AnyRole("itil"))
            .Transition("ship", "Picking", "Shipping")
            .On(ServiceRequestCommand.Approve, "Manager", "Shipping")
            .Build();
        var scenario = Scenario<ServiceRequest, ServiceRequestId>(ServiceRequestId.New(), new SubmitServiceRequest(new CatalogItem("laptop", true)),
            new TransitionServiceRequestWorkflow("budget-ok"),
            new RequestServiceRequestApproval(),
            new ApproveServiceRequest(null),
            new TransitionServiceRequestWorkflow("budget-ok"),
            new ApproveServiceRequest(null),
            new TransitionServiceRequestWorkflow("ship"),
            new FulfilServiceRequest("Delivered"));
        var engine = Runs.Under(workflow);

        var run = await LifecycleRunner.RunAsync(engine, scenario);
        var request = await engine.ServiceRequests.GetAsync(Tenant, scenario.Id, Agent);

        Assert.Equal((5, 3, "Fulfilled"), (run.Accepted, run.Refused, run.FinalState));
        Assert.Equal("Fulfilled", request.WorkflowState);
    }

    [Fact]
    public async Task An_engine_whose_audit_entries_lose_the_problem_s_workflow_state_fails_the_run()
    {
        var workflow = WorkflowBuilder.ForProblems("acme-problem")
            .State("Intake", ProblemState.New)
            .State("Screening", ProblemState.New)
            .Transition("screen", "Intake", "Screening")
            .Build();
        var engine = Runs.On(new WorkflowStateDroppingStore(), workflow);
        var scenario = Scenario<Problem, ProblemId>(ProblemId.New(), new OpenProblem("Mail relay stalls"));

        var failure = await Assert.ThrowsAsync<LifecycleInvariantException>(() => LifecycleRunner.RunAsync(engine, scenario));

        Assert.Equal(0, failure.Step);
        Assert.Equal("the creating audit entry carries workflow state ''; expected the entry state 'Intake'", failure.Problem);
    }

    [Fact]
    public async Task A_store_that_forgets_a_request_s_named_transition_fails_the_run_at_that_step()
    {
        var workflow = WorkflowBuilder.ForServiceRequests("acme-request")
            .State("Queued", ServiceRequestState.Submitted)
            .State("Sourcing", ServiceRequestState.Submitted)
            .Transition("source", "Queued", "Sourcing")
            .Build();
        var engine = Runs.On(new NamedTransitionForgettingStore(), workflow);
        var scenario = Scenario<ServiceRequest, ServiceRequestId>(ServiceRequestId.New(), new SubmitServiceRequest(new CatalogItem("password-reset", false)),
            new AssignServiceRequest(new SupportGroupId("Workplace")),
            new TransitionServiceRequestWorkflow("source"));

        var failure = await Assert.ThrowsAsync<LifecycleInvariantException>(() => LifecycleRunner.RunAsync(engine, scenario));

        Assert.Equal(2, failure.Step);
        Assert.Equal("the record's workflow state is 'Queued'; the model expects 'Sourcing'", failure.Problem);
    }

    private static LifecycleScenario<TRecord, TId> Scenario<TRecord, TId>(TId id, CreateCommand<TRecord> create, params RecordCommand<TRecord>[] commands)
        where TRecord : class =>
        new(Tenant, id, new Actor("caller-1"), create, [.. commands.Select(c => new LifecycleStep<TRecord>(Duration.FromMinutes(1), Agent, c))]);

    /// <summary>The runner fails the run on a store that forgets named transitions exactly when the store lost one that moved the record.</summary>
    private static async Task<bool> CaughtExactlyWhenForgotten<TRecord, TId>(Workflow workflow, LifecycleScenario<TRecord, TId> scenario)
        where TRecord : class
    {
        var store = new NamedTransitionForgettingStore();
        var caught = false;
        try
        {
            await LifecycleRunner.RunAsync(Runs.On(store, workflow), scenario);
        }
        catch (LifecycleInvariantException e) when (e.Problem.StartsWith("the record's workflow state is", System.StringComparison.Ordinal))
        {
            caught = true;
        }

        return caught == store.Forgot;
    }

    /// <summary>A store that saves a named transition's record state with the custom state it had before: the audit log moves, the record does not.</summary>
    private sealed class NamedTransitionForgettingStore : StaleIndexStore
    {
        private readonly Dictionary<string, string> _saved = [];

        /// <summary>Whether it lost a named transition that moved the record.</summary>
        public bool Forgot { get; private set; }

        protected override AggregateWrite Rewrite(AggregateWrite write)
        {
            var state = JsonNode.Parse(write.State)!;
            if (write.AuditEntries.Any(e => e.Command == "TransitionWorkflow") && _saved.TryGetValue(write.RecordId, out var before))
            {
                Forgot |= state["workflow"]!["state"]!.GetValue<string>() != before;
                state["workflow"]!["state"] = before;
            }

            _saved[write.RecordId] = state["workflow"]!["state"]!.GetValue<string>();
            return new(write.Tenant, write.RecordType, write.RecordId, write.ExpectedVersion, state.ToJsonString(), write.Index, write.AuditEntries, write.Idempotency, write.Reservations);
        }
    }
}
