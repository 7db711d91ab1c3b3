using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Services;
using Itsm.Sla;
using NodaTime;
using Stateless;

namespace Itsm.Requests;

/// <summary>
/// A service request: a user asks for something from the service catalog (access, a laptop,
/// information). Submitted, then awaiting approval when the catalog item requires it, then
/// fulfilling, fulfilled and closed; or rejected, or canceled.
/// </summary>
/// <remarks>
/// Commands follow the same contract as <see cref="Incidents.Incident"/>: an accepted command adds
/// exactly one audit entry and one version; a refused one changes nothing and throws
/// <see cref="InvalidTransitionException"/> or <see cref="DomainRuleViolationException"/>. Closed,
/// Rejected and Canceled are terminal. Not thread-safe.
/// </remarks>
public sealed partial class ServiceRequest : Aggregate<ServiceRequestId, ServiceRequestState, ServiceRequestCommand>
{
    /// <summary>The record type used in audit entries and errors.</summary>
    public const string RecordType = "ServiceRequest";

    private readonly TicketSlaLog _sla;
    private readonly IReadOnlyDictionary<string, string> _snapshotAttributes;

    private ServiceRequest(TenantId tenant, ServiceRequestId id, string requesterId, CatalogItem item, IClock clock, TicketSlaLog? sla = null)
        : base(RecordType, tenant, id, clock)
    {
        _sla = sla ?? new TicketSlaLog();
        RequesterId = requesterId;
        Item = item;
        _snapshotAttributes = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new Dictionary<string, string> { ["item"] = item.Id });
    }

    /// <summary>Who asked.</summary>
    public string RequesterId { get; }

    /// <summary>What was asked for.</summary>
    public CatalogItem Item { get; }

    /// <summary>The priority (default 4 Low).</summary>
    public Priority Priority { get; private set; }

    /// <summary>Who approved or rejected the request, if anyone.</summary>
    public string? ApproverId { get; private set; }

    /// <summary>The support group the request is assigned to, if any (ServiceNow's <c>assignment_group</c>).</summary>
    public SupportGroupId? AssignmentGroup { get; private set; }

    /// <summary>The person the request is assigned to, if any (ServiceNow's <c>assigned_to</c>, Jira Service Management's Assignee).</summary>
    public string? AssignedTo { get; private set; }

    /// <summary>
    /// When the request was submitted: the instant of the <c>Submit</c> command (the clock's then, the instant of its first
    /// audit entry; ServiceNow's <c>sys_created_on</c>). SLA snapshots carry it as <see cref="TicketSnapshot.CreatedAt"/>,
    /// where <see cref="SlaRetroactiveStart.Created"/> starts clocks back.
    /// </summary>
    public Instant SubmittedAt { get; private set; }

    /// <summary>
    /// When the request was opened (ServiceNow's <c>opened_at</c>): the instant the host gave when submitting it
    /// (<see cref="SubmitServiceRequest.OpenedAt"/>, for example when the request was phoned in before it was typed in), else
    /// <see cref="SubmittedAt"/>. Never after <see cref="SubmittedAt"/>. SLA snapshots carry it as <see cref="TicketSnapshot.OpenedAt"/>,
    /// where <see cref="SlaRetroactiveStart.Opened"/> starts clocks back.
    /// </summary>
    public Instant OpenedAt { get; private set; }

    /// <summary>
    /// The last SLA threshold recorded on the request (<see cref="RecordSlaThreshold"/>), or
    /// <see langword="null"/> when none was: every threshold up to it, in
    /// <see cref="SlaThresholdReached"/>'s order, has been recorded, and only later ones are accepted.
    /// </summary>
    public SlaThresholdReached? LastSlaThreshold { get; private set; }

    /// <summary>The SLA state kept for the engine: the ledger as saved and the snapshots since.</summary>
    internal TicketSlaLog Sla => _sla;

    /// <summary>Submits a new request.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The request's id.</param>
    /// <param name="requester">Who asks.</param>
    /// <param name="item">What is asked for.</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <param name="priority">The priority; <see langword="null"/> for 4 Low.</param>
    /// <param name="service">The service the request is for, if known.</param>
    /// <param name="offering">The service offering, if known.</param>
    /// <param name="configurationItems">The configuration items the request is about, if any (at most <see cref="FieldLimits.Items"/>, no duplicates).</param>
    /// <param name="variables">The answers to <paramref name="item"/>'s variables; <see langword="null"/> for none. Defaults fill visible variables left unanswered (<see cref="Variables"/>).</param>
    /// <param name="openedAt">
    /// When the request was opened, if before now (ServiceNow's <c>opened_at</c>: the request was phoned in before it was typed in);
    /// <see langword="null"/> for the clock's instant. Becomes <see cref="OpenedAt"/>, where SLA targets with
    /// <see cref="SlaRetroactiveStart.Opened"/> start their clocks.
    /// </param>
    /// <returns>The request, at version 1.</returns>
    /// <exception cref="ArgumentException">An argument is null or empty; an id is <c>default</c>; a configuration item is named twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="openedAt"/> is outside <see cref="Itsm.BusinessTime.BusinessCalendar.MinSupportedInstant"/>..<see cref="Itsm.BusinessTime.BusinessCalendar.MaxSupportedInstant"/>.</exception>
    /// <exception cref="FieldLimitException">More than <see cref="FieldLimits.Items"/> configuration items.</exception>
    /// <exception cref="CatalogValuesException">The answers do not fit the item's variables; every problem is listed with its variable and code.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-OPENED-001</c>: <paramref name="openedAt"/> is after the clock's instant.</exception>
    public static ServiceRequest Submit(
        TenantId tenant,
        ServiceRequestId id,
        Actor requester,
        CatalogItem item,
        IClock clock,
        Priority? priority = null,
        ServiceId? service = null,
        ServiceOfferingId? offering = null,
        IReadOnlyList<ConfigurationItemId>? configurationItems = null,
        CatalogValues? variables = null,
        Instant? openedAt = null) =>
        SubmitUnderWorkflow(tenant, id, requester, item, clock, priority, service, offering, configurationItems, variables, workflow: null, openedAt);

    /// <summary>
    /// Submits a new request as <see cref="Submit"/> does, under <paramref name="workflow"/>: it starts in the workflow's
    /// initial state and its creating audit entry carries it. The engine's <c>SubmitServiceRequest</c> takes this path with the
    /// workflow its <c>ItsmEngineOptions.Workflows</c> holds for the tenant; a host building records outside the engine
    /// (a history import) passes that same workflow, since a stored record whose workflow the catalog does not hold cannot be loaded.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The request's id.</param>
    /// <param name="requester">Who asks.</param>
    /// <param name="item">What is asked for.</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <param name="priority">The priority; <see langword="null"/> for 4 Low.</param>
    /// <param name="service">The service the request is for, if known.</param>
    /// <param name="offering">The service offering, if known.</param>
    /// <param name="configurationItems">The configuration items the request is about, if any (at most <see cref="FieldLimits.Items"/>, no duplicates).</param>
    /// <param name="variables">The answers to <paramref name="item"/>'s variables; <see langword="null"/> for none. Defaults fill visible variables left unanswered (<see cref="Variables"/>).</param>
    /// <param name="workflow">The workflow the request runs; <see langword="null"/> for the library lifecycle alone.</param>
    /// <param name="openedAt">When the request was opened, if before now; <see langword="null"/> for the clock's instant (as <see cref="Submit"/>).</param>
    /// <returns>The request, at version 1.</returns>
    /// <exception cref="ArgumentException">An argument is null or empty; an id is <c>default</c>; a configuration item is named twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="openedAt"/> is outside <see cref="Itsm.BusinessTime.BusinessCalendar.MinSupportedInstant"/>..<see cref="Itsm.BusinessTime.BusinessCalendar.MaxSupportedInstant"/>.</exception>
    /// <exception cref="FieldLimitException">More than <see cref="FieldLimits.Items"/> configuration items.</exception>
    /// <exception cref="CatalogValuesException">The answers do not fit the item's variables; every problem is listed with its variable and code.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-OPENED-001</c>: <paramref name="openedAt"/> is after the clock's instant.</exception>
    public static ServiceRequest SubmitUnderWorkflow(
        TenantId tenant,
        ServiceRequestId id,
        Actor requester,
        CatalogItem item,
        IClock clock,
        Priority? priority = null,
        ServiceId? service = null,
        ServiceOfferingId? offering = null,
        IReadOnlyList<ConfigurationItemId>? configurationItems = null,
        CatalogValues? variables = null,
        Itsm.Workflows.Workflow<ServiceRequestState, ServiceRequestCommand>? workflow = null,
        Instant? openedAt = null)
    {
        Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));
        if (id.Value == Guid.Empty)
        {
            throw new ArgumentException("The request id must not be empty.", nameof(id));
        }

        Guard.Against.Null(requester);
        Guard.Against.Null(item);
        Guard.Against.Null(clock);
        if (priority is Priority p && p.Value is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), p.Value, "The priority must be 1 to 5.");
        }

        TicketOpenedAt.CheckRange(openedAt, nameof(openedAt));
        var submittedAt = clock.GetCurrentInstant();
        var opened = TicketOpenedAt.Resolve(openedAt, submittedAt, "ITSM-REQ-OPENED-001", "A service request", "Submit");
        var answers = ResolveVariables(item, variables);
        var request = new ServiceRequest(tenant, id, requester.Id, item, clock)
        {
            Priority = priority ?? Priority.Low,
            State = ServiceRequestState.Submitted,
            _variables = answers,
        };
        request._serviceModel.Set(service, offering, configurationItems);
        request.SubmittedAt = submittedAt;
        request.OpenedAt = opened;
        request.StartWorkflow(workflow);
        request.RecordCreation(requester, request.SubmittedAt, new ServiceRequestSubmitted(item.Id, request.Priority)
        {
            Service = service,
            Offering = offering,
            ConfigurationItems = request.ConfigurationItems,
            Variables = answers,
            OpenedAt = openedAt,
        });
        request._sla.Append(request.SubmittedAt, request.ToTicketSnapshot());
        return request;
    }

    /// <summary>Rebuilds a stored request at <paramref name="version"/>: no guards, nothing recorded (the codec validates the state).</summary>
    internal static ServiceRequest Restore(
        TenantId tenant,
        ServiceRequestId id,
        long version,
        IClock clock,
        string requesterId,
        CatalogItem item,
        Priority priority,
        ServiceRequestState state,
        string? approverId,
        SupportGroupId? assignmentGroup,
        ServiceId? service,
        ServiceOfferingId? offering,
        IReadOnlyList<ConfigurationItemId> configurationItems,
        SupplierId? supplier,
        string? assignedTo,
        Instant submittedAt,
        Instant openedAt,
        TicketSlaLog sla,
        SlaThresholdReached? lastSlaThreshold,
        CatalogValues variables)
    {
        var request = new ServiceRequest(tenant, id, requesterId, item, clock, sla)
        {
            _variables = variables,
            Priority = priority,
            State = state,
            ApproverId = approverId,
            AssignmentGroup = assignmentGroup,
            AssignedTo = assignedTo,
            SubmittedAt = submittedAt,
            OpenedAt = openedAt,
            LastSlaThreshold = lastSlaThreshold,
        };
        request._serviceModel.Set(service, offering, configurationItems, supplier);
        request.Restore(version);
        return request;
    }

    /// <summary>Asks for approval by the single approver of <see cref="Itsm.Approvals.ApprovalChain.SingleApprover"/> (anyone but the requester); <see cref="RequestApproval(Actor, Itsm.Approvals.ApprovalChain)"/> asks a chain.</summary>
    /// <param name="actor">Who asks.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-APPROVAL-002</c>: the catalog item needs no approval.</exception>
    public void RequestApproval(Actor actor)
    {
        Guard.Against.Null(actor);
        StartApprovalChain(actor, null);
    }

    /// <summary>
    /// Approves the current level of the request's <see cref="ApprovalChain"/>, for the approver and for every
    /// approver of the level who delegated to them. When that completes the chain the request moves to
    /// fulfilment (command <c>Approve</c>); otherwise it stays AwaitingApproval (command <c>RecordApproval</c>).
    /// </summary>
    /// <param name="approver">The approver; not the requester.</param>
    /// <param name="comment">An optional comment.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-APPROVAL-003</c>: the approver is the requester;
    /// <c>ITSM-REQ-APPROVAL-004</c>: the approver is neither an approver of the current level nor the delegate of one;
    /// <c>ITSM-REQ-APPROVAL-005</c>: the approver (and everyone who delegated to them) already approved this level.</exception>
    public void Approve(Actor approver, string? comment = null)
    {
        Guard.Against.Null(approver);
        FieldCheck.Length(comment, FieldLimits.Text);
        Decide(approver, Itsm.Approvals.ApprovalVerdict.Approve, comment);
    }

    /// <summary>Rejects the request at the current level of its chain; a rejection ends the chain, and the request is rejected (terminal).</summary>
    /// <param name="approver">The approver of the current level, or the delegate of one; not the requester.</param>
    /// <param name="reason">Why.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-APPROVAL-003</c>: the approver is the requester;
    /// <c>ITSM-REQ-APPROVAL-004</c>: the approver is neither an approver of the current level nor the delegate of one;
    /// <c>ITSM-REQ-APPROVAL-005</c>: the approver (and everyone who delegated to them) already approved this level.</exception>
    public void Reject(Actor approver, string reason)
    {
        Guard.Against.Null(approver);
        FieldCheck.Required(reason, FieldLimits.Text);
        Decide(approver, Itsm.Approvals.ApprovalVerdict.Reject, reason);
    }

    /// <summary>Starts fulfilment of a request whose catalog item needs no approval.</summary>
    /// <param name="actor">Who starts it.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-APPROVAL-001</c>: the catalog item needs an approval first.</exception>
    public void StartFulfilment(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, ServiceRequestCommand.StartFulfilment, static _ => { }, new ServiceRequestFulfilmentStarted(), () =>
        {
            if (Item.RequiresApproval)
            {
                throw new DomainRuleViolationException("ITSM-REQ-APPROVAL-001", $"Catalog item {Item.Id} needs an approval before fulfilment; request approval first.");
            }
        });
    }

    /// <summary>Records that the request was fulfilled.</summary>
    /// <param name="actor">Who fulfilled it.</param>
    /// <param name="notes">What was done.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Fulfil(Actor actor, string notes)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(notes, FieldLimits.Text);
        Execute(actor, ServiceRequestCommand.Fulfil, static _ => { }, new ServiceRequestFulfilled(notes));
    }

    /// <summary>Closes a fulfilled request.</summary>
    /// <param name="actor">Who closes it.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Close(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, ServiceRequestCommand.Close, static _ => { }, new ServiceRequestClosed());
    }

    /// <summary>Cancels a request that is not fulfilled, closed or rejected.</summary>
    /// <param name="actor">Who cancels it.</param>
    /// <param name="reason">Why.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Cancel(Actor actor, string reason)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(reason, FieldLimits.Text);
        Execute(actor, ServiceRequestCommand.Cancel, static _ => { }, new ServiceRequestCanceled(reason));
    }

    /// <summary>
    /// Sets the assignment to exactly a support group and/or a person, in every state that is not
    /// terminal (Submitted, AwaitingApproval, Fulfilling, Fulfilled). The state does not change:
    /// assigning is not starting fulfilment (that is <see cref="StartFulfilment"/> or an approval), and
    /// reassigning keeps the state. Whom the request is assigned to is also the SLA view's assignment
    /// group, so an OLA of the group can start or stop on it.
    /// </summary>
    /// <param name="actor">Who assigns.</param>
    /// <param name="group">The support group, or <see langword="null"/> for none.</param>
    /// <param name="assignee">The person, or <see langword="null"/> for the group's queue.</param>
    /// <exception cref="ArgumentException">Both are null, or one is blank (to clear the assignment, use <see cref="Unassign"/>).</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Rejected, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-ASSIGN-001</c>: the assignment is already exactly that.</exception>
    public void Assign(Actor actor, SupportGroupId? group, string? assignee = null)
    {
        Guard.Against.Null(actor);
        TicketServiceFields.Check(group, nameof(group));
        AssignmentRules.CheckArguments(group?.Value, assignee);
        Execute(actor, ServiceRequestCommand.Assign, _ =>
        {
            AssignmentGroup = group;
            AssignedTo = assignee;
        }, new ServiceRequestAssigned(group, assignee, AssignmentGroup, AssignedTo), () =>
            AssignmentRules.RequireChange("ITSM-REQ-ASSIGN-001", "request", group?.Value, assignee, AssignmentGroup?.Value, AssignedTo));
    }

    /// <summary>Clears the assignment (group and person) in every state that is not terminal; the state does not change.</summary>
    /// <param name="actor">Who unassigns.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Rejected, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-ASSIGN-002</c>: nothing is assigned.</exception>
    public void Unassign(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, ServiceRequestCommand.Unassign, _ =>
        {
            AssignmentGroup = null;
            AssignedTo = null;
        }, new ServiceRequestUnassigned(AssignmentGroup, AssignedTo), () =>
            AssignmentRules.RequireAssigned("ITSM-REQ-ASSIGN-002", "request", AssignmentGroup?.Value, AssignedTo));
    }

    /// <summary>
    /// Records that one of the request's SLA clocks crossed a threshold (a warning, its target, or an
    /// escalation step after the breach): a system command the SLA worker issues (see docs/hosting.md).
    /// The state does not change, and neither does the SLA view of the history.
    /// </summary>
    /// <param name="actor">Who records it (the worker's system actor).</param>
    /// <param name="threshold">The threshold crossed, with the instant it was crossed; <c>ItsmEngine.PendingSlaThresholds</c> computes them.</param>
    /// <exception cref="ArgumentException">The threshold is missing, has no agreement or metric, or its percent and kind disagree.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Rejected, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-SLA-THRESHOLD-001</c>: the threshold is not after <see cref="LastSlaThreshold"/> (already recorded).</exception>
    public void RecordSlaThreshold(Actor actor, SlaThresholdReached threshold)
    {
        Guard.Against.Null(actor);
        Guard.Against.Null(threshold);
        threshold.Check(nameof(threshold));
        Execute(actor, ServiceRequestCommand.SlaThreshold, _ => LastSlaThreshold = threshold, threshold, () => SlaThresholdRule.Check(LastSlaThreshold, threshold));
    }

    /// <summary>
    /// The request as the SLA engine's conditions see it: state name, priority, caller (<see cref="RequesterId"/>), service, offering,
    /// configuration items, assignment group, supplier, the attribute <c>item</c>, and the instants retroactive starts go back to:
    /// <see cref="TicketSnapshot.OpenedAt"/> (<see cref="OpenedAt"/>) and <see cref="TicketSnapshot.CreatedAt"/> (<see cref="SubmittedAt"/>).
    /// </summary>
    /// <returns>The snapshot.</returns>
    public TicketSnapshot ToTicketSnapshot() => new()
    {
        State = State.ToString(),
        WorkflowState = WorkflowState,
        Priority = Priority,
        Caller = RequesterId,
        Service = Service?.Value,
        Offering = Offering?.Value,
        ConfigurationItems = _serviceModel.ConfigurationItemTexts,
        AssignmentGroup = AssignmentGroup?.Value,
        Supplier = Supplier?.Value,
        Attributes = _snapshotAttributes,
        OpenedAt = OpenedAt,
        CreatedAt = SubmittedAt,
    };

    /// <summary>The request's id and state.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"ServiceRequest {Id} ({State})";


    private void RequireIndependentApprover(Actor approver)
    {
        if (string.Equals(approver.Id, RequesterId, StringComparison.Ordinal))
        {
            throw new DomainRuleViolationException("ITSM-REQ-APPROVAL-003", $"{approver.Id} requested this; a requester cannot approve or reject their own request.");
        }
    }
    private protected override void ConfigureLifecycle(StateMachine<ServiceRequestState, ServiceRequestCommand> machine, Func<Aggregate<ServiceRequestId, ServiceRequestState, ServiceRequestCommand>> current) =>
        ServiceRequestLifecycle.Configure(machine);

    /// <summary>
    /// The SLA view of a request's history, rebuilt from its audit log: after every entry, the
    /// entry's instant and the snapshot <see cref="ToTicketSnapshot"/> gave at that point: one change
    /// per entry, as the engine's SLA state folds one snapshot per command. An entry earlier than the one before (a clock set back)
    /// counts at the earlier entry's instant, as the engine's SLA state counted it. Pass it to <see cref="SlaTracker.Track"/> or
    /// <c>ItsmEngine.EvaluateSla</c> to replay the request's clocks; <c>ItsmEngine.ReadServiceRequestTicketHistoryAsync</c>
    /// reads and replays in one call.
    /// </summary>
    /// <param name="auditEntries">The request's whole audit log in version order, from version 1 (as <c>ReadHistoryAsync</c> returns it).</param>
    /// <returns>The changes, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="auditEntries"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is null, not a request's, of another request, or out of version order.</exception>
    public static IReadOnlyList<TicketChange> ReplayTicketHistory(IEnumerable<AuditEntry> auditEntries) =>
        ServiceRequestSlaProjection.Instance.Replay(auditEntries, nameof(auditEntries));

    /// <summary>
    /// Replaces the SLA ledger with one the engine recomputed from the audit log (<c>ItsmEngine.RecomputeSlaAsync</c>).
    /// It rides the SLA bookkeeping trigger: permitted wherever a threshold may be recorded (the ticket is open).
    /// </summary>
    internal void RecomputeSla(Actor actor, string reason, SlaLedger ledger) =>
        RecordSlaRecompute(actor, reason, ServiceRequestCommand.SlaThreshold, () => _sla.Replace(ledger));

    private protected override void OnCommandApplied(Instant at) => _sla.Append(at, ToTicketSnapshot());

    private protected override void OnAccepted() => _sla.Accept();
}
