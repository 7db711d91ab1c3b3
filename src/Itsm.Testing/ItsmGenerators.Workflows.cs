using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Changes;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.Testing.Workflows;
using Itsm.Workflows;

namespace Itsm.Testing;

// Random valid workflows: custom states, named and bound transitions, guards and blocks over a library lifecycle.
public static partial class ItsmGenerators
{
    /// <summary>
    /// Valid incident workflow definitions (<see cref="WorkflowSketch{TState, TCommand}"/>): 0 to 4 custom states in
    /// each of New, InProgress, OnHold and Resolved (more as FsCheck's size grows), some marked as entry, rings and
    /// extra named transitions with guards (roles, required fields), blocked library commands and bound transitions.
    /// Every one builds.
    /// </summary>
    public static Gen<WorkflowSketch<IncidentState, IncidentCommand>> IncidentWorkflowSketches =>
        WorkflowSketches.Sketches(LibraryGraphs.Incident, "Incident", id => WorkflowBuilder.ForIncidents(id));

    /// <summary>Built <see cref="IncidentWorkflowSketches"/>: valid incident workflows, version 1.</summary>
    public static Gen<Workflow<IncidentState, IncidentCommand>> IncidentWorkflows => IncidentWorkflowSketches.Select(s => s.Build());

    /// <summary>
    /// Valid workflow definitions of one change type's lifecycle (custom states only in the non-final states that
    /// type's changes pass through), as <see cref="IncidentWorkflowSketches"/> makes them for incidents.
    /// </summary>
    /// <param name="type">The change type whose lifecycle they refine.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is undefined.</exception>
    public static Gen<WorkflowSketch<ChangeState, ChangeCommand>> ChangeWorkflowSketches(ChangeType type) =>
        Enum.IsDefined(type)
            ? WorkflowSketches.Sketches(LibraryGraphs.Change(type), Change.RecordType + "." + type, id => WorkflowBuilder.ForChanges(type, id))
            : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a change type.");

    /// <summary>Built <see cref="ChangeWorkflowSketches"/>: valid workflows of one change type, version 1.</summary>
    /// <param name="type">The change type.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is undefined.</exception>
    public static Gen<Workflow<ChangeState, ChangeCommand>> ChangeWorkflows(ChangeType type) => ChangeWorkflowSketches(type).Select(s => s.Build());

    /// <summary>
    /// Valid problem workflow definitions: custom states in New, Assess, RootCauseAnalysis, FixInProgress and Resolved,
    /// as <see cref="IncidentWorkflowSketches"/> makes them for incidents. Every one builds.
    /// </summary>
    public static Gen<WorkflowSketch<ProblemState, ProblemCommand>> ProblemWorkflowSketches =>
        WorkflowSketches.Sketches(LibraryGraphs.Problem, Problem.RecordType, id => WorkflowBuilder.ForProblems(id));

    /// <summary>Built <see cref="ProblemWorkflowSketches"/>: valid problem workflows, version 1.</summary>
    public static Gen<Workflow<ProblemState, ProblemCommand>> ProblemWorkflows => ProblemWorkflowSketches.Select(s => s.Build());

    /// <summary>
    /// Valid service request workflow definitions: custom states in Submitted, AwaitingApproval, Fulfilling and Fulfilled,
    /// as <see cref="IncidentWorkflowSketches"/> makes them for incidents. Every one builds.
    /// </summary>
    public static Gen<WorkflowSketch<ServiceRequestState, ServiceRequestCommand>> ServiceRequestWorkflowSketches =>
        WorkflowSketches.Sketches(LibraryGraphs.ServiceRequest, ServiceRequest.RecordType, id => WorkflowBuilder.ForServiceRequests(id));

    /// <summary>Built <see cref="ServiceRequestWorkflowSketches"/>: valid service request workflows, version 1.</summary>
    public static Gen<Workflow<ServiceRequestState, ServiceRequestCommand>> ServiceRequestWorkflows => ServiceRequestWorkflowSketches.Select(s => s.Build());

