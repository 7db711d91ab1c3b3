using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Persistence.Sqlite;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Samples.ServiceDesk.Tests;

/// <summary>
/// Runs the simulation in-process on temporary databases and checks the report against values
/// recomputed here from the store's audit log (plain LINQ, not KpiCalculator).
/// </summary>
public sealed class SimulationTests
{
    private static readonly Instant Origin = Instant.FromUtc(1900, 1, 1, 0, 0);
    private static readonly Instant Far = Instant.FromUtc(2200, 1, 1, 0, 0);
    private static readonly string[] OpenStates = ["New", "InProgress", "OnHold"];

    private static SimulationSettings Settings(string path, int days = 5, int seed = 7) => new()
    {
        DatabasePath = path,
        Days = days,
        Seed = seed,
        StartDate = new LocalDate(2026, 4, 13), // a Monday after Easter
        Tenant = "contoso",
    };

    private static async Task<IReadOnlyList<AuditEntry>> AuditAsync(string path) =>
        await new SqliteAggregateStore(new SqliteStoreOptions { Path = path }).ReadAuditAsync(new TenantId("contoso"), new Interval(Origin, Far));

    [Fact]
    public async Task Report_kpis_match_values_recomputed_from_the_audit_log()
    {
        using var db = new TempDatabase();
        var report = await ServiceDeskSimulation.RunAsync(Settings(db.Path));
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = db.Path });
        var tenant = new TenantId("contoso");
        var period = report.Period;
        var entries = await store.ReadAuditAsync(tenant, new Interval(Origin, period.End));
        bool InPeriod(AuditEntry e) => e.At >= period.Start && e.At < period.End;

        var incidents = entries.Where(e => e.RecordType == "Incident").GroupBy(e => e.RecordId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Version).ToList());
        var k = report.Kpis.Overall;

        // Incidents opened.
        int opened = entries.Count(e => e.RecordType == "Incident" && e.Command == "Open" && InPeriod(e));
        Assert.True(opened > 20, $"only {opened} incidents in 5 days");
        Assert.Equal(opened, k[KpiId.IncidentsOpened].Value);
        Assert.Equal(opened, report.Activity.Incidents);

        // Backlog at each day's end, and at the period's end.
        int BacklogAt(Instant t) => incidents.Values.Count(h => h[0].At < t && OpenStates.Contains(h.Last(e => e.At < t).ToState));
        Assert.Equal(5, report.Backlog.Count);
        foreach (var day in report.Backlog)
        {
            Assert.Equal(BacklogAt(day.EndOfDay), day.OpenIncidents);
        }

        Assert.Equal(period.End, report.Backlog[^1].EndOfDay);
        Assert.Equal(BacklogAt(period.End), k[KpiId.Backlog].Value);

        // Mean time to resolve (hours, last resolution in the period) and reopen rate.
        var resolved = incidents.Values
            .Select(h => (Opened: h[0].At, Resolve: h.LastOrDefault(e => e.Command == "Resolve" && InPeriod(e)), Reopened: h.Any(e => e.Command == "Reopen" && InPeriod(e))))
            .Where(x => x.Resolve is not null)
            .ToList();
        Assert.NotEmpty(resolved);
        double mttr = resolved.Average(x => (x.Resolve!.At - x.Opened).TotalHours);
        Assert.Equal(mttr, k[KpiId.MeanTimeToResolve].Value!.Value, 9);
        Assert.Equal(resolved.Count(x => x.Reopened) / (double)resolved.Count, k[KpiId.ReopenRate].Value!.Value, 12);

        // First-contact resolution over the interactions classified or answered in the period.
        var contacts = entries.Where(e => e.RecordType == "Interaction" && InPeriod(e) && e.Command is "Answer" or "ClassifyAsIncident" or "ClassifyAsServiceRequest").ToList();
        int firstContact = contacts.Count(e => e.Command == "Answer" || (e.Command == "ClassifyAsIncident" && e.Data["resolvedOnFirstContact"] == "true"));
        Assert.True(firstContact > 0);
        Assert.Equal(firstContact / (double)contacts.Count, k[KpiId.FirstContactResolutionRate].Value!.Value, 12);
        Assert.Equal(report.Activity.Answered + report.Activity.ResolvedOnFirstContact, firstContact);

        // SLA compliance: snapshots rebuilt from each ticket's audit history (ReadHistoryAsync),
        // replayed through the tracker, evaluated at the period's end.
        var tracker = new SlaTracker(ServiceDeskModel.AllAgreements);
        var perAgreement = new Dictionary<string, (int Achieved, int Total)>();
        var tickets = entries.Where(e => e.RecordType is "Incident" or "ServiceRequest").Select(e => (e.RecordType, e.RecordId)).Distinct().ToList();
        foreach (var (type, id) in tickets)
        {
            var history = await store.ReadHistoryAsync(tenant, type, id);
            foreach (var clock in tracker.Track(Snapshots(history)))
            {
                var status = clock.Evaluate(ServiceDeskModel.Calendars, period.End);
                if (!status.IsActive && status.EndedAt is { } ended && ended >= period.Start && ended < period.End && status.Stage is SlaStage.Achieved or SlaStage.Breached)
                {
                    perAgreement.TryGetValue(clock.Agreement.Id, out var c);
                    perAgreement[clock.Agreement.Id] = (c.Achieved + (status.Stage == SlaStage.Achieved ? 1 : 0), c.Total + 1);
                }
            }
        }

        Assert.Equal(perAgreement.Values.Sum(c => c.Total), k[KpiId.SlaCompliance].Denominator);
        Assert.Equal(perAgreement.Values.Sum(c => c.Achieved), k[KpiId.SlaCompliance].Numerator);
        foreach (var (agreement, c) in perAgreement)
        {
            Assert.Equal(new KpiMeasure(c.Achieved, c.Total), report.Kpis.SlaComplianceByAgreement[agreement]);
            Assert.Equal(c.Total, report.Compliance.Where(t => t.AgreementId == agreement).Sum(t => t.Achieved + t.Breached));
        }

        // Where the data lives.
        Assert.Equal(entries.Count, report.AuditEntries);
        Assert.Equal(entries.Count, report.AuditEntriesThisRun);
        Assert.Equal(incidents.Count, report.RecordCounts["Incident"]);
    }

    [Fact]
    public async Task Incidents_name_their_configuration_item_whose_impact_the_report_shows_and_vendor_holds_run_the_suppliers_contract()
    {
        using var db = new TempDatabase();
        // A month in which a vendor-held VPN incident comes back within the run, so the contract's clock ends in it.
        var report = await ServiceDeskSimulation.RunAsync(Settings(db.Path, days: 30, seed: 3));
        var entries = await AuditAsync(db.Path);

        // Every CI an incident named is in the report once, with the reach the service model gives it.
        var named = entries.Where(e => e.RecordType == "Incident" && e.Command == "AddConfigurationItem").Select(e => e.Data["configurationItem"]).ToList();
        Assert.NotEmpty(named);
        Assert.Equal(named.Distinct().Order(), report.Practices.ConfigurationItems.Select(c => c.ConfigurationItem).Order());
        foreach (var line in report.Practices.ConfigurationItems)
        {
            var impact = ServiceDeskModel.ServiceModel.ImpactOf(line.ConfigurationItem);
            Assert.Equal(impact.AffectedServices, line.AffectedServices);
            Assert.Equal(named.Count(n => n == line.ConfigurationItem), line.Incidents);
            Assert.Contains(ServiceDeskModel.Defects.First(d => d.ConfigurationItem == line.ConfigurationItem).Service, line.AffectedServices);
        }

        // VPN incidents put on hold for the vendor name Fabrikam, and its underpinning contract's clocks ran.
        var vendorHolds = entries.Where(e => e.Command == "PutOnHold" && e.Data.GetValueOrDefault("supplier") == ServiceDeskModel.NetworkSupplierId).ToList();
        Assert.NotEmpty(vendorHolds);
        Assert.Contains(report.Compliance, t => t.AgreementId == ServiceDeskModel.NetworkContractId);
    }

    [Fact]
    public async Task The_major_incident_starts_work_before_assignment_and_one_hold_changes_its_reason()
    {
        using var db = new TempDatabase();
        await ServiceDeskSimulation.RunAsync(Settings(db.Path, days: 10));
        var entries = await AuditAsync(db.Path);

        var startWork = Assert.Single(entries, e => e.RecordType == "Incident" && e.Command == "StartWork");
        Assert.Equal(("New", "InProgress"), (startWork.FromState, startWork.ToState));
        var major = entries.Where(e => e.RecordId == startWork.RecordId).OrderBy(e => e.Version).Select(e => e.Command).ToList();
        Assert.True(major.IndexOf("StartWork") < major.IndexOf("Assign"), string.Join(", ", major));
        Assert.Contains("PromoteToMajor", major);

        var changed = Assert.Single(entries, e => e.RecordType == "Incident" && e.Command == "ChangeHoldReason");
        Assert.Equal(("OnHold", "OnHold"), (changed.FromState, changed.ToState));
        Assert.Contains(entries, e => e.RecordId == changed.RecordId && e.Version > changed.Version && e.Command == "Resume");
    }

    [Fact]
    public async Task Same_seed_on_fresh_databases_gives_identical_audit_histories()
    {
        using var a = new TempDatabase();
        using var b = new TempDatabase();
        using var c = new TempDatabase();
        await ServiceDeskSimulation.RunAsync(Settings(a.Path, days: 4, seed: 11));
        await ServiceDeskSimulation.RunAsync(Settings(b.Path, days: 4, seed: 11));
        await ServiceDeskSimulation.RunAsync(Settings(c.Path, days: 4, seed: 12));

        var first = (await AuditAsync(a.Path)).Select(AuditText.Of).ToList();
        var second = (await AuditAsync(b.Path)).Select(AuditText.Of).ToList();
        var other = (await AuditAsync(c.Path)).Select(AuditText.Of).ToList();

        Assert.True(first.Count > 100);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task A_second_run_on_the_same_database_continues_the_history()
    {
        using var db = new TempDatabase();
        var firstReport = await ServiceDeskSimulation.RunAsync(Settings(db.Path, days: 6, seed: 3));
        var before = await AuditAsync(db.Path);
        var secondReport = await ServiceDeskSimulation.RunAsync(Settings(db.Path, days: 5, seed: 3));
        var after = await AuditAsync(db.Path);

        // It starts the local day after the last entry, and says it continued.
        var zone = ServiceDeskModel.Calendar.Zone;
        Assert.False(firstReport.Continued);
        Assert.True(secondReport.Continued);
        Assert.Equal(before[^1].At.InZone(zone).Date.PlusDays(1), secondReport.FirstDay);
        Assert.True(secondReport.Activity.PickedUp > 0);

        // Nothing of the first run changed; every new entry comes after it.
        var beforeText = before.Select(AuditText.Of).ToHashSet(StringComparer.Ordinal);
        var afterText = after.Select(AuditText.Of).ToList();
        Assert.Subset(afterText.ToHashSet(StringComparer.Ordinal), beforeText);
        var added = after.Where(e => !beforeText.Contains(AuditText.Of(e))).ToList();
        Assert.Equal(secondReport.AuditEntriesThisRun, added.Count);
        Assert.True(added.Count > 50);
        Assert.All(added, e => Assert.True(e.At > before[^1].At && e.At >= secondReport.Period.Start));

        // Versions continue: per record, 1..n without gaps, and some first-run records moved on.
        foreach (var record in after.GroupBy(e => (e.RecordType, e.RecordId)))
        {
            Assert.Equal(Enumerable.Range(1, record.Count()).Select(v => (long)v), record.Select(e => e.Version).Order());
        }

        var touchedAgain = added.Where(e => before.Any(b => b.RecordId == e.RecordId)).ToList();
        Assert.NotEmpty(touchedAgain);

        // Every record still loads through the engine.
        var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = db.Path });
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, NodaTime.SystemClock.Instance, new ItsmEngineOptions
        {
            Agreements = ServiceDeskModel.AllAgreements,
            Calendars = ServiceDeskModel.Calendars,
            ChangeAuthority = ServiceDeskModel.ChangeAuthority,
            Workflows = ServiceDeskWorkflows.Catalog,
        });
        var tenant = new TenantId("contoso");
        var records = await store.QueryAsync(tenant, new RecordQuery());
        Assert.Equal(after.Select(e => (e.RecordType, e.RecordId)).Distinct().Count(), records.Count);
        foreach (var r in records)
        {
            var id = Guid.Parse(r.RecordId);
            long version = r.RecordType switch
            {
                "Incident" => (await engine.Incidents.GetAsync(tenant, new IncidentId(id), ServiceDeskModel.Dispatcher)).Version,
                "ServiceRequest" => (await engine.ServiceRequests.GetAsync(tenant, new ServiceRequestId(id), ServiceDeskModel.Dispatcher)).Version,
                "Interaction" => (await engine.Interactions.GetAsync(tenant, new InteractionId(id), ServiceDeskModel.Dispatcher)).Version,
                "Problem" => (await engine.Problems.GetAsync(tenant, new ProblemId(id), ServiceDeskModel.Dispatcher)).Version,
                "Change" => (await engine.Changes.GetAsync(tenant, new ChangeId(id), ServiceDeskModel.Dispatcher)).Version,
                "ImprovementItem" => (await engine.ImprovementItems.GetAsync(tenant, new ImprovementItemId(id), ServiceDeskModel.Dispatcher)).Version,
                _ => throw new InvalidOperationException(r.RecordType),
            };
            Assert.Equal(r.Version, version);
        }
    }

    // The SLA's view of a ticket, rebuilt from its audit entries: state, priority, on-hold reason, service.
    private static List<TicketChange> Snapshots(IReadOnlyList<AuditEntry> history)
    {
        var changes = new List<TicketChange>();
        int priority = 4;
        string? service = null;
        string? onHold = null;
        string? heldFor = null;
        foreach (var e in history)
        {
            if (e.Data.TryGetValue("priority", out var p))
            {
                priority = int.Parse(p, CultureInfo.InvariantCulture);
            }

            if (e.Command == "Open" && e.Data.TryGetValue("service", out var s))
            {
                service = s;
            }

            onHold = e.ToState != "OnHold" ? null : e.Data.TryGetValue("onHoldReason", out var r) ? r : onHold;

            // The supplier a hold waits for (the sample names Fabrikam on VPN holds) is the snapshot's supplier until the hold ends.
            heldFor = e.ToState != "OnHold" ? null : e.Command is "PutOnHold" or "ChangeHoldReason" ? e.Data.GetValueOrDefault("supplier") : heldFor;
            changes.Add(new TicketChange(e.At, new TicketSnapshot { State = e.ToState, Priority = new Priority(priority), OnHoldReason = onHold, Service = service, Supplier = heldFor }));
        }

        return changes;
    }
}
