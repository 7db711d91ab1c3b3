using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Services;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Common;

/// <summary>
/// The data of the audit entries the records write behaves as a read-only dictionary: the keys in the order the
/// event writes them, values left out when null, ordinal lookups, and a missing key refused as a dictionary does.
/// </summary>
public sealed class AuditEntryDataTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly Actor Agent = new("agent.smith", ["service_desk"]);

    [Fact]
    public void Opened_incident_data_lists_its_keys_in_order_and_leaves_out_null_values()
    {
        var data = Opened(service: null).UncommittedAuditEntries[0].Data;

        Assert.Equal(["callerId", "impact", "urgency", "priority"], data.Keys.ToArray());
        Assert.Equal(data.Keys.ToArray(), data.Select(pair => pair.Key).ToArray());
        Assert.Equal(data.Values.ToArray(), data.Select(pair => pair.Value).ToArray());
        Assert.Equal(4, data.Count);
        Assert.Equal("alice", data["callerId"]);
        Assert.Equal("2", data["impact"]);
        Assert.False(data.ContainsKey("service"));
        Assert.False(data.ContainsKey("configurationItems"));
    }

    [Fact]
    public void Lookups_are_ordinal_and_a_missing_key_is_refused_as_by_a_dictionary()
    {
        var data = Opened(service: new ServiceId("email")).UncommittedAuditEntries[0].Data;

        Assert.True(data.TryGetValue("service", out var service));
        Assert.Equal("email", service);
        Assert.True(data.ContainsKey("priority"));
        Assert.False(data.ContainsKey("Service"));
        Assert.False(data.TryGetValue("SERVICE", out var missing));
        Assert.Null(missing);
        var refused = Assert.Throws<KeyNotFoundException>(() => data["resolution"]);
        Assert.Equal("The given key 'resolution' was not present in the dictionary.", refused.Message);
        Assert.Throws<ArgumentNullException>(() => data.ContainsKey(null!));
    }

    [Fact]
    public void An_event_without_data_has_an_empty_dictionary()
    {
        var incident = Opened(service: null);
        incident.PutOnHold(Agent, OnHoldReason.AwaitingVendor);
        incident.Resume(Agent);

        var data = incident.UncommittedAuditEntries[^1].Data;
        Assert.Equal("Resume", incident.UncommittedAuditEntries[^1].Command);
        Assert.Empty(data);
        Assert.Empty(data.Keys);
        Assert.False(data.ContainsKey("reason"));
    }

    private static Incident Opened(ServiceId? service) =>
        Incident.Open(Tenant, IncidentId.New(), Agent, "alice", "E-mail is down", Impact.Medium, Urgency.Medium, new FakeClock(Instant.FromUtc(2026, 3, 10, 9, 0)), service: service);
}
