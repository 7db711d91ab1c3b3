using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Services;
using Itsm.Core.Tests.Incidents;
using Itsm.Core.Tests.Sla;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Requests;
using Itsm.Sla;
using Itsm.Testing;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Itsm.Core.Tests.Engine;

/// <summary>
/// Recomputing SLA clocks from the audit log: one ticket (<see cref="ItsmEngine.RecomputeIncidentSlaAsync"/>), every
/// open ticket of a tenant (<see cref="ItsmEngine.RecomputeSlaAsync"/>), and the laws: on an unedited calendar the
/// recomputed clocks are the live ones, always; after a calendar edit they are what a minute-by-minute walk says.
/// </summary>
public sealed class SlaRecomputeTests
{
    private static readonly TenantId Tenant = IncidentFixtures.Tenant;
    private static readonly Actor Agent = IncidentFixtures.Agent;
    private static readonly Actor Worker = new("sla-worker", "system");

    // The UK office calendar with Monday 2026-11-30 made a holiday: the edit a recompute follows.
    private static readonly BusinessCalendar EditedOffice = Itsm.BusinessTime.Tests.TestCalendars.NineToFive(Itsm.BusinessTime.Tests.TestCalendars.London)
        .AddHoliday(new LocalDate(2026, 11, 30)).Build();

    private static readonly Agreement Sla = SlaFixtures.AgreementOf(SlaFixtures.ResolutionTarget());

    private readonly FakeClock _clock = IncidentFixtures.NewClock();
    private readonly InMemoryAggregateStore _store = new();

    private ItsmEngine Engine(BusinessCalendar office, IItsmAuthorizer? authorizer = null) => new(_store, authorizer ?? ItsmAuthorizers.AllowAll, _clock, new ItsmEngineOptions
    {
        Agreements = [Sla],
        Calendars = new Dictionary<string, BusinessCalendar> { ["uk-office"] = office },
    });

    private static OpenIncident Open() => new("caller.jones", "Cannot send e-mail", Impact.Medium, Urgency.Medium, new ServiceId("email"));

    [Fact]
    public async Task Recomputing_after_a_calendar_edit_moves_the_due_instant_where_a_minute_walk_puts_it()
    {
        var id = IncidentId.New();
        var before = await Engine(SlaFixtures.UkOffice).Incidents.CreateAsync(Tenant, id, Agent, Open());
        _clock.Advance(Duration.FromMinutes(30));

        var after = await Engine(EditedOffice).RecomputeIncidentSlaAsync(Tenant, id, Worker, "calendar uk-office: 30 November closed");

        // P3: 16 business hours from Monday 09:00; the first threshold is the 50% warning, 8 business hours in.
        Assert.Equal(WalkWorkingMinutes(SlaFixtures.UkOffice, IncidentFixtures.Monday0900, 8 * 60), before.Index!.SlaDueAt);
        Assert.Equal(WalkWorkingMinutes(EditedOffice, IncidentFixtures.Monday0900, 8 * 60), after.Index!.SlaDueAt);
        Assert.Equal(SlaFixtures.Tue(17), after.Index.SlaDueAt);
        var entry = Assert.Single(after.Events);
        Assert.Equal(("RecomputeSla", 2L, "New", "New"), (entry.Command, entry.Version, entry.FromState, entry.ToState));
        Assert.Equal(new SlaRecomputed("calendar uk-office: 30 November closed"), entry.Event);
        Assert.Equal(Worker, entry.Actor);
    }

