using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Incidents;
using Itsm.Workflows;
using Xunit;

namespace Itsm.Core.Tests.Workflows;

/// <summary>
/// The law of one-pass validation: independent mistakes made in a valid workflow are reported together exactly as
/// each is reported alone, so what a definition reports is the union of what its mistakes report.
/// </summary>
public sealed partial class WorkflowValidationPropertyTests
{
    private static readonly Workflow<IncidentState, IncidentCommand> V1 = WorkflowBuilder.ForIncidents("acme")
        .State("Triage", IncidentState.New)
        .State("Investigating", IncidentState.InProgress)
        .State("Parked", IncidentState.InProgress)
        .Transition("park", "Investigating", "Parked")
        .Transition("unpark", "Parked", "Investigating")
        .Build();

    private static readonly IncidentCommand[] WaysOutOfInProgress =
        [.. WorkflowLifecycles.Incident.CommandsFrom(IncidentState.InProgress).Distinct().Where(c => c != IncidentCommand.TransitionWorkflow)];

    /// <summary>
    /// Mistakes of every kind, each naming only its own elements (by its index) and the base workflow's, so none
    /// changes what another one does. Those naming no index make the same problem whenever they are made.
    /// </summary>
    private static readonly Mistake[] Mistakes =
    [
        new("bad state name", WorkflowProblemCode.InvalidName, (b, i) => b.State($"Bad\t{i}", IncidentState.InProgress).Transition($"to-bad-{i}", "Investigating", $"Bad\t{i}")),
        new("missing parent", WorkflowProblemCode.MissingParent, (b, i) => b.State($"Orphan {i}", (IncidentState)42).Transition($"adopt-{i}", "Investigating", $"Orphan {i}").Block($"Orphan {i}", IncidentCommand.Resolve)),
        new("final parent", WorkflowProblemCode.FinalParent, (b, i) => b.State($"Done {i}", IncidentState.Closed).Transition($"from-done-{i}", $"Done {i}", "Triage")),
        new("duplicate state", WorkflowProblemCode.DuplicateState, (b, i) => b.State($"Twin {i}", IncidentState.InProgress).State($"TWIN {i}", IncidentState.InProgress)
            .Transition($"twin-{i}", "Investigating", $"Twin {i}").Transition($"untwin-{i}", $"TWIN {i}", "Investigating")),
        new("library name", WorkflowProblemCode.DuplicateState, (b, i) => b.State("onhold", IncidentState.OnHold)),
        new("two entries", WorkflowProblemCode.MultipleEntries, (b, i) => b.State($"Hold A {i}", IncidentState.OnHold, isEntry: true).State($"Hold B {i}", IncidentState.OnHold, isEntry: true)),
        new("unknown target", WorkflowProblemCode.UnknownState, (b, i) => b.Transition($"lost-{i}", "Investigating", $"Ghost {i}")),
        new("unknown source", WorkflowProblemCode.UnknownState, (b, i) => b.Transition($"found-{i}", $"Ghost {i}", "Awaiting Change")),
        new("unknown block", WorkflowProblemCode.UnknownState, (b, i) => b.Block($"Nowhere {i}", IncidentCommand.Resolve)),
        new("unpermitted block", WorkflowProblemCode.BlocksUnpermittedCommand, (b, i) => b.Block("Triage", IncidentCommand.Close)),
        new("named leaves its state", WorkflowProblemCode.BreaksLibraryRule, (b, i) => b.Transition($"escape-{i}", "Triage", "Investigating")),
        new("bound cannot lead", WorkflowProblemCode.BreaksLibraryRule, (b, i) => b.On(IncidentCommand.Resume, "Triage", "Investigating")),
        new("name taken", WorkflowProblemCode.ConflictingTransition, (b, i) => b.Transition("screen", "Triage", "Screening")),
        new("self transition", WorkflowProblemCode.SelfTransition, (b, i) => b.Transition($"again-{i}", "Investigating", "Investigating")),
        new("bad transition name", WorkflowProblemCode.InvalidName, (b, i) => b.Transition($" pad {i}", "Investigating", "Awaiting Change")),
        new("bad role", WorkflowProblemCode.InvalidName, (b, i) => b.Transition($"gated-{i}", "Awaiting Change", "Investigating", new WorkflowGuard { Roles = [$"role\n{i}"] })),
        new("unknown predicate", WorkflowProblemCode.UnknownPredicate, (b, i) => b.Transition($"check-{i}", "Awaiting Change", "Investigating", new WorkflowGuard { PredicateName = $"peer-{i}" })),
        new("unreachable", WorkflowProblemCode.Unreachable, (b, i) => b.State($"Parked {i}", IncidentState.InProgress)),
        new("dead end", WorkflowProblemCode.DeadEnd, (b, i) => b.State($"Stuck {i}", IncidentState.InProgress).Transition($"stick-{i}", "Investigating", $"Stuck {i}").Block($"Stuck {i}", WaysOutOfInProgress)),
        new("unknown removed state", WorkflowProblemCode.InvalidMigration, (b, i) => b.Maps($"Never {i}", "Investigating")),
        new("bad id", WorkflowProblemCode.InvalidName, (b, i) => { }, Id: "acme\u0001"),
        new("bad version", WorkflowProblemCode.InvalidVersion, (b, i) => { }, Version: 0),
    ];

