using System;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Services;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Services;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Engine;

/// <summary>With <see cref="ItsmEngineOptions.ServiceModel"/>, commands naming what the model does not hold are refused before they run.</summary>
public sealed class ServiceModelReferenceTests
{
    private static readonly TenantId Acme = new("acme");
    private static readonly Actor Agent = new("agent.smith", "itil");

    private static (ItsmEngine Engine, InMemoryAggregateStore Store) Engine(ServiceModel? model)
    {
        var store = new InMemoryAggregateStore();
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, new FakeClock(Instant.FromUtc(2026, 12, 3, 9, 0)), new ItsmEngineOptions { ServiceModel = model });
        return (engine, store);
    }

    [Fact]
    public async Task An_assignment_to_a_group_the_model_does_not_hold_is_refused_and_nothing_is_written()
    {
        var (engine, store) = Engine(ServiceFixtures.Model());
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Acme, id, Agent, new OpenIncident("caller", "Mail down", Impact.Low, Urgency.Low));

        var refused = await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Acme, id, Agent, new AssignIncident(new SupportGroupId("Mesaging"))));

        Assert.Equal(ServiceModel.UnknownReferenceCode, refused.Code);
        Assert.Contains("Support group 'Mesaging' is not in the service model.", refused.Message, StringComparison.Ordinal);
        Assert.Single(await store.ReadHistoryAsync(Acme, Incident.RecordType, id.ToString()));
    }

    [Fact]
    public async Task Known_groups_pass_and_an_engine_without_a_model_checks_nothing()
    {
        var (engine, _) = Engine(ServiceFixtures.Model());
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Acme, id, Agent, new OpenIncident("caller", "Mail down", Impact.Low, Urgency.Low));
        await engine.Incidents.ExecuteAsync(Acme, id, Agent, new AssignIncident(new SupportGroupId("Messaging")));
        var escalated = await engine.Incidents.ExecuteAsync(Acme, id, Agent, new EscalateIncidentFunctionally(new SupportGroupId("Web team"), "DNS is fine"));
        Assert.Equal("Web team", escalated.Record.AssignmentGroup?.Value);
        await Assert.ThrowsAsync<DomainRuleViolationException>(() => engine.Incidents.ExecuteAsync(Acme, id, Agent, new EscalateIncidentFunctionally(new SupportGroupId("Nobody"), "try")));

        var (free, _) = Engine(null);
        await free.Incidents.CreateAsync(Acme, id, Agent, new OpenIncident("caller", "Mail down", Impact.Low, Urgency.Low));
        Assert.Equal("Mesaging", ((await free.Incidents.ExecuteAsync(Acme, id, Agent, new AssignIncident(new SupportGroupId("Mesaging")))).Record.AssignmentGroup)?.Value);
    }

    [Fact]
    public void Ids_refuse_blank_and_unstorable_text()
    {
        Assert.Throws<ArgumentException>(() => new ServiceId(" "));
        Assert.Throws<ArgumentException>(() => new ConfigurationItemId("\uD800"));
        Assert.Throws<ArgumentNullException>(() => new SupplierId(null!));
        Assert.Equal("mx01", new ConfigurationItemId("mx01").ToString());
        Assert.Equal(new ServiceOfferingId("email-gold"), new ServiceOfferingId("email-gold"));
    }
}
