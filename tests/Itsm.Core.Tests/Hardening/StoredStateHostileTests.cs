using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Core.Tests.Engine;
using Itsm.Core.Tests.Services;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.ServiceModelRecords;
using Itsm.Tests.Hardening;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Itsm.Core.Tests.Hardening;

/// <summary>
/// Stored state that a store hands back damaged (a huge value, control characters, unpaired surrogates, text that is not
/// JSON): the engine reads it or refuses it with <see cref="CorruptRecordException"/> (<c>ITSM-PERSIST-CORRUPT-001</c>),
/// whose message stays bounded and free of raw control characters and unpaired surrogates, whatever the stored text
/// (the state codecs, <c>StateDocument</c> and <c>StateReader</c>, and the service model's codec).
/// </summary>
public sealed class StoredStateHostileTests
{
    // Whatever the stored text: the prefix naming the record, and a reason cut to 512 characters (6 each when escaped).
    private const int MaxMessage = 4_000;
    private const int TenMegabytes = 10 * 1024 * 1024;

    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("bob", "itil");

    private static readonly Lazy<World> Incident = new(() => World.IncidentAsync().GetAwaiter().GetResult());
    private static readonly Lazy<World> ServiceModel = new(() => World.ServiceModelAsync().GetAwaiter().GetResult());

    // Named, and built in the test: 10 MB theory data would be serialized by test discovery.
    private static readonly Dictionary<string, Func<string>> Hostile = new()
    {
        ["10 MB that is not JSON"] = () => new string('x', TenMegabytes),
        ["10 MB of control characters"] = () => new string('\u0001', TenMegabytes),
        ["an unterminated 10 MB string"] = () => "{\"v\":\"" + new string('x', TenMegabytes),
        ["a 10 MB key"] = () => "{\"" + new string('x', TenMegabytes) + "\":1}",
        ["a 10 MB number"] = () => "{\"v\":1" + new string('0', TenMegabytes) + "}",
        ["a 10 MB unpaired surrogate run"] = () => new string('\uD800', TenMegabytes),
        ["control characters and surrogates"] = () => "{\"v\":\"\u0000\u001b[31m\uDC00\uD800\"}",
        ["a name that escapes a lone surrogate"] = () => "{\"v\":1,\"\\uDC00x\":1}",
        ["an array"] = () => "[" + string.Join(",", Enumerable.Repeat("1", 100_000)) + "]",
        ["empty"] = () => string.Empty,
    };

