using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Services;
using Itsm.Sla;
using NodaTime;
using N = Itsm.Persistence.StateNames;

namespace Itsm.Persistence;

/// <summary>
/// Stores changes (docs/record-state.md). The type and the rejection policy are state (fixed when
/// the change opens); the change authority policy is configuration, applied at load and never stored.
/// </summary>
internal sealed class ChangeCodec(ChangeAuthorityPolicy authority, Itsm.Workflows.WorkflowCatalog? workflows = null, Itsm.BusinessTime.BusinessCalendar? approvalCalendar = null) : AggregateCodec<Change, ChangeId>
{
    private readonly ChangeAuthorityPolicy _authority = Guard.Against.Null(authority);
    private readonly Itsm.Workflows.WorkflowCatalog _workflows = workflows ?? Itsm.Workflows.WorkflowCatalog.Empty;

    public override string RecordType => Change.RecordType;


    public override Change Create(CreateCommand<Change> command, TenantId tenant, ChangeId id, Actor actor, IClock clock)
    {
        if (command is not OpenChange open)
        {
            throw UnknownCreateCommand(command);
        }

        var workflow = _workflows.For<ChangeState, ChangeCommand>(tenant, Itsm.Workflows.WorkflowLifecycles.ChangeLifecycleName(open.Type));
        var change = open.Create(tenant, id, actor, clock, _authority, workflow).WithCatalogWorkflow(workflow);
        change.ApprovalCalendar = approvalCalendar;
        return change;
    }

