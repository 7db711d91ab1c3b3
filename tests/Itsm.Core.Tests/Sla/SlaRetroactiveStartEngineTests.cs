using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Core.Tests.Incidents;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Requests;
using Itsm.ServiceDesk;
using Itsm.Sla;
using NodaTime;
using NodaTime.Testing;
using Xunit;
using static Itsm.Core.Tests.Sla.SlaFixtures;

namespace Itsm.Core.Tests.Sla;

/// <summary>
/// Retroactive starts of the engine's own tickets: a host gives the instant a ticket was opened
/// (<see cref="OpenIncident.OpenedAt"/>, <see cref="SubmitServiceRequest.OpenedAt"/>), before the command that creates it,
/// and <see cref="SlaRetroactiveStart.Opened"/> goes back to it while <see cref="SlaRetroactiveStart.Created"/> goes back to the
/// creation, live and in the audit-log replay.
/// </summary>
/// <remarks>
/// ServiceNow, "Configure SLA retroactive start and pause": "Set start to" a date field of the task (Opened, Created);
/// <c>opened_at</c> can precede <c>sys_created_on</c> when a call is taken before the record is typed in.
/// </remarks>
public sealed class SlaRetroactiveStartEngineTests
{
    private static readonly Actor Worker = new("sla-worker", "system");

    // The call was taken at Monday 09:00; the agent types the ticket in at 10:00.
    private static readonly Instant CallTaken = Mon(9);
    private static readonly Instant TypedIn = Mon(10);

    private readonly FakeClock _clock = new(TypedIn);
    private readonly InMemoryAggregateStore _store = new();

    private static readonly Dictionary<string, BusinessCalendar> Calendars = new() { ["uk-office"] = UkOffice };

    private static Agreement ServiceNowAgreement(SlaRetroactiveStart start, SlaConditions? conditions = null) =>
        AgreementOf(ResolutionTarget(conditions: conditions) with { Profile = SlaProfile.ServiceNow, RetroactiveStart = start });

    private ItsmEngine Engine(Agreement agreement) => new(_store, ItsmAuthorizers.AllowAll, _clock, new ItsmEngineOptions
    {
        Agreements = [agreement],
        Calendars = Calendars,
    });

    private static OpenIncident P1(Instant? openedAt = null) => new(IncidentFixtures.Caller.Id, "E-mail is down", Impact.High, Urgency.High) { OpenedAt = openedAt };

    [Theory]
    [InlineData(SlaRetroactiveStart.Opened, 9, 13)]
    [InlineData(SlaRetroactiveStart.Created, 10, 14)]
    [InlineData(SlaRetroactiveStart.None, 10, 14)]
    public async Task A_P1_incident_opened_an_hour_before_it_was_typed_in_starts_its_clock_where_the_option_says(SlaRetroactiveStart start, int startHour, int breachHour)
    {
        var agreement = ServiceNowAgreement(start);
        var engine = Engine(agreement);
        var id = IncidentId.New();

        var created = await engine.Incidents.CreateAsync(IncidentFixtures.Tenant, id, IncidentFixtures.Agent, P1(CallTaken));
        _clock.Advance(Duration.FromMinutes(30));

        var incident = await engine.Incidents.GetAsync(IncidentFixtures.Tenant, id, Worker);
        Assert.Equal(CallTaken, incident.OpenedAt);
        Assert.Equal(TypedIn, incident.CreatedAt);
        Assert.Equal(CallTaken, created.Index!.OpenedAt);

        // Live: the ledger the engine keeps.
        var live = Assert.Single(SlaRecompute.Statuses(new SlaTracker([agreement]), Calendars, incident.Sla.Committed!, Mon(10, 30)))!.Value;
        Assert.Equal(Mon(startHour), live.StartedAt);
        Assert.Equal(Mon(breachHour), live.BreachInstant);
        Assert.Equal(Mon(10, 30) - Mon(startHour), live.BusinessElapsed);
        Assert.Equal(SlaDisplayStage.InProgress, live.DisplayStage);
        // The first threshold due is the 50% warning, two business hours after the start.
        Assert.Equal(Mon(startHour + 2), created.Index.SlaDueAt);

        // Replayed from the audit log: the same clock.
        var history = await engine.ReadIncidentTicketHistoryAsync(IncidentFixtures.Tenant, id, Worker);
        Assert.Equal(CallTaken, history[0].Snapshot.OpenedAt);
        Assert.Equal(TypedIn, history[0].Snapshot.CreatedAt);
        Assert.Equal(TypedIn, history[0].At);
        var replayed = Assert.Single(engine.EvaluateSla(history));
        Assert.Equal(live, replayed.Status);
        Assert.Equal(Mon(startHour), replayed.Clock.Timeline[0].At);
    }

