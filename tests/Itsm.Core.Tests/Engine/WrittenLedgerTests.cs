using System.Collections.Generic;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Core.Tests.Incidents;
using Itsm.Core.Tests.Sla;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Services;
using Itsm.Sla;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Itsm.Core.Tests.Engine;

/// <summary>
/// The engine takes the SLA ledger it wrote instead of reading it again when the stored state is the very
/// text it wrote (issue 18: a command's cost); any other text, even of the same record at the same version,
/// is read.
/// </summary>
public sealed class WrittenLedgerTests
{
    private static readonly TenantId Tenant = IncidentFixtures.Tenant;
    private static readonly Actor Agent = IncidentFixtures.Agent;

    private readonly FakeClock _clock = IncidentFixtures.NewClock();
    private readonly InMemoryAggregateStore _store = new();

    private ItsmEngine Engine() => new(_store, ItsmAuthorizers.AllowAll, _clock, new ItsmEngineOptions
    {
        Agreements = [SlaFixtures.AgreementOf(SlaFixtures.ResolutionTarget())],
        Calendars = new Dictionary<string, Itsm.BusinessTime.BusinessCalendar> { ["uk-office"] = SlaFixtures.UkOffice },
    });

    private static OpenIncident Open() => new("caller.jones", "Cannot send e-mail", Impact.Medium, Urgency.Medium, new ServiceId("email"));

    [Fact]
    public async Task A_record_loaded_from_the_text_the_engine_wrote_holds_what_reading_that_text_gives()
    {
        var engine = Engine();
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, Open());
        _clock.Advance(Duration.FromHours(1));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")));
        _clock.Advance(Duration.FromHours(1));
        await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new PutIncidentOnHold(OnHoldReason.AwaitingVendor));

        var remembered = await engine.Incidents.GetAsync(Tenant, id, Agent);
        var read = await Engine().Incidents.GetAsync(Tenant, id, Agent);

        var codec = engine.Incidents.Codec;
        Assert.Equal(codec.Serialize(read), codec.Serialize(remembered));
        Assert.Equal(read.Sla.Committed!.LastAt, remembered.Sla.Committed!.LastAt);
        Assert.Equal(_clock.GetCurrentInstant(), remembered.Sla.Committed.LastAt);
    }

    [Fact]
    public async Task A_state_changed_behind_the_engine_is_read_not_taken_from_what_the_engine_wrote()
    {
        var engine = Engine();
        var id = IncidentId.New();
        await engine.Incidents.CreateAsync(Tenant, id, Agent, Open());
        _clock.Advance(Duration.FromHours(1));
        var assigned = await engine.Incidents.ExecuteAsync(Tenant, id, Agent, new AssignIncident(new SupportGroupId("Network")));

        // Another writer saves the same record with a ledger whose last snapshot is a day later.
        var stored = (await _store.LoadAsync(Tenant, Incident.RecordType, id.ToString()))!;
        var lastAt = StateTextOf(_clock.GetCurrentInstant());
        var later = _clock.GetCurrentInstant() + Duration.FromDays(1);
        Assert.Contains($"\"lastAt\":\"{lastAt}\"", stored.State, System.StringComparison.Ordinal);
        var changed = stored.State.Replace($"\"lastAt\":\"{lastAt}\"", $"\"lastAt\":\"{StateTextOf(later)}\"", System.StringComparison.Ordinal);
        var entry = new AuditEntry(Tenant, Incident.RecordType, id.ToString(), stored.Version + 1, later, Agent, "Note", "InProgress", "InProgress", new Dictionary<string, string>());
        await _store.SaveAsync(new AggregateWrite(Tenant, Incident.RecordType, id.ToString(), stored.Version, changed, assigned.Index!, [entry]));

        var loaded = await engine.Incidents.GetAsync(Tenant, id, Agent);

        Assert.Equal(later, loaded.Sla.Committed!.LastAt);
    }

    private static string StateTextOf(Instant instant) => NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);
}
