using System;
using System.Linq;
using FsCheck.Fluent;
using Itsm.Changes;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.Testing.Workflows;
using Itsm.Workflows;

namespace Itsm.Testing.Tests;

/// <summary>The workflow generators read the library lifecycles right, and their sketches build and shrink to valid ones.</summary>
public sealed class WorkflowGeneratorsTests
{
    public static readonly TheoryData<ChangeType> ChangeTypes = [ChangeType.Standard, ChangeType.Normal, ChangeType.Emergency];

    [Fact]
    public void The_incident_graph_read_from_the_diagrams_is_the_one_the_builder_checks_bound_transitions_against() =>
        AssertSameAsBuilder(LibraryGraphs.Incident, id => WorkflowBuilder.ForIncidents(id));

    [Theory]
    [MemberData(nameof(ChangeTypes))]
    public void The_change_graph_read_from_the_diagrams_is_the_one_the_builder_checks_bound_transitions_against(ChangeType type) =>
        AssertSameAsBuilder(LibraryGraphs.Change(type), id => WorkflowBuilder.ForChanges(type, id));

    [Fact]
    public void The_problem_graph_read_from_the_diagram_is_the_one_the_builder_checks_bound_transitions_against() =>
        AssertSameAsBuilder(LibraryGraphs.Problem, id => WorkflowBuilder.ForProblems(id));

    [Fact]
    public void The_service_request_graph_read_from_the_diagram_is_the_one_the_builder_checks_bound_transitions_against() =>
        AssertSameAsBuilder(LibraryGraphs.ServiceRequest, id => WorkflowBuilder.ForServiceRequests(id));

    [Fact]
    public void Generated_problem_and_request_sketches_build_and_refine_every_non_final_state()
    {
        var problems = ItsmGenerators.ProblemWorkflowSketches.Sample(100);
        var requests = ItsmGenerators.ServiceRequestWorkflowSketches.Sample(100);

        Assert.All(problems, s => s.Build());
        Assert.All(requests, s => s.Build());
        Assert.All(problems, s => Assert.Equal("Problem", s.Lifecycle));
        Assert.All(requests, s => Assert.Equal("ServiceRequest", s.Lifecycle));
        Assert.Contains(problems, s => s.States.Any(st => st.Blocks.Count > 0) && s.Transitions.Any(t => t.Command is not null));
        Assert.Contains(requests, s => s.States.Any(st => st.Blocks.Count > 0) && s.Transitions.Any(t => t.Command is not null));
        Assert.Equal(
            Enum.GetValues<ProblemState>().Except([ProblemState.Closed, ProblemState.Canceled]).Order(),
            problems.SelectMany(s => s.States.Select(st => st.Parent)).Distinct().Order());
        Assert.Equal(
            Enum.GetValues<ServiceRequestState>().Except([ServiceRequestState.Closed, ServiceRequestState.Rejected, ServiceRequestState.Canceled]).Order(),
            requests.SelectMany(s => s.States.Select(st => st.Parent)).Distinct().Order());
    }

    [Fact]
    public void Generated_incident_sketches_use_custom_states_guards_blocks_and_bound_transitions()
    {
        var sketches = ItsmGenerators.IncidentWorkflowSketches.Sample(200);

        Assert.All(sketches, s => s.Build());
        Assert.Contains(sketches, s => s.States.Any(st => st.Blocks.Count > 0));
        Assert.Contains(sketches, s => s.States.Any(st => st.IsEntry));
        Assert.Contains(sketches, s => s.Transitions.Any(t => t.Command is not null));
        Assert.Contains(sketches, s => s.Transitions.Any(t => t.Guard.Roles.Count > 0));
        Assert.Contains(sketches, s => s.Transitions.Any(t => t.Guard.RequiredFields.Count > 0));
        Assert.Equal(
            Enum.GetValues<IncidentState>().Except([IncidentState.Closed, IncidentState.Canceled]).Order(),
            sketches.SelectMany(s => s.States.Select(st => st.Parent)).Distinct().Order());
    }

    [Fact]
    public void Shrinking_keeps_sketches_valid_down_to_no_custom_states()
    {
        var sketch = ItsmGenerators.IncidentWorkflowSketches.Sample(50).MaxBy(s => s.States.Count + s.Transitions.Count)!;
        var steps = 0;
        while (sketch.Shrink().FirstOrDefault() is { } smaller)
        {
            smaller.Build();
            sketch = smaller;
            steps++;
        }

        Assert.True(steps > 0);
        Assert.Empty(sketch.States);
        Assert.DoesNotContain(sketch.Transitions, t => t.IsNamed);
    }

    /// <summary>
    /// For every (state, command, state) of the lifecycle, binding the command from the one library state to the other
    /// builds exactly when the graph has that edge: the builder refuses the others as breaking a library rule.
    /// </summary>
    private static void AssertSameAsBuilder<TState, TCommand>(LibraryGraph<TState, TCommand> graph, Func<string, WorkflowBuilder<TState, TCommand>> builder)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        foreach (var from in Enum.GetValues<TState>())
        {
            foreach (var command in Enum.GetValues<TCommand>().Where(c => c.ToString() != "TransitionWorkflow"))
            {
                foreach (var to in Enum.GetValues<TState>())
                {
                    var expected = graph.Edges.TryGetValue((from, command), out var targets) && targets.Contains(to);
                    var breaks = false;
                    try
                    {
                        builder("probe").On(command, from.ToString(), to.ToString()).Build();
                    }
                    catch (WorkflowDefinitionException e)
                    {
                        breaks = e.Problems.Any(p => p.Code == WorkflowProblemCode.BreaksLibraryRule);
                    }

                    Assert.True(expected != breaks, $"{from} --{command}--> {to}: the graph {(expected ? "has" : "lacks")} it, the builder {(breaks ? "refuses" : "accepts")} it");
                }
            }
        }
    }
}
