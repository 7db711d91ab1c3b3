using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Services;

namespace Itsm.Core.Tests.Services;

/// <summary>
/// Impact analysis against brute-force reachability on random acyclic graphs: an item i may depend
/// only on items with a smaller index, so the graph is acyclic by construction.
/// </summary>
public sealed class ImpactPropertyTests
{
    public sealed record Graph(int[][] DependsOn, int[][] ServiceItems, int[] OfferingService, int Failed)
    {
        public override string ToString() =>
            $"failed ci{Failed}; items [{string.Join("; ", DependsOn.Select((d, i) => $"ci{i}->{string.Join(",", d)}"))}]; " +
            $"services [{string.Join("; ", ServiceItems.Select((d, i) => $"s{i}->{string.Join(",", d)}"))}]; offerings [{string.Join(",", OfferingService)}]";
    }

    public static class Arbitraries
    {
        public static Arbitrary<Graph> Graphs() =>
            (from n in Gen.Choose(1, 25)
             from deps in Gen.ListOf(Gen.Choose(0, 1000).ArrayOf(3), n)
             from serviceCount in Gen.Choose(0, 6)
             from services in Gen.ListOf(Gen.Choose(0, n - 1).ArrayOf(2), serviceCount)
             from offerings in Gen.ListOf(Gen.Choose(0, 1000), serviceCount * 2)
             from failed in Gen.Choose(0, n - 1)
             select new Graph(
                 deps.Select((d, i) => i == 0 ? [] : d.Select(x => x % (i + 1)).Where(x => x < i).Distinct().ToArray()).ToArray(),
                 services.Select(s => s.Distinct().ToArray()).ToArray(),
                 serviceCount == 0 ? [] : offerings.Select(o => o % serviceCount).ToArray(),
                 failed)).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public bool ImpactOf_EqualsBruteForceReachability(Graph graph)
    {
        var builder = new ServiceModelBuilder();
        for (int i = 0; i < graph.DependsOn.Length; i++)
        {
            builder.Add(new ConfigurationItem($"ci{i}", dependsOn: graph.DependsOn[i].Select(d => $"ci{d}")));
        }

        for (int s = 0; s < graph.ServiceItems.Length; s++)
        {
            builder.Add(new Service($"s{s}", $"S{s}", configurationItems: graph.ServiceItems[s].Select(d => $"ci{d}")));
        }

        for (int o = 0; o < graph.OfferingService.Length; o++)
        {
            builder.Add(new ServiceOffering($"o{o}", $"O{o}", $"s{graph.OfferingService[o]}"));
        }

        var impact = builder.Build().ImpactOf($"ci{graph.Failed}");

        // Brute force: an item is affected iff a path of dependencies leads from it to the failed item.
        bool Reaches(int from) => from == graph.Failed || graph.DependsOn[from].Any(Reaches);
        var items = Enumerable.Range(0, graph.DependsOn.Length).Where(Reaches).Select(i => $"ci{i}").Order(System.StringComparer.Ordinal).ToArray();
        var services = Enumerable.Range(0, graph.ServiceItems.Length).Where(s => graph.ServiceItems[s].Any(Reaches)).ToHashSet();
        var offerings = Enumerable.Range(0, graph.OfferingService.Length).Where(o => services.Contains(graph.OfferingService[o])).Select(o => $"o{o}").Order(System.StringComparer.Ordinal);

        return impact.AffectedConfigurationItems.SequenceEqual(items)
            && impact.AffectedServices.SequenceEqual(services.Select(s => $"s{s}").Order(System.StringComparer.Ordinal))
            && impact.AffectedOfferings.SequenceEqual(offerings);
    }
}
