using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Improvement;
using Xunit;

namespace Itsm.Core.Tests.Improvement;

/// <summary>Compares a <see cref="KpiReport"/> with <see cref="KpiReference"/>: the same slices, and in each every KPI and every percentile.</summary>
internal static class KpiReferenceAssert
{
    private const double Tolerance = 1e-6;

    public static void Equal(Dictionary<string, KpiReference.Slice> expected, KpiReport report)
    {
        var actual = new Dictionary<string, KpiSet>(StringComparer.Ordinal) { [KpiReference.Overall] = report.Overall };
        foreach (var (service, set) in report.ByService)
        {
            actual[KpiReference.ServiceKey(service)] = set;
        }

        foreach (var (group, set) in report.ByAssignmentGroup)
        {
            actual[KpiReference.GroupKey(group)] = set;
        }

        foreach (var (priority, set) in report.ByPriority)
        {
            actual[KpiReference.PriorityKey(priority)] = set;
        }

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            expected[KpiReference.Overall].ByArticle.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value.Numerator}/{p.Value.Denominator}"),
            report.FirstContactResolutionByArticle.Select(p => $"{p.Key} {p.Value.Numerator}/{p.Value.Denominator}").Order(StringComparer.Ordinal));
        foreach (var (key, slice) in expected)
        {
            var set = actual[key];
            foreach (var kpi in KpiDefinitions.All)
            {
                var (numerator, denominator) = slice.Measures.GetValueOrDefault(kpi);
                Assert.True(denominator == set[kpi].Denominator, $"{key} {kpi}: denominator {set[kpi].Denominator}, expected {denominator}");
                Assert.True(Math.Abs(numerator - set[kpi].Numerator) < Tolerance, $"{key} {kpi}: numerator {set[kpi].Numerator}, expected {numerator}");
                if (KpiDefinitions.IsDuration(kpi))
                {
                    EqualDistribution($"{key} {kpi}", slice.Durations.GetValueOrDefault(kpi) ?? [], set.Distribution(kpi));
                }
            }
        }
    }

    private static void EqualDistribution(string what, List<double> durations, KpiDistribution actual)
    {
        Assert.True(durations.Count == actual.Count, $"{what}: {actual.Count} durations, expected {durations.Count}");
        foreach (var (name, p, value) in new[] { ("median", 0.5, actual.Median), ("p90", 0.9, actual.P90), ("p95", 0.95, actual.P95) })
        {
            if (durations.Count == 0)
            {
                Assert.True(value is null, $"{what}: {name} {value}, expected none");
                continue;
            }

            var percentile = KpiReference.PercentileInc(durations, p);
            Assert.True(value is { } v && Math.Abs(v - percentile) < Tolerance, $"{what}: {name} {value}, expected {percentile}");
        }
    }
}
