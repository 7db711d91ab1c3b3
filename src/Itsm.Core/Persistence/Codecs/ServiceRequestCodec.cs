using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Requests;
using Itsm.Services;
using Itsm.Sla;
using NodaTime;
using N = Itsm.Persistence.StateNames;

namespace Itsm.Persistence;

/// <summary>Stores service requests (docs/record-state.md); the catalog item given at submission is state.</summary>
internal sealed class ServiceRequestCodec(Itsm.Workflows.WorkflowCatalog? workflows = null, Itsm.BusinessTime.BusinessCalendar? approvalCalendar = null) : AggregateCodec<ServiceRequest, ServiceRequestId>
{
    private readonly Itsm.Workflows.WorkflowCatalog _workflows = workflows ?? Itsm.Workflows.WorkflowCatalog.Empty;

    public override string RecordType => ServiceRequest.RecordType;


    public override ServiceRequest Create(CreateCommand<ServiceRequest> command, TenantId tenant, ServiceRequestId id, Actor actor, IClock clock)
    {
        if (command is not SubmitServiceRequest submit)
        {
            throw UnknownCreateCommand(command);
        }

        var workflow = _workflows.For<ServiceRequestState, ServiceRequestCommand>(tenant, ServiceRequest.RecordType);
        var request = submit.Create(tenant, id, actor, clock, workflow).WithCatalogWorkflow(workflow);
        request.ApprovalCalendar = approvalCalendar;
        return request;
    }

    // The approval level waiting is due for the worker until its overdue is recorded.
    public override Instant? OtherDueOf(ServiceRequest aggregate, IReadOnlyDictionary<string, Itsm.BusinessTime.BusinessCalendar> calendars) =>
        aggregate.UnrecordedApprovalDueAt();

