using System;
using System.Linq;
using System.Threading;
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

/// <summary>The engine's stored service model: edited through <see cref="ItsmEngine.ServiceModels"/>, and checked against once the tenant has one.</summary>
public sealed class StoredServiceModelTests
{
    private static readonly TenantId Acme = new("acme");
    private static readonly TenantId Globex = new("globex");
    private static readonly Actor Agent = new("agent.smith", "itil");

    private static (ItsmEngine Engine, InMemoryAggregateStore Store) Engine(ServiceModel? options = null)
    {
        var store = new InMemoryAggregateStore();
        return (new ItsmEngine(store, ItsmAuthorizers.AllowAll, new FakeClock(Instant.FromUtc(2026, 12, 3, 9, 0)), new ItsmEngineOptions { ServiceModel = options }), store);
    }

    [Fact]
    public async Task The_stored_model_is_created_edited_audited_and_read_back_as_typed_events()
    {
        var (engine, _) = Engine();

        await engine.ServiceModels.CreateAsync(Acme, ServiceModelRecordId.Only, Agent, new CreateServiceModel(ServiceFixtures.Model()));
        var result = await engine.ServiceModels.ExecuteAsync(Acme, default, Agent, new AddSupportGroup(new SupportGroup("Network", ["nina"])));

        Assert.Equal(2, result.Record.Version);
        Assert.Null(result.Record.Number);
        var loaded = await engine.ServiceModels.GetAsync(Acme, ServiceModelRecordId.Only, Agent);
        Assert.Equal(["Empty team", "Messaging", "Network", "Web team"], loaded.Model.SupportGroups.Keys);
        var history = await engine.ServiceModels.ReadHistoryAsync(Acme, ServiceModelRecordId.Only, Agent);
        Assert.IsType<ServiceModelCreated>(history[0].Event);
        Assert.Equal(["nina"], Assert.IsType<SupportGroupAdded>(history[1].Event).SupportGroup.Members);
    }

    [Fact]
    public async Task Once_the_stored_model_lacks_a_group_a_command_naming_it_is_refused()
    {
        var (engine, store) = Engine(ServiceFixtures.Model());
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Acme, id, Agent, new OpenIncident("caller", "Web down", Impact.Low, Urgency.Low));
        await engine.Incidents.ExecuteAsync(Acme, id, Agent, new AssignIncident(new SupportGroupId("Empty team")));

        await engine.ServiceModels.CreateAsync(Acme, default, Agent, new CreateServiceModel(ServiceFixtures.Model()));
        await engine.ServiceModels.ExecuteAsync(Acme, default, Agent, new RemoveSupportGroup(new SupportGroupId("Empty team")));

        var refused = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Acme, id, Agent, new AssignIncident(new SupportGroupId("Empty team"))));
        Assert.Equal(ServiceModel.UnknownReferenceCode, refused.Code);
        Assert.Equal(2, (await store.ReadHistoryAsync(Acme, Incident.RecordType, id.ToString())).Count);

        // Another tenant without a stored model still follows the options' model.
        var other = IncidentId.New();
        await engine.Incidents.CreateAsync(Globex, other, Agent, new OpenIncident("caller", "Web down", Impact.Low, Urgency.Low));
        await engine.Incidents.ExecuteAsync(Globex, other, Agent, new AssignIncident(new SupportGroupId("Empty team")));
    }

    [Fact]
    public async Task The_source_uses_the_stored_model_once_there_is_one_and_rebuilds_it_only_when_its_version_moves()
    {
        var (engine, store) = Engine(ServiceFixtures.Model());
        var source = new StoredServiceModelSource(store, new ServiceModelRecordCodec(), engine.Clock, engine.Options.ServiceModel);
        Assert.Same(engine.Options.ServiceModel, await source.GetAsync(Acme, CancellationToken.None));

        await engine.ServiceModels.CreateAsync(Acme, default, Agent, new CreateServiceModel(ServiceFixtures.Model()));
        var first = await source.GetAsync(Acme, CancellationToken.None);
        Assert.Same(first, await source.GetAsync(Acme, CancellationToken.None));

        await engine.ServiceModels.ExecuteAsync(Acme, default, Agent, new RemoveConfigurationItem(new ConfigurationItemId("printer01")));
        var second = await source.GetAsync(Acme, CancellationToken.None);

        Assert.NotSame(first, second);
        Assert.True(first!.ConfigurationItems.ContainsKey("printer01"));
        Assert.False(second!.ConfigurationItems.ContainsKey("printer01"));
        var references = new ServiceModelReferences().ConfigurationItem(new ConfigurationItemId("printer01"));
        Assert.Equal(["Configuration item 'printer01' is not in the service model."], references.ProblemsIn(second));
        Assert.Empty(references.ProblemsIn(first));
    }

    [Fact]
    public async Task A_refused_edit_leaves_the_stored_model_as_it_was()
    {
        var (engine, store) = Engine();
        await engine.ServiceModels.CreateAsync(Acme, default, Agent, new CreateServiceModel(ServiceFixtures.Model()));

        var refused = await Assert.ThrowsAsync<DomainRuleViolationException>(() =>
            engine.ServiceModels.ExecuteAsync(Acme, default, Agent, new RemoveService(new ServiceId("email"))));

        Assert.Equal(ServiceModel.InvalidModelCode, refused.Code);
        Assert.Single(await store.ReadHistoryAsync(Acme, ServiceModelRecord.RecordType, ServiceModelRecordId.Text));
        Assert.Contains("email", (await engine.ServiceModels.GetAsync(Acme, default, Agent)).Model.Services.Keys);
    }
}
