using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence.Sqlite;
using NodaTime;

namespace Itsm.Samples.ServiceDesk.Tests;

/// <summary>
/// The sample routes incidents with Itsm.Routing: checked against the audit log (each routed incident's first
/// assignment), the service catalogue's table of groups, the fairness of round-robin, and the rota's answers worked
/// out by hand.
/// </summary>
public sealed class RoutingTests
{
    [Fact]
    public async Task Incidents_get_the_group_the_rules_choose_and_an_agent_by_round_robin_or_least_load()
    {
        using var db = new TempDatabase();
        var report = await RunAsync(db, days: 5, seed: 11, new LocalDate(2026, 4, 13));
        var entries = await new SqliteAggregateStore(new SqliteStoreOptions { Path = db.Path })
            .ReadAuditAsync(new TenantId("contoso"), new Interval(Instant.FromUtc(1900, 1, 1, 0, 0), Instant.FromUtc(2200, 1, 1, 0, 0)));
        var routed = report.Routing.Incidents;
        Assert.True(routed.Count > 20, $"only {routed.Count} incidents routed");

        foreach (var r in routed)
        {
            // The first assignment in the audit log is the routed one.
            var assign = entries.Where(e => e.RecordType == "Incident" && e.RecordId == r.IncidentId && e.Command == "Assign").OrderBy(e => e.Version).First();
            Assert.Equal(r.Group, assign.Data["group"]);
            Assert.Equal(r.Agent, assign.Data["assignee"]);
            Assert.Contains(r.Agent, ServiceDeskModel.Groups.Single(g => g.Name == r.Group).Members.Select(m => m.Id));

            // The rules only refine the catalogue: the group is always the service's own.
            Assert.Equal(ServiceDeskModel.Services.Single(s => s.Name == r.Service).Group, r.Group);
            Assert.Equal(r.Group is "Business Apps" or "End User Computing" ? "least-loaded" : "round-robin", r.Strategy);
        }

        Assert.Contains(routed, r => r.Rule.StartsWith("service-", StringComparison.Ordinal));
        foreach (var group in routed.Where(r => r.Strategy == "round-robin").GroupBy(r => r.Group))
        {
            // Round-robin over the group's two members: turns alternate, so the counts differ by at most one.
            var counts = ServiceDeskModel.Groups.Single(g => g.Name == group.Key).Members.Select(m => group.Count(r => r.Agent == m.Id)).ToArray();
            Assert.True(counts.Max() - counts.Min() <= 1, $"{group.Key}: {string.Join(", ", counts)}");
        }
    }

    [Fact]
    public async Task Report_names_who_is_on_call_for_network()
    {
        using var db = new TempDatabase();
        // A Wednesday: the rota's week starts Monday 13 April.
        var report = await RunAsync(db, days: 1, seed: 3, new LocalDate(2026, 4, 15));

        Assert.Equal(
            [
                ("Mon 2026-04-13 10:00", "george.li"),   // weekly turn #0
                ("Wed 2026-04-15 22:00", "omar.haddad"), // the Wednesday-night override
                ("Sat 2026-04-18 12:00", "xavier.diaz"), // weekend daytime layer, day turn #5
                ("Mon 2026-04-20 10:00", "farah.aziz"),  // weekly turn #1
            ],
            report.Routing.NetworkOnCall.Select(l => (l.Local.ToString("ddd uuuu-MM-dd HH:mm", null), l.Person)).ToArray());
        Assert.Equal("'omar.haddad' is on call: override 2026-04-15T17:00:00Z to 2026-04-16T08:00:00Z.", report.Routing.NetworkOnCall[1].Explanation);
        Assert.Contains(RoutingTables.Tables(report), t => t.Title == "On call for Network (London time)" && t.Rows.Count == 4);
    }

    private static Task<SimulationReport> RunAsync(TempDatabase db, int days, int seed, LocalDate start) =>
        ServiceDeskSimulation.RunAsync(new SimulationSettings { DatabasePath = db.Path, Days = days, Seed = seed, StartDate = start, Tenant = "contoso" });
}