    public override string Serialize(Change aggregate)
    {
        Guard.Against.Null(aggregate);
        return StateJson.Write(w =>
        {
            w.WriteEnum(N.State, aggregate.State);
            w.WriteEnum(N.Type, aggregate.Type);
            w.WriteEnum(N.RejectionPolicy, aggregate.RejectionPolicy);
            w.WriteString(N.ShortDescription, aggregate.ShortDescription);
            w.WriteString(N.RequesterId, aggregate.RequesterId);
            w.WriteString(N.ImplementerId, aggregate.ImplementerId);
            w.WriteString(N.Service, aggregate.Service?.Value);
            w.WriteString(N.AssignmentGroup, aggregate.AssignmentGroup?.Value);
            w.WriteServiceFields(aggregate.Offering, aggregate.ConfigurationItems, aggregate.Supplier);
            w.WriteString(N.Plan, aggregate.Plan);
            if (aggregate.Window is { } window)
            {
                w.WriteStartObject("window");
                w.WriteInstant(N.Start, window.HasStart ? window.Start : null);
                w.WriteInstant(N.End, window.HasEnd ? window.End : null);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("window");
            }

            if (aggregate.RiskAssessment is { } risk)
            {
                w.WriteStartObject("riskAssessment");
                w.WriteNumber(N.Score, risk.Score);
                w.WriteEnum(N.QuestionnaireRisk, risk.QuestionnaireRisk);
                w.WriteEnum(N.ConditionRisk, risk.ConditionRisk);
                w.WriteEnum(N.Risk, risk.Risk);
                w.WriteStrings("impactedCriticalServices", risk.ImpactedCriticalServices);
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
                w.WriteString(N.ApproverId, approval.ApproverId);
                w.WriteStrings("roles", approval.Roles);
                w.WriteInstant(N.At, approval.At);
                w.WriteNumber(N.Level, approval.Level);
                w.WriteString(N.DelegateId, approval.DelegateId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteInstant(N.ApprovalStartedAt, aggregate.ApprovalStartedAt);
            w.WriteDelegations("approvalDelegations", aggregate.ApprovalDelegations);
            w.WriteOverdue("approvalOverdue", aggregate.ApprovalOverdueRecorded);
            w.WriteEnum(N.Outcome, aggregate.Outcome);
            w.WriteInstant(N.OpenedAt, aggregate.OpenedAt);
            w.WriteJournal(aggregate.Journal);
            w.WriteWorkflow(aggregate);
        });
    }

    public override Change Deserialize(TenantId tenant, string id, long version, StateText json, IClock clock)
    {
        Guard.Against.Null(clock);
        var changeId = new ChangeId(StateJson.ParseId(id, Change.RecordType));
        return StateJson.Read(Change.RecordType, json, r =>
        {
            var state = r.Enum<ChangeState>("state");
            var type = r.Enum<ChangeType>("type");
            var rejection = r.Enum<RejectionPolicy>("rejectionPolicy");
            string shortDescription = r.String("shortDescription");
            string requesterId = r.String("requesterId");
            string? implementerId = r.NullableString("implementerId");
            var (service, items) = ReadScope(r);
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
                    ImpactedCriticalServices = a.Has("impactedCriticalServices") ? Array.AsReadOnly(a.Strings("impactedCriticalServices")) : [],
                };
            }

            var approvals = new List<ChangeApproval>();
            foreach (var raw in r.Items("approvals"))
            {
                var approval = raw.AsObject();
                approvals.Add(new ChangeApproval(approval.String("approverId"), Array.AsReadOnly(approval.Strings("roles")), approval.Instant("at"))
                {
                    // Approvals stored before approval chains are all of the one level there was.
                    Level = approval.Has("level") ? approval.NonNegativeInt("level") : 0,
                    DelegateId = approval.OptionalString("delegateId"),
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
                r.Id("offering", v => new ServiceOfferingId(v), optional: true),
                items,
                r.Id("supplier", v => new SupplierId(v), optional: true),
                r.Id("assignmentGroup", v => new SupportGroupId(v), optional: true),
                plan,
                window,
                risk,
                approvals,
                r.NullableEnum<ChangeReviewOutcome>("outcome"),
                r.Instant("openedAt")).WithJournal(r.Journal()).WithWorkflow(r, _workflows);
            change.RestoreApproval(r.Has("approvalStartedAt") ? r.NullableInstant("approvalStartedAt") : null, StateApprovals.ReadDelegations(r, "approvalDelegations"), StateApprovals.ReadOverdue(r, "approvalOverdue"));
            change.ApprovalCalendar = approvalCalendar;
            return change;
        });
    }

    // The approval level waiting is due for the worker until its overdue is recorded.
    public override Instant? OtherDueOf(Change aggregate, IReadOnlyDictionary<string, Itsm.BusinessTime.BusinessCalendar> calendars) =>
        aggregate.UnrecordedApprovalDueAt();

    public override RecordIndex IndexOf(Change aggregate, Instant? slaDueAt) =>
        new(StateJson.NameOf(aggregate.State), aggregate.PermittedCommands.Count > 0, aggregate.Service?.Value, aggregate.AssignmentGroup?.Value, null, aggregate.OpenedAt, slaDueAt);

    /// <summary>
    /// The service and configuration items. A state saved by 0.1 holds <c>services</c> (a sorted list, several
    /// allowed) and <c>configurationItems</c> (sorted names): it reads with its first service as the service.
    /// </summary>
    private static (ServiceId? Service, IReadOnlyList<ConfigurationItemId> Items) ReadScope(StateReader r)
    {
        if (r.Has("service") || !r.Has("services"))
        {
            return (r.Id("service", v => new ServiceId(v)), r.ConfigurationItems("configurationItems"));
        }

        var services = r.Strings("services");
        if (services.Length > 0 && !TicketServiceFields.IsId(services[0]))
        {
            throw r.Error("services", "must hold ids");
        }

        return (services.Length > 0 ? new ServiceId(services[0]) : null, r.ConfigurationItems("configurationItems"));
    }

    public override TicketSlaLog? SlaLogOf(Change aggregate) => null;

    /// <summary>
    /// A Scheduled or implementing change holds each service and configuration item it touches for its
    /// window, so the store refuses a second change over the same item and window even when both are
    /// scheduled at the same moment (the change calendar's check alone cannot see a concurrent save).
    /// In any other state it holds nothing: rescheduling moves the hold, closing or canceling releases it.
    /// </summary>
    public override IReadOnlyList<ResourceReservation>? ReservationsOf(Change aggregate)
    {
        if (aggregate.State is not (ChangeState.Scheduled or ChangeState.Implement) || aggregate.Window is not { } window)
        {
            return [];
        }

        var held = new List<ResourceReservation>(aggregate.ConfigurationItems.Count + 1);
        if (aggregate.Service is { } service)
        {
            held.Add(new ResourceReservation(ServicePrefix + service.Value, window));
        }

        foreach (var item in aggregate.ConfigurationItems)
        {
            held.Add(new ResourceReservation(ConfigurationItemPrefix + item.Value, window));
        }

        return held;
    }

    /// <summary>How a service appears among the store's reservations.</summary>
    internal const string ServicePrefix = "service:";

    /// <summary>How a configuration item appears among the store's reservations.</summary>
    internal const string ConfigurationItemPrefix = "ci:";
}