    public override string Serialize(ServiceRequest aggregate)
    {
        Guard.Against.Null(aggregate);
        return StateJson.Write(w =>
        {
            w.WriteEnum(N.State, aggregate.State);
            w.WriteString(N.RequesterId, aggregate.RequesterId);
            w.WriteStartObject("item");
            w.WriteString(N.Id, aggregate.Item.Id);
            w.WriteBoolean(N.RequiresApproval, aggregate.Item.RequiresApproval);
            if (aggregate.Item.Variables.Count > 0)
            {
                w.WriteString(N.Definition, aggregate.Item.Definition);
            }

            w.WriteEndObject();
            if (aggregate.Variables.Count > 0)
            {
                w.WriteString(N.Variables, CatalogValuesJson.WriteTagged(aggregate.Variables));
            }

            w.WriteNumber(N.Priority, aggregate.Priority.Value);
            w.WriteString(N.ApproverId, aggregate.ApproverId);
            w.WriteString(N.AssignmentGroup, aggregate.AssignmentGroup?.Value);
            w.WriteString(N.Service, aggregate.Service?.Value);
            w.WriteServiceFields(aggregate.Offering, aggregate.ConfigurationItems, aggregate.Supplier);
            w.WriteString(N.AssignedTo, aggregate.AssignedTo);
            w.WriteInstant(N.SubmittedAt, aggregate.SubmittedAt);
            w.WriteInstant(N.OpenedAt, aggregate.OpenedAt);
            w.WriteSlaLedger("sla", aggregate.Sla.ForSave);
            w.WriteSlaThreshold("lastSlaThreshold", aggregate.LastSlaThreshold);
            w.WriteJournal(aggregate.Journal);
            w.WriteWorkflow(aggregate);
            w.WriteChain("approvalChain", aggregate.ApprovalChain);
            w.WriteInstant(N.ApprovalStartedAt, aggregate.ApprovalStartedAt);
            w.WriteStartArray("approvals");
            foreach (var approval in aggregate.Approvals)
            {
                w.WriteStartObject();
                w.WriteNumber(N.Level, approval.Level);
                w.WriteString(N.ApproverId, approval.ApproverId);
                w.WriteString(N.DelegateId, approval.DelegateId);
                w.WriteInstant(N.At, approval.At);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteDelegations("approvalDelegations", aggregate.ApprovalDelegations);
            w.WriteOverdue("approvalOverdue", aggregate.ApprovalOverdueRecorded);
            w.WriteSatisfaction(aggregate.Satisfaction, null);
        });
    }

    public override ServiceRequest Deserialize(TenantId tenant, string id, long version, StateText json, IClock clock)
    {
        Guard.Against.Null(clock);
        var requestId = new ServiceRequestId(StateJson.ParseId(id, ServiceRequest.RecordType));
        return StateJson.Read(ServiceRequest.RecordType, json, r =>
        {
            var state = r.Enum<ServiceRequestState>("state");
            string requesterId = r.String("requesterId");
            var item = r.Object("item");
            var catalogItem = CatalogItemOf(item);
            var variables = r.Has("variables") ? Answers(r, catalogItem) : CatalogValues.Empty;
            Instant submittedAt; // read once for both arguments that need it
            var request = ServiceRequest.Restore(
                tenant,
                requestId,
                version,
                clock,
                requesterId,
                catalogItem,
                r.Priority("priority"),
                state,
                r.NullableString("approverId"),
                r.Id("assignmentGroup", v => new SupportGroupId(v), optional: true),
                r.Id("service", v => new ServiceId(v), optional: true),
                r.Id("offering", v => new ServiceOfferingId(v), optional: true),
                r.ConfigurationItems("configurationItems"),
                r.Id("supplier", v => new SupplierId(v), optional: true),
                r.OptionalString("assignedTo"),
                submittedAt = r.Instant("submittedAt"),
                StateJson.OpenedAt(r, "openedAt", submittedAt, "submittedAt"),
                StateJson.TicketSlaLog(r, requesterId),
                r.OptionalSlaThreshold("lastSlaThreshold"),
                variables).WithJournal(r.Journal()).WithSatisfaction(r.Satisfaction().Response);
            RestoreApproval(r, request);
            request.ApprovalCalendar = approvalCalendar;
            r.ReadWorkflow(request, _workflows);
            return request;
        });
    }

    // An item with variables keeps its whole definition (docs/catalog-items-json.md, compact): the request is checked
    // against the form it came from, whatever the catalog says today.
    private static CatalogItem CatalogItemOf(StateReader item)
    {
        var catalogItem = new CatalogItem(item.String("id"), item.Bool("requiresApproval"));
        if (item.OptionalString("definition") is not { } definition)
        {
            return catalogItem;
        }

        CatalogItem defined;
        try
        {
            defined = CatalogItem.FromJson(definition);
        }
        catch (CatalogItemDefinitionException e)
        {
            throw item.Error("definition", $"is not a valid catalog item ({Itsm.Text.QuotedText.Message(e.Message)})");
        }

        if (defined.Id != catalogItem.Id || defined.RequiresApproval != catalogItem.RequiresApproval)
        {
            throw item.Error("definition", "does not match the item's id and approval rule");
        }

        return defined;
    }

    private static CatalogValues Answers(StateReader r, CatalogItem item)
    {
        CatalogValues answers;
        try
        {
            answers = CatalogValuesJson.ReadTagged(r.String("variables"));
        }
        catch (System.FormatException e)
        {
            throw r.Error("variables", $"are not valid answers ({Itsm.Text.QuotedText.Message(e.Message)})");
        }

        // Stored answers were resolved against this item: they must still fit it, unchanged.
        var (resolved, problems) = CatalogRules.Resolve(item.Variables, answers);
        if (problems.Count > 0 || !resolved.Equals(answers))
        {
            throw r.Error("variables", $"do not fit catalog item '{Itsm.Text.QuotedText.Of(item.Id)}'");
        }

        return answers;
    }

    // The approval fields came with approval chains: state written before has none of them, and a
    // request awaiting approval then waits on the single approver it had.
    private static void RestoreApproval(StateReader r, ServiceRequest request)
    {
        var chain = r.Has("approvalChain") ? StateApprovals.ReadChain(r, "approvalChain") : null;
        if (chain is null && request.State == ServiceRequestState.AwaitingApproval)
        {
            chain = Itsm.Approvals.ApprovalChain.SingleApprover;
        }

        var approvals = new List<Itsm.Approvals.ApprovalEntry>();
        if (r.Has("approvals"))
        {
            foreach (var item in r.Items("approvals"))
            {
                var a = item.AsObject();
                int level = a.NonNegativeInt("level");
                if (chain is null || level >= chain.Levels.Count)
                {
                    throw a.Error("level", "names a level the approval chain does not have");
                }

                approvals.Add(new Itsm.Approvals.ApprovalEntry(level, a.String("approverId"), a.NullableString("delegateId"), a.Instant("at")));
            }
        }

        request.RestoreApproval(chain, r.Has("approvalStartedAt") ? r.NullableInstant("approvalStartedAt") : null, approvals, StateApprovals.ReadDelegations(r, "approvalDelegations"), StateApprovals.ReadOverdue(r, "approvalOverdue"));
    }

    public override RecordIndex IndexOf(ServiceRequest aggregate, Instant? slaDueAt) => new(
        StateJson.NameOf(aggregate.State),
        aggregate.AcceptsWork,
        aggregate.Service?.Value,
        aggregate.AssignmentGroup?.Value,
        aggregate.Priority.Value,
        aggregate.OpenedAt,
        slaDueAt);

    public override TicketSlaLog? SlaLogOf(ServiceRequest aggregate) => aggregate.Sla;

    public override TicketSlaProjection? SlaProjection => Itsm.Requests.ServiceRequestSlaProjection.Instance;

    public override void RecomputeSla(ServiceRequest aggregate, Actor actor, string reason, SlaLedger ledger) => aggregate.RecomputeSla(actor, reason, ledger);

    public override SlaThresholdReached? LastSlaThresholdOf(ServiceRequest aggregate) => aggregate.LastSlaThreshold;
}