    public static IEnumerable<object[]> HostileStates() => Hostile.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(HostileStates))]
    public async Task A_hostile_incident_state_is_corrupt_with_a_bounded_message(string kind)
    {
        var e = await Assert.ThrowsAsync<CorruptRecordException>(() => Incident.Value.LoadAsync(Hostile[kind]()));

        AssertBounded(e, kind);
    }

    [Theory]
    [MemberData(nameof(HostileStates))]
    public async Task A_hostile_service_model_state_is_corrupt_with_a_bounded_message(string kind)
    {
        var e = await Assert.ThrowsAsync<CorruptRecordException>(() => ServiceModel.Value.LoadAsync(Hostile[kind]()));

        AssertBounded(e, kind);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task A_huge_or_hostile_value_in_a_field_of_a_valid_incident_state_reads_or_is_corrupt_with_a_bounded_message(string field)
    {
        foreach (var value in new[] { "\"" + new string('y', TenMegabytes) + "\"", "\"\\u0000\\u001b\\uD800\\uDC00x\"", "\"\\uDC00\\uD800\"", "\"\\uD800\"", "\"\\u00e9\u00ff\"", "1e400", "-9223372036854775809", "{}", "[]", "null" })
        {
            var state = Incident.Value.ReplaceField(field, value);
            try
            {
                await Incident.Value.LoadAsync(state);
            }
            catch (CorruptRecordException e)
            {
                AssertBounded(e, $"{field} = {value[..Math.Min(value.Length, 20)]}");
            }
        }
    }

    public static IEnumerable<object[]> Fields() => Incident.Value.Fields.Select(f => new object[] { f });

    [Property(MaxTest = 300)]
    public Property A_damaged_incident_state_reads_or_is_corrupt_with_a_bounded_message() =>
        Prop.ForAll(HostileText.Json(Incident.Value.State), d => LoadsOrIsCorrupt(Incident.Value, d.Text));

    [Property(MaxTest = 300)]
    public Property A_damaged_service_model_state_reads_or_is_corrupt_with_a_bounded_message() =>
        Prop.ForAll(HostileText.Json(ServiceModel.Value.State), d => LoadsOrIsCorrupt(ServiceModel.Value, d.Text));

    [Fact]
    public void Huge_malformed_states_read_or_are_corrupt_with_a_bounded_message()
    {
        foreach (var world in new[] { Incident.Value, ServiceModel.Value })
        {
            foreach (var damaged in HostileText.HugeMalformed(world.State))
            {
                Assert.True(LoadsOrIsCorrupt(world, damaged.Text), damaged.Kind);
            }
        }
    }

    private static bool LoadsOrIsCorrupt(World world, string state)
    {
        try
        {
            world.LoadAsync(state).GetAwaiter().GetResult();
            return true;
        }
        catch (CorruptRecordException e)
        {
            AssertBounded(e, state[..Math.Min(state.Length, 40)]);
            return true;
        }
    }

    private static void AssertBounded(CorruptRecordException e, string kind)
    {
        Assert.Equal(CorruptRecordException.ErrorCode, e.Code);
        Assert.True(e.Message.Length <= MaxMessage, $"{kind}: {e.Message.Length} characters");
        Assert.DoesNotContain(e.Message, c => char.IsControl(c));
        for (int i = 0; i < e.Message.Length; i++)
        {
            if (char.IsHighSurrogate(e.Message[i]))
            {
                Assert.True(i + 1 < e.Message.Length && char.IsLowSurrogate(e.Message[i + 1]), kind);
                i++;
            }
            else
            {
                Assert.False(char.IsLowSurrogate(e.Message[i]), kind);
            }
        }
    }

    private sealed class World
    {
        private readonly InterferingStore _store;
        private readonly Func<Task> _load;

        private World(InterferingStore store, string state, Func<Task> load)
        {
            _store = store;
            State = state;
            _load = load;
        }

        public string State { get; }

        // The top-level fields of the valid state, each replaced in turn by a hostile value.
        public IReadOnlyList<string> Fields =>
            [.. System.Text.Json.JsonDocument.Parse(State).RootElement.EnumerateObject().Select(p => p.Name)];

        public static async Task<World> IncidentAsync()
        {
            var store = new InterferingStore();
            var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, new FakeClock(Instant.FromUtc(2026, 12, 3, 9, 0)), new ItsmEngineOptions());
            var id = IncidentId.New();
            await engine.Incidents.CreateAsync(Tenant, id, Agent, new OpenIncident("caller", "Mail down", Impact.Low, Urgency.Low));
            await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AddIncidentWorkNote("looking"));
            var stored = await store.Inner.LoadAsync(Tenant, Itsm.Incidents.Incident.RecordType, id.ToString());
            return new World(store, stored!.State, () => engine.Incidents.GetAsync(Tenant, id, Agent));
        }

        public static async Task<World> ServiceModelAsync()
        {
            var store = new InterferingStore();
            var engine = new ItsmEngine(store, ItsmAuthorizers.AllowAll, new FakeClock(Instant.FromUtc(2026, 12, 3, 9, 0)), new ItsmEngineOptions());
            await engine.ServiceModels.CreateAsync(Tenant, ServiceModelRecordId.Only, Agent, new CreateServiceModel(ServiceFixtures.Model()));
            var stored = await store.Inner.LoadAsync(Tenant, ServiceModelRecord.RecordType, ServiceModelRecordId.Text);
            return new World(store, stored!.State, () => engine.ServiceModels.GetAsync(Tenant, ServiceModelRecordId.Only, Agent));
        }

        public string ReplaceField(string field, string value)
        {
            // Put in as text: a DOM would refuse to write some of the hostile values (a lone surrogate escaped).
            const string Marker = "@@hostile-value@@";
            var node = System.Text.Json.Nodes.JsonNode.Parse(State)!.AsObject();
            node[field] = Marker;
            return node.ToJsonString().Replace("\"" + Marker + "\"", value, StringComparison.Ordinal);
        }

        public async Task LoadAsync(string state)
        {
            _store.OnLoad = s => s with { State = state };
            try
            {
                await _load();
            }
            finally
            {
                _store.OnLoad = null;
            }
        }
    }
}
