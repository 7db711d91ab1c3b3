using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using NodaTime;
using Itsm.Services;

namespace Itsm.Testing.Tests;

public sealed class ItsmTestEngineTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("agent", "itil");

    [Fact]
    public async Task Commands_run_on_the_fake_clock_and_land_in_the_in_memory_store()
    {
        var test = ItsmTestEngine.Create(TestClocks.AtUtc(2026, 11, 30, 9, 0));
        var id = IncidentId.New();

        await test.Engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("bob", "Mail is down", Impact.High, Urgency.High));
        test.Clock.Advance(Duration.FromMinutes(5));
        await test.Engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Messaging")));

        var history = await test.Store.ReadHistoryAsync(Tenant, Incident.RecordType, id.ToString());
        Assert.Equal([Instant.FromUtc(2026, 11, 30, 9, 0), Instant.FromUtc(2026, 11, 30, 9, 5)], history.Select(e => e.At));
        Assert.Equal([1L, 2L], history.Select(e => e.Version));
    }

    [Fact]
    public async Task A_given_authorizer_is_asked_and_the_default_allows_everything()
    {
        var denying = ItsmTestEngine.Create(authorizer: ItsmAuthorizers.FromRule((_, _, _) => false));
        var allowing = ItsmTestEngine.Create();
        var id = IncidentId.New();

        await Assert.ThrowsAsync<ItsmAuthorizationException>(() =>
            denying.Engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("bob", "x", Impact.Low, Urgency.Low)));
        var created = await allowing.Engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("bob", "x", Impact.Low, Urgency.Low));

        Assert.Equal(1, created.Version);
        Assert.Equal(Instant.FromUtc(2026, 1, 5, 9, 0), created.Record.OpenedAt);
    }
}
