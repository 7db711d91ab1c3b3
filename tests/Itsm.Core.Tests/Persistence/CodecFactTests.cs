using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Core.Tests.Incidents;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;
using Itsm.Sla;
using NodaTime;
using NodaTime.Testing;
using static Itsm.Core.Tests.Sla.SlaFixtures;
using Itsm.Services;

namespace Itsm.Core.Tests.Persistence;

/// <summary>The state documents' shape, their refusal of corrupt input, the indexed fields, and the ticket history.</summary>
public sealed class CodecFactTests
{
    private static readonly IncidentCodec Codec = new(IncidentOptions.Default);

    private static Incident OpenIncident(FakeClock clock) =>
        IncidentFixtures.Open(clock, Impact.High, Urgency.Medium);

    private static string IncidentJson()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0) + Duration.FromNanoseconds(123_456_789));
        var incident = OpenIncident(clock);
        clock.Advance(Duration.FromMinutes(10));
        incident.Assign(IncidentFixtures.Agent, new SupportGroupId("Network"), "net.ops");
        incident.PutOnHold(IncidentFixtures.Agent, OnHoldReason.AwaitingVendor);
        return Codec.Serialize(incident);
    }

    private static Incident Load(string json) =>
        Codec.Deserialize(IncidentFixtures.Tenant, "00000000-0000-0000-0000-000000000001", 3, json, new FakeClock(Instant.FromUtc(2026, 12, 1, 0, 0)));

    [Fact]
    public void Incident_state_document_has_the_documented_shape()
    {
        var root = JsonNode.Parse(IncidentJson())!.AsObject();

        Assert.Equal("v", root.First().Key);
        Assert.Equal(1, (int)root["v"]!);
        Assert.Equal("OnHold", (string)root["state"]!);
        Assert.Equal("AwaitingVendor", (string)root["onHoldReason"]!);
        Assert.Equal("High", (string)root["impact"]!);
        Assert.Equal(2, (int)root["priority"]!);
        Assert.Equal("Network", (string)root["assignmentGroup"]!);
        Assert.Equal("2026-11-30T09:00:00.123456789Z", (string)root["openedAt"]!);
        Assert.Null(root["resolvedAt"]);
        Assert.True(root.ContainsKey("resolvedAt"));
        Assert.False(root.ContainsKey("version"));
        Assert.False(root.ContainsKey("id"));
        // The SLA ledger, not the history: saved outside the engine, nothing has been folded into it.
        Assert.False(root.ContainsKey("ticketHistory"));
        var sla = root["sla"]!.AsObject();
        Assert.Equal(["openedAt", "lastAt", "tracks", "crossed"], sla.Select(p => p.Key));
        Assert.Empty(sla["tracks"]!.AsArray());
    }

    [Fact]
    public void A_state_saved_with_its_ticket_history_loads_and_folds_the_history_into_its_ledger()
    {
        // Before the ledger, a ticket stored its whole SLA history under "ticketHistory".
        var clock = new FakeClock(Mon(9));
        var incident = OpenIncident(clock);
        clock.Reset(Mon(10));
        incident.PutOnHold(IncidentFixtures.Agent, OnHoldReason.AwaitingVendor);
        var history = Incident.ReplayTicketHistory(incident.UncommittedAuditEntries);
        var root = JsonNode.Parse(Codec.Serialize(incident))!.AsObject();
        root.Remove("sla");
        root["ticketHistory"] = new JsonArray(history.Select(c => (JsonNode)new JsonObject
        {
            ["at"] = NodaTime.Text.InstantPattern.ExtendedIso.Format(c.At),
            ["snapshot"] = new JsonObject
            {
                ["state"] = c.Snapshot.State,
                ["priority"] = c.Snapshot.Priority.Value,
                ["onHoldReason"] = c.Snapshot.OnHoldReason,
                ["service"] = c.Snapshot.Service,
                ["offering"] = null,
                ["assignmentGroup"] = c.Snapshot.AssignmentGroup,
                ["supplier"] = null,
                ["attributes"] = new JsonObject(c.Snapshot.Attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
            },
        }).ToArray());

        var loaded = Codec.Deserialize(incident.Tenant, incident.Id.ToString(), incident.Version, root.ToJsonString(), clock);

        Assert.Null(loaded.Sla.Committed);
        Assert.Equal(history.Select(c => (c.At, c.Snapshot.State)), loaded.Sla.Pending.Select(c => (c.At, c.Snapshot.State)));
        var due = new Itsm.Engine.SlaDueCalculator([AgreementOf(ResolutionTarget())], new Dictionary<string, Itsm.BusinessTime.BusinessCalendar> { ["uk-office"] = UkOffice });
        var ledger = due.Advance(loaded.Sla, null);
        Assert.Equal(Mon(10), ledger.Tracks[0].Clock.LastEventAt);
        Assert.Equal(Duration.FromHours(1), ledger.Tracks[0].Clock.Elapsed);

        // Once saved, the state holds the ledger and no history.
        loaded.Sla.Prepared = ledger;
        loaded.AcceptAuditEntries();
        var saved = JsonNode.Parse(Codec.Serialize(loaded))!.AsObject();
        Assert.False(saved.ContainsKey("ticketHistory"));
        Assert.Equal("Paused", (string)saved["sla"]!["tracks"]![0]!["clock"]!["phase"]!);
    }

    [Fact]
    public void Loaded_incident_starts_at_the_stored_version_with_nothing_uncommitted()
    {
        var incident = Load(IncidentJson());

        Assert.Equal(3, incident.Version);
        Assert.Empty(incident.UncommittedAuditEntries);
        incident.Resume(IncidentFixtures.Agent);
        var entry = Assert.Single(incident.UncommittedAuditEntries);
        Assert.Equal(4, entry.Version);
        Assert.Equal(("OnHold", "InProgress"), (entry.FromState, entry.ToState));
    }

    public static TheoryData<string, string, string> CorruptIncidents => new()
    {
        { "not json", "{", "not valid JSON" },
        { "not an object", "[1, 2]", "must be a JSON object" },
        { "v missing", """{"state":"New"}""", "'v' is missing" },
        { "v is 2", """{"v":2}""", "'v' is 2" },
        { "v is text", """{"v":"1"}""", "'v' must be an integer" },
    };

    [Theory]
    [MemberData(nameof(CorruptIncidents))]
    public void Corrupt_documents_are_refused_with_a_JsonException_naming_the_problem(string why, string json, string message)
    {
        var e = Assert.Throws<JsonException>(() => Load(json));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("Incident state: ", e.Message, StringComparison.Ordinal);
        Assert.NotNull(why);
    }

    public static TheoryData<string, string?, string> CorruptFields => new()
    {
        { "callerId", null, "'callerId' is missing" },
        { "callerId", "42", "'callerId' must be a string" },
        { "state", "\"Pending\"", "'state' 'Pending' is not a IncidentState name" },
        { "state", "\"3\"", "'state' '3' is not a IncidentState name" },
        { "state", "\"OnHold, Closed\"", "is not a IncidentState name" },
        { "impact", "1", "'impact' must be a Impact name" },
        { "priority", "9", "'priority' must be a priority from 1 to 5" },
        { "priority", "\"2\"", "'priority' must be an integer" },
        { "isMajor", "\"false\"", "'isMajor' must be true, false or null" },
        { "isMajor", "null", "'isMajor' must be true or false" },
        { "openedAt", "\"2026-11-30 09:00\"", "'openedAt' is not an instant" },
        { "openedAt", "null", "'openedAt' must be an instant" },
        { "resolvedAt", "17", "'resolvedAt' must be an instant" },
        { "parentId", "\"not-a-guid\"", "'parentId' must be an id" },
        { "escalationLevel", "-1", "'escalationLevel' must not be negative" },
        { "sla", "[]", "'sla' must be an object" },
        { "sla", "{\"openedAt\":null,\"lastAt\":null,\"tracks\":{},\"crossed\":[]}", "'sla.tracks' must be an array" },
        { "sla", "{\"openedAt\":\"2026-11-30T09:00:00Z\",\"lastAt\":\"2026-11-30T09:00:00Z\",\"tracks\":[{\"agreement\":\"SLA-1\",\"metric\":\"resolution\",\"cycle\":0,\"priority\":2,\"previousStart\":true,\"previousReset\":false,\"clock\":{\"phase\":\"Running\",\"startedAt\":\"2026-11-30T09:00:00Z\",\"lastEventAt\":\"2026-11-30T09:00:00Z\",\"target\":0,\"elapsed\":0,\"paused\":0,\"breachAt\":null,\"everBreached\":false},\"shadows\":[]}],\"crossed\":[]}", "'sla.tracks[0].clock.target' must be positive" },
        { "sla", "{\"openedAt\":\"2026-11-30T09:00:00Z\",\"lastAt\":\"2026-11-30T09:00:00Z\",\"tracks\":[{\"agreement\":\"SLA-1\",\"metric\":\"resolution\",\"cycle\":0,\"priority\":2,\"previousStart\":true,\"previousReset\":false,\"clock\":{\"phase\":\"Running\",\"startedAt\":\"2026-11-30T09:00:00Z\",\"lastEventAt\":\"2026-11-30T09:00:00Z\",\"target\":\"8 hours\",\"elapsed\":0,\"paused\":0,\"breachAt\":null,\"everBreached\":false},\"shadows\":[]}],\"crossed\":[]}", "'sla.tracks[0].clock.target' must be a decimal number" },
        { "sla", "{\"openedAt\":\"2026-11-30T09:00:00Z\",\"lastAt\":\"2026-11-30T09:00:00Z\",\"tracks\":[{\"agreement\":\"SLA-1\",\"metric\":\"resolution\",\"cycle\":0,\"priority\":2,\"previousStart\":true,\"previousReset\":false,\"clock\":{\"phase\":\"Running\",\"startedAt\":\"2026-11-30T09:00:00Z\",\"lastEventAt\":\"2026-11-30T09:00:00Z\",\"target\":1.5,\"elapsed\":0,\"paused\":0,\"breachAt\":null,\"everBreached\":false},\"shadows\":[]}],\"crossed\":[]}", "'sla.tracks[0].clock.target' must be a duration in whole nanoseconds" },
        { "sla", "{\"openedAt\":\"2026-11-30T09:00:00Z\",\"lastAt\":\"2026-11-30T09:00:00Z\",\"tracks\":[{\"agreement\":\"SLA-1\",\"metric\":\"resolution\",\"cycle\":0,\"priority\":null,\"previousStart\":true,\"previousReset\":false,\"clock\":{\"phase\":\"Running\",\"startedAt\":\"2026-11-30T09:00:00Z\",\"lastEventAt\":\"2026-11-30T09:00:00Z\",\"target\":28800000000000,\"elapsed\":0,\"paused\":0,\"breachAt\":null,\"everBreached\":false},\"shadows\":[]}],\"crossed\":[]}", "'sla.tracks[0].priority' must be a priority from 1 to 5 once a clock has started" },
        { "sla", "{\"openedAt\":\"2026-11-30T09:00:00Z\",\"lastAt\":\"2026-11-30T09:00:00Z\",\"tracks\":[{\"agreement\":\"SLA-1\",\"metric\":\"resolution\",\"cycle\":-2,\"priority\":2,\"previousStart\":true,\"previousReset\":false,\"clock\":{\"phase\":\"Running\",\"startedAt\":\"2026-11-30T09:00:00Z\",\"lastEventAt\":\"2026-11-30T09:00:00Z\",\"target\":28800000000000,\"elapsed\":0,\"paused\":0,\"breachAt\":null,\"everBreached\":false},\"shadows\":[]}],\"crossed\":[]}", "'sla.tracks[0].cycle' must be -1 or more" },
    };

    [Theory]
    [MemberData(nameof(CorruptFields))]
    public void Corrupt_fields_are_refused_with_a_JsonException_naming_the_field(string field, string? value, string message)
    {
        var root = JsonNode.Parse(IncidentJson())!.AsObject();
        if (value is null)
        {
            root.Remove(field);
        }
        else
        {
            root[field] = JsonNode.Parse(value);
        }

        var e = Assert.Throws<JsonException>(() => Load(root.ToJsonString()));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_id_is_refused_with_a_FormatException_naming_the_id()
    {
        var e = Assert.Throws<FormatException>(() => Codec.Deserialize(IncidentFixtures.Tenant, "INC0001", 1, IncidentJson(), new FakeClock(Instant.FromUtc(2026, 12, 1, 0, 0))));

        Assert.Equal("Incident id: 'INC0001' is not a non-empty GUID in the \"D\" format.", e.Message);
    }

    [Fact]
    public void Every_codec_refuses_a_document_of_another_schema_version()
    {
        var tenant = new TenantId("acme");
        string id = Guid.NewGuid().ToString();
        var clock = new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0));
        const string json = """{"v":7}""";
        Assert.Contains("'v' is 7", Assert.Throws<JsonException>(() => new ProblemCodec().Deserialize(tenant, id, 1, json, clock)).Message, StringComparison.Ordinal);
        Assert.Contains("'v' is 7", Assert.Throws<JsonException>(() => new ChangeCodec(ChangeAuthorityPolicy.Default).Deserialize(tenant, id, 1, json, clock)).Message, StringComparison.Ordinal);
        Assert.Contains("'v' is 7", Assert.Throws<JsonException>(() => new ServiceRequestCodec().Deserialize(tenant, id, 1, json, clock)).Message, StringComparison.Ordinal);
        Assert.Contains("'v' is 7", Assert.Throws<JsonException>(() => new InteractionCodec().Deserialize(tenant, id, 1, json, clock)).Message, StringComparison.Ordinal);
        Assert.Contains("'v' is 7", Assert.Throws<JsonException>(() => new ImprovementItemCodec().Deserialize(tenant, id, 1, json, clock)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_fields_of_other_aggregates_are_named_by_their_path()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 9, 0));
        var codec = new ChangeCodec(ChangeAuthorityPolicy.Default);
        var change = Change.Open(new TenantId("acme"), new ChangeId(Guid.NewGuid()), ChangeType.Normal, new Actor("rita"), "Patch", "Plan.", new ServiceId("email"), [], clock);
        change.Submit(new Actor("rita"));
        change.AssessRisk(new Actor("rita"), Lifecycles.ChangeWorld.Policy, new Dictionary<string, string> { ["impact"] = Lifecycles.ChangeWorld.Answer(1)! }, false);
        change.RequestAuthorization(new Actor("rita"));
        var root = JsonNode.Parse(codec.Serialize(change))!.AsObject();
        root["riskAssessment"]!["risk"] = "Extreme";

        var e = Assert.Throws<JsonException>(() => codec.Deserialize(change.Tenant, change.Id.ToString(), change.Version, root.ToJsonString(), clock));

        Assert.Equal("Change state: 'riskAssessment.risk' 'Extreme' is not a ChangeRisk name.", e.Message);
    }

    [Fact]
    public void Decimals_round_trip_exactly_with_their_scale()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 9, 0));
        var codec = new ImprovementItemCodec();
        var item = ImprovementItem.Propose(new TenantId("acme"), new ImprovementItemId(Guid.NewGuid()), new Actor("rita", "ci_manager"), "Faster resets", "Backlog",
            KpiDirection.LowerIsBetter, 79228162514264337593543950335m, 12.50m, clock);
        item.Approve(new Actor("carol"));
        item.Start(new Actor("carol"));
        item.Complete(new Actor("carol"), 0.0000000000000000000000000001m);

        var loaded = codec.Deserialize(item.Tenant, item.Id.ToString(), item.Version, codec.Serialize(item), clock);

        Assert.Equal("79228162514264337593543950335", loaded.Baseline.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("12.50", loaded.Target.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.0000000000000000000000000001m, loaded.MeasuredEffect);
        Assert.Equal(new Actor("rita", "ci_manager"), loaded.ProposedBy);
        Assert.Contains("\"target\":12.50", codec.Serialize(item), StringComparison.Ordinal);
    }

    [Fact]
    public void IndexOf_gives_the_indexed_fields_and_counts_resolved_incidents_as_open()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0));
        var incident = OpenIncident(clock);
        incident.Assign(IncidentFixtures.Agent, new SupportGroupId("Network"));
        incident.Resolve(IncidentFixtures.Agent, IncidentResolutionCode.SolvedWorkaround, "Restarted.");
        var due = Instant.FromUtc(2026, 11, 30, 17, 0);

        Assert.Equal(new Itsm.Persistence.RecordIndex("Resolved", true, "email", "Network", 2, clock.GetCurrentInstant(), due), Codec.IndexOf(incident, due));
        incident.Close(IncidentFixtures.Agent);
        Assert.False(Codec.IndexOf(incident, null).IsOpen);

        var change = Change.Open(new TenantId("acme"), new ChangeId(Guid.NewGuid()), ChangeType.Standard, new Actor("rita"), "Patch", "Plan.", new ServiceId("mail"), [], clock);
        var changeIndex = new ChangeCodec(ChangeAuthorityPolicy.Default).IndexOf(change, null);
        Assert.Equal(("New", true, "mail", (string?)null, (int?)null), (changeIndex.State, changeIndex.IsOpen, changeIndex.Service, changeIndex.AssignmentGroup, changeIndex.Priority));

        var interaction = Interaction.Log(new TenantId("acme"), new InteractionId(Guid.NewGuid()), new Actor("bob"), Channel.Phone, "carl", "Cannot log in", clock);
        interaction.AnswerOnFirstContact(new Actor("bob"), "Caps lock.");
        Assert.False(new InteractionCodec().IndexOf(interaction, null).IsOpen);
    }

    [Fact]
    public void Ticket_history_has_one_change_per_command_as_the_live_ledger_folds_them()
    {
        var clock = new FakeClock(Mon(9));
        var incident = OpenIncident(clock);
        clock.Reset(Mon(9, 10));
        incident.LinkProblem(IncidentFixtures.Agent, "PRB0001");
        clock.Reset(Mon(9, 20));
        incident.EscalateHierarchically(IncidentFixtures.Agent, "manager.brown", "VIP.");

        var history = Incident.ReplayTicketHistory(incident.UncommittedAuditEntries);
        Assert.Equal([Mon(9), Mon(9, 10), Mon(9, 20)], history.Select(c => c.At));
        Assert.True(TicketSlaProjection.SameValue(history[0].Snapshot, history[1].Snapshot));
        Assert.Equal("1", history[^1].Snapshot.Attributes["escalationLevel"]);
    }

    /// <summary>Open Monday 09:00 (P2: 8 business hours), on hold 10:00-12:00, resumed, resolved 15:00 on the 09:00-17:00 London calendar.</summary>
    [Fact]
    public void Ticket_history_gives_the_SLA_clocks_of_open_hold_resume_resolve()
    {
        var clock = new FakeClock(Mon(9));
        var incident = OpenIncident(clock);
        clock.Reset(Mon(10));
        incident.PutOnHold(IncidentFixtures.Agent, OnHoldReason.AwaitingVendor);
        clock.Reset(Mon(12));
        incident.Resume(IncidentFixtures.Agent);
        clock.Reset(Mon(15));
        incident.Resolve(IncidentFixtures.Agent, IncidentResolutionCode.SolvedWorkaround, "Vendor patch applied.");

        // Replayed from the audit log, the history gives the clocks.
        foreach (var history in new[] { Incident.ReplayTicketHistory(incident.UncommittedAuditEntries) })
        {
            var tracked = Assert.Single(new SlaTracker([AgreementOf(ResolutionTarget())]).Track(history));
            Assert.Equal(
                Timeline(SlaEvent.Started(Mon(9), Hours(8)), SlaEvent.Paused(Mon(10)), SlaEvent.Resumed(Mon(12)), SlaEvent.Stopped(Mon(15))),
                tracked.Timeline);
            var status = tracked.Evaluate(Mon(16));
            Assert.Equal(SlaStage.Achieved, status.Stage);
            Assert.Equal(Hours(4), status.BusinessElapsed);
            Assert.Equal(Hours(2), status.PausedDuration);
        }
    }

    [Fact]
    public void Service_request_history_starts_at_submission_and_is_stored()
    {
        var clock = new FakeClock(Mon(9));
        var request = ServiceRequest.Submit(new TenantId("acme"), new ServiceRequestId(Guid.NewGuid()), new Actor("rita"), new CatalogItem("password-reset", false), clock);
        clock.Reset(Mon(9, 5));
        request.StartFulfilment(new Actor("bob"));
        var codec = new ServiceRequestCodec();

        var loaded = codec.Deserialize(request.Tenant, request.Id.ToString(), request.Version, codec.Serialize(request), clock);

        var history = ServiceRequest.ReplayTicketHistory(request.UncommittedAuditEntries);
        Assert.Equal(["Submitted", "Fulfilling"], history.Select(c => c.Snapshot.State));
        Assert.Equal("password-reset", history[0].Snapshot.Attributes["item"]);
        Assert.Same(loaded.Sla, codec.SlaLogOf(loaded));
        Assert.Null(new ProblemCodec().SlaLogOf(Problem.Open(new TenantId("acme"), new ProblemId(Guid.NewGuid()), new Actor("bob"), "Slow", clock)));
    }
}