    [Fact]
    public async Task Without_an_opened_instant_both_options_go_back_to_the_creating_command()
    {
        foreach (var start in new[] { SlaRetroactiveStart.Opened, SlaRetroactiveStart.Created })
        {
            var engine = Engine(ServiceNowAgreement(start));
            var id = IncidentId.New();

            await engine.Incidents.CreateAsync(IncidentFixtures.Tenant, id, IncidentFixtures.Agent, P1());

            var incident = await engine.Incidents.GetAsync(IncidentFixtures.Tenant, id, Worker);
            Assert.Equal(TypedIn, incident.OpenedAt);
            Assert.Equal(TypedIn, incident.CreatedAt);
            var history = await engine.ReadIncidentTicketHistoryAsync(IncidentFixtures.Tenant, id, Worker);
            Assert.Equal(TypedIn, history[0].Snapshot.OpenedAt);
            Assert.Equal(TypedIn, Assert.Single(engine.EvaluateSla(history)).Status.StartedAt);
            Assert.False((await engine.Incidents.ReadHistoryAsync(IncidentFixtures.Tenant, id, Worker))[0].Data.ContainsKey("openedAt"));
        }
    }

    [Fact]
    public async Task The_opened_instant_is_in_the_Open_entrys_data_and_its_typed_event()
    {
        var engine = Engine(ServiceNowAgreement(SlaRetroactiveStart.Opened));
        var id = IncidentId.New();

        await engine.Incidents.CreateAsync(IncidentFixtures.Tenant, id, IncidentFixtures.Agent, P1(Mon(9, 0) + Duration.FromNanoseconds(123)));

        var entry = Assert.Single(await engine.Incidents.ReadHistoryAsync(IncidentFixtures.Tenant, id, Worker));
        Assert.Equal("2026-11-30T09:00:00.000000123Z", entry.Data["openedAt"]);
        Assert.Equal(TypedIn, entry.At);
        Assert.Equal(Mon(9, 0) + Duration.FromNanoseconds(123), Assert.IsType<IncidentOpened>(entry.Event).OpenedAt);
    }

    [Fact]
    public async Task An_opened_instant_after_the_command_is_refused_with_a_stable_code_and_nothing_is_stored()
    {
        var engine = Engine(ServiceNowAgreement(SlaRetroactiveStart.Opened));
        var id = IncidentId.New();

        var error = await Assert.ThrowsAsync<DomainRuleViolationException>(() =>
            engine.Incidents.CreateAsync(IncidentFixtures.Tenant, id, IncidentFixtures.Agent, P1(TypedIn + Duration.FromNanoseconds(1))));

        Assert.Equal("ITSM-INC-OPENED-001", error.Code);
        Assert.Equal("An incident cannot be opened at 2026-11-30T10:00:00Z, after the Open command's instant 2026-11-30T10:00:00Z: the opened instant must be at or before it.", error.Message);
        Assert.Null(await _store.LoadAsync(IncidentFixtures.Tenant, Incident.RecordType, id.ToString()));
    }

