using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Testing;
using Itsm.Workflows;

namespace Itsm.Core.Tests.Workflows;

/// <summary>
/// The worked example of docs/workflows.md under Itsm.Testing's model-based runner: random incident histories,
/// with the example's named transitions mixed in, keep the lifecycle and workflow invariants on an engine that runs it.
/// </summary>
public sealed class IncidentWorkflowExampleRunnerTests
{
    private static readonly Workflow<IncidentState, IncidentCommand> Workflow = IncidentWorkflowExample.Build();

    private static ItsmTestEngine NewEngine() =>
        ItsmTestEngine.Create(options: new ItsmEngineOptions { Workflows = WorkflowCatalog.Empty.With(Workflow) });

    [Property(MaxTest = 60)]
    public Property Incidents_under_the_worked_example_keep_the_lifecycle_and_workflow_invariants() =>
        Prop.ForAll(ItsmGenerators.IncidentWorkflowScenarios(Workflow).ToArbitrary(), async scenario =>
        {
            // The runner throws LifecycleInvariantException on a broken invariant; every step must also have been judged.
            var run = await LifecycleRunner.RunAsync(NewEngine().Engine, scenario);
            return run.Accepted + run.Refused + run.Unauthorized == scenario.Steps.Count + 1;
        });

    [Fact]
    public async Task Generated_runs_reach_every_custom_state_of_the_worked_example_and_take_each_named_transition()
    {
        // So the property above is not vacuous: the generated histories do walk the example's workflow. The rarest
        // step, change-released, comes up in about one history in fourteen, so 200 histories all but never miss it.
        var entered = new HashSet<string>();
        var transitions = new HashSet<string>();
        foreach (var scenario in ItsmGenerators.IncidentWorkflowScenarios(Workflow).Sample(200))
        {
            var test = NewEngine();
            await LifecycleRunner.RunAsync(test.Engine, scenario);
            foreach (var entry in await test.Store.ReadHistoryAsync(scenario.Tenant, Incident.RecordType, scenario.Id.ToString()))
            {
                if (entry.WorkflowState is { } state)
                {
                    entered.Add(state);
                }

                if (entry.Event is WorkflowTransitioned moved)
                {
                    transitions.Add(moved.Transition);
                }
            }
        }

        Assert.Superset(Workflow.States.Select(s => s.Name).ToHashSet(), entered);
        Assert.Superset(Workflow.Transitions.Where(t => t.IsNamed).Select(t => t.Name!).ToHashSet(), transitions);
    }
}
