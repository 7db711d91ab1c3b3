using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Services;

namespace Itsm.Core.Tests.Services;

/// <summary>
/// Impact over typed relationships against a brute-force walk of "an outage of x affects y" on random
/// graphs that mix every flow; acyclic types only point the dependent at an item of smaller index, so
/// the graph builds by construction, while connects-to goes anywhere.
/// </summary>
public sealed class RelationshipPropertyTests
{
    private static readonly RelationshipType[] Types =
    [
        RelationshipType.DependsOn, RelationshipType.RunsOn, RelationshipType.HostedOn, RelationshipType.ConnectsTo,
        new("Powers", "Powered by", ImpactFlow.SourceToTarget), new("Documented by", "Documents", ImpactFlow.None),
    ];

    public sealed record Graph(int Count, (int Source, int Type, int Target)[] Edges, int[] Failed)
    {
        public override string ToString() =>
            $"{Count} items; failed [{string.Join(",", Failed)}]; {string.Join("; ", Edges.Select(e => $"ci{e.Source} {Types[e.Type].Name} ci{e.Target}"))}";
    }

    public static class Arbitraries
    {
        public static Arbitrary<Graph> Graphs() =>
            (from n in Gen.Choose(2, 20)
             from raw in Gen.ListOf(Gen.Choose(0, 1000).ArrayOf(3), n * 2)
             from failed in Gen.Choose(0, n - 1).ArrayOf()
             select new Graph(n, raw.Select(r => Edge(r[0] % n, r[1] % Types.Length, r[2] % n)).OfType<(int, int, int)>().Distinct().ToArray(), failed.Distinct().ToArray())).ToArbitrary();

        // Keeps acyclic types pointing from the dependent to a smaller index.
        private static (int, int, int)? Edge(int a, int type, int b)
        {
            if (a == b)
            {
                return null;
            }

            var t = Types[type];
            if (!t.Acyclic)
            {
                return (a, type, b);
            }

            var (dependent, dependency) = a > b ? (a, b) : (b, a);
            return t.Flow == ImpactFlow.SourceToTarget ? (dependency, type, dependent) : (dependent, type, dependency);
        }
    }

    private static ServiceModel Build(Graph graph) =>
        Enumerable.Range(0, graph.Count).Aggregate(new ServiceModelBuilder(), (b, i) => b.Add(new ConfigurationItem(
            $"ci{i}",
            relationships: graph.Edges.Where(e => e.Source == i).Select(e => new ConfigurationItemRelationship(Types[e.Type], $"ci{e.Target}"))))).Build();

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public bool ImpactOf_equals_a_brute_force_walk_of_the_flows(Graph graph)
    {
        var affects = Enumerable.Range(0, graph.Count).Select(_ => new List<int>()).ToArray();
        foreach (var (s, type, t) in graph.Edges)
        {
            var flow = Types[type].Flow;
            if (flow is ImpactFlow.TargetToSource or ImpactFlow.Both)
            {
                affects[t].Add(s);
            }

            if (flow is ImpactFlow.SourceToTarget or ImpactFlow.Both)
            {
                affects[s].Add(t);
            }
        }

        var reached = new HashSet<int>(graph.Failed);
        var queue = new Queue<int>(graph.Failed);
        while (queue.Count > 0)
        {
            foreach (int j in affects[queue.Dequeue()].Where(reached.Add))
            {
                queue.Enqueue(j);
            }
        }

        var impact = Build(graph).ImpactOf(graph.Failed.Select(f => $"ci{f}"));
        return impact.AffectedConfigurationItems.SequenceEqual(reached.Select(i => $"ci{i}").Order(System.StringComparer.Ordinal));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public bool ImpactOf_several_items_is_the_union_of_each_items_impact(Graph graph)
    {
        var model = Build(graph);
        var union = graph.Failed.SelectMany(f => model.ImpactOf($"ci{f}").AffectedConfigurationItems).Distinct().Order(System.StringComparer.Ordinal);

        return model.ImpactOf(graph.Failed.Select(f => $"ci{f}")).AffectedConfigurationItems.SequenceEqual(union);
    }
}