    [Fact]
    public void An_opened_instant_equal_to_the_command_is_accepted_and_one_after_it_is_refused_outside_the_engine_too()
    {
        var incident = Incident.Open(IncidentFixtures.Tenant, IncidentId.New(), IncidentFixtures.Agent, "caller", "Mail down", Impact.High, Urgency.High, _clock, openedAt: TypedIn);
        Assert.Equal(TypedIn, incident.OpenedAt);

        var error = Assert.Throws<DomainRuleViolationException>(() =>
            Incident.Open(IncidentFixtures.Tenant, IncidentId.New(), IncidentFixtures.Agent, "caller", "Mail down", Impact.High, Urgency.High, _clock, openedAt: Mon(11)));
        Assert.Equal("ITSM-INC-OPENED-001", error.Code);
    }

    public static TheoryData<Instant> OutOfRange => new()
    {
        BusinessCalendar.MinSupportedInstant - Duration.FromNanoseconds(1),
        Instant.MinValue,
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task An_opened_instant_outside_the_range_clocks_count_in_is_a_bad_argument(Instant openedAt)
    {
        var engine = Engine(ServiceNowAgreement(SlaRetroactiveStart.Opened));

        var incident = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            engine.Incidents.CreateAsync(IncidentFixtures.Tenant, IncidentId.New(), IncidentFixtures.Agent, P1(openedAt)));
        var request = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ServiceRequest.Submit(IncidentFixtures.Tenant, ServiceRequestId.New(), IncidentFixtures.Caller, new CatalogItem("password-reset", false), _clock, openedAt: openedAt));

        Assert.Equal("openedAt", incident.ParamName);
        Assert.Equal("openedAt", request.ParamName);
        Assert.StartsWith("The opened instant must be from 1900-01-01T00:00:00Z to 2200-01-01T00:00:00Z, the range SLA clocks count in.", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_another_opened_instant_is_an_idempotency_conflict()
    {
        var engine = Engine(ServiceNowAgreement(SlaRetroactiveStart.Opened));
        var key = new CommandOptions { IdempotencyKey = "open-1" };
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(IncidentFixtures.Tenant, id, IncidentFixtures.Agent, P1(CallTaken), key);

        var again = await engine.Incidents.CreateAsync(IncidentFixtures.Tenant, IncidentId.New(), IncidentFixtures.Agent, P1(CallTaken), key);

        Assert.True(again.Replayed);
        Assert.Equal(id, again.Record.Id);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            engine.Incidents.CreateAsync(IncidentFixtures.Tenant, IncidentId.New(), IncidentFixtures.Agent, P1(Mon(9, 30)), key));
    }

    private static readonly SlaConditions RequestConditions = new()
    {
        Start = SlaCondition.StateIn("Submitted", "AwaitingApproval", "Fulfilling"),
        Stop = SlaCondition.StateIn("Fulfilled", "Closed"),
        Cancel = SlaCondition.StateIn("Rejected", "Canceled"),
    };

    [Theory]
    [InlineData(SlaRetroactiveStart.Opened, 9)]
    [InlineData(SlaRetroactiveStart.Created, 10)]
    public async Task A_request_submitted_with_an_earlier_opened_instant_starts_its_clock_where_the_option_says_live_and_replayed(SlaRetroactiveStart start, int startHour)
    {
        var agreement = ServiceNowAgreement(start, RequestConditions);
        var engine = Engine(agreement);
        var id = ServiceRequestId.New();

        await engine.ServiceRequests.CreateAsync(IncidentFixtures.Tenant, id, IncidentFixtures.Caller, new SubmitServiceRequest(new CatalogItem("password-reset", false), Priority.Critical) { OpenedAt = CallTaken });
        _clock.Advance(Duration.FromMinutes(30));

        var request = await engine.ServiceRequests.GetAsync(IncidentFixtures.Tenant, id, Worker);
        Assert.Equal(CallTaken, request.OpenedAt);
        Assert.Equal(TypedIn, request.SubmittedAt);
        var live = Assert.Single(SlaRecompute.Statuses(new SlaTracker([agreement]), Calendars, request.Sla.Committed!, Mon(10, 30)))!.Value;
        Assert.Equal(Mon(startHour), live.StartedAt);
        var history = ServiceRequest.ReplayTicketHistory(await engine.ServiceRequests.ReadHistoryAsync(IncidentFixtures.Tenant, id, Worker));
        Assert.Equal(live, Assert.Single(engine.EvaluateSla(history)).Status);
        Assert.Equal(request.ToTicketSnapshot().OpenedAt, history[^1].Snapshot.OpenedAt);
        Assert.Equal(request.ToTicketSnapshot().CreatedAt, history[^1].Snapshot.CreatedAt);
    }

