using System.Linq;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Sla;
using Itsm.Workflows;
using NodaTime;
using Itsm.Services;

namespace Itsm.Samples.Tour;

/// <summary>
/// The C# blocks of the README's deeper sections (after the tour), compiled: each region is one block,
/// in the README's order, and the README tour test checks that they are the same text. The methods take
/// what the README's prose says is in scope (a calendar from above).
/// </summary>
public static class ReadmeSections
{
    /// <summary>The "Business time" section: a calendar with holidays and a closure, and its queries.</summary>
    /// <returns>The calendar built, and the instants and duration the section computes.</returns>
    public static (BusinessCalendar Calendar, Instant Due, Duration Worked, bool Open, Instant Next) BusinessTime()
    {
        #region business-time
        var calendar = BusinessCalendar.CreateBuilder(DateTimeZoneProviders.Tzdb["Europe/London"])
            .AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0))
            .AddRecurringHoliday(HolidayRule.FixedDate(12, 25).WithObservance(HolidayObservance.NextWeekday))
            .AddRecurringHoliday(HolidayRule.EasterRelative(-2).WithName("Good Friday"))
            .AddHoliday(new LocalDate(2026, 12, 28))
            .AddClosure(new LocalDate(2026, 12, 24), TimeOfDayRange.UntilEndOfDay(new LocalTime(13, 0)))
            .Build();                                   // immutable and thread-safe: build once, share

        var fridayAfternoon = new LocalDateTime(2026, 11, 27, 16, 30).InZoneStrictly(calendar.Zone).ToInstant();
        Instant due = calendar.Add(fridayAfternoon, Duration.FromHours(1));          // Monday 09:30
        Duration worked = calendar.Between(fridayAfternoon, due);                    // 1 hour
        bool open = calendar.IsWorking(fridayAfternoon);                             // true
        Instant next = calendar.NextWorkingInstant(due.Plus(Duration.FromHours(8))); // Tuesday 09:00
        #endregion
        return (calendar, due, worked, open, next);
    }

    /// <summary>The "Business time" section's JSON round trip.</summary>
    /// <param name="path">The calendar file (the README says <c>calendar.json</c>).</param>
    /// <returns>The calendar read and its JSON written back.</returns>
    public static (BusinessCalendar Calendar, string Json) CalendarFromJson(string path)
    {
        #region business-time-json
        var calendar = BusinessCalendar.FromJson(File.ReadAllText(path));   // path: "calendar.json"
        string json = calendar.ToJson();                                     // round-trips
        #endregion
        return (calendar, json);
    }

    /// <summary>The "SLA clocks" section: an agreement, a ticket's history replayed into clocks, one evaluated, and a due list.</summary>
    /// <param name="calendar">The business calendar from above.</param>
    /// <returns>The status evaluated and the due list's next instant.</returns>
    public static (SlaStatus Status, Instant? WakeUp) SlaClocks(BusinessCalendar calendar)
    {
        #region sla-clocks
        var resolution = new SlaTarget
        {
            Metric = SlaMetric.Resolution,
            Durations = new Dictionary<Priority, Duration> { [Priority.Critical] = Duration.FromHours(4), [Priority.Moderate] = Duration.FromHours(24) },
            CalendarId = "uk-office",                       // the host resolves it; null means 24x7
            Conditions = new SlaConditions
            {
                Start = SlaCondition.StateIn("New", "InProgress", "OnHold"),
                Pause = SlaCondition.StateIn("OnHold"),
                Stop = SlaCondition.StateIn("Resolved", "Closed"),
                Cancel = SlaCondition.StateIn("Canceled"),
            },
        };
        var sla = new Agreement("SLA-STD", "Standard", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [resolution]);

        // A ticket's history of snapshots: here replayed from an incident's audit entries (an engine host
        // reads it with engine.ReadIncidentTicketHistoryAsync).
        IClock clock = SystemClock.Instance;
        var incident = Incident.Open(new TenantId("acme"), IncidentId.New(), new Actor("alice", "itil"), callerId: "bob",
            "The printer on floor 2 jams", Impact.Medium, Urgency.Medium, clock);          // P3: Moderate
        IReadOnlyList<TicketChange> history = Incident.ReplayTicketHistory(incident.UncommittedAuditEntries);

        // Replay the history into SLA timelines (pure: same history, same timelines).
        var tracker = new SlaTracker([sla]);
        IReadOnlyList<TrackedClock> clocks = tracker.Track(history);

        // Evaluate any clock at any instant, on any calendar (again after a calendar edit).
        Instant now = clock.GetCurrentInstant();
        SlaStatus status = clocks[0].Evaluate(calendar, now);
        // status.Stage, BusinessElapsed, BusinessRemaining, PausedDuration, ElapsedPercent,
        // BreachInstant (forecast while running), HasEverBreached, NextThresholdInstant

        // One timer for all clocks.
        var due = new SlaDueList<string>();
        due.Schedule("INC0001/SLA-STD/Resolution", status.NextThresholdInstant);
        Instant? wakeUp = due.NextDue;
        #endregion
        return (status, wakeUp);
    }

    /// <summary>The "Lifecycles" section: an incident through its states, and a refused command.</summary>
    /// <returns>The incident, the refusal's message, its audit entries and its SLA snapshot.</returns>
    public static (Incident Incident, string Refusal, IReadOnlyList<AuditEntry> Audit, TicketSnapshot ForSla) Lifecycles()
    {
        #region lifecycles
        IClock clock = SystemClock.Instance;
        var agent = new Actor("alice", "itil");
        var incident = Incident.Open(new TenantId("acme"), IncidentId.New(), agent, callerId: "carol",
            "The printer on floor 2 jams", Impact.Low, Urgency.Medium, clock); // P4
        incident.ChangeImpactOrUrgency(agent, Impact.Medium, Urgency.High);   // P2: the SLA clocks retarget
        incident.Assign(agent, new SupportGroupId("Facilities"), "dave");                         // New -> InProgress
        incident.Resolve(agent, IncidentResolutionCode.SolvedPermanently, "Replaced the fuser");
        incident.Close(agent);                                                // closed: only a survey result from here

        string refusal;
        try
        {
            incident.Assign(agent, new SupportGroupId("Network"));
            refusal = "accepted";
        }
        catch (InvalidTransitionException e)
        {
            refusal = e.Message; // Incident in state Closed cannot Assign; it permits: RecordSatisfaction.
        }

        IReadOnlyList<AuditEntry> audit = incident.UncommittedAuditEntries;   // one entry per accepted command
        TicketSnapshot forSla = incident.ToTicketSnapshot();                  // what the SLA tracker reads
        #endregion
        return (incident, refusal, audit, forSla);
    }

    /// <summary>The "Workflows" section: a host's custom states inside the incident's library states.</summary>
    /// <returns>The incident, its custom state, the guard's refusal and the custom states its audit entries carry.</returns>
    public static (Incident Incident, string? CustomState, string Refusal, IReadOnlyList<string?> Audited) Workflows()
    {
        #region workflows
        var workflow = WorkflowBuilder.ForIncidents("acme-incident")
            .State("Triage", IncidentState.New)                                 // New's only custom state: its entry
            .State("Investigating", IncidentState.InProgress)
            .State("Awaiting Change", IncidentState.InProgress)
            .Block("Awaiting Change", IncidentCommand.Resolve)                  // resolve only once the fix is released
            .Transition("wait-for-change", "Investigating", "Awaiting Change",
                WorkflowGuard.Requires(WorkflowField.ConfigurationItem))
            .Transition("change-released", "Awaiting Change", "Investigating")
            .Build();                                                           // every problem at once, or a workflow

        var agent = new Actor("alice", "itil");
        var incident = Incident.OpenUnderWorkflow(new TenantId("acme"), IncidentId.New(), agent, "carol",
            "Mail is slow", Impact.Medium, Urgency.Medium, SystemClock.Instance, workflow: workflow);
        incident.Assign(agent, new SupportGroupId("Messaging"), "dave");       // InProgress, "Investigating"

        string refusal;
        try
        {
            incident.TransitionWorkflow(agent, "wait-for-change");
            refusal = "accepted";
        }
        catch (DomainRuleViolationException e)
        {
            refusal = e.Code; // ITSM-WF-GUARD-001: ConfigurationItem is not set
        }

        incident.AddConfigurationItem(agent, new ConfigurationItemId("mail-relay-01"));
        incident.TransitionWorkflow(agent, "wait-for-change");                  // still InProgress, "Awaiting Change"
        var audited = incident.UncommittedAuditEntries.Select(e => e.WorkflowState).ToList(); // Triage, Investigating, null, Awaiting Change
        #endregion
        return (incident, incident.WorkflowState, refusal, audited);
    }
}
