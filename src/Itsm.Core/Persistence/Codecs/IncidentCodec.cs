using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Services;
using Itsm.Sla;
using NodaTime;
using N = Itsm.Persistence.StateNames;

namespace Itsm.Persistence;

/// <summary>
/// Stores incidents (docs/record-state.md). The options are configuration, applied at load and
/// never stored: a loaded incident follows its tenant's options of the day (priorities, policies).
/// </summary>
internal sealed class IncidentCodec(Func<TenantId, IncidentOptions> optionsFor, Itsm.Workflows.WorkflowCatalog? workflows = null) : AggregateCodec<Incident, IncidentId>
{
    private readonly Func<TenantId, IncidentOptions> _optionsFor = Guard.Against.Null(optionsFor);
    private readonly Itsm.Workflows.WorkflowCatalog _workflows = workflows ?? Itsm.Workflows.WorkflowCatalog.Empty;

    internal IncidentCodec(IncidentOptions options)
        : this(_ => options)
    {
        Guard.Against.Null(options);
    }

    public override string RecordType => Incident.RecordType;


    public override Incident Create(CreateCommand<Incident> command, TenantId tenant, IncidentId id, Actor actor, IClock clock)
    {
        if (command is not OpenIncident open)
        {
            throw UnknownCreateCommand(command);
        }

        var workflow = _workflows.For<IncidentState, IncidentCommand>(tenant, Incident.RecordType);
        return open.Create(tenant, id, actor, clock, _optionsFor(tenant), workflow).WithCatalogWorkflow(workflow);
    }

    public override string Serialize(Incident aggregate)
    {
        Guard.Against.Null(aggregate);
        return StateJson.Write(aggregate, static (w, aggregate) =>
        {
            w.WriteEnum(N.State, aggregate.State);
            w.WriteEnum(N.OnHoldReason, aggregate.OnHoldReason);
            w.WriteString(N.CallerId, aggregate.CallerId);
            w.WriteString(N.ShortDescription, aggregate.ShortDescription);
            w.WriteString(N.Service, aggregate.Service?.Value);
            w.WriteServiceFields(aggregate.Offering, aggregate.ConfigurationItems, aggregate.Supplier);
            w.WriteString(N.OnHoldSupplier, aggregate.OnHoldSupplier?.Value);
            w.WriteEnum(N.Impact, aggregate.Impact);
            w.WriteEnum(N.Urgency, aggregate.Urgency);
            w.WriteNumber(N.Priority, aggregate.Priority.Value);
            w.WriteString(N.AssignmentGroup, aggregate.AssignmentGroup?.Value);
            w.WriteString(N.AssignedTo, aggregate.AssignedTo);
            w.WriteNumber(N.EscalationLevel, aggregate.EscalationLevel);
            w.WriteBoolean(N.IsMajor, aggregate.IsMajor);
            w.WriteGuid(N.ParentId, aggregate.ParentId?.Value);
            w.WriteBoolean(N.HasPostIncidentReview, aggregate.HasPostIncidentReview);
            w.WriteString(N.CausedByChange, aggregate.CausedByChange);
            w.WriteString(N.RelatedProblem, aggregate.RelatedProblem);
            w.WriteEnum(N.ResolutionCode, aggregate.ResolutionCode);
            w.WriteString(N.ResolutionNotes, aggregate.ResolutionNotes);
            w.WriteInstant(N.OpenedAt, aggregate.OpenedAt);
            w.WriteInstant(N.CreatedAt, aggregate.CreatedAt);
            w.WriteInstant(N.ResolvedAt, aggregate.ResolvedAt);
            w.WriteSlaLedger("sla", aggregate.Sla.ForSave);
            w.WriteSlaThreshold("lastSlaThreshold", aggregate.LastSlaThreshold);
            w.WriteJournal(aggregate.Journal);
            w.WriteKnowledgeArticles(aggregate.KnowledgeArticles);
            w.WriteSatisfaction(aggregate.Satisfaction, aggregate.SatisfactionResolution);
            w.WriteWorkflow(aggregate);
        });
    }

    public override Incident Deserialize(TenantId tenant, string id, long version, StateText json, IClock clock)
    {
        Guard.Against.Null(clock);
        var incidentId = new IncidentId(StateJson.ParseId(id, Incident.RecordType));
        return StateJson.Read(Incident.RecordType, json, (this, tenant, incidentId, version, clock), static (r, s) =>
        {
            // Read once where two arguments need them (a second read is a lookup out of order and a new string).
            string callerId;
            Instant openedAt;
            return Incident.Restore(
                s.tenant,
                s.incidentId,
                s.version,
                s.clock,
                s.Item1._optionsFor(s.tenant),
                r.Enum<IncidentState>("state"),
                r.NullableEnum<OnHoldReason>("onHoldReason"),
                callerId = r.String("callerId"),
                r.String("shortDescription"),
                r.Id("service", v => new ServiceId(v)),
                r.Id("offering", v => new ServiceOfferingId(v), optional: true),
                r.ConfigurationItems("configurationItems"),
                r.Id("supplier", v => new SupplierId(v), optional: true),
                r.Id("onHoldSupplier", v => new SupplierId(v), optional: true),
                r.Enum<Impact>("impact"),
                r.Enum<Urgency>("urgency"),
                r.Priority("priority"),
                r.Id("assignmentGroup", v => new SupportGroupId(v)),
                r.NullableString("assignedTo"),
                r.NonNegativeInt("escalationLevel"),
                r.Bool("isMajor"),
                r.NullableGuid("parentId") is { } parent ? new IncidentId(parent) : null,
                r.Bool("hasPostIncidentReview"),
                r.NullableString("causedByChange"),
                r.NullableString("relatedProblem"),
                r.NullableEnum<IncidentResolutionCode>("resolutionCode"),
                r.NullableString("resolutionNotes"),
                openedAt = r.Instant("openedAt"),
                StateJson.CreatedAt(r, "createdAt", openedAt),
                r.NullableInstant("resolvedAt"),
                StateJson.TicketSlaLog(r, callerId),
                r.OptionalSlaThreshold("lastSlaThreshold")).WithJournal(r.Journal()).WithKnowledgeArticles(r.KnowledgeArticles()).WithSatisfaction(r.Satisfaction()).WithWorkflow(r, s.Item1._workflows);
        });
    }

    public override RecordIndex IndexOf(Incident aggregate, Instant? slaDueAt) => new(
        StateJson.NameOf(aggregate.State),
        aggregate.AcceptsWork,
        aggregate.Service?.Value,
        aggregate.AssignmentGroup?.Value,
        aggregate.Priority.Value,
        aggregate.OpenedAt,
        slaDueAt);

    public override TicketSlaLog? SlaLogOf(Incident aggregate) => aggregate.Sla;

    public override TicketSlaProjection? SlaProjection => Itsm.Incidents.IncidentSlaProjection.Instance;

    public override void RecomputeSla(Incident aggregate, Actor actor, string reason, SlaLedger ledger) => aggregate.RecomputeSla(actor, reason, ledger);

    public override SlaThresholdReached? LastSlaThresholdOf(Incident aggregate) => aggregate.LastSlaThreshold;

    public override Instant? OtherDueOf(Incident aggregate, IReadOnlyDictionary<string, Itsm.BusinessTime.BusinessCalendar> calendars) =>
        aggregate.Options.AutoCloseDueAt(aggregate, calendars);
}
