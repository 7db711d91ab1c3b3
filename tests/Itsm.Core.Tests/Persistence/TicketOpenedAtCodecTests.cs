using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using Itsm.Common;
using Itsm.Core.Tests.Incidents;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Requests;
using Itsm.Sla;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Sla.SlaFixtures;

namespace Itsm.Core.Tests.Persistence;

/// <summary>
/// A ticket's opened and created instants in its state document (docs/record-state.md): an incident's <c>openedAt</c> and
/// <c>createdAt</c>, a request's <c>submittedAt</c> and <c>openedAt</c>; states written before the opened instant could
/// differ from the creation read with the two the same.
/// </summary>
public sealed class TicketOpenedAtCodecTests
{
    private static readonly IncidentCodec Incidents = new(IncidentOptions.Default);
    private static readonly ServiceRequestCodec Requests = new();
    private static readonly Instant Phoned = Mon(8, 52) + Duration.FromNanoseconds(7);

    private static Incident NewIncident(FakeClock clock) =>
        Incident.Open(IncidentFixtures.Tenant, IncidentId.New(), IncidentFixtures.Agent, "caller.jones", "Mail down", Impact.High, Urgency.High, clock, openedAt: Phoned);

    private static Incident LoadIncident(Incident like, string json) =>
        Incidents.Deserialize(like.Tenant, like.Id.ToString(), like.Version, json, new FakeClock(Tue(9)));

    private static ServiceRequest NewRequest(FakeClock clock) =>
        ServiceRequest.Submit(IncidentFixtures.Tenant, ServiceRequestId.New(), new Actor("rita"), new CatalogItem("password-reset", false), clock, openedAt: Phoned);

    private static ServiceRequest LoadRequest(ServiceRequest like, string json) =>
        Requests.Deserialize(like.Tenant, like.Id.ToString(), like.Version, json, new FakeClock(Tue(9)));

    [Fact]
    public void An_incident_opened_before_it_was_created_round_trips_both_instants_and_its_snapshot()
    {
        var incident = NewIncident(new FakeClock(Mon(9)));
        var json = Incidents.Serialize(incident);
        var root = JsonNode.Parse(json)!.AsObject();

        var loaded = LoadIncident(incident, json);

        Assert.Equal("2026-11-30T08:52:00.000000007Z", (string)root["openedAt"]!);
        Assert.Equal("2026-11-30T09:00:00Z", (string)root["createdAt"]!);
        Assert.Equal(Phoned, loaded.OpenedAt);
        Assert.Equal(Mon(9), loaded.CreatedAt);
        Assert.True(TicketSlaProjection.SameValue(incident.ToTicketSnapshot(), loaded.ToTicketSnapshot()));
        Assert.Equal(json, Incidents.Serialize(loaded));
        Assert.Equal(Phoned, Incidents.IndexOf(loaded, null).OpenedAt);
    }

    [Fact]
    public void An_incident_state_without_createdAt_reads_as_created_when_it_was_opened()
    {
        var incident = IncidentFixtures.Open(new FakeClock(Mon(9)), Impact.High, Urgency.High);
        var root = JsonNode.Parse(Incidents.Serialize(incident))!.AsObject();
        root.Remove("createdAt");

        var loaded = LoadIncident(incident, root.ToJsonString());

        Assert.Equal(Mon(9), loaded.OpenedAt);
        Assert.Equal(Mon(9), loaded.CreatedAt);
        Assert.Equal(Mon(9), loaded.ToTicketSnapshot().CreatedAt);
        Assert.Contains("\"createdAt\":\"2026-11-30T09:00:00Z\"", Incidents.Serialize(loaded), StringComparison.Ordinal);
    }

    [Fact]
    public void An_incident_created_before_it_was_opened_is_refused_as_corrupt()
    {
        var incident = NewIncident(new FakeClock(Mon(9)));
        var root = JsonNode.Parse(Incidents.Serialize(incident))!.AsObject();
        root["createdAt"] = "2026-11-30T08:00:00Z";

        var e = Assert.Throws<JsonException>(() => LoadIncident(incident, root.ToJsonString()));

        Assert.Contains("'createdAt' must not be before openedAt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_opened_before_it_was_submitted_round_trips_both_instants_and_its_snapshot()
    {
        var request = NewRequest(new FakeClock(Mon(9)));
        var json = Requests.Serialize(request);
        var root = JsonNode.Parse(json)!.AsObject();

        var loaded = LoadRequest(request, json);

        Assert.Equal("2026-11-30T09:00:00Z", (string)root["submittedAt"]!);
        Assert.Equal("2026-11-30T08:52:00.000000007Z", (string)root["openedAt"]!);
        Assert.Equal(Phoned, loaded.OpenedAt);
        Assert.Equal(Mon(9), loaded.SubmittedAt);
        Assert.Equal(Phoned, loaded.ToTicketSnapshot().OpenedAt);
        Assert.Equal(Mon(9), loaded.ToTicketSnapshot().CreatedAt);
        Assert.Equal(json, Requests.Serialize(loaded));
        Assert.Equal(Phoned, Requests.IndexOf(loaded, null).OpenedAt);
    }

    [Fact]
    public void A_request_state_without_openedAt_reads_as_opened_when_it_was_submitted()
    {
        var request = ServiceRequest.Submit(IncidentFixtures.Tenant, ServiceRequestId.New(), new Actor("rita"), new CatalogItem("password-reset", false), new FakeClock(Mon(9)));
        var root = JsonNode.Parse(Requests.Serialize(request))!.AsObject();
        root.Remove("openedAt");

        var loaded = LoadRequest(request, root.ToJsonString());

        Assert.Equal(Mon(9), loaded.OpenedAt);
        Assert.Equal(Mon(9), loaded.ToTicketSnapshot().OpenedAt);
    }

    [Fact]
    public void A_request_opened_after_it_was_submitted_is_refused_as_corrupt()
    {
        var request = NewRequest(new FakeClock(Mon(9)));
        var root = JsonNode.Parse(Requests.Serialize(request))!.AsObject();
        root["openedAt"] = "2026-11-30T09:00:00.000000001Z";

        var e = Assert.Throws<JsonException>(() => LoadRequest(request, root.ToJsonString()));

        Assert.Contains("'openedAt' must not be after submittedAt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_opening_events_read_back_from_their_audit_data_with_the_opened_instant_and_without_it()
    {
        var clock = new FakeClock(Mon(9));
        var withInstant = NewIncident(clock).UncommittedAuditEntries[0];
        var without = IncidentFixtures.Open(clock, Impact.High, Urgency.High).UncommittedAuditEntries[0];
        var submitted = NewRequest(clock).UncommittedAuditEntries[0];

        Assert.Equal(Phoned, Assert.IsType<IncidentOpened>(DomainEvents.Read(Incident.RecordType, withInstant.Command, withInstant.Data)).OpenedAt);
        Assert.Null(Assert.IsType<IncidentOpened>(DomainEvents.Read(Incident.RecordType, without.Command, without.Data)).OpenedAt);
        Assert.Equal(Phoned, Assert.IsType<ServiceRequestSubmitted>(DomainEvents.Read(ServiceRequest.RecordType, submitted.Command, submitted.Data)).OpenedAt);
        Assert.Equal(withInstant.Event, DomainEvents.Read(Incident.RecordType, withInstant.Command, withInstant.Data));

        var bad = new System.Collections.Generic.Dictionary<string, string>(withInstant.Data) { ["openedAt"] = "yesterday" };
        Assert.IsType<UnrecognizedEvent>(DomainEvents.Read(Incident.RecordType, withInstant.Command, bad));
    }
}
