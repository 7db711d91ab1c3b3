using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Services;
using Itsm.Changes;
using Itsm.Persistence;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Benchmarks;

/// <summary>The baseline copy of <c>ChangeCodec</c>'s Serialize and Deserialize on the state JSON before issue 18 (<see cref="DomStateJson"/>, <see cref="DomStateReader"/>).</summary>
internal sealed class DomChangeCodec(ChangeAuthorityPolicy authority)
{
    private readonly ChangeAuthorityPolicy _authority = authority;

    public string Serialize(Change aggregate)
    {
        Guard.Against.Null(aggregate);
        return DomStateJson.Write(w =>
        {
            w.DomWriteEnum("state", aggregate.State);
            w.DomWriteEnum("type", aggregate.Type);
            w.DomWriteEnum("rejectionPolicy", aggregate.RejectionPolicy);
            w.WriteString("shortDescription", aggregate.ShortDescription);
            w.WriteString("requesterId", aggregate.RequesterId);
            w.WriteString("implementerId", aggregate.ImplementerId);
            w.WriteString("service", aggregate.Service?.Value);
            w.WriteString("assignmentGroup", aggregate.AssignmentGroup?.Value);
            w.WriteString("offering", aggregate.Offering?.Value);
            w.DomWriteStrings("configurationItems", aggregate.ConfigurationItems.Select(i => i.Value).ToArray());
            w.WriteString("supplier", aggregate.Supplier?.Value);
            w.WriteString("plan", aggregate.Plan);
            if (aggregate.Window is { } window)
            {
                w.WriteStartObject("window");
                w.DomWriteInstant("start", window.HasStart ? window.Start : null);
                w.DomWriteInstant("end", window.HasEnd ? window.End : null);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("window");
            }

            if (aggregate.RiskAssessment is { } risk)
            {
                w.WriteStartObject("riskAssessment");
                w.WriteNumber("score", risk.Score);
                w.DomWriteEnum("questionnaireRisk", risk.QuestionnaireRisk);
                w.DomWriteEnum("conditionRisk", risk.ConditionRisk);
                w.DomWriteEnum("risk", risk.Risk);
                w.DomWriteStrings("impactedCriticalServices", risk.ImpactedCriticalServices);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("riskAssessment");
            }

            w.WriteStartArray("approvals");
            foreach (var approval in aggregate.Approvals)
            {
                w.WriteStartObject();
                w.WriteString("approverId", approval.ApproverId);
                w.DomWriteStrings("roles", approval.Roles);
                w.DomWriteInstant("at", approval.At);
                w.WriteNumber("level", approval.Level);
                w.WriteString("delegateId", approval.DelegateId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.DomWriteInstant("approvalStartedAt", aggregate.ApprovalStartedAt);

            // Approval chains came after the DOM codec: their delegations and overdue mark are written by the codec's own helpers.
            w.WriteDelegations("approvalDelegations", aggregate.ApprovalDelegations);
            w.WriteOverdue("approvalOverdue", aggregate.ApprovalOverdueRecorded);
            w.DomWriteEnum("outcome", aggregate.Outcome);
            w.DomWriteInstant("openedAt", aggregate.OpenedAt);
            w.WriteJournal(aggregate.Journal); // the codec's own helper: the journal summary came after the DOM codec
        });
    }

    public Change Deserialize(TenantId tenant, string id, long version, string json, IClock clock)
    {
        Guard.Against.Null(clock);
        var changeId = new ChangeId(DomStateJson.ParseId(id, Change.RecordType));
        return DomStateJson.Read(Change.RecordType, json, r =>
        {
            var state = r.Enum<ChangeState>("state");
            var type = r.Enum<ChangeType>("type");
            var rejection = r.Enum<RejectionPolicy>("rejectionPolicy");
            string shortDescription = r.String("shortDescription");
            string requesterId = r.String("requesterId");
            string? implementerId = r.NullableString("implementerId");
            var service = r.NullableString("service") is { } s0 ? new ServiceId(s0) : (ServiceId?)null;
            var group = r.NullableString("assignmentGroup") is { } g0 ? new SupportGroupId(g0) : (SupportGroupId?)null;
            var offering = r.NullableString("offering") is { } o0 ? new ServiceOfferingId(o0) : (ServiceOfferingId?)null;
            var items = r.Strings("configurationItems").Select(i => new ConfigurationItemId(i)).ToArray();
            var supplier = r.NullableString("supplier") is { } p0 ? new SupplierId(p0) : (SupplierId?)null;
            string plan = r.String("plan");
            Interval? window = null;
            if (r.NullableObject("window") is { } w)
            {
                var start = w.NullableInstant("start");
                var end = w.NullableInstant("end");
                if (start is { } s && end is { } e && e < s)
                {
                    throw r.Error("window", "ends before it starts");
                }

                window = new Interval(start, end);
            }

            RiskAssessment? risk = null;
            if (r.NullableObject("riskAssessment") is { } a)
            {
                risk = new RiskAssessment(a.Int("score"), a.Enum<ChangeRisk>("questionnaireRisk"), a.Enum<ChangeRisk>("conditionRisk"), a.Enum<ChangeRisk>("risk"))
                {
                    ImpactedCriticalServices = Array.AsReadOnly(a.Strings("impactedCriticalServices")),
                };
            }

            var approvals = new List<ChangeApproval>();
            foreach (var raw in r.Items("approvals"))
            {
                var approval = raw.AsObject();
                approvals.Add(new ChangeApproval(approval.String("approverId"), Array.AsReadOnly(approval.Strings("roles")), approval.Instant("at"))
                {
                    Level = approval.NonNegativeInt("level"),
                    DelegateId = approval.NullableString("delegateId"),
                });
            }

            var change = Change.Restore(
                tenant,
                changeId,
                version,
                clock,
                _authority,
                type,
                rejection,
                state,
                shortDescription,
                requesterId,
                implementerId,
                service,
                offering,
                items,
                supplier,
                group,
                plan,
                window,
                risk,
                approvals,
                r.NullableEnum<ChangeReviewOutcome>("outcome"),
                r.Instant("openedAt"));

            // The approval chain's start is read; its delegations and overdue mark (none in the benchmark's change)
            // and the journal summary are not: the baseline does a little less than the codec.
            change.RestoreApproval(r.NullableInstant("approvalStartedAt"), []);
            return change;
        });
    }
}
