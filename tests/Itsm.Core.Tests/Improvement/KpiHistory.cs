using System.Collections.Generic;
using Itsm.Common;
using NodaTime;

namespace Itsm.Core.Tests.Improvement;

/// <summary>Builds audit entries as the lifecycles write them (command names, states, data keys), record by record.</summary>
internal sealed class KpiHistory
{
    public static readonly TenantId Tenant = new("acme");
    public static readonly TenantId OtherTenant = new("globex");
    private static readonly Actor Agent = new("agent.smith", "itil");
    private readonly Dictionary<(TenantId, string, string), (long Version, string State)> _records = [];

    public List<AuditEntry> Entries { get; } = [];

    private static readonly Dictionary<string, (string Key, string Value)[]> IncidentDefaults = new()
    {
        ["Open"] = [("callerId", "caller"), ("impact", "2"), ("urgency", "2"), ("priority", "3")],
        ["Assign"] = [("group", "Desk")],
        ["PutOnHold"] = [("onHoldReason", "AwaitingVendor")],
        ["Resolve"] = [("resolutionCode", "SolvedPermanently"), ("notes", "fixed")],
        ["Reopen"] = [("reason", "again")],
        ["Cancel"] = [("reason", "duplicate")],
        ["ChangeImpactOrUrgency"] = [("impact", "2"), ("urgency", "2"), ("previousPriority", "3"), ("priority", "3")],
        ["EscalateFunctionally"] = [("toGroup", "Desk"), ("reason", "skills")],
        ["PromoteToMajor"] = [("reason", "outage")],
    };

    private static readonly Dictionary<string, (string Key, string Value)[]> ChangeDefaults = new()
    {
        ["Open"] = [("type", "Normal"), ("shortDescription", "a change"), ("plan", "the plan"), ("rejectionPolicy", "Cancel")],
        ["Close"] = [("outcome", "Successful")],
    };

    private static readonly Dictionary<string, (string Key, string Value)[]> InteractionDefaults = new()
    {
        ["Log"] = [("channel", "Phone"), ("callerId", "caller")],
        ["Answer"] = [("answer", "see the article")],
        ["ClassifyAsIncident"] = [("incident", "5f0c8a9e-3c1b-4c57-9a55-0d4d1b6f2a10"), ("resolvedOnFirstContact", "false")],
        ["ClassifyAsServiceRequest"] = [("request", "6f0c8a9e-3c1b-4c57-9a55-0d4d1b6f2a10")],
    };

    private static readonly Dictionary<string, (string Key, string Value)[]> ProblemDefaults = new()
    {
        ["Open"] = [("shortDescription", "a problem")],
        ["MarkAsKnownError"] = [("symptom", "it breaks"), ("affectedItems", "CI1")],
    };

    public KpiHistory Add(string recordType, string id, Instant at, string command, string toState, params (string Key, string Value)[] data) =>
        Add(Tenant, recordType, id, at, command, toState, data);

    public KpiHistory Add(TenantId tenant, string recordType, string id, Instant at, string command, string toState, params (string Key, string Value)[] data)
    {
        var key = (tenant, recordType, id);
        var (version, state) = _records.TryGetValue(key, out var known) ? known : (0L, toState);
        var dictionary = new Dictionary<string, string>();
        foreach (var (k, v) in data)
        {
            dictionary[k] = v;
        }

        // The fixtures name what the KPIs read; the rest of what an incident really records is filled
        // in, so every entry reads as its typed event as a real one does.
        var table = recordType switch { "Incident" => IncidentDefaults, "Change" => ChangeDefaults, "Problem" => ProblemDefaults, "Interaction" => InteractionDefaults, _ => null };
        if (table is not null && table.TryGetValue(command, out var defaults))
        {
            foreach (var (k, v) in defaults)
            {
                dictionary.TryAdd(k, v);
            }
        }

        Entries.Add(new AuditEntry(tenant, recordType, id, version + 1, at, Agent, command, state, toState, dictionary));
        _records[key] = (version + 1, toState);
        return this;
    }

    public KpiHistory OpenIncident(string id, Instant at, string? service, int priority, TenantId? tenant = null)
    {
        var data = new List<(string, string)> { ("callerId", "caller"), ("priority", priority.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (service is not null)
        {
            data.Add(("service", service));
        }

        return Add(tenant ?? Tenant, "Incident", id, at, "Open", "New", [.. data]);
    }

    public KpiHistory Incident(string id, Instant at, string command, string toState, params (string Key, string Value)[] data) =>
        Add("Incident", id, at, command, toState, data);

    public KpiHistory OpenChange(string id, Instant at, string type, string? service) =>
        service is null ? Add("Change", id, at, "Open", "New", ("type", type)) : Add("Change", id, at, "Open", "New", ("type", type), ("service", service));

    public KpiHistory CloseChange(string id, Instant at, string outcome) =>
        Add("Change", id, at, "Close", "Closed", ("outcome", outcome));
}
