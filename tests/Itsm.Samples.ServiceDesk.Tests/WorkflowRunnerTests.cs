using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Services;
using Itsm.Testing;
using Itsm.Workflows;
using NodaTime;

namespace Itsm.Samples.ServiceDesk.Tests;

/// <summary>
/// Contoso's workflows (<see cref="ServiceDeskWorkflows"/>) under Itsm.Testing's model-based runner: random incident
/// and normal change histories, with the workflows' named transitions mixed in, keep the lifecycle and workflow
/// invariants on an engine that runs the sample's catalog.
/// </summary>
public sealed class WorkflowRunnerTests
{
    // The generators' actors hold the library's roles (itil, change_manager, cab, ...), none of the desk's own
    // (service_desk, resolver, peer-reviewer): the desk's people take a share of the named transitions, and of the
    // records' creation, so that every guard both passes and fails and a change is now and then peer-reviewed by its requester.
    private static readonly Actor[] DeskPeople =
    [
        ServiceDeskModel.Agents[0], ServiceDeskModel.IncidentManager, ServiceDeskModel.Implementer,
        ServiceDeskModel.ChangeRequester, ServiceDeskModel.ChangeManager, ServiceDeskModel.Groups[^1].Members[0],
    ];

    // The desk's own path through the incident workflow, as the simulation takes it: triage, assign to a group, start
    // work, name the item the change will touch, wait for the change, release it. Random histories rarely line up a
    // resolver, a group and an item in Investigating, so half the histories begin with this path, each step kept four
    // times in five (a dropped step makes a later guard fail), and go on with the generated steps.
    private static readonly LifecycleStep<Incident>[] DeskPath =
    [
        new(Duration.FromMinutes(5), ServiceDeskModel.Agents[0], new TransitionIncidentWorkflow(ServiceDeskWorkflows.TriageTransition)),
        new(Duration.FromMinutes(5), ServiceDeskModel.Agents[0], new AssignIncident(new SupportGroupId("Network"), ServiceDeskModel.Implementer.Id)),
        new(Duration.FromMinutes(10), ServiceDeskModel.Implementer, new StartIncidentWork()),
        new(Duration.FromMinutes(30), ServiceDeskModel.Implementer, new AddIncidentConfigurationItem(new ConfigurationItemId("vpn-concentrator-01"))),
        new(Duration.FromMinutes(5), ServiceDeskModel.Implementer, new TransitionIncidentWorkflow(ServiceDeskWorkflows.AwaitChangeTransition)),
        new(Duration.FromHours(4), ServiceDeskModel.ChangeManager, new TransitionIncidentWorkflow(ServiceDeskWorkflows.ChangeReleasedTransition)),
    ];

    private static Gen<LifecycleScenario<Incident, IncidentId>> Incidents =>
        from scenario in WithDeskPeople(ItsmGenerators.IncidentWorkflowScenarios(ServiceDeskWorkflows.Incident))
        from walked in Gen.Elements(false, true)
        from keep in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(false)), (4, Gen.Constant(true))), DeskPath.Length)
        select walked ? scenario with { Steps = [.. DeskPath.Where((_, i) => keep[i]), .. scenario.Steps] } : scenario;

    private static Gen<LifecycleScenario<Change, ChangeId>> NormalChanges =>
        WithDeskPeople(ItsmGenerators.ChangeWorkflowScenarios(ServiceDeskWorkflows.NormalChange));

    private static ItsmTestEngine NewEngine() =>
        ItsmTestEngine.Create(options: new ItsmEngineOptions { Workflows = ServiceDeskWorkflows.Catalog });

    [Property(MaxTest = 60)]
    public Property Incidents_under_the_sample_s_workflow_keep_the_lifecycle_and_workflow_invariants() =>
        Prop.ForAll(Incidents.ToArbitrary(), Passes);

    [Property(MaxTest = 60)]
    public Property Normal_changes_under_the_sample_s_workflow_keep_the_lifecycle_and_workflow_invariants() =>
        Prop.ForAll(NormalChanges.ToArbitrary(), Passes);

    [Fact]
    public async Task Generated_incidents_reach_every_custom_state_and_take_every_named_transition()
    {
        var (entered, taken) = await WalkAsync(Incidents, Incident.RecordType, 80);

        Assert.Superset(ServiceDeskWorkflows.Incident.States.Select(s => s.Name).ToHashSet(), entered);
        Assert.Superset(new HashSet<string> { ServiceDeskWorkflows.TriageTransition, ServiceDeskWorkflows.AwaitChangeTransition, ServiceDeskWorkflows.ChangeReleasedTransition }, taken);
    }

    [Fact]
    public async Task Generated_normal_changes_reach_every_custom_state_and_take_the_peer_review()
    {
        var (entered, taken) = await WalkAsync(NormalChanges, Change.RecordType, 80);

        Assert.Superset(ServiceDeskWorkflows.NormalChange.States.Select(s => s.Name).ToHashSet(), entered);
        Assert.Contains(ServiceDeskWorkflows.PeerReviewTransition, taken);
    }

    private static async Task<bool> Passes<TRecord, TId>(LifecycleScenario<TRecord, TId> scenario)
        where TRecord : class
    {
        // The runner throws LifecycleInvariantException on a broken invariant; every step must also have been judged.
        var run = await LifecycleRunner.RunAsync(NewEngine().Engine, scenario);
        return run.Accepted + run.Refused + run.Unauthorized == scenario.Steps.Count + 1;
    }

    // So the properties are not vacuous: the custom states the generated histories enter and the named transitions they
    // take. The rarest, change-released, comes up in about one incident history in six, so 80 histories all but never miss it.
    private static async Task<(HashSet<string> Entered, HashSet<string> Taken)> WalkAsync<TRecord, TId>(Gen<LifecycleScenario<TRecord, TId>> scenarios, string recordType, int count)
        where TRecord : class
        where TId : notnull
    {
        var entered = new HashSet<string>();
        var taken = new HashSet<string>();
        foreach (var scenario in scenarios.Sample(count))
        {
            var test = NewEngine();
            await LifecycleRunner.RunAsync(test.Engine, scenario);
            foreach (var entry in await test.Store.ReadHistoryAsync(scenario.Tenant, recordType, scenario.Id.ToString()!))
            {
                if (entry.WorkflowState is { } state)
                {
                    entered.Add(state);
                }

                if (entry.Event is WorkflowTransitioned moved)
                {
                    taken.Add(moved.Transition);
                }
            }
        }

        return (entered, taken);
    }

    private static Gen<LifecycleScenario<TRecord, TId>> WithDeskPeople<TRecord, TId>(Gen<LifecycleScenario<TRecord, TId>> scenarios)
        where TRecord : class =>
        from scenario in scenarios
        from creator in Gen.Frequency((3, Gen.Constant(scenario.CreatedBy)), (1, Gen.Elements(DeskPeople)))
        from people in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant<Actor?>(null)), (2, Gen.Elements(DeskPeople).Select(a => (Actor?)a))), scenario.Steps.Count)
        select scenario with
        {
            CreatedBy = creator,
            Steps = scenario.Steps.Select((step, i) => people[i] is { } person && step.Command is TransitionIncidentWorkflow or TransitionChangeWorkflow ? step with { Actor = person } : step).ToArray(),
        };
}