    [Fact]
    public async Task Recomputing_on_an_unedited_calendar_changes_no_figure()
    {
        var engine = Engine(SlaFixtures.UkOffice);
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, Open());
        _clock.Advance(Duration.FromHours(2));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")));
        var live = await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new PutIncidentOnHold(OnHoldReason.AwaitingVendor));
        _clock.Advance(Duration.FromHours(3));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new ResumeIncident());
        var resumed = await engine.Incidents.GetAsync(Tenant, id, Agent);

        var recomputed = await engine.RecomputeIncidentSlaAsync(Tenant, id, Worker, "no change");

        Assert.Null(live.Index!.SlaDueAt);
        Assert.Equal(Ledger(resumed), Ledger(recomputed.Record));
        Assert.Equal(engine.PendingSlaThresholds(resumed, SlaFixtures.Tue(17)), engine.PendingSlaThresholds(recomputed.Record, SlaFixtures.Tue(17)));
    }

    [Fact]
    public async Task A_closed_ticket_is_not_recomputed_and_the_refusal_names_the_recompute()
    {
        var engine = Engine(SlaFixtures.UkOffice);
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, Open());
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new CancelIncident("duplicate"));

        var error = await Assert.ThrowsAsync<InvalidTransitionException>(() => engine.RecomputeIncidentSlaAsync(Tenant, id, Worker, "calendar edited"));

        Assert.Equal(("Canceled", "RecomputeSla"), (error.State, error.Trigger));
        Assert.Equal(2, (await _store.LoadAsync(Tenant, Incident.RecordType, id.ToString()))!.Version);
    }

    [Fact]
    public async Task The_authorizer_is_asked_about_the_recompute_with_the_ticket_and_a_refusal_writes_nothing()
    {
        var id = IncidentId.New();
        await Engine(SlaFixtures.UkOffice).Incidents.CreateAsync(Tenant, id, Agent, Open());
        var asked = new List<(ItsmOperation Operation, ItsmResource Resource)>();
        var engine = Engine(EditedOffice, new RecordingAuthorizer(asked, allow: false));

        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.RecomputeIncidentSlaAsync(Tenant, id, Worker, "calendar edited"));

        var (operation, resource) = Assert.Single(asked);
        Assert.Equal(new RecomputeSla("calendar edited"), operation);
        Assert.IsType<Incident>(resource.Record);
        Assert.Equal(1, (await _store.LoadAsync(Tenant, Incident.RecordType, id.ToString()))!.Version);
    }

    [Fact]
    public async Task The_bulk_recompute_takes_every_open_incident_and_request_and_leaves_closed_ones()
    {
        var engine = Engine(SlaFixtures.UkOffice);
        var open = new List<IncidentId>();
        for (int i = 0; i < 3; i++)
        {
            open.Add(IncidentId.New());
            await engine.Incidents.CreateAsync(Tenant, open[^1], Agent, Open());
        }

        var canceled = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, canceled, Agent, Open());
        await engine.Incidents.ExecuteAsync(Tenant, canceled, Agent, new CancelIncident("duplicate"));
        var request = ServiceRequestId.New();
        await engine.ServiceRequests.CreateAsync(Tenant, request, Agent, new SubmitServiceRequest(new CatalogItem("password-reset", false), null));
        var other = IncidentId.New();
        await engine.Incidents.CreateAsync(IncidentFixtures.OtherTenant, other, Agent, Open());

        var result = await Engine(EditedOffice).RecomputeSlaAsync(Tenant, Worker, "calendar uk-office: 30 November closed");

        Assert.Equal(new SlaRecomputeResult(4, 0), result);
        foreach (var id in open)
        {
            var history = await _store.ReadHistoryAsync(Tenant, Incident.RecordType, id.ToString());
            Assert.Equal(["Open", "RecomputeSla"], history.Select(e => e.Command));
            Assert.Equal(SlaFixtures.Tue(17), (await _store.LoadAsync(Tenant, Incident.RecordType, id.ToString()))!.Index.SlaDueAt);
        }

        Assert.Equal(["Open", "Cancel"], (await _store.ReadHistoryAsync(Tenant, Incident.RecordType, canceled.ToString())).Select(e => e.Command));
        Assert.Equal(["Submit", "RecomputeSla"], (await _store.ReadHistoryAsync(Tenant, ServiceRequest.RecordType, request.ToString())).Select(e => e.Command));
        Assert.Single(await _store.ReadHistoryAsync(IncidentFixtures.OtherTenant, Incident.RecordType, other.ToString()));
    }

    [Property(MaxTest = 80)]
    public Property On_an_unedited_calendar_the_recomputed_clocks_are_the_live_ones_after_every_command() =>
        Prop.ForAll(
            ItsmGenerators.IncidentLifecycleScenarios.ToArbitrary(),
            ItsmGenerators.Agreements.ToArbitrary(),
            (from office in ArbMap.Default.GeneratorFor<bool>() from before in TicketSlaProjectionTests.OpenedBefore select (office, before)).ToArbitrary(),
            (scenario, agreement, o) => RecomputedEqualsLive(scenario, o.office ? OnOffice(agreement) : agreement, o.before).Result);

    // The incident may be opened before the command that creates it (OpenIncident.OpenedAt), where retroactive starts go back to.
    private static async Task<bool> RecomputedEqualsLive(LifecycleScenario<Incident, IncidentId> scenario, Agreement agreement, Duration? openedBefore)
    {
        var calendars = new Dictionary<string, BusinessCalendar> { ["uk-office"] = SlaFixtures.UkOffice };
        var test = ItsmTestEngine.Create(options: new ItsmEngineOptions { Agreements = [agreement], Calendars = calendars });
        var engine = test.Engine;
        var tracker = new SlaTracker([agreement]);
        var create = ((OpenIncident)scenario.Create) with { OpenedAt = test.Clock.GetCurrentInstant() - openedBefore };
        await engine.Incidents.CreateAsync(scenario.Tenant, scenario.Id, scenario.CreatedBy, create);
        await Check();
        foreach (var step in scenario.Steps)
        {
            test.Clock.Advance(step.After);
            try
            {
                await engine.Incidents.ExecuteAsync(scenario.Tenant, scenario.Id, step.Actor, step.Command);
            }
            catch (Exception ex) when (ex is InvalidTransitionException or DomainRuleViolationException or ArgumentException)
            {
                continue;
            }

            // The SLA worker records what fell due, so recorded thresholds are part of the law too.
            var current = await engine.Incidents.GetAsync(scenario.Tenant, scenario.Id, Worker);
            if (engine.PendingSlaThresholds(current, test.Clock.GetCurrentInstant()) is [var first, ..] && current.Permits(IncidentCommand.SlaThreshold))
            {
                await engine.Incidents.ExecuteAsync(scenario.Tenant, scenario.Id, Worker, new RecordIncidentSlaThreshold(first));
            }

            await Check();
        }

        return true;

        async Task Check()
        {
            var record = await engine.Incidents.GetAsync(scenario.Tenant, scenario.Id, Worker);
            var history = Incident.ReplayTicketHistory(await engine.Incidents.ReadHistoryAsync(scenario.Tenant, scenario.Id, Worker));
            var live = record.Sla.Committed!;
            var recomputed = SlaRecompute.Ledgers(tracker, calendars, [history], [record.LastSlaThreshold])[0];
            var now = test.Clock.GetCurrentInstant();
            var liveStatus = SlaRecompute.Statuses(tracker, calendars, live, now);
            var recomputedStatus = SlaRecompute.Statuses(tracker, calendars, recomputed, now);
            Assert.True(liveStatus.SequenceEqual(recomputedStatus), $"{AgreementJson.WriteOne(agreement)}\n{string.Join("\n", history.Select(h => $"{h.At} {h.Snapshot.State} {h.Snapshot.OnHoldReason} {h.Snapshot.Priority} {h.Snapshot.AssignmentGroup} {string.Join(",", h.Snapshot.Attributes.Select(a => a.Key + "=" + a.Value))}"))}\nlive {string.Join(",", liveStatus)}\nrecomputed {string.Join(",", recomputedStatus)}");
            Assert.Equal(
                live.Due(tracker, calendars, record.LastSlaThreshold, null),
                recomputed.Due(tracker, calendars, record.LastSlaThreshold, null));
            Assert.Equal(tracker.Recompute([history], calendars, now)[0], SlaRecompute.Statuses(tracker, calendars, live, now));
        }
    }

    [Property(MaxTest = 60)]
    public Property On_an_unedited_calendar_the_recomputed_clocks_of_a_service_request_are_the_live_ones_after_every_command() =>
        Prop.ForAll(
            ItsmGenerators.ServiceRequestScenarios.ToArbitrary(),
            RequestAgreements.ToArbitrary(),
            ArbMap.Default.ArbFor<bool>(),
            (scenario, agreement, office) => RecomputedEqualsLive(scenario, office ? OnOffice(agreement) : agreement).Result);

    // The generated agreements with conditions on a request's states, so that their clocks start, pause, stop and cancel.
    private static Gen<Agreement> RequestAgreements =>
        from agreement in ItsmGenerators.Agreements
        from start in Gen.Elements(SlaCondition.Always, SlaCondition.StateIn("Submitted", "AwaitingApproval", "Fulfilling"), SlaCondition.StateIn("Fulfilling"))
        from stop in Gen.Elements(SlaCondition.StateIn("Fulfilled", "Closed"), SlaCondition.StateIn("Fulfilled", "Closed", "Rejected"))
        from pause in Gen.Elements(SlaCondition.Never, SlaCondition.StateIn("AwaitingApproval"), SlaCondition.FieldIn("assignmentGroup", ["ServiceDesk"]))
        from cancel in Gen.Elements(SlaCondition.StateIn("Canceled"), SlaCondition.StateIn("Canceled", "Rejected"), SlaCondition.Never)
        from reset in Gen.Elements(SlaCondition.Never, SlaCondition.FieldIn("assignmentGroup", ["Network"]))
        let conditions = new SlaConditions { Start = start, Stop = stop, Pause = pause, Cancel = cancel, Reset = reset }
        select new Agreement(agreement.Id, agreement.Name, agreement.Kind, agreement.Scope, agreement.Targets.Select(t => t with { Conditions = conditions }));

    private static async Task<bool> RecomputedEqualsLive(LifecycleScenario<ServiceRequest, ServiceRequestId> scenario, Agreement agreement)
    {
        var calendars = new Dictionary<string, BusinessCalendar> { ["uk-office"] = SlaFixtures.UkOffice };
        var test = ItsmTestEngine.Create(options: new ItsmEngineOptions { Agreements = [agreement], Calendars = calendars });
        var engine = test.Engine;
        var tracker = new SlaTracker([agreement]);
        await engine.ServiceRequests.CreateAsync(scenario.Tenant, scenario.Id, scenario.CreatedBy, scenario.Create);
        await Check();
        foreach (var step in scenario.Steps)
        {
            test.Clock.Advance(step.After);
            try
            {
                await engine.ServiceRequests.ExecuteAsync(scenario.Tenant, scenario.Id, step.Actor, step.Command);
            }
            catch (Exception ex) when (ex is InvalidTransitionException or DomainRuleViolationException or ArgumentException)
            {
                continue;
            }

            var current = await engine.ServiceRequests.GetAsync(scenario.Tenant, scenario.Id, Worker);
            if (engine.PendingSlaThresholds(current, test.Clock.GetCurrentInstant()) is [var first, ..] && current.Permits(ServiceRequestCommand.SlaThreshold))
            {
                await engine.ServiceRequests.ExecuteAsync(scenario.Tenant, scenario.Id, Worker, new RecordServiceRequestSlaThreshold(first));
            }

            await Check();
        }

        return true;

        async Task Check()
        {
            var record = await engine.ServiceRequests.GetAsync(scenario.Tenant, scenario.Id, Worker);
            var history = ServiceRequest.ReplayTicketHistory(await engine.ServiceRequests.ReadHistoryAsync(scenario.Tenant, scenario.Id, Worker));
            var live = record.Sla.Committed!;
            var recomputed = SlaRecompute.Ledgers(tracker, calendars, [history], [record.LastSlaThreshold])[0];
            var now = test.Clock.GetCurrentInstant();
            var liveStatus = SlaRecompute.Statuses(tracker, calendars, live, now);
            var recomputedStatus = SlaRecompute.Statuses(tracker, calendars, recomputed, now);
            Assert.True(liveStatus.SequenceEqual(recomputedStatus), $"{AgreementJson.WriteOne(agreement)}\n{string.Join("\n", history.Select(h => $"{h.At} {h.Snapshot.State} {h.Snapshot.Priority} {h.Snapshot.AssignmentGroup}"))}\nlive {string.Join(",", liveStatus)}\nrecomputed {string.Join(",", recomputedStatus)}");
            Assert.Equal(
                live.Due(tracker, calendars, record.LastSlaThreshold, null),
                recomputed.Due(tracker, calendars, record.LastSlaThreshold, null));
            Assert.Equal(tracker.Recompute([history], calendars, now)[0], SlaRecompute.Statuses(tracker, calendars, live, now));
        }
    }

    private static Agreement OnOffice(Agreement agreement) =>
        new(agreement.Id, agreement.Name, agreement.Kind, agreement.Scope, agreement.Targets.Select(t => t with { CalendarId = "uk-office" }));

    private static string Ledger(Incident incident)
    {
        var ledger = incident.Sla.Committed!;
        return string.Join("; ", ledger.Tracks.Select(t => $"{t.AgreementId}/{t.Metric}: {t.Progress} {t.Clock}")) + " | " + string.Join(", ", ledger.Crossed.Select(c => c.ToString()));
    }

    /// <summary>The reference: the instant when <paramref name="minutes"/> working minutes have passed from <paramref name="start"/>, found minute by minute.</summary>
    private static Instant WalkWorkingMinutes(BusinessCalendar calendar, Instant start, int minutes)
    {
        var at = start;
        for (int counted = 0; counted < minutes; at += Duration.FromMinutes(1))
        {
            if (calendar.IsWorking(at))
            {
                counted++;
            }
        }

        return at;
    }

    private sealed class RecordingAuthorizer(List<(ItsmOperation, ItsmResource)> asked, bool allow) : IItsmAuthorizer
    {
        public ValueTask<bool> IsAuthorizedAsync(Actor actor, ItsmOperation operation, ItsmResource resource, System.Threading.CancellationToken cancellationToken)
        {
            asked.Add((operation, resource));
            return ValueTask.FromResult(allow);
        }
    }
}
