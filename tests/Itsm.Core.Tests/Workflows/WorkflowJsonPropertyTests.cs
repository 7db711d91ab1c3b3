using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Changes;
using Itsm.Workflows;

namespace Itsm.Core.Tests.Workflows;

/// <summary>The laws of the workflow JSON format over random valid workflows made with the builder: writing then reading gives an equal definition; damaged text is refused with a bounded message, never another exception.</summary>
public sealed class WorkflowJsonPropertyTests
{
    private static readonly IReadOnlyDictionary<string, Func<WorkflowGuardContext, bool>> Predicates = new Dictionary<string, Func<WorkflowGuardContext, bool>>
    {
        ["p1"] = _ => true,
        ["p2"] = _ => false,
    };

    private const string Inserted = "\"{}[],:\0\uD800x1";

    /// <summary>A generated workflow, shown as its JSON when a property fails.</summary>
    public sealed record WorkflowCase(Workflow Workflow)
    {
        /// <inheritdoc/>
        public override string ToString() => WorkflowJson.ToJson(Workflow, indented: false);
    }

    private static Arbitrary<WorkflowCase> Workflows() =>
        Gen.Choose(0, int.MaxValue).Select(seed => new WorkflowCase(RandomWorkflow(new Random(seed)))).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property ToJson_ThenRead_GivesAnEqualDefinition() =>
        Prop.ForAll(Workflows(), c =>
        {
            var json = WorkflowJson.ToJson(c.Workflow);
            var back = WorkflowJson.Read(json, Predicates);
            return Same(c.Workflow, back) && WorkflowJson.ToJson(back) == json;
        });

    [Property(MaxTest = 200)]
    public Property Read_DamagedText_ReadsOrIsRefusedWithABoundedMessage() =>
        Prop.ForAll(Workflows(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (c, seed) =>
        {
            var json = WorkflowJson.ToJson(c.Workflow, indented: false);
            var random = new Random(seed);
            var at = random.Next(json.Length);
            var damaged = random.Next(3) switch
            {
                0 => json.Remove(at, Math.Min(json.Length - at, random.Next(1, 8))),
                1 => json.Insert(at, Inserted[random.Next(Inserted.Length)].ToString()),
                _ => json[..at] + (char)random.Next(0x20, 0x7F) + json[(at + 1)..],
            };
            try
            {
                return WorkflowJson.Read(damaged, Predicates) is not null;
            }
            catch (WorkflowDefinitionException e)
            {
                return e.Problems.Count > 0 && e.Message.Length <= 21 * 2_000;
            }
        });

    /// <summary>Whether two workflows are the same definition, version by version.</summary>
    internal static bool Same(Workflow? a, Workflow? b) => (a, b) switch
    {
        (null, null) => true,
        (Workflow<Itsm.Incidents.IncidentState, Itsm.Incidents.IncidentCommand> x, Workflow<Itsm.Incidents.IncidentState, Itsm.Incidents.IncidentCommand> y) => Same(x, y),
        (Workflow<ChangeState, ChangeCommand> x, Workflow<ChangeState, ChangeCommand> y) => Same(x, y),
        (Workflow<Itsm.Problems.ProblemState, Itsm.Problems.ProblemCommand> x, Workflow<Itsm.Problems.ProblemState, Itsm.Problems.ProblemCommand> y) => Same(x, y),
        (Workflow<Itsm.Requests.ServiceRequestState, Itsm.Requests.ServiceRequestCommand> x, Workflow<Itsm.Requests.ServiceRequestState, Itsm.Requests.ServiceRequestCommand> y) => Same(x, y),
        _ => false,
    };

    private static bool Same<TState, TCommand>(Workflow<TState, TCommand> a, Workflow<TState, TCommand> b)
        where TState : struct, Enum
        where TCommand : struct, Enum =>
        a.Id == b.Id && a.Version == b.Version && a.Lifecycle == b.Lifecycle
        && a.States.Count == b.States.Count
        && a.States.Zip(b.States).All(p => p.First.Name == p.Second.Name && p.First.Parent.Equals(p.Second.Parent) && p.First.IsEntry == p.Second.IsEntry && p.First.Blocks.SequenceEqual(p.Second.Blocks))
        && a.Transitions.Count == b.Transitions.Count
        && a.Transitions.Zip(b.Transitions).All(p => Same(p.First, p.Second))
        && a.Migration.SequenceEqual(b.Migration)
        && Same((Workflow?)a.Previous, b.Previous);

    private static bool Same<TCommand>(WorkflowTransition<TCommand> a, WorkflowTransition<TCommand> b)
        where TCommand : struct, Enum =>
        a.Name == b.Name && Nullable.Equals(a.Command, b.Command) && a.From == b.From && a.To == b.To
        && a.Guard.Roles.SequenceEqual(b.Guard.Roles) && a.Guard.RequiredFields.SequenceEqual(b.Guard.RequiredFields)
        && a.Guard.PredicateName == b.Guard.PredicateName && a.Guard.Predicate == b.Guard.Predicate;

    /// <summary>A random valid workflow of a random lifecycle, with one to three versions.</summary>
    internal static Workflow RandomWorkflow(Random random)
    {
        return random.Next(6) switch
        {
            0 => RandomChain(random, WorkflowLifecycles.Incident),
            1 => RandomChain(random, WorkflowLifecycles.Problem),
            2 => RandomChain(random, WorkflowLifecycles.ServiceRequest),
            var type => RandomChain(random, WorkflowLifecycles.Change(Enum.GetValues<ChangeType>()[type - 3])),
        };
    }

    private static Workflow<TState, TCommand> RandomChain<TState, TCommand>(Random random, WorkflowLifecycle<TState, TCommand> lifecycle)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        Workflow<TState, TCommand>? previous = null;
        var version = 0;
        for (int v = random.Next(1, 4); v > 0; v--)
        {
            version += random.Next(1, 3);
            Workflow<TState, TCommand>? built = null;

            // Random blocks and bindings may make a state unreachable or a dead end: such drafts are drawn again.
            for (int attempt = 0; built is null; attempt++)
            {
                try
                {
                    built = RandomVersion(random, lifecycle, version, previous, plain: attempt > 50);
                }
                catch (WorkflowDefinitionException) when (attempt <= 50)
                {
                }
            }

            previous = built;
        }

        return previous!;
    }

