using System.Collections.Generic;
using System.Threading.Tasks;
using Itsm.BusinessTime;
using Itsm.BusinessTime.Tests;
using Itsm.Common;
using Itsm.Core.Tests.Incidents;
using Itsm.Core.Tests.Sla;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Sla;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Itsm.Core.Tests.Engine;

/// <summary>
/// <see cref="ItsmEngineOptions.SlaCalendarResolver"/> on the command path: a managed-service provider's
/// incidents count each customer's SLA on that customer's calendar, keyed here on one service per customer.
/// </summary>
public sealed class SlaCalendarResolverEngineTests
{
    private static readonly Agreement Gold = SlaFixtures.AgreementOf(SlaFixtures.ResolutionTarget(), "gold");

    private readonly FakeClock _clock = IncidentFixtures.NewClock();
    private readonly InMemoryAggregateStore _store = new();

    private ItsmEngine Engine(SlaCalendarResolver? resolver) => new(_store, ItsmAuthorizers.AllowAll, _clock, new ItsmEngineOptions
    {
        Agreements = [Gold],
        Calendars = new Dictionary<string, BusinessCalendar>
        {
            ["uk-office"] = SlaFixtures.UkOffice,
            ["ny-office"] = TestCalendars.NineToFive(TestCalendars.NewYork).Build(),
        },
        SlaCalendarResolver = resolver,
    });

    private static string? ByService(TicketSnapshot snapshot, Agreement agreement, SlaTarget target) =>
        snapshot.Service == "globex-email" ? "ny-office" : null;

    [Fact]
    public async Task Two_customers_incidents_opened_together_fall_due_on_their_own_calendars_and_a_recompute_agrees()
    {
        var engine = Engine(ByService);
        var acme = await engine.Incidents.CreateAsync(IncidentFixtures.Tenant, IncidentId.New(), IncidentFixtures.Agent, Open("acme-email"));
        var globexId = IncidentId.New();
        var globex = await engine.Incidents.CreateAsync(IncidentFixtures.Tenant, globexId, IncidentFixtures.Agent, Open("globex-email"));
        _clock.Advance(Duration.FromMinutes(30));

        var recomputed = await engine.RecomputeIncidentSlaAsync(IncidentFixtures.Tenant, globexId, new Actor("sla-worker", "system"), "check");

        // P3 is 16 business hours; the first threshold, the 50% warning, is 8 business hours in: a whole
        // office day from 09:00, in London for Acme and in New York for Globex.
        Assert.Equal(SlaFixtures.Mon(17), acme.Index!.SlaDueAt);
        Assert.Equal(TestCalendars.NewYork.Local(2026, 11, 30, 17), globex.Index!.SlaDueAt);
        Assert.Equal(globex.Index.SlaDueAt, recomputed.Index!.SlaDueAt);
    }

    // ServiceNow's SLA time zone source "the caller's time zone": each caller's calendar, keyed on the ticket's caller.
    private static readonly Dictionary<string, string> CalendarOfCaller = new() { ["caller.nakamura"] = "ny-office" };

    private static string? ByCaller(TicketSnapshot snapshot, Agreement agreement, SlaTarget target) =>
        snapshot.Caller is { } caller && CalendarOfCaller.TryGetValue(caller, out var calendar) ? calendar : null;

