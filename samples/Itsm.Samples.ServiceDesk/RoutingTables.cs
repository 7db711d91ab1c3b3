using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Itsm.Samples.ServiceDesk;

/// <summary>The report's routing tables: which rule chose each group, who got the incidents, and who is on call for Network.</summary>
public static class RoutingTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The routing tables.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The tables.</returns>
    public static IReadOnlyList<ReportTable> Tables(SimulationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var routed = report.Routing.Incidents;
        return
        [
            new("Assignment rules: the rule that chose each new incident's group", ["rule", "group", "incidents"], [false, false, true],
                routed.GroupBy(r => (r.Rule, r.Group)).OrderBy(g => g.Key.Rule, StringComparer.Ordinal)
                    .Select(g => (IReadOnlyList<string>)[g.Key.Rule, g.Key.Group, N(g.Count())]).ToArray()),
            new("Assignment inside the group (round-robin takes turns, least-loaded picks the fewest open incidents)", ["group", "strategy", "agent", "incidents"], [false, false, false, true],
                routed.GroupBy(r => (r.Group, r.Strategy, r.Agent)).OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.Agent, StringComparer.Ordinal)
                    .Select(g => (IReadOnlyList<string>)[g.Key.Group, g.Key.Strategy, g.Key.Agent, N(g.Count())]).ToArray()),
            new("On call for Network (London time)", ["when", "on call", "why"], [false, false, false],
                report.Routing.NetworkOnCall.Select(l => (IReadOnlyList<string>)[l.Local.ToString("ddd uuuu-MM-dd HH:mm", Invariant), l.Person ?? "-", l.Explanation]).ToArray()),
        ];
    }

    private static string N(int n) => n.ToString(Invariant);
}
