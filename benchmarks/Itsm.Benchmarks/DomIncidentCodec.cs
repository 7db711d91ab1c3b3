using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Sla;
using NodaTime;
using Itsm.Services;

namespace Itsm.Benchmarks;

/// <summary>The baseline copy of <c>IncidentCodec</c>'s Serialize and Deserialize on the state JSON before issue 18 (<see cref="DomStateJson"/>, <see cref="DomStateReader"/>).</summary>
internal sealed class DomIncidentCodec(IncidentOptions options)
{
    private readonly Func<TenantId, IncidentOptions> _optionsFor = _ => options;

    public string Serialize(Incident aggregate)
    {
        Guard.Against.Null(aggregate);
        return DomStateJson.Write(w =>
        {
            w.DomWriteEnum("state", aggregate.State);
            w.DomWriteEnum("onHoldReason", aggregate.OnHoldReason);
            w.WriteString("callerId", aggregate.CallerId);
            w.WriteString("shortDescription", aggregate.ShortDescription);
            w.WriteString("service", aggregate.Service?.Value);
            w.WriteString("offering", aggregate.Offering?.Value);
            w.DomWriteStrings("configurationItems", aggregate.ConfigurationItems.Select(item => item.Value));
            w.WriteString("supplier", aggregate.Supplier?.Value);
            w.WriteString("onHoldSupplier", aggregate.OnHoldSupplier?.Value);
            w.DomWriteEnum("impact", aggregate.Impact);
            w.DomWriteEnum("urgency", aggregate.Urgency);
            w.WriteNumber("priority", aggregate.Priority.Value);
            w.WriteString("assignmentGroup", aggregate.AssignmentGroup?.Value);
            w.WriteString("assignedTo", aggregate.AssignedTo);
            w.WriteNumber("escalationLevel", aggregate.EscalationLevel);
            w.WriteBoolean("isMajor", aggregate.IsMajor);
            w.DomWriteGuid("parentId", aggregate.ParentId?.Value);
            w.WriteBoolean("hasPostIncidentReview", aggregate.HasPostIncidentReview);
            w.WriteString("causedByChange", aggregate.CausedByChange);
            w.WriteString("relatedProblem", aggregate.RelatedProblem);
            w.DomWriteEnum("resolutionCode", aggregate.ResolutionCode);
            w.WriteString("resolutionNotes", aggregate.ResolutionNotes);
            w.DomWriteInstant("openedAt", aggregate.OpenedAt);
            w.DomWriteInstant("createdAt", aggregate.CreatedAt);
            w.DomWriteInstant("resolvedAt", aggregate.ResolvedAt);
            w.DomWriteSlaLedger("sla", aggregate.Sla.ForSave);
            w.DomWriteSlaThreshold("lastSlaThreshold", aggregate.LastSlaThreshold);
            w.WriteJournal(aggregate.Journal); // the codec's own helper: the journal summary came after the DOM codec
        });
    }

    public Incident Deserialize(TenantId tenant, string id, long version, string json, IClock clock)
    {
        Guard.Against.Null(clock);
        var incidentId = new IncidentId(DomStateJson.ParseId(id, Incident.RecordType));
        return DomStateJson.Read(Incident.RecordType, json, r => Incident.Restore(
            tenant,
            incidentId,
            version,
            clock,
            _optionsFor(tenant),
            r.Enum<IncidentState>("state"),
            r.NullableEnum<OnHoldReason>("onHoldReason"),
            r.String("callerId"),
            r.String("shortDescription"),
            r.NullableString("service") is { } service ? new ServiceId(service) : null,
            // The service-model fields are read as text (checked as ids by the real codec); the journal
            // summary is written but not read back: the baseline does a little less than the codec.
            r.NullableString("offering") is { } offering ? new ServiceOfferingId(offering) : null,
            [.. r.Strings("configurationItems").Select(item => new ConfigurationItemId(item))],
            r.NullableString("supplier") is { } supplier ? new SupplierId(supplier) : null,
            r.NullableString("onHoldSupplier") is { } onHoldSupplier ? new SupplierId(onHoldSupplier) : null,
            r.Enum<Impact>("impact"),
            r.Enum<Urgency>("urgency"),
            r.Priority("priority"),
            r.NullableString("assignmentGroup") is { } group ? new SupportGroupId(group) : null,
            r.NullableString("assignedTo"),
            r.NonNegativeInt("escalationLevel"),
            r.Bool("isMajor"),
            r.NullableGuid("parentId") is { } parent ? new IncidentId(parent) : null,
            r.Bool("hasPostIncidentReview"),
            r.NullableString("causedByChange"),
            r.NullableString("relatedProblem"),
            r.NullableEnum<IncidentResolutionCode>("resolutionCode"),
            r.NullableString("resolutionNotes"),
            r.Instant("openedAt"),
            r.Instant("createdAt"),
            r.NullableInstant("resolvedAt"),
            new TicketSlaLog(r.DomReadSlaLedger("sla")),
            r.OptionalSlaThreshold("lastSlaThreshold")));
    }
}
