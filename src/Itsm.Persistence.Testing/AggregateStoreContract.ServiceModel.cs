using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.ServiceModelRecords;
using Itsm.Services;
using NodaTime;

namespace Itsm.Persistence.Testing;

// The stored service model through an engine: a record with a fixed text id and a large state.
public abstract partial class AggregateStoreContract
{
    /// <summary>
    /// A tenant's service model created and edited through one engine is what another engine over the same
    /// store loads and checks commands against; the other tenant's commands are unaffected.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task The_stored_service_model_round_trips_and_is_checked_against_by_another_engine()
    {
        var store = await NewStoreAsync();
        var clock = new FixedClock(T0);
        var actor = new Actor("cmdb.admin", "admin");
        var model = new ServiceModelBuilder()
            .Add(new ConfigurationItem("vm01"))
            .Add(new ConfigurationItem("app01", "App – café", relationships: [new(RelationshipType.RunsOn, "vm01")]))
            .Add(new SupportGroup("Messaging", ["alice"]))
            .Add(new SupportGroup("Retired team"))
            .Add(new Service("pay", "Payments", "alice", "Messaging", ["app01"]) { Criticality = BusinessCriticality.MostCritical })
            .Build();
        var writer = new ItsmEngine(store, ItsmAuthorizers.AllowAll, clock);
        await writer.ServiceModels.CreateAsync(TenantA, ServiceModelRecordId.Only, actor, new CreateServiceModel(model));
        await writer.ServiceModels.ExecuteAsync(TenantA, ServiceModelRecordId.Only, actor, new RemoveSupportGroup(new SupportGroupId("Retired team")));

        var reader = new ItsmEngine(store, ItsmAuthorizers.AllowAll, clock);
        var loaded = await reader.ServiceModels.GetAsync(TenantA, ServiceModelRecordId.Only, actor);
        Assert.Equal(2, loaded.Version);
        Assert.Equal(["Messaging"], loaded.Model.SupportGroups.Keys);
        Assert.Equal(["app01", "vm01"], loaded.Model.ImpactOf("vm01").AffectedConfigurationItems);
        Assert.Equal("App – café", loaded.Model.ConfigurationItems["app01"].Name);
        Assert.Equal(BusinessCriticality.MostCritical, loaded.Model.Services["pay"].Criticality);
        Assert.Equal(2, (await store.ReadHistoryAsync(TenantA, ServiceModelRecord.RecordType, ServiceModelRecordId.Text)).Count);

        var incident = IncidentId.New();
        await reader.Incidents.CreateAsync(TenantA, incident, actor, new OpenIncident("caller", "Pay down", Impact.High, Urgency.High));
        var refused = await Assert.ThrowsAsync<DomainRuleViolationException>(() => reader.Incidents.ExecuteAsync(TenantA, incident, actor, new AssignIncident(new SupportGroupId("Retired team"))));
        Assert.Equal(ServiceModel.UnknownReferenceCode, refused.Code);

        var other = IncidentId.New();
        await reader.Incidents.CreateAsync(TenantB, other, actor, new OpenIncident("caller", "Pay down", Impact.High, Urgency.High));
        await reader.Incidents.ExecuteAsync(TenantB, other, actor, new AssignIncident(new SupportGroupId("Retired team")));
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