    /// <summary>What each mistake reports alone, by mistake and index: the same few builds recur in every case.</summary>
    private static readonly ConcurrentDictionary<(int Mistake, int Index), IReadOnlyList<WorkflowProblem>> Alone = new();

    [Fact]
    public void Each_mistake_alone_is_one_problem_of_its_code_and_the_base_alone_is_valid()
    {
        Assert.Empty(Problems([]));
        Assert.All(Enumerable.Range(0, Mistakes.Length), k => Assert.Equal(Mistakes[k].Code, Assert.Single(Problems([k])).Code));
    }

    [Property(MaxTest = 100)]
    public Property Combined_mistakes_report_the_union_of_what_each_reports_alone() =>
        Prop.ForAll(Arb.From(Gen.ListOf(Gen.Choose(0, Mistakes.Length - 1)).Select(l => l.Take(8).ToArray())), picked =>
        {
            var combined = Problems(picked);
            var union = new HashSet<WorkflowProblem>();
            for (int i = 0; i < picked.Length; i++)
            {
                union.UnionWith(Alone.GetOrAdd((picked[i], i), key => Problems([key.Mistake], key.Index)));
            }

            Assert.Equal(combined.Count, combined.Distinct().Count());
            Assert.Equal(union.Select(Text).Order(StringComparer.Ordinal), combined.Select(Text).Order(StringComparer.Ordinal));
            return true;
        });

    private static string Text(WorkflowProblem p) => $"{p.Code} | {p.Subject} | {p.Message}";

    /// <summary>The problems of the base workflow with <paramref name="picked"/> mistakes, the first one numbered <paramref name="first"/>.</summary>
    private static IReadOnlyList<WorkflowProblem> Problems(int[] picked, int first = 0)
    {
        var mistakes = picked.Select(k => Mistakes[k]).ToList();
        var builder = Base(mistakes.Select(m => m.Id).LastOrDefault(id => id is not null) ?? "acme", mistakes.Select(m => m.Version).LastOrDefault(v => v is not null) ?? 2);
        for (int i = 0; i < mistakes.Count; i++)
        {
            mistakes[i].Apply(builder, first + i);
        }

        try
        {
            builder.Build();
            return [];
        }
        catch (WorkflowDefinitionException e)
        {
            return e.Problems;
        }
    }

    private static WorkflowBuilder<IncidentState, IncidentCommand> Base(string id, int version) => WorkflowBuilder.ForIncidents(id, version)
        .State("Triage", IncidentState.New)
        .State("Screening", IncidentState.New)
        .State("Investigating", IncidentState.InProgress)
        .State("Awaiting Change", IncidentState.InProgress)
        .Transition("screen", "Triage", "Screening")
        .Transition("unscreen", "Screening", "Triage")
        .Transition("wait", "Investigating", "Awaiting Change")
        .Transition("released", "Awaiting Change", "Investigating")
        .Replaces(V1)
        .Maps("Parked", "Awaiting Change");

    private sealed record Mistake(string Name, WorkflowProblemCode Code, Action<WorkflowBuilder<IncidentState, IncidentCommand>, int> Apply, string? Id = null, int? Version = null)
    {
        public override string ToString() => Name;
    }
}
