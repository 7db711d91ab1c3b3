using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Persistence;
using NodaTime;
using Itsm.Services;

namespace Itsm.Benchmarks;

/// <summary>
/// Loading (Deserialize) and storing (Serialize) a record's state through its codec, beside the state
/// JSON before issue 18 as the baseline: a <see cref="System.Text.Json.JsonDocument"/> per load with
/// fields looked up on <see cref="System.Text.Json.JsonElement"/> (<see cref="DomStateReader"/>), and a
/// new buffer and writer per store with enum names and instants formatted to strings
/// (<see cref="DomStateJson"/>); <see cref="DomIncidentCodec"/> and <see cref="DomChangeCodec"/> are the
/// codecs' field lists on it.
/// </summary>
/// <remarks>
/// The incident is opened, assigned and put on hold (three SLA history entries, about 1.3 KB of state);
/// the change is the largest state: a normal change touching three services and two items, risk assessed,
/// approved by two CAB members and scheduled (about 0.9 KB). Each category's baseline is the old path.
/// The DOM codec copies mirror <c>IncidentCodec</c> and <c>ChangeCodec</c>: when a codec's fields change,
/// its copy must follow (<see cref="Setup"/> fails otherwise).
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StateCodecBenchmarks
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly IClock Clock = new FixedClock(Instant.FromUtc(2026, 3, 10, 14, 30));

    private readonly IncidentCodec _incidentCodec = new(IncidentOptions.Default);
    private readonly DomIncidentCodec _domIncidentCodec = new(IncidentOptions.Default);
    private readonly ChangeCodec _changeCodec = new(ChangeAuthorityPolicy.CreateDefault(cabQuorum: 2));
    private readonly DomChangeCodec _domChangeCodec = new(ChangeAuthorityPolicy.CreateDefault(cabQuorum: 2));

    private Incident _incident = null!;
    private string _incidentId = null!;
    private string _incidentJson = null!;
    private Change _change = null!;
    private string _changeId = null!;
    private string _changeJson = null!;

    /// <summary>Builds both records and checks that the old and new paths write and read the same state.</summary>
    /// <exception cref="InvalidOperationException">The paths disagree.</exception>
    [GlobalSetup]
    public void Setup()
    {
        _incident = NewIncident();
        _incident.AcceptAuditEntries();
        _incidentId = _incident.Id.ToString();
        _incidentJson = _incidentCodec.Serialize(_incident);
        _change = NewChange();
        _change.AcceptAuditEntries();
        _changeId = _change.Id.ToString();
        _changeJson = _changeCodec.Serialize(_change);

        Same("incident written", _incidentJson, _domIncidentCodec.Serialize(_incident));
        Same("incident read (DOM)", _incidentJson, _incidentCodec.Serialize(Incident_Deserialize_Dom()));
        Same("incident read", _incidentJson, _incidentCodec.Serialize(Incident_Deserialize()));
        Same("change written", _changeJson, _domChangeCodec.Serialize(_change));
        Same("change read (DOM)", _changeJson, _changeCodec.Serialize(Change_Deserialize_Dom()));
        Same("change read", _changeJson, _changeCodec.Serialize(Change_Deserialize()));
    }

    /// <summary>Baseline: the incident loaded through a JsonDocument.</summary>
    /// <returns>The loaded incident.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Incident load")]
    public Incident Incident_Deserialize_Dom() => _domIncidentCodec.Deserialize(Tenant, _incidentId, _incident.Version, _incidentJson, Clock);

    /// <summary>The incident loaded through its codec.</summary>
    /// <returns>The loaded incident.</returns>
    [Benchmark]
    [BenchmarkCategory("Incident load")]
    public Incident Incident_Deserialize() => _incidentCodec.Deserialize(Tenant, _incidentId, _incident.Version, _incidentJson, Clock);

    /// <summary>Baseline: the incident stored with a new writer and formatted strings.</summary>
    /// <returns>The state.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Incident store")]
    public string Incident_Serialize_Old() => _domIncidentCodec.Serialize(_incident);

    /// <summary>The incident stored through its codec.</summary>
    /// <returns>The state.</returns>
    [Benchmark]
    [BenchmarkCategory("Incident store")]
    public string Incident_Serialize() => _incidentCodec.Serialize(_incident);

    /// <summary>Baseline: the change loaded through a JsonDocument.</summary>
    /// <returns>The loaded change.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Change load")]
    public Change Change_Deserialize_Dom() => _domChangeCodec.Deserialize(Tenant, _changeId, _change.Version, _changeJson, Clock);

    /// <summary>The change loaded through its codec.</summary>
    /// <returns>The loaded change.</returns>
    [Benchmark]
    [BenchmarkCategory("Change load")]
    public Change Change_Deserialize() => _changeCodec.Deserialize(Tenant, _changeId, _change.Version, _changeJson, Clock);

    /// <summary>Baseline: the change stored with a new writer and formatted strings.</summary>
    /// <returns>The state.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Change store")]
    public string Change_Serialize_Old() => _domChangeCodec.Serialize(_change);

    /// <summary>The change stored through its codec.</summary>
    /// <returns>The state.</returns>
    [Benchmark]
    [BenchmarkCategory("Change store")]
    public string Change_Serialize() => _changeCodec.Serialize(_change);

    private static Incident NewIncident()
    {
        var clock = new MutableClock(Instant.FromUtc(2026, 3, 10, 9, 0) + Duration.FromNanoseconds(123_456_789));
        var agent = new Actor("bob", "itil");
        var incident = Incident.Open(Tenant, new IncidentId(new Guid("5f0c8a9e-3c1b-4c57-9a55-0d4d1b6f2a10")), agent, "carl", "E-mail is down for the third floor",
            Impact.High, Urgency.Medium, clock, IncidentOptions.Default, service: new ServiceId("email"));
        clock.Now += Duration.FromMinutes(10);
        incident.Assign(agent, new SupportGroupId("Network"), "net.ops");
        clock.Now += Duration.FromMinutes(25);
        incident.PutOnHold(agent, OnHoldReason.AwaitingVendor, "Waiting for the mail relay vendor.");
        return incident;
    }

    private static Change NewChange()
    {
        var clock = new MutableClock(Instant.FromUtc(2026, 3, 2, 9, 0));
        var requester = new Actor("rita", "peer");
        var policy = new RiskPolicy(
            [new RiskQuestion("impact", "How many users are affected?", new Dictionary<string, int> { ["none"] = 0, ["some"] = 3, ["all"] = 6 })],
            moderateFrom: 3,
            highFrom: 6,
            criticalServices: ["payments"]);
        var change = Change.Open(Tenant, new ChangeId(new Guid("00000000-0000-0000-0000-0000000000c1")), ChangeType.Normal, requester, "Patch the mail relay",
            "Drain the relay, apply the vendor patch, restart, watch the queue for an hour.", new ServiceId("email"), [new ConfigurationItemId("ci:relay-01"), new ConfigurationItemId("ci:relay-02")],
            clock, "ivan", RejectionPolicy.ReturnToNew, ChangeAuthorityPolicy.CreateDefault(cabQuorum: 2));
        change.Submit(requester);
        change.AssessRisk(new Actor("max", "change_manager"), policy, new Dictionary<string, string> { ["impact"] = "all" }, causesOutage: true);
        change.RequestAuthorization(requester);
        clock.Now += Duration.FromHours(2);
        change.Approve(new Actor("cab1", "cab"));
        clock.Now += Duration.FromMinutes(30);
        change.Approve(new Actor("cab2", "cab", "ecab"));
        change.Schedule(new Actor("max", "change_manager"), new Interval(Instant.FromUtc(2026, 3, 5, 22, 0), Instant.FromUtc(2026, 3, 5, 23, 30)), new ChangeCalendar([]));
        return change;
    }

    private static void Same(string what, string expected, string actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The old and new state JSON differ ({what}):\n{expected}\n{actual}");
        }
    }

    private sealed class MutableClock(Instant now) : IClock
    {
        public Instant Now { get; set; } = now;

        public Instant GetCurrentInstant() => Now;
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
