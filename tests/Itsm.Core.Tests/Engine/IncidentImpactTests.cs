using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Services;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.ServiceModelRecords;
using Itsm.Services;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Engine;

/// <summary><see cref="ItsmEngine.ImpactOfIncidentAsync"/>: an incident's affected services and offerings, with the tenant's model.</summary>
public sealed class IncidentImpactTests
{
    private static readonly TenantId Acme = new("acme");
    private static readonly Actor Agent = new("agent.smith", "itil");

    private static ItsmEngine Engine(ServiceModel? model, IItsmAuthorizer? authorizer = null) =>
        new(new InMemoryAggregateStore(), authorizer ?? ItsmAuthorizers.AllowAll, new FakeClock(Instant.FromUtc(2026, 12, 4, 9, 0)), new ItsmEngineOptions { ServiceModel = model });

    private static async Task<IncidentId> OpenAsync(ItsmEngine engine, string service, params string[] items)
    {
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Acme, id, Agent, new OpenIncident("caller", "Outage", Impact.High, Urgency.High, new ServiceId(service))
        {
            ConfigurationItems = [.. System.Array.ConvertAll(items, i => new ConfigurationItemId(i))],
        });
        return id;
    }

    [Fact]
    public async Task An_incident_on_a_host_lists_every_service_and_offering_running_on_it()
    {
        var engine = Engine(ServiceFixtures.Model());
        var id = await OpenAsync(engine, "web", "host01");

        var impact = await engine.ImpactOfIncidentAsync(Acme, id, Agent);

        Assert.NotNull(impact);
        Assert.Equal(["host01"], impact.FailedConfigurationItems);
        Assert.Equal(["host01", "mx01", "vm01", "vm02", "web01"], impact.AffectedConfigurationItems);
        Assert.Equal(["email", "web"], impact.AffectedServices);
        Assert.Equal(["email-gold", "email-std", "web-std"], impact.AffectedOfferings);
    }

    [Fact]
    public async Task The_tenants_stored_model_is_used_once_it_has_one_and_items_it_dropped_are_left_out()
    {
        var engine = Engine(ServiceFixtures.Model());
        var id = await OpenAsync(engine, "web", "printer01");
        Assert.Equal(["printer01"], (await engine.ImpactOfIncidentAsync(Acme, id, Agent))!.FailedConfigurationItems);

        await engine.ServiceModels.CreateAsync(Acme, ServiceModelRecordId.Only, Agent, new CreateServiceModel(ServiceFixtures.Model()));
        await engine.ServiceModels.ExecuteAsync(Acme, ServiceModelRecordId.Only, Agent, new RemoveConfigurationItem(new ConfigurationItemId("printer01")));
        var impact = await engine.ImpactOfIncidentAsync(Acme, id, Agent);

        Assert.NotNull(impact);
        Assert.Empty(impact.FailedConfigurationItems);
        Assert.Equal(["web"], impact.AffectedServices);
    }

    [Fact]
    public async Task Without_a_model_there_is_no_impact_and_a_missing_incident_is_reported()
    {
        var engine = Engine(null);
        var id = await OpenAsync(engine, "web", "host01");

        Assert.Null(await engine.ImpactOfIncidentAsync(Acme, id, Agent));
        await Assert.ThrowsAsync<AggregateNotFoundException>(() => engine.ImpactOfIncidentAsync(Acme, IncidentId.New(), Agent));
    }

    [Fact]
    public async Task The_read_is_authorized_as_reading_the_incident()
    {
        var engine = Engine(ServiceFixtures.Model(), ItsmAuthorizers.FromRule(static (_, operation, _) => operation is not ReadRecord));
        var id = await OpenAsync(engine, "web", "host01");

        await Assert.ThrowsAsync<ItsmAuthorizationException>(() => engine.ImpactOfIncidentAsync(Acme, id, Agent));
    }
}