    private static Workflow<TState, TCommand> RandomVersion<TState, TCommand>(Random random, WorkflowLifecycle<TState, TCommand> lifecycle, int version, Workflow<TState, TCommand>? previous, bool plain)
        where TState : struct, Enum
        where TCommand : struct, Enum
    {
        var builder = new WorkflowBuilder<TState, TCommand>(lifecycle, "generated", version);
        var statesOf = new Dictionary<TState, List<string>>();
        foreach (var parent in lifecycle.States.Where(s => !lifecycle.Finals.Contains(s)))
        {
            var names = plain || random.Next(2) == 0 ? [] : "ABCD".OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(letter => $"{parent} {letter}").ToList();
            var entry = random.Next(names.Count + 1);
            for (int i = 0; i < names.Count; i++)
            {
                builder.State(names[i], parent, isEntry: i == entry);
                if (random.Next(4) == 0 && lifecycle.CommandsFrom(parent).Where(c => !c.Equals(lifecycle.TransitionCommand)).ToArray() is { Length: > 0 } commands)
                {
                    builder.Block(names[i], commands[random.Next(commands.Length)]);
                }
            }

            // Out from the first and back to it, so every state of the parent is reachable from any entry.
            for (int i = 1; i < names.Count; i++)
            {
                builder.Transition("go " + i, names[0], names[i], RandomGuard(random));
                builder.Transition("back", names[i], names[0], RandomGuard(random));
            }

            statesOf[parent] = names.Count > 0 ? names : [parent.ToString()];
        }

        var edges = lifecycle.Edges.Where(e => !e.Key.Command.Equals(lifecycle.TransitionCommand) && !lifecycle.Finals.Contains(e.Key.From)).ToArray();
        for (int i = plain ? 0 : random.Next(3); i > 0; i--)
        {
            var edge = edges[random.Next(edges.Length)];
            var to = edge.Value.ElementAt(random.Next(edge.Value.Count));
            var from = statesOf[edge.Key.From];
            var targets = statesOf.TryGetValue(to, out var t) ? t : [to.ToString()];
            builder.On(edge.Key.Command, from[random.Next(from.Count)], targets[random.Next(targets.Count)]);
        }

        if (previous is not null)
        {
            builder.Replaces(previous);
            foreach (var removed in previous.States.Where(s => !statesOf.GetValueOrDefault(s.Parent, []).Contains(s.Name)))
            {
                var targets = statesOf[removed.Parent];
                builder.Maps(removed.Name, targets[random.Next(targets.Count)]);
            }
        }

        return builder.Build();
    }

    private static WorkflowGuard RandomGuard(Random random)
    {
        var guard = new WorkflowGuard
        {
            Roles = new[] { "agent", "manager" }.Where(_ => random.Next(3) == 0).ToList(),
            RequiredFields = Enum.GetValues<WorkflowField>().Where(_ => random.Next(5) == 0).ToList(),
        };
        var predicate = random.Next(3) switch { 0 => "p1", 1 => "p2", _ => null };
        return predicate is null ? guard : guard with { PredicateName = predicate, Predicate = Predicates[predicate] };
    }
}
