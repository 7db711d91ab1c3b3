using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Workflows;
using NodaTime;

namespace Itsm.Testing.Tests;

/// <summary>The runner checks the workflow invariants on records under any generated workflow, and fails when the engine breaks one.</summary>
public sealed class WorkflowRunnerTests
{
    public static readonly TheoryData<ChangeType> ChangeTypes = [ChangeType.Standard, ChangeType.Normal, ChangeType.Emergency];

    private static Gen<(Workflow<IncidentState, IncidentCommand> Workflow, LifecycleScenario<Incident, IncidentId> Scenario)> IncidentRuns =>
        from workflow in ItsmGenerators.IncidentWorkflows
        from scenario in ItsmGenerators.IncidentWorkflowScenarios(workflow)
        select (workflow, scenario);

    [Property(MaxTest = 300)]
    public Property Incidents_under_any_generated_workflow_keep_the_workflow_invariants() =>
        Prop.ForAll(IncidentRuns.ToArbitrary(), run => Runs.Passes(Runs.Under(run.Workflow), run.Scenario));

    [Property(MaxTest = 100)]
    public Property A_tenant_s_own_workflow_is_checked_for_its_records_and_the_other_tenant_runs_the_library_alone() =>
        Prop.ForAll(IncidentRuns.ToArbitrary(), async run =>
        {
            var catalog = WorkflowCatalog.Empty.With(new TenantId("tenant-a"), run.Workflow);
            var test = ItsmTestEngine.Create(options: new ItsmEngineOptions { Workflows = catalog });
            await LifecycleRunner.RunAsync(test.Engine, run.Scenario);
            var record = await test.Engine.Incidents.GetAsync(run.Scenario.Tenant, run.Scenario.Id, run.Scenario.CreatedBy);
            return run.Scenario.Tenant.Value == "tenant-a" ? ReferenceEquals(record.Workflow, run.Workflow) : record.Workflow is null;
        });

    [Theory]
    [MemberData(nameof(ChangeTypes))]
    public void Changes_under_any_generated_workflow_keep_the_workflow_invariants(ChangeType type) =>
        Prop.ForAll(
            (from workflow in ItsmGenerators.ChangeWorkflows(type) from scenario in ItsmGenerators.ChangeWorkflowScenarios(workflow) select (workflow, scenario)).ToArbitrary(),
            run => Runs.Passes(Runs.Under(run.workflow), run.scenario).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(100));

    [Fact]
    public async Task Generated_runs_take_named_transitions_and_refuse_unknown_ones_and_failing_guards()
    {
        var entries = new List<AuditEntry>();
        var refusals = new HashSet<string>();
        foreach (var (workflow, scenario) in IncidentRuns.Sample(60))
        {
            var test = ItsmTestEngine.Create(options: new ItsmEngineOptions { Workflows = WorkflowCatalog.Empty.With(workflow) });
            await LifecycleRunner.RunAsync(test.Engine, scenario);
            entries.AddRange(await test.Store.ReadHistoryAsync(scenario.Tenant, Incident.RecordType, scenario.Id.ToString()));
            foreach (var step in scenario.Steps.Where(s => s.Command is TransitionIncidentWorkflow))
            {
                var probe = await RefusalOf(workflow, scenario, step);
                if (probe is not null)
                {
                    refusals.Add(probe);
                }
            }
        }

        Assert.Contains(entries, e => e.Command == "TransitionWorkflow");
        Assert.Contains(entries, e => e.Command != "TransitionWorkflow" && e.Version > 1 && e.WorkflowState is not null);
        Assert.Contains(Workflow.UnknownTransitionCode, refusals);
        Assert.Contains(Workflow.GuardFailedCode, refusals);
    }

    [Fact]
    public async Task An_engine_whose_audit_entries_lose_the_workflow_state_fails_the_run()
    {
        var workflow = WorkflowBuilder.ForIncidents("acme-incident")
            .State("Triage", IncidentState.New)
            .State("Investigating", IncidentState.InProgress)
            .Build();
        var engine = Runs.On(new WorkflowStateDroppingStore(), workflow);
        var scenario = new LifecycleScenario<Incident, IncidentId>(
            new TenantId("acme"), IncidentId.New(), ItsmGenerators.LifecycleActors[0], new OpenIncident("caller-1", "Mail is down", Impact.High, Urgency.High), []);

        var failure = await Assert.ThrowsAsync<LifecycleInvariantException>(() => LifecycleRunner.RunAsync(engine, scenario));

        Assert.Equal(0, failure.Step);
        Assert.Equal("the creating audit entry carries workflow state ''; expected the entry state 'Triage'", failure.Problem);
    }

    [Fact]
    public async Task A_blocked_command_is_predicted_refused_and_the_run_passes()
    {
        var workflow = WorkflowBuilder.ForIncidents("acme-incident")
            .State("Triage", IncidentState.New)
            .State("Screening", IncidentState.New)
            .Block("Screening", IncidentCommand.Resolve)
            .Transition("screen", "Triage", "Screening", WorkflowGuard.AnyRole("itil"))
            .Transition("back", "Screening", "Triage")
            .Build();
        var agent = ItsmGenerators.LifecycleActors[0];
        var scenario = new LifecycleScenario<Incident, IncidentId>(
            new TenantId("acme"), IncidentId.New(), agent, new OpenIncident("caller-1", "Mail is down", Impact.High, Urgency.High),
            [
                new(Duration.Zero, new Actor("caller-1"), new TransitionIncidentWorkflow("screen")),
                new(Duration.Zero, agent, new TransitionIncidentWorkflow("screen")),
                new(Duration.Zero, agent, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Fixed")),
                new(Duration.Zero, agent, new TransitionIncidentWorkflow("nowhere")),
                new(Duration.Zero, agent, new TransitionIncidentWorkflow("back")),
                new(Duration.Zero, agent, new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Fixed")),
            ]);

        var run = await LifecycleRunner.RunAsync(Runs.Under(workflow), scenario);

        Assert.Equal((4, 3, "Resolved"), (run.Accepted, run.Refused, run.FinalState));
    }

    /// <summary>The rule code a transition step of <paramref name="scenario"/> was refused with, replayed on a fresh engine up to it.</summary>
    private static async Task<string?> RefusalOf(Workflow workflow, LifecycleScenario<Incident, IncidentId> scenario, LifecycleStep<Incident> step)
    {
        var test = ItsmTestEngine.Create(options: new ItsmEngineOptions { Workflows = WorkflowCatalog.Empty.With(workflow) });
        await test.Engine.Incidents.CreateAsync(scenario.Tenant, scenario.Id, scenario.CreatedBy, scenario.Create);
        foreach (var s in scenario.Steps)
        {
            try
            {
                await test.Engine.Incidents.ExecuteAsync(scenario.Tenant, scenario.Id, s.Actor, s.Command);
            }
            catch (DomainRuleViolationException e) when (ReferenceEquals(s, step))
            {
                return e.Code;
            }
            catch (Exception) when (!ReferenceEquals(s, step))
            {
            }
            catch (Exception)
            {
                return null;
            }

            if (ReferenceEquals(s, step))
            {
                return null;
            }
        }

        return null;
    }
}