    [Fact]
    public async Task A_request_opened_after_its_submission_is_refused_with_its_own_code()
    {
        var engine = Engine(ServiceNowAgreement(SlaRetroactiveStart.Opened, RequestConditions));

        var error = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.ServiceRequests.CreateAsync(
            IncidentFixtures.Tenant, ServiceRequestId.New(), IncidentFixtures.Caller, new SubmitServiceRequest(new CatalogItem("password-reset", false)) { OpenedAt = Mon(12) }));

        Assert.Equal("ITSM-REQ-OPENED-001", error.Code);
        Assert.Equal("A service request cannot be opened at 2026-11-30T12:00:00Z, after the Submit command's instant 2026-11-30T10:00:00Z: the opened instant must be at or before it.", error.Message);
    }

    [Fact]
    public async Task The_intake_opens_an_incident_at_the_instant_the_interaction_was_logged()
    {
        var logClock = new FakeClock(CallTaken);
        var engine = Engine(ServiceNowAgreement(SlaRetroactiveStart.Opened));
        var interactionId = InteractionId.New();
        await engine.Interactions.CreateAsync(IncidentFixtures.Tenant, interactionId, IncidentFixtures.Agent, new LogInteraction(Channel.Phone, IncidentFixtures.Caller.Id, "E-mail is down"));
        var interaction = await engine.Interactions.GetAsync(IncidentFixtures.Tenant, interactionId, Worker);
        _clock.Advance(Duration.FromHours(1));
        var incidentId = IncidentId.New();

        await engine.RaiseIncidentAsync(IncidentFixtures.Tenant, interactionId, incidentId, IncidentFixtures.Agent, Impact.High, Urgency.High, openedAt: interaction.LoggedAt);

        var incident = await engine.Incidents.GetAsync(IncidentFixtures.Tenant, incidentId, Worker);
        Assert.Equal(TypedIn, incident.OpenedAt);
        Assert.Equal(TypedIn + Duration.FromHours(1), incident.CreatedAt);
        var local = ServiceDeskIntake.RaiseIncident(
            Interaction.Log(IncidentFixtures.Tenant, InteractionId.New(), IncidentFixtures.Agent, Channel.Phone, IncidentFixtures.Caller.Id, "VPN down", logClock),
            IncidentId.New(), IncidentFixtures.Agent, Impact.Low, Urgency.Low, _clock, openedAt: CallTaken);
        Assert.Equal(CallTaken, local.OpenedAt);
        Assert.Equal(_clock.GetCurrentInstant(), local.CreatedAt);
        Assert.Throws<ArgumentOutOfRangeException>(() => ServiceDeskIntake.RaiseIncident(
            Interaction.Log(IncidentFixtures.Tenant, InteractionId.New(), IncidentFixtures.Agent, Channel.Phone, IncidentFixtures.Caller.Id, "VPN down", logClock),
            IncidentId.New(), IncidentFixtures.Agent, Impact.Low, Urgency.Low, _clock, openedAt: Instant.MinValue));
    }
}
