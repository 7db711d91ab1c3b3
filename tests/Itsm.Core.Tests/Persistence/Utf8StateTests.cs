using System.Text;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Incidents;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Services;
using NodaTime.Testing;
using Xunit;

namespace Itsm.Core.Tests.Persistence;

/// <summary>
/// The engine writes state as UTF-8 for a store that keeps it (the in-memory store) and reads it from the bytes
/// (issue 18: a command's allocation); records show the same text either way, and any other store gets strings.
/// </summary>
public sealed class Utf8StateTests
{
    private static readonly TenantId Tenant = IncidentFixtures.Tenant;
    private static readonly Actor Agent = IncidentFixtures.Agent;

    private readonly FakeClock _clock = IncidentFixtures.NewClock();

    private static OpenIncident Open() => new("caller.jones", "Cannot send e-mail", Impact.Medium, Urgency.Medium, new ServiceId("email"));

    [Fact]
    public async Task The_in_memory_store_keeps_the_state_the_engine_writes_as_UTF8_and_shows_it_as_the_codec_text()
    {
        var store = new InMemoryAggregateStore();
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, _clock);
        var id = IncidentId.New();
        var created = await engine.Incidents.CreateAsync(Tenant, id, Agent, Open());

        var stored = (await store.LoadAsync(Tenant, Incident.RecordType, id.ToString()))!;

        Assert.NotNull(stored.Utf8State);
        var text = engine.Incidents.Codec.Serialize(created.Record);
        Assert.Equal(text, stored.State);
        Assert.Equal(Encoding.UTF8.GetBytes(text), stored.Utf8State);
    }

    [Fact]
    public async Task A_store_that_does_not_keep_UTF8_is_given_the_state_as_a_string()
    {
        // Not the in-memory store itself but a store around it: it is given strings, and passes them on.
        var store = new Itsm.Core.Tests.Engine.InterferingStore();
        var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, _clock);
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, Open());
        var assigned = await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")));

        var stored = (await store.Inner.LoadAsync(Tenant, Incident.RecordType, id.ToString()))!;

        Assert.Null(stored.Utf8State);
        Assert.Equal(engine.Incidents.Codec.Serialize(assigned.Record), stored.State);
        Assert.Equal(IncidentState.InProgress, (await engine.Incidents.GetAsync(Tenant, id, Agent)).State);
    }

    [Fact]
    public void A_record_held_as_UTF8_equals_the_same_record_held_as_a_string()
    {
        var index = new RecordIndex("New", true, null, null, 3, IncidentFixtures.Monday0900, null);
        const string state = "{\"v\":1,\"note\":\"caf\u00e9\"}";
        var asText = new StoredAggregate(Tenant, "Incident", "id", 1, state, index) { Number = 7 };
        var asUtf8 = StoredAggregate.WithUtf8State(Tenant, "Incident", "id", 1, Encoding.UTF8.GetBytes(state), index, 7);

        Assert.Equal(asText, asUtf8);
        Assert.Equal(asUtf8, asText);
        Assert.Equal(asText.GetHashCode(), asUtf8.GetHashCode());
        Assert.Equal(state, asUtf8.State);
        Assert.NotEqual(asText, asUtf8 with { Number = 8 });
        Assert.NotEqual(asUtf8, StoredAggregate.WithUtf8State(Tenant, "Incident", "id", 1, Encoding.UTF8.GetBytes("{\"v\":1}"), index, 7));
    }

    [Fact]
    public void Setting_the_state_of_a_record_held_as_UTF8_replaces_the_bytes()
    {
        var index = new RecordIndex("New", true, null, null, 3, IncidentFixtures.Monday0900, null);
        var asUtf8 = StoredAggregate.WithUtf8State(Tenant, "Incident", "id", 1, Encoding.UTF8.GetBytes("{\"v\":1,\"a\":1}"), index, 1);

        var changed = asUtf8 with { State = "{\"v\":1,\"a\":2}" };

        Assert.Null(changed.Utf8State);
        Assert.Equal("{\"v\":1,\"a\":2}", changed.State);
        Assert.Equal("{\"v\":1,\"a\":1}", asUtf8.State);
    }
}
