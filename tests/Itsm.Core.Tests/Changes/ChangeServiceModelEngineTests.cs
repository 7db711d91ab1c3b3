using System;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Core.Tests.Services;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Services;
using static Itsm.Core.Tests.Changes.ChangeFixtures;

namespace Itsm.Core.Tests.Changes;

/// <summary>The engine checks the ids a change command names against the host's service model, as for the other tickets.</summary>
public sealed class ChangeServiceModelEngineTests
{
    [Fact]
    public async Task With_a_service_model_the_engine_refuses_unknown_references_and_an_offering_of_another_service()
    {
        var engine = new ItsmEngine(new InMemoryAggregateStore(), ItsmAuthorizers.AllowAll, NewClock(), new ItsmEngineOptions { ServiceModel = ServiceFixtures.Model() });
        var id = ChangeId.New();
        var open = new OpenChange(ChangeType.Normal, "Patch the relay", PlanText, new ServiceId("email"), [new ConfigurationItemId("mx01")]) { Offering = new ServiceOfferingId("web-std") };

        var refused = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Changes.CreateAsync(Tenant, id, Requester, open));
        Assert.Contains("Service offering 'web-std' belongs to service 'web', not 'email'.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ServiceModel.UnknownReferenceCode, (await Assert.ThrowsAsync<DomainRuleViolationException>(() =>
            engine.Changes.CreateAsync(Tenant, id, Requester, open with { Offering = null, ConfigurationItems = [new ConfigurationItemId("mx99")] }))).Code);

        await engine.Changes.CreateAsync(Tenant, id, Requester, open with { Offering = new ServiceOfferingId("email-gold"), AssignmentGroup = new SupportGroupId("Messaging") });
        await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Changes.ExecuteAsync(Tenant, id, Coordinator, new AddChangeConfigurationItem(new ConfigurationItemId("mx99"))));
        await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Changes.ExecuteAsync(Tenant, id, Coordinator, new AssignChangeToSupplier(new SupplierId("globex"))));
        await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Changes.ExecuteAsync(Tenant, id, Coordinator, new ChangeChangeService(new ServiceId("nope"))));
        await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Changes.ExecuteAsync(Tenant, id, Coordinator, new AssignChange(new SupportGroupId("Nobody"))));

        var supplied = await engine.Changes.ExecuteAsync(Tenant, id, Coordinator, new AssignChangeToSupplier(new SupplierId("acme-dns")));
        var moved = await engine.Changes.ExecuteAsync(Tenant, id, Coordinator, new ChangeChangeService(new ServiceId("web"), new ServiceOfferingId("web-std")));
        var reloaded = await engine.Changes.GetAsync(Tenant, id, Coordinator);

        Assert.Equal(2, supplied.Version);
        Assert.Equal(3, moved.Version);
        Assert.Equal(
            (new ServiceId("web"), new ServiceOfferingId("web-std"), new SupplierId("acme-dns"), new SupportGroupId("Messaging")),
            (reloaded.Service!.Value, reloaded.Offering!.Value, reloaded.Supplier!.Value, reloaded.AssignmentGroup!.Value));
        Assert.Equal([new ConfigurationItemId("mx01")], reloaded.ConfigurationItems);
    }
}