    /// <summary>
    /// Incident histories for <see cref="LifecycleRunner"/> on an engine whose catalog runs <paramref name="workflow"/>
    /// (<c>ItsmEngineOptions.Workflows</c>): <see cref="IncidentLifecycleScenarios"/> with
    /// <see cref="TransitionIncidentWorkflow"/> steps mixed in, naming the workflow's transitions and now and then one it
    /// does not have, by actors who hold the roles the guards ask for and by some who do not.
    /// </summary>
    /// <param name="workflow">The workflow whose transitions the steps name.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public static Gen<LifecycleScenario<Incident, IncidentId>> IncidentWorkflowScenarios(Workflow<IncidentState, IncidentCommand> workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return WithTransitions(IncidentLifecycleScenarios, workflow, name => new TransitionIncidentWorkflow(name));
    }

    /// <summary>
    /// Change histories for <see cref="LifecycleRunner"/> on an engine whose catalog runs <paramref name="workflow"/>:
    /// changes of the workflow's type, as <see cref="ChangeScenarios"/> makes them, with <see cref="TransitionChangeWorkflow"/>
    /// steps mixed in as <see cref="IncidentWorkflowScenarios"/> mixes them.
    /// </summary>
    /// <param name="workflow">The workflow whose transitions the steps name (its lifecycle gives the change type).</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public static Gen<LifecycleScenario<Change, ChangeId>> ChangeWorkflowScenarios(Workflow<ChangeState, ChangeCommand> workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var type = Enum.Parse<ChangeType>(workflow.Lifecycle[(Change.RecordType.Length + 1)..]);
        return WithTransitions(ChangeScenariosOf(Gen.Constant(type)), workflow, name => new TransitionChangeWorkflow(name));
    }

    /// <summary>
    /// Problem histories for <see cref="LifecycleRunner"/> on an engine whose catalog runs <paramref name="workflow"/>:
    /// <see cref="ProblemScenarios"/> with <see cref="TransitionProblemWorkflow"/> steps mixed in as
    /// <see cref="IncidentWorkflowScenarios"/> mixes them.
    /// </summary>
    /// <param name="workflow">The workflow whose transitions the steps name.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public static Gen<LifecycleScenario<Problem, ProblemId>> ProblemWorkflowScenarios(Workflow<ProblemState, ProblemCommand> workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return WithTransitions(ProblemScenarios, workflow, name => new TransitionProblemWorkflow(name));
    }

    /// <summary>
    /// Service request histories for <see cref="LifecycleRunner"/> on an engine whose catalog runs <paramref name="workflow"/>:
    /// <see cref="ServiceRequestScenarios"/> (items with and without approval) with <see cref="TransitionServiceRequestWorkflow"/>
    /// steps mixed in as <see cref="IncidentWorkflowScenarios"/> mixes them.
    /// </summary>
    /// <param name="workflow">The workflow whose transitions the steps name.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> is null.</exception>
    public static Gen<LifecycleScenario<ServiceRequest, ServiceRequestId>> ServiceRequestWorkflowScenarios(Workflow<ServiceRequestState, ServiceRequestCommand> workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return WithTransitions(ServiceRequestScenarios, workflow, name => new TransitionServiceRequestWorkflow(name));
    }

    private static Gen<LifecycleScenario<TRecord, TId>> WithTransitions<TRecord, TId, TState, TCommand>(
        Gen<LifecycleScenario<TRecord, TId>> scenarios, Workflow<TState, TCommand> workflow, Func<string, RecordCommand<TRecord>> transition)
        where TRecord : class
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var names = workflow.Transitions.Where(t => t.IsNamed).Select(t => t.Name!).Distinct().ToArray();
        var name = names.Length == 0
            ? Gen.Constant("no-such-transition")
            : Gen.Frequency((6, Gen.Elements(names)), (1, Gen.Constant("no-such-transition")));
        // Actors without the guards' roles come up as often as the lifecycle's own.
        var actor = Gen.Frequency((3, LifecycleActor), (1, Gen.Constant(new Actor("wf-lead-1", "wf-lead"))), (1, Gen.Constant(new Actor("outsider"))));
        var step = from after in StepDelays from who in actor from n in name select new LifecycleStep<TRecord>(after, who, transition(n));
        return from scenario in scenarios
               from inserts in Gen.ArrayOf(Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 3))), scenario.Steps.Count + 1)
               from extra in Gen.ArrayOf(step, inserts.Sum())
               select scenario with { Steps = Interleave(scenario.Steps, inserts, extra) };
    }

    private static LifecycleStep<TRecord>[] Interleave<TRecord>(IReadOnlyList<LifecycleStep<TRecord>> steps, int[] inserts, LifecycleStep<TRecord>[] extra)
        where TRecord : class
    {
        var result = new List<LifecycleStep<TRecord>>(steps.Count + extra.Length);
        var next = 0;
        for (int i = 0; i <= steps.Count; i++)
        {
            for (int k = 0; k < inserts[i]; k++)
            {
                result.Add(extra[next++]);
            }

            if (i < steps.Count)
            {
                result.Add(steps[i]);
            }
        }

        return [.. result];
    }
}
