using System.Collections.Generic;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Requests;
using NodaTime;

namespace Itsm.Core.Tests.Governance;

/// <summary>Builds audit entries from typed events, as the lifecycles write them (command name, data, states), record by record.</summary>
internal sealed class GovernanceHistory
{
    public static readonly TenantId Tenant = new("acme");
    public static readonly TenantId OtherTenant = new("globex");
    private readonly Dictionary<(TenantId, string, string), (long Version, string State)> _records = [];

    public List<AuditEntry> Entries { get; } = [];

    public GovernanceHistory Add(string recordType, string id, Instant at, Actor actor, DomainEvent @event, string toState, TenantId? tenant = null)
    {
        var key = (tenant ?? Tenant, recordType, id);
        var (version, state) = _records.TryGetValue(key, out var known) ? known : (0L, toState);
        Entries.Add(new AuditEntry(key.Item1, recordType, id, version + 1, at, actor, @event.Command, state, toState, @event.ToAuditData()));
        _records[key] = (version + 1, toState);
        return this;
    }

    public GovernanceHistory Change(string id, Instant at, Actor actor, DomainEvent @event, string toState, TenantId? tenant = null) =>
        Add(Itsm.Changes.Change.RecordType, id, at, actor, @event, toState, tenant);

    public GovernanceHistory Incident(string id, Instant at, Actor actor, DomainEvent @event, string toState) =>
        Add(Itsm.Incidents.Incident.RecordType, id, at, actor, @event, toState);

    public GovernanceHistory Request(string id, Instant at, Actor actor, DomainEvent @event, string toState) =>
        Add(ServiceRequest.RecordType, id, at, actor, @event, toState);

    public static ChangeOpened Opened(ChangeType type, string? service = null) =>
        new(type, "a change", "the plan", service is null ? null : new Itsm.Services.ServiceId(service), null, RejectionPolicy.ReturnToNew);

    public static ChangeRiskAssessed Risk(ChangeRisk risk) => new(risk, 0, risk, risk, false);

    public static ChangeApproved Approved(Actor approver) => new(approver.Id, string.Join(", ", approver.Roles));

    public static IncidentOpened IncidentOpened() => new("caller", Impact.High, Urgency.High, new Priority(1), null);

    public static ServiceRequestSubmitted Submitted() => new("laptop", new Priority(4));
}
