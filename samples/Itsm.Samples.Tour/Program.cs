#region usings
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Persistence.Sqlite;
using Itsm.Sla;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Itsm.Services;
#endregion

#region calendar
var calendar = BusinessCalendar.CreateBuilder(DateTimeZoneProviders.Tzdb["Europe/London"])
    .AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0))
    .AddRecurringHoliday(HolidayRule.FixedDate(12, 25).WithObservance(HolidayObservance.NextWeekday))
    .Build();                                       // immutable and thread-safe: build once, share

var fridayAfternoon = new LocalDateTime(2026, 11, 27, 16, 30).InZoneStrictly(calendar.Zone).ToInstant();
Instant due = calendar.Add(fridayAfternoon, Duration.FromHours(1));          // Monday 09:30
Console.WriteLine($"1 business hour after Friday 16:30: {due.InZone(calendar.Zone).LocalDateTime:dddd HH:mm}");
#endregion

#region agreement
var resolution = new SlaTarget
{
    Metric = SlaMetric.Resolution,
    Durations = new Dictionary<Priority, Duration> { [Priority.Critical] = Duration.FromHours(4), [Priority.High] = Duration.FromHours(8), [Priority.Moderate] = Duration.FromHours(24) },
    CalendarId = "uk-office",
    Conditions = new SlaConditions
    {
        Start = SlaCondition.StateIn("New", "InProgress", "OnHold"),
        Pause = SlaCondition.StateIn("OnHold"),
        Stop = SlaCondition.StateIn("Resolved", "Closed"),
        Cancel = SlaCondition.StateIn("Canceled"),
    },
    WarningThresholds = [50.0, 75.0],
};
var sla = new Agreement("SLA-STD", "Standard", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [resolution]);
#endregion

#region incident
IClock clock = SystemClock.Instance;                // the engine's time; a test passes a NodaTime.Testing FakeClock
var agent = new Actor("alice", "itil");
var incident = Incident.Open(new TenantId("acme"), IncidentId.New(), agent, callerId: "bob",
    "E-mail is down", Impact.High, Urgency.Medium, clock);           // P2 by ServiceNow's matrix
incident.Assign(agent, new SupportGroupId("Messaging"), "alice");                         // New -> InProgress
incident.PutOnHold(agent, OnHoldReason.AwaitingCaller, "Which client do you use?");
incident.RecordCallerResponse(new Actor("bob"), "Outlook");           // resumes: InProgress
incident.Resolve(agent, IncidentResolutionCode.SolvedPermanently, "Restarted the mail relay");

var history = Incident.ReplayTicketHistory(incident.UncommittedAuditEntries); // the SLA view of its audit log
SlaStatus status = new SlaTracker([sla]).Track(history)[0]
    .Evaluate(calendar, clock.GetCurrentInstant());                   // Achieved, on-hold time not counted
Console.WriteLine($"E-mail incident: P{incident.Priority.Value}, {incident.State}, resolution SLA {status.Stage}");
#endregion

#region authorizer
var myAuthorizer = ItsmAuthorizers.FromRule((actor, operation, resource) => operation switch
{
    ReadRecord or ReadHistory => actor.HasRole("itil") || (resource.Record is Incident i && i.CallerId == actor.Id),
    QueryRecords => actor.HasRole("itil"),
    ReadAudit => actor.HasRole("service-owner"),
    OpenIncident => true,
    ItsmCommand => actor.HasRole("itil"),
    _ => false, // ReadFeed, SaveRecord
});
#endregion

#region engine
// The store keeps a write connection and a few read connections open, with their statements prepared,
// until it is disposed.
using var store = new SqliteAggregateStore(new SqliteStoreOptions { Path = "itsm.db" });
var engine = new ItsmEngine(
    store,
    myAuthorizer,                                   // IItsmAuthorizer: asked on every command, read and save; no default
    clock,
    new ItsmEngineOptions { Agreements = [sla], Calendars = new Dictionary<string, BusinessCalendar> { ["uk-office"] = calendar } });

// An idempotency key makes a command safe to retry, and this tour safe to run again on the same
// database: the same key with the same command returns the first run's record (whatever new id the
// retry sends) and writes nothing.
var tenant = new TenantId("acme");
CommandResult<Incident> opened = await engine.Incidents.CreateAsync(tenant, IncidentId.New(), agent,
    new OpenIncident("bob", "VPN is down", Impact.High, Urgency.High), new CommandOptions { IdempotencyKey = "tour-open-vpn" });
