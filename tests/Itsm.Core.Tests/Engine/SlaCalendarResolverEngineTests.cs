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

    [Fact]
    public async Task A_resolver_naming_an_unknown_calendar_fails_the_command_and_saves_nothing()
    {
        var engine = Engine((_, _, _) => "mars");
        var id = IncidentId.New();

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => engine.Incidents.CreateAsync(IncidentFixtures.Tenant, id, IncidentFixtures.Agent, Open("acme-email")));

        Assert.Equal("The calendar 'mars' chosen by the SLA calendar resolver for agreement gold, target Resolution, is not among the calendars given.", error.Message);
        Assert.Null(await _store.LoadAsync(IncidentFixtures.Tenant, Incident.RecordType, id.ToString(), default));
    }

    private static OpenIncident Open(string service) => new("caller.jones", "Cannot send e-mail", Impact.Medium, Urgency.Medium, new Itsm.Services.ServiceId(service));
}
