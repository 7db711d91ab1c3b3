using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Changes;
using Itsm.Incidents;
using Itsm.Testing;
using Itsm.Workflows;

namespace Itsm.Core.Tests.Workflows;

/// <summary>The laws of workflow definitions over randomly generated valid ones (<see cref="ItsmGenerators.IncidentWorkflowSketches"/>).</summary>
public sealed class WorkflowPropertyTests
{
    public static readonly TheoryData<ChangeType> ChangeTypes = [ChangeType.Standard, ChangeType.Normal, ChangeType.Emergency];

    private static Arbitrary<WorkflowSketch<IncidentState, IncidentCommand>> IncidentSketches => ItsmArbitraries.IncidentWorkflowSketches();

    [Property(MaxTest = 300)]
    public Property Generated_incident_workflows_build_with_every_state_they_declare() =>
        Prop.ForAll(IncidentSketches, sketch => BuildsAsDeclared(sketch));

    [Theory]
    [MemberData(nameof(ChangeTypes))]
    public void Generated_change_workflows_build_with_every_state_they_declare(ChangeType type) =>
        Prop.ForAll(Arb.From(ItsmGenerators.ChangeWorkflowSketches(type), s => s.Shrink()), sketch => BuildsAsDeclared(sketch))
            .QuickCheckThrowOnFailure();

    [Theory]
    [InlineData(ChangeType.Standard, ChangeState.Assess)]
    [InlineData(ChangeType.Emergency, ChangeState.Assess)]
    public void A_library_state_the_change_type_never_enters_is_no_problem_but_a_custom_state_in_it_is_unreachable(ChangeType type, ChangeState unused)
    {
        Assert.Contains(unused.ToString(), WorkflowBuilder.ForChanges(type, "plain").Build().StateNames);

        var thrown = Assert.Throws<WorkflowDefinitionException>(() => WorkflowBuilder.ForChanges(type, "odd").State("Pre-check", unused).Build());

        Assert.Equal((WorkflowProblemCode.Unreachable, "Pre-check"), (Assert.Single(thrown.Problems).Code, thrown.Problems[0].Subject));
    }

    [Property(MaxTest = 200)]
    public Property Every_shrink_of_a_generated_workflow_builds() =>
        Prop.ForAll(IncidentSketches, sketch => sketch.Shrink().Take(20).All(s => s.Build().StateNames.Count > 0));

    [Property(MaxTest = 200)]
    public Property The_Mermaid_diagram_lists_every_state() =>
        Prop.ForAll(IncidentSketches, sketch =>
        {
            var workflow = sketch.Build();
            var diagram = workflow.ToMermaid();
            return workflow.StateNames.All(name => diagram.Contains($"state \"{name}\" as s", StringComparison.Ordinal));
        });

    [Property(MaxTest = 200)]
    public Property Removing_every_way_out_of_a_state_makes_it_a_dead_end_or_unreachable() =>
        Prop.ForAll(IncidentSketches, Arb.From(Gen.Choose(0, 1000)), (sketch, pick) =>
        {
            var states = sketch.States.Count > 0
                ? sketch.States.ToList()
                : [new WorkflowState<IncidentState, IncidentCommand>("Mutant", IncidentState.InProgress, false, [])];
            var victim = states[pick % states.Count];
            var permitted = WorkflowLifecycles.Incident.CommandsFrom(victim.Parent).Distinct().ToArray();
            states = [.. states.Select(s => s.Name == victim.Name ? s with { Blocks = permitted } : s)];
            // A mutant in a library state without custom states takes the place of that state's own name.
            var gone = victim.Parent.ToString();
            var transitions = sketch.Transitions.Where(t => t.From != victim.Name && t.From != gone && t.To != gone).ToList();

            var thrown = Assert.Throws<WorkflowDefinitionException>(() => Declare(sketch.Id, states, transitions).Build());

            return thrown.Problems.Any(p => p.Subject == victim.Name && p.Code is WorkflowProblemCode.DeadEnd or WorkflowProblemCode.Unreachable);
        });

    [Property(MaxTest = 200)]
    public Property Independent_defects_are_listed_all_at_once() =>
        Prop.ForAll(IncidentSketches, Arb.From(Gen.ListOf(Gen.Choose(0, Defects.Length - 1)).Select(l => l.Take(8).ToList())), (sketch, picked) =>
        {
            var builder = Declare(sketch.Id, sketch.States, sketch.Transitions);
            for (int i = 0; i < picked.Count; i++)
            {
                Defects[picked[i]](builder, i);
            }

            if (picked.Count == 0)
            {
                return builder.Build() is not null;
            }

            var thrown = Assert.Throws<WorkflowDefinitionException>(() => builder.Build());
            return thrown.Problems.Count >= picked.Count;
        });

    // Each defect names its own element (by the index), so no two of them can merge into one problem.
    private static readonly Action<WorkflowBuilder<IncidentState, IncidentCommand>, int>[] Defects =
    [
        (b, i) => b.State($"Inside Closed {i}", IncidentState.Closed),
        (b, i) => b.Transition($"from-ghost-{i}", $"Ghost {i}", "New"),
        (b, i) => b.State($"Blocker {i}", IncidentState.OnHold).Block($"Blocker {i}", IncidentCommand.Close),
        (b, i) => b.Block($"Nowhere {i}", IncidentCommand.Resolve),
        (b, i) => b.State($"Twice {i}", IncidentState.New).State($"TWICE {i}", IncidentState.InProgress),
        (b, i) => b.State($"Breaker {i}", IncidentState.Resolved).On(IncidentCommand.StartWork, $"Breaker {i}", "Closed"),
    ];

    private static bool BuildsAsDeclared<TState, TCommand>(WorkflowSketch<TState, TCommand> sketch)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var workflow = sketch.Build();
        return workflow.Lifecycle == sketch.Lifecycle
            && sketch.States.All(s => workflow.StateNames.Contains(s.Name) && EqualityComparer<TState>.Default.Equals(workflow.ParentOf(s.Name), s.Parent))
            && workflow.Transitions.Count == sketch.Transitions.Count
            && workflow.StateNames.All(n => !workflow.Library.Finals.Contains(workflow.ParentOf(n)) || n == workflow.ParentOf(n).ToString());
    }

    private static WorkflowBuilder<IncidentState, IncidentCommand> Declare(
        string id, IReadOnlyList<WorkflowState<IncidentState, IncidentCommand>> states, IReadOnlyList<WorkflowTransition<IncidentCommand>> transitions)
    {
        var builder = WorkflowBuilder.ForIncidents(id);
        foreach (var s in states)
        {
            builder.State(s.Name, s.Parent, s.IsEntry).Block(s.Name, [.. s.Blocks]);
        }

        foreach (var t in transitions)
        {
            _ = t.Command is { } c ? builder.On(c, t.From, t.To) : builder.Transition(t.Name!, t.From, t.To, t.Guard);
        }

        return builder;
    }
}