IncidentId id = opened.Record.Id;
Console.WriteLine(opened.Replayed ? "VPN incident: opened by an earlier run, read back" : "VPN incident: opened");

// Commands are types: the authorizer sees this very object, and it is what runs. Load, authorize,
// execute, save (optimistic concurrency), publish.
CommandResult<Incident> result = await engine.Incidents.ExecuteAsync(tenant, id, agent,
    new AssignIncident(new SupportGroupId("Network")), new CommandOptions { IdempotencyKey = "tour-assign-vpn", ExpectedVersion = 1 });

// What happened, as typed events next to the audit entries (docs/events.md); none for a replay.
foreach (var entry in result.Events)
{
    if (entry.Event is IncidentAssigned assigned) { Console.WriteLine($"VPN incident: now with {assigned.Group}"); }
}

// Reads are authorized too (ReadRecord, QueryRecords, ReadHistory, ReadAudit), failing closed.
Incident stored = await engine.Incidents.GetAsync(tenant, id, agent);
var open = await engine.Incidents.QueryAsync(tenant, agent, new RecordQuery { OpenOnly = true });
Console.WriteLine($"VPN incident: P{stored.Priority.Value}, {stored.State} with {stored.AssignmentGroup}, version {stored.Version}; open (not closed) incidents: {open.Count}");

// Every open ticket of every type with its next SLA threshold, for one timer in the host: the host's
// own background work reads the store itself, which asks no authorizer.
var dueList = await engine.Store.QueryAsync(tenant, new RecordQuery { OpenOnly = true, WithSlaDueOnly = true });
Console.WriteLine($"open tickets with an SLA due: {dueList.Count}");

await engine.Incidents.ExecuteAsync(tenant, id, agent,
    new ResolveIncident(IncidentResolutionCode.SolvedPermanently, "Restarted the VPN concentrator"),
    new CommandOptions { IdempotencyKey = "tour-resolve-vpn" });
#endregion

#region dependency-injection
var services = new ServiceCollection();
services.AddItsm(itsm => itsm
    .UseSqlite("itsm.db")
    .AuthorizeWith(myAuthorizer)                    // or .AuthorizeWith<MyAuthorizer>() to let DI build it
    .AddCalendar("uk-office", calendar)
    .AddAgreements(sla));
await using var provider = services.BuildServiceProvider();
var injected = provider.GetRequiredService<ItsmEngine>(); // or AggregateService<Incident, IncidentId> and friends
Console.WriteLine($"VPN incident, read through DI: {(await injected.Incidents.GetAsync(tenant, id, agent)).State}");
#endregion

#region kpis
var owner = new Actor("carol", "service-owner");
Instant now = clock.GetCurrentInstant();
var lastThirtyDays = new Interval(now - Duration.FromDays(30), now);
var entries = await engine.ReadAuditAsync(tenant, owner, new Interval(now - Duration.FromDays(365), now));

// SLA compliance counts the clocks that ended in the period: evaluate each incident's clocks now.
var slaOutcomes = new List<(string AgreementId, SlaStatus Status)>();
foreach (var record in await engine.Incidents.QueryAsync(tenant, agent))
{
    var ticketHistory = await engine.ReadIncidentTicketHistoryAsync(tenant, new IncidentId(Guid.Parse(record.RecordId)), agent);
    slaOutcomes.AddRange(engine.EvaluateSla(ticketHistory).Select(c => (c.Clock.Agreement.Id, c.Status)));
}

KpiReport report = KpiCalculator.Compute(entries, tenant, lastThirtyDays, slaOutcomes, calendar);
Console.WriteLine($"last 30 days: incidents opened {report.Overall[KpiId.IncidentsOpened].Numerator}, "
    + $"mean time to resolve {report.Overall[KpiId.MeanTimeToResolve].Value * 3600:0.0} s, "        // KPI durations are in hours
    + $"SLA compliance {report.Overall[KpiId.SlaCompliance].Value:P0}, backlog {report.Overall[KpiId.Backlog].Numerator}");
var perService = report.ByService;                                   // and ByAssignmentGroup, ByPriority
#endregion
