using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Testing;
using Itsm.Workflows;

namespace Itsm.Import.Tests;

/// <summary>
/// The BPI Challenge 2013 workflow (<see cref="ImportMapping.Bpic2013Workflow"/>) under Itsm.Testing's model-based
/// runner: the engine that goes on working imported tickets keeps the lifecycle and workflow invariants on random
/// incident histories with the workflow's named transitions mixed in, not only on the rows of the log.
/// </summary>
public sealed class Bpic2013WorkflowRunnerTests
{
    private static readonly Workflow<IncidentState, IncidentCommand> Workflow = ImportMapping.Bpic2013Workflow;

    private static ItsmTestEngine NewEngine() =>
        ItsmTestEngine.Create(options: new ItsmEngineOptions { Workflows = WorkflowCatalog.Empty.With(Workflow) });

    [Property(MaxTest = 60)]
    public Property Incidents_under_the_Bpic2013_workflow_keep_the_lifecycle_and_workflow_invariants() =>
        Prop.ForAll(ItsmGenerators.IncidentWorkflowScenarios(Workflow).ToArbitrary(), async scenario =>
        {
            // The runner throws LifecycleInvariantException on a broken invariant; every step must also have been judged.
            var run = await LifecycleRunner.RunAsync(NewEngine().Engine, scenario);
            return run.Accepted + run.Refused + run.Unauthorized == scenario.Steps.Count + 1;
        });

    [Fact]
    public async Task Generated_runs_reach_every_sub_status_of_the_workflow()
    {
        // So the property above is not vacuous: the generated histories enter each of the ten custom states (the rarest,
        // a reason-bearing wait or the queue, in about one history in twelve, so 200 histories all but never miss one).
        var entered = new HashSet<string>();
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
            }
        }

        Assert.Superset(Workflow.States.Select(s => s.Name).ToHashSet(), entered);
    }
}
