using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Core.Tests.Services;

/// <summary>
/// Cycle detection against brute force on random graphs (cycles allowed): the model is rejected iff
/// some item reaches itself, and the cycle the message names is a real one.
/// </summary>
public sealed class CyclePropertyTests
{
    public sealed record AnyGraph(int[][] DependsOn)
    {
        public override string ToString() => string.Join("; ", DependsOn.Select((d, i) => $"ci{i}->{string.Join(",", d)}"));
    }

    public static class Arbitraries
    {
        public static Arbitrary<AnyGraph> Graphs() =>
            (from n in Gen.Choose(1, 8)
             from deps in Gen.ListOf(Gen.Choose(0, n - 1).ArrayOf(2), n)
             from keep in Gen.ListOf(Gen.Choose(0, 3), n)
             select new AnyGraph(deps.Select((d, i) => d.Take(keep[i] % 3).Distinct().ToArray()).ToArray())).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 500)]
    public bool Build_RejectsExactlyTheCyclicGraphs_NamingARealCycle(AnyGraph graph)
    {
        var builder = new ServiceModelBuilder();
        for (int i = 0; i < graph.DependsOn.Length; i++)
        {
            builder.Add(new ConfigurationItem($"ci{i}", dependsOn: graph.DependsOn[i].Select(d => $"ci{d}")));
        }

        bool ReachesItself(int start)
        {
            var seen = new bool[graph.DependsOn.Length];
            var stack = new System.Collections.Generic.Stack<int>(graph.DependsOn[start]);
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                if (i == start)
                {
                    return true;
                }

                if (!seen[i])
                {
                    seen[i] = true;
                    foreach (int j in graph.DependsOn[i])
                    {
                        stack.Push(j);
                    }
                }
            }

            return false;
        }

        bool cyclic = Enumerable.Range(0, graph.DependsOn.Length).Any(ReachesItself);
        try
        {
            builder.Build();
            return !cyclic;
        }
        catch (DomainRuleViolationException ex) when (ex.Code == ServiceModel.CycleCode)
        {
            const string prefix = "The configuration item dependencies form a cycle: ";
            var names = ex.Message[prefix.Length..^1].Split(" -> ");
            var path = names.Select(n => int.Parse(n[2..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            bool real = path.Length >= 2
                && path[0] == path[^1]
                && path.Skip(1).Select((to, k) => graph.DependsOn[path[k]].Contains(to)).All(x => x)
                && path[..^1].Distinct().Count() == path.Length - 1;
            return cyclic && ex.Message.StartsWith(prefix, StringComparison.Ordinal) && real;
        }
    }
}