    [Fact]
    public async Task A_resolver_keyed_on_the_caller_counts_each_incident_on_its_callers_calendar_live_and_replayed()
    {
        var engine = Engine(ByCaller);
        var londonId = IncidentId.New();
        var london = await engine.Incidents.CreateAsync(IncidentFixtures.Tenant, londonId, IncidentFixtures.Agent, Open("email", "caller.jones"));
        var newYorkId = IncidentId.New();
        var newYork = await engine.Incidents.CreateAsync(IncidentFixtures.Tenant, newYorkId, IncidentFixtures.Agent, Open("email", "caller.nakamura"));
        _clock.Advance(Duration.FromMinutes(30));

        var recomputed = await engine.RecomputeIncidentSlaAsync(IncidentFixtures.Tenant, newYorkId, new Actor("sla-worker", "system"), "check");
        var replayed = new SlaTracker([Gold], ByCaller).Track(await engine.ReadIncidentTicketHistoryAsync(IncidentFixtures.Tenant, newYorkId, IncidentFixtures.Agent));
        var replayedLondon = new SlaTracker([Gold], ByCaller).Track(await engine.ReadIncidentTicketHistoryAsync(IncidentFixtures.Tenant, londonId, IncidentFixtures.Agent));

        Assert.Equal("caller.nakamura", newYork.Record.ToTicketSnapshot().Caller);
        Assert.Equal(SlaFixtures.Mon(17), london.Index!.SlaDueAt);
        Assert.Equal(TestCalendars.NewYork.Local(2026, 11, 30, 17), newYork.Index!.SlaDueAt);
        Assert.Equal(newYork.Index.SlaDueAt, recomputed.Index!.SlaDueAt);
        Assert.Equal("ny-office", Assert.Single(replayed).CalendarId);
        Assert.Equal("uk-office", Assert.Single(replayedLondon).CalendarId);
    }

    [Fact]
    public async Task A_resolver_keyed_on_the_caller_sees_a_requests_requester_live_and_replayed()
    {
        var target = SlaFixtures.ResolutionTarget(conditions: new SlaConditions { Start = SlaCondition.StateIn("Submitted", "Fulfilling"), Stop = SlaCondition.StateIn("Fulfilled", "Closed") });
        var agreement = SlaFixtures.AgreementOf(target, "requests");
        var engine = new ItsmEngine(_store, ItsmAuthorizers.AllowAll, _clock, new ItsmEngineOptions
        {
            Agreements = [agreement],
            Calendars = new Dictionary<string, BusinessCalendar>
            {
                ["uk-office"] = SlaFixtures.UkOffice,
                ["ny-office"] = TestCalendars.NineToFive(TestCalendars.NewYork).Build(),
            },
            SlaCalendarResolver = ByCaller,
        });
        var id = ServiceRequestId.New();
        var submitted = await engine.ServiceRequests.CreateAsync(IncidentFixtures.Tenant, id, new Actor("caller.nakamura"), new Itsm.Requests.SubmitServiceRequest(new Itsm.Requests.CatalogItem("password-reset", false), Priority.High));
        _clock.Advance(Duration.FromMinutes(30));

        var history = await engine.ReadServiceRequestTicketHistoryAsync(IncidentFixtures.Tenant, id, IncidentFixtures.Agent);
        var recomputed = await engine.RecomputeServiceRequestSlaAsync(IncidentFixtures.Tenant, id, new Actor("sla-worker", "system"), "check");

        Assert.Equal("caller.nakamura", submitted.Record.RequesterId);
        Assert.Equal("caller.nakamura", history[^1].Snapshot.Caller);
        Assert.Equal("caller.nakamura", history[^1].Snapshot.GetField("caller"));
        // P2 is 8 business hours; the 50% warning falls 4 business hours after New York's 09:00.
        Assert.Equal(TestCalendars.NewYork.Local(2026, 11, 30, 13), submitted.Index!.SlaDueAt);
        Assert.Equal(submitted.Index.SlaDueAt, recomputed.Index!.SlaDueAt);
        Assert.Equal("ny-office", Assert.Single(new SlaTracker([agreement], ByCaller).Track(history)).CalendarId);
    }

    [Fact]
    public async Task A_resolver_naming_an_unknown_calendar_fails_the_command_and_saves_nothing()
    {
        var engine = Engine((_, _, _) => "mars");
        var id = IncidentId.New();

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => engine.Incidents.CreateAsync(IncidentFixtures.Tenant, id, IncidentFixtures.Agent, Open("acme-email")));

        Assert.Equal("The calendar 'mars' chosen by the SLA calendar resolver for agreement gold, target Resolution, is not among the calendars given.", error.Message);
        Assert.Null(await _store.LoadAsync(IncidentFixtures.Tenant, Incident.RecordType, id.ToString(), default));
    }

    private static OpenIncident Open(string service, string caller = "caller.jones") => new(caller, "Cannot send e-mail", Impact.Medium, Urgency.Medium, new Itsm.Services.ServiceId(service));
}
