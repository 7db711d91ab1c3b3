using System.Linq;
using Itsm.Common;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.Workflows;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Workflows;

/// <summary>Problems and service requests run workflows as incidents and changes do.</summary>
public sealed class TicketWorkflowTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Analyst = new("analyst.king", "problem_analyst");
    private static readonly Actor Fulfiller = new("tech.green", "itil");

    [Fact]
    public void AProblem_UnderAWorkflow_FollowsItsLibraryCommandsIntoCustomStates()
    {
        var workflow = WorkflowBuilder.ForProblems("acme-problem")
            .State("Awaiting Data", ProblemState.RootCauseAnalysis)
            .State("Analysing", ProblemState.RootCauseAnalysis, isEntry: true)
            .Transition("need-data", "Analysing", "Awaiting Data")
            .Transition("data-received", "Awaiting Data", "Analysing")
            .Build();
        var problem = Problem.OpenUnderWorkflow(Tenant, new ProblemId(System.Guid.NewGuid()), Analyst, "Mail relay drops", new FakeClock(NodaTime.Instant.FromUtc(2026, 12, 1, 9, 0)), workflow: workflow);

        Assert.Equal("New", problem.WorkflowState);
        problem.Assess(Analyst);
        problem.StartRootCauseAnalysis(Analyst);
        Assert.Equal("Analysing", problem.WorkflowState);
        problem.TransitionWorkflow(Analyst, "need-data");

        Assert.Equal(ProblemState.RootCauseAnalysis, problem.State);
        Assert.Equal("Awaiting Data", problem.WorkflowState);
        Assert.Equal(["New", "Assess", "Analysing", "Awaiting Data"], problem.UncommittedAuditEntries.Select(e => e.WorkflowState).OfType<string>());
    }

    [Fact]
    public void AServiceRequest_UnderAWorkflow_ShowsItsCustomStateToTheSlaConditions()
    {
        var workflow = WorkflowBuilder.ForServiceRequests("acme-request")
            .State("Ordering", ServiceRequestState.Fulfilling)
            .State("Awaiting Delivery", ServiceRequestState.Fulfilling)
            .Transition("ordered", "Ordering", "Awaiting Delivery", WorkflowGuard.AnyRole("itil"))
            .Build();
        var request = ServiceRequest.SubmitUnderWorkflow(Tenant, new ServiceRequestId(System.Guid.NewGuid()), new Actor("caller.jones"), new CatalogItem("password-reset", requiresApproval: false), new FakeClock(NodaTime.Instant.FromUtc(2026, 12, 1, 9, 0)), workflow: workflow);

        request.StartFulfilment(Fulfiller);
        request.TransitionWorkflow(Fulfiller, "ordered");

        Assert.Equal("Awaiting Delivery", request.ToTicketSnapshot().WorkflowState);
        Assert.True(Itsm.Sla.SlaCondition.FieldIn("workflowState", ["Awaiting Delivery"]).IsMetBy(request.ToTicketSnapshot()));
        // No named transition leaves "Awaiting Delivery": the command is not permitted there at all.
        Assert.DoesNotContain(ServiceRequestCommand.TransitionWorkflow, request.PermittedCommands);
        Assert.Throws<InvalidTransitionException>(() => request.TransitionWorkflow(Fulfiller, "ordered"));
    }

    [Fact]
    public void A_catalog_lists_its_workflows_in_a_stable_order_whatever_order_they_were_added_in()
    {
        var problem = WorkflowBuilder.ForProblems("p").State("Intake", ProblemState.New).Build();
        var request = WorkflowBuilder.ForServiceRequests("r").State("Queued", ServiceRequestState.Submitted).Build();
        var incident = Itsm.Core.Tests.Workflows.IncidentWorkflowTests.Triage();

        var one = WorkflowCatalog.Empty.With(request).With(new TenantId("zeta"), problem).With(incident).With(new TenantId("alpha"), request);
        var other = WorkflowCatalog.Empty.With(new TenantId("alpha"), request).With(incident).With(new TenantId("zeta"), problem).With(request);

        Assert.Equal([incident, request, request, problem], one.Workflows);
        Assert.Equal(one.Workflows, other.Workflows);
    }
}
