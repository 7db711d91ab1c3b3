using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Services;
using Itsm.Sla;
using NodaTime;
using Stateless;

namespace Itsm.Incidents;

/// <summary>
/// An incident: an unplanned interruption or reduction in quality of a service, to be restored as
/// fast as possible. An aggregate whose lifecycle is a Stateless state machine over the state it
/// holds (see docs/lifecycles/incident.md for the diagram generated from it).
/// </summary>
/// <remarks>
/// <para>Every accepted command changes the incident, raises <see cref="Aggregate{TId, TState, TCommand}.Version"/> by one and
/// appends exactly one <see cref="AuditEntry"/> to <see cref="Aggregate{TId, TState, TCommand}.UncommittedAuditEntries"/>. A refused
/// command changes nothing and throws: <see cref="InvalidTransitionException"/> when the state does
/// not permit the command (naming the state, the command and the permitted commands),
/// <see cref="DomainRuleViolationException"/> with a stable code when a rule is broken, or an
/// <see cref="ArgumentException"/> for bad arguments. <see cref="IncidentState.Canceled"/> is terminal,
/// and so is <see cref="IncidentState.Closed"/> unless <see cref="IncidentReopenPolicy.FromClosed"/> lets
/// closed incidents reopen: every other command is refused.</para>
/// <para>Where real service desks differ, the lifecycle follows policies of <see cref="IncidentOptions"/>:
/// whether assignment starts work (<see cref="IncidentOptions.WorkStart"/>), who may reopen and until when
/// (<see cref="IncidentOptions.Reopen"/>), and auto-close (<see cref="IncidentOptions.AutoClose"/>).</para>
/// <para>Time comes from the injected <see cref="IClock"/>. An incident is not thread-safe.</para>
/// <para>The SLA engine sees an incident through <see cref="ToTicketSnapshot"/>: response and
/// resolution clocks start, pause on hold, stop on resolve and resume on reopen through the
/// agreements' conditions, never through special cases here.</para>
/// </remarks>
public sealed partial class Incident : Aggregate<IncidentId, IncidentState, IncidentCommand>
{
    /// <summary>The record type used in audit entries and errors.</summary>
    public const string RecordType = "Incident";

    /// <summary>The <see cref="TicketSnapshot.Attributes"/> key saying whether the incident is major (<c>"true"</c> or <c>"false"</c>), for SLA conditions.</summary>
    public const string MajorAttribute = "major";

    /// <summary>The <see cref="TicketSnapshot.Attributes"/> key holding the hierarchical escalation level (<c>"0"</c>, <c>"1"</c>, ...), for SLA conditions.</summary>
    public const string EscalationLevelAttribute = "escalationLevel";

    private readonly TicketSlaLog _sla;
    private readonly string _variant;

    // What the Assign being fired names, for the work-start policy's dynamic transition.
    private bool _assignmentNamesAgent;

    private Incident(TenantId tenant, IncidentId id, IClock clock, IncidentOptions options, string callerId, string shortDescription, TicketSlaLog? sla = null)
        : base(RecordType, tenant, id, clock)
    {
        _sla = sla ?? new TicketSlaLog();
        Options = options;
        _variant = IncidentLifecycle.Variant(options);
        CallerId = callerId;
        ShortDescription = shortDescription;
    }

    /// <summary>The lifecycle settings.</summary>
    public IncidentOptions Options { get; }

    /// <summary>Why the incident is on hold; <see langword="null"/> unless <see cref="Aggregate{TId, TState, TCommand}.State"/> is <see cref="IncidentState.OnHold"/>.</summary>
    public OnHoldReason? OnHoldReason { get; private set; }

    /// <summary>The caller's id: the person the service was interrupted for.</summary>
    public string CallerId { get; }

    /// <summary>A short description.</summary>
    public string ShortDescription { get; }

    /// <summary>The impact.</summary>
    public Impact Impact { get; private set; }

    /// <summary>The urgency.</summary>
    public Urgency Urgency { get; private set; }

    /// <summary>The priority, derived from impact and urgency by <see cref="IncidentOptions.PriorityMatrix"/>.</summary>
    public Priority Priority { get; private set; }

    /// <summary>The support group the incident is assigned to.</summary>
    public SupportGroupId? AssignmentGroup { get; private set; }

    /// <summary>The person the incident is assigned to.</summary>
    public string? AssignedTo { get; private set; }

    /// <summary>How many hierarchical escalations were recorded.</summary>
    public int EscalationLevel { get; private set; }

    /// <summary>Whether this is a major incident.</summary>
    public bool IsMajor { get; private set; }

    /// <summary>The major incident this incident is a child of, if any.</summary>
    public IncidentId? ParentId { get; private set; }

    /// <summary>Whether the post-incident review a major incident needs before it closes has been recorded.</summary>
    public bool HasPostIncidentReview { get; private set; }

    /// <summary>The change that caused the incident, if linked.</summary>
    public string? CausedByChange { get; private set; }

    /// <summary>The related problem, if linked.</summary>
    public string? RelatedProblem { get; private set; }

    /// <summary>How the incident was resolved; <see langword="null"/> unless resolved or closed after resolution.</summary>
    public IncidentResolutionCode? ResolutionCode { get; private set; }

    /// <summary>The resolution notes.</summary>
    public string? ResolutionNotes { get; private set; }

    /// <summary>
    /// When the incident was opened (ServiceNow's <c>opened_at</c>): the instant the host gave when opening it
    /// (<see cref="OpenIncident.OpenedAt"/>, for example when the call was taken before the incident was typed in), else
    /// <see cref="CreatedAt"/>. Never after <see cref="CreatedAt"/>. SLA snapshots carry it as <see cref="TicketSnapshot.OpenedAt"/>,
    /// where <see cref="SlaRetroactiveStart.Opened"/> starts clocks back.
    /// </summary>
    public Instant OpenedAt { get; private set; }

    /// <summary>
    /// When the incident was created: the instant of the <c>Open</c> command (the clock's then, the instant of its first
    /// audit entry; ServiceNow's <c>sys_created_on</c>). SLA snapshots carry it as <see cref="TicketSnapshot.CreatedAt"/>,
    /// where <see cref="SlaRetroactiveStart.Created"/> starts clocks back.
    /// </summary>
    public Instant CreatedAt { get; private set; }

    /// <summary>When the incident was last resolved, or <see langword="null"/>.</summary>
    public Instant? ResolvedAt { get; private set; }

    /// <summary>
    /// The last SLA threshold recorded on the incident (<see cref="RecordSlaThreshold"/>), or
    /// <see langword="null"/> when none was: every threshold up to it, in
    /// <see cref="SlaThresholdReached"/>'s order, has been recorded, and only later ones are accepted.
    /// </summary>
    public SlaThresholdReached? LastSlaThreshold { get; private set; }

    /// <summary>The SLA state kept for the engine: the ledger as saved and the snapshots since.</summary>
    internal TicketSlaLog Sla => _sla;

    /// <summary>Opens (logs) a new incident in state <see cref="IncidentState.New"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The new incident's id.</param>
    /// <param name="openedBy">Who logs it (a service desk agent, the caller, or a monitoring system).</param>
    /// <param name="callerId">The caller's id.</param>
    /// <param name="shortDescription">A short description.</param>
    /// <param name="impact">The impact.</param>
    /// <param name="urgency">The urgency.</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <param name="options">Lifecycle settings; <see langword="null"/> for <see cref="IncidentOptions.Default"/>.</param>
    /// <param name="service">The affected service, if known.</param>
    /// <param name="offering">The service offering, if known.</param>
    /// <param name="configurationItems">The affected configuration items, if known (at most <see cref="FieldLimits.Items"/>, no duplicates).</param>
    /// <param name="openedAt">
    /// When the incident was opened, if before now (ServiceNow's <c>opened_at</c>: the call was taken before the incident was typed in);
    /// <see langword="null"/> for the clock's instant. Becomes <see cref="OpenedAt"/>, where SLA targets with
    /// <see cref="SlaRetroactiveStart.Opened"/> start their clocks.
    /// </param>
    /// <returns>The incident, at version 1 with one audit entry.</returns>
    /// <exception cref="ArgumentException">An argument is null, blank or undefined; an id is <c>default</c>; a configuration item is named twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="openedAt"/> is outside <see cref="Itsm.BusinessTime.BusinessCalendar.MinSupportedInstant"/>..<see cref="Itsm.BusinessTime.BusinessCalendar.MaxSupportedInstant"/>.</exception>
    /// <exception cref="FieldLimitException">More than <see cref="FieldLimits.Items"/> configuration items.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-OPENED-001</c>: <paramref name="openedAt"/> is after the clock's instant.</exception>
    public static Incident Open(
        TenantId tenant,
        IncidentId id,
        Actor openedBy,
        string callerId,
        string shortDescription,
        Impact impact,
        Urgency urgency,
        IClock clock,
        IncidentOptions? options = null,
        ServiceId? service = null,
        ServiceOfferingId? offering = null,
        IReadOnlyList<ConfigurationItemId>? configurationItems = null,
        Instant? openedAt = null) =>
        OpenUnderWorkflow(tenant, id, openedBy, callerId, shortDescription, impact, urgency, clock, options, service, offering, configurationItems, workflow: null, openedAt);

    /// <summary>
    /// Opens (logs) a new incident in state <see cref="IncidentState.New"/> under <paramref name="workflow"/>: it starts in
    /// the workflow's initial state and its creating audit entry carries it. The engine's <c>OpenIncident</c> opens every
    /// incident this way, under the workflow its <c>ItsmEngineOptions.Workflows</c> holds for the tenant; a host that
    /// builds incidents outside the engine and stores them with <c>SaveAllAsync</c> (a history import) passes that same
    /// workflow, since a stored record whose workflow the tenant's catalog does not hold cannot be loaded.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The new incident's id.</param>
    /// <param name="openedBy">Who logs it.</param>
    /// <param name="callerId">The caller's id.</param>
    /// <param name="shortDescription">A short description.</param>
    /// <param name="impact">The impact.</param>
    /// <param name="urgency">The urgency.</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <param name="options">Lifecycle settings; <see langword="null"/> for <see cref="IncidentOptions.Default"/>.</param>
    /// <param name="service">The affected service, if known.</param>
    /// <param name="offering">The service offering, if known.</param>
    /// <param name="configurationItems">The affected configuration items, if known (at most <see cref="FieldLimits.Items"/>, no duplicates).</param>
    /// <param name="workflow">The workflow the incident runs; <see langword="null"/> for the library lifecycle alone (as <see cref="Open"/>).</param>
    /// <param name="openedAt">When the incident was opened, if before now; <see langword="null"/> for the clock's instant (as <see cref="Open"/>).</param>
    /// <returns>The incident, at version 1 with one audit entry.</returns>
    /// <exception cref="ArgumentException">An argument is null, blank or undefined; an id is <c>default</c>; a configuration item is named twice; the workflow refines another lifecycle.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="openedAt"/> is outside <see cref="Itsm.BusinessTime.BusinessCalendar.MinSupportedInstant"/>..<see cref="Itsm.BusinessTime.BusinessCalendar.MaxSupportedInstant"/>.</exception>
    /// <exception cref="FieldLimitException">More than <see cref="FieldLimits.Items"/> configuration items.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-OPENED-001</c>: <paramref name="openedAt"/> is after the clock's instant.</exception>
    public static Incident OpenUnderWorkflow(
        TenantId tenant,
        IncidentId id,
        Actor openedBy,
        string callerId,
        string shortDescription,
        Impact impact,
        Urgency urgency,
        IClock clock,
        IncidentOptions? options = null,
        ServiceId? service = null,
        ServiceOfferingId? offering = null,
        IReadOnlyList<ConfigurationItemId>? configurationItems = null,
        Itsm.Workflows.Workflow<IncidentState, IncidentCommand>? workflow = null,
        Instant? openedAt = null)
    {
        Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));
        if (id.Value == Guid.Empty)
        {
            throw new ArgumentException("The incident id must not be empty.", nameof(id));
        }

        Guard.Against.Null(openedBy);
        FieldCheck.Required(callerId, FieldLimits.Id);
        FieldCheck.Required(shortDescription, FieldLimits.Title);
        Guard.Against.OutOfRange((int)impact, nameof(impact), 1, 3);
        Guard.Against.OutOfRange((int)urgency, nameof(urgency), 1, 3);
        Guard.Against.Null(clock);
        TicketOpenedAt.CheckRange(openedAt, nameof(openedAt));
        var createdAt = clock.GetCurrentInstant();
        var opened = TicketOpenedAt.Resolve(openedAt, createdAt, "ITSM-INC-OPENED-001", "An incident", "Open");
        options ??= IncidentOptions.Default;
        var incident = new Incident(tenant, id, clock, options, callerId, shortDescription)
        {
            Impact = impact,
            Urgency = urgency,
            Priority = options.PriorityMatrix.PriorityFor(impact, urgency),
            State = IncidentState.New,
        };
        incident._serviceModel.Set(service, offering, configurationItems);
        incident.OpenedAt = opened;
        incident.CreatedAt = createdAt;
        incident.StartWorkflow(workflow);
        incident.RecordCreation(openedBy, createdAt, new IncidentOpened(callerId, impact, urgency, incident.Priority, service) { Offering = offering, ConfigurationItems = incident.ConfigurationItems, OpenedAt = openedAt });
        incident._sla.Append(createdAt, incident.ToTicketSnapshot());
        return incident;
    }

    /// <summary>Rebuilds a stored incident at <paramref name="version"/>: no guards, nothing recorded (the codec validates the state).</summary>
    internal static Incident Restore(
        TenantId tenant,
        IncidentId id,
        long version,
        IClock clock,
        IncidentOptions options,
        IncidentState state,
        OnHoldReason? onHoldReason,
        string callerId,
        string shortDescription,
        ServiceId? service,
        ServiceOfferingId? offering,
        IReadOnlyList<ConfigurationItemId> configurationItems,
        SupplierId? supplier,
        SupplierId? onHoldSupplier,
        Impact impact,
        Urgency urgency,
        Priority priority,
        SupportGroupId? assignmentGroup,
        string? assignedTo,
        int escalationLevel,
        bool isMajor,
        IncidentId? parentId,
        bool hasPostIncidentReview,
        string? causedByChange,
        string? relatedProblem,
        IncidentResolutionCode? resolutionCode,
        string? resolutionNotes,
        Instant openedAt,
        Instant createdAt,
        Instant? resolvedAt,
        TicketSlaLog sla,
        SlaThresholdReached? lastSlaThreshold)
    {
        var incident = new Incident(tenant, id, clock, options, callerId, shortDescription, sla)
        {
            State = state,
            OnHoldReason = onHoldReason,
            OnHoldSupplier = onHoldSupplier,
            Impact = impact,
            Urgency = urgency,
            Priority = priority,
            AssignmentGroup = assignmentGroup,
            AssignedTo = assignedTo,
            EscalationLevel = escalationLevel,
            IsMajor = isMajor,
            ParentId = parentId,
            HasPostIncidentReview = hasPostIncidentReview,
            CausedByChange = causedByChange,
            RelatedProblem = relatedProblem,
            ResolutionCode = resolutionCode,
            ResolutionNotes = resolutionNotes,
            OpenedAt = openedAt,
            CreatedAt = createdAt,
            ResolvedAt = resolvedAt,
            LastSlaThreshold = lastSlaThreshold,
        };
        incident._serviceModel.Set(service, offering, configurationItems, supplier);
        incident.Restore(version);
        return incident;
    }

    /// <summary>
    /// Records that the caller responded. An incident on hold awaiting the caller resumes
    /// (<see cref="IncidentState.InProgress"/>); otherwise the response is only recorded.
    /// </summary>
    /// <param name="actor">Who records it (often the caller).</param>
    /// <param name="comment">The caller's response.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void RecordCallerResponse(Actor actor, string comment)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(comment, FieldLimits.Text);
        Execute(actor, IncidentCommand.RecordCallerResponse, _ =>
        {
            if (State == IncidentState.InProgress)
            {
                LeaveHold();
            }
        }, new CallerResponseRecorded(comment));
    }

    /// <summary>Resolves the incident: service is restored.</summary>
    /// <param name="actor">Who resolves it.</param>
    /// <param name="code">How it was resolved.</param>
    /// <param name="notes">Resolution notes; required.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-RESOLVE-001</c>: no resolution notes.</exception>
    public void Resolve(Actor actor, IncidentResolutionCode code, string notes)
    {
        Guard.Against.Null(actor);
        Guard.Against.OutOfRange((int)code, nameof(code), 1, 9);
        FieldCheck.Length(notes, FieldLimits.Text);
        Execute(actor, IncidentCommand.Resolve, at =>
        {
            LeaveHold();
            ResolutionCode = code;
            ResolutionNotes = notes;
            ResolvedAt = at;
        }, new IncidentResolved(code, notes), () =>
        {
            if (string.IsNullOrWhiteSpace(notes))
            {
                throw Rule("ITSM-INC-RESOLVE-001", "Resolving an incident needs resolution notes.");
            }
        });
    }

    /// <summary>
    /// Reopens a resolved incident (and a closed one, when <see cref="IncidentReopenPolicy.FromClosed"/>):
    /// it moves to <see cref="IncidentState.InProgress"/> and its resolution is cleared. Who may reopen
    /// and until when is <see cref="IncidentOptions.Reopen"/>: by default the caller, within 7 days.
    /// </summary>
    /// <param name="actor">Who reopens it.</param>
    /// <param name="reason">Why it is reopened.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-REOPEN-001</c>: the policy does not let this actor reopen; <c>ITSM-INC-REOPEN-002</c>: the window has passed.</exception>
    public void Reopen(Actor actor, string reason)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(reason, FieldLimits.Text);
        var policy = Options.Reopen;
        Execute(actor, IncidentCommand.Reopen, _ =>
        {
            ResolutionCode = null;
            ResolutionNotes = null;
            ResolvedAt = null;
        }, new IncidentReopened(reason), () =>
        {
            if (!policy.Allows(actor, this))
            {
                throw Rule("ITSM-INC-REOPEN-001", $"Only {policy.Describe(this)} can reopen the incident; {actor.Id} cannot.");
            }

            if (ResolvedAt is Instant resolved && !policy.Window.IsOpen(resolved, Clock.GetCurrentInstant()))
            {
                throw Rule("ITSM-INC-REOPEN-002", $"The incident was resolved at {resolved}; it can be reopened only within {policy.Window} of that.");
            }
        });
    }

    /// <summary>Closes a resolved incident. A major incident needs a post-incident review first.</summary>
    /// <param name="actor">Who closes it (a person, or the auto-close policy's system actor).</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-MAJOR-001</c>: a major incident without a post-incident review.</exception>
    public void Close(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, IncidentCommand.Close, static _ => { }, new IncidentClosed(), () =>
        {
            if (IsMajor && !HasPostIncidentReview)
            {
                throw Rule("ITSM-INC-MAJOR-001", "A major incident needs a post-incident review before it closes.");
            }
        });
    }

    /// <summary>Cancels an incident that is not resolved or closed (logged in error, a duplicate).</summary>
    /// <param name="actor">Who cancels it.</param>
    /// <param name="reason">Why.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Cancel(Actor actor, string reason)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(reason, FieldLimits.Text);
        Execute(actor, IncidentCommand.Cancel, _ => LeaveHold(), new IncidentCanceled(reason));
    }

    /// <summary>Changes impact and urgency; the priority is derived again (and the SLA tracker sees it in the next snapshot).</summary>
    /// <param name="actor">Who changes them.</param>
    /// <param name="impact">The new impact.</param>
    /// <param name="urgency">The new urgency.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-PRIORITY-001</c>: neither changes.</exception>
    public void ChangeImpactOrUrgency(Actor actor, Impact impact, Urgency urgency)
    {
        Guard.Against.Null(actor);
        Guard.Against.OutOfRange((int)impact, nameof(impact), 1, 3);
        Guard.Against.OutOfRange((int)urgency, nameof(urgency), 1, 3);
        var priority = Options.PriorityMatrix.PriorityFor(impact, urgency);
        Execute(actor, IncidentCommand.ChangeImpactOrUrgency, _ =>
        {
            Impact = impact;
            Urgency = urgency;
            Priority = priority;
        }, new IncidentPriorityChanged(impact, urgency, Priority, priority), () =>
        {
            if (impact == Impact && urgency == Urgency)
            {
                throw Rule("ITSM-INC-PRIORITY-001", "Impact and urgency are unchanged.");
            }
        });
    }

    /// <summary>Links the change that caused the incident.</summary>
    /// <param name="actor">Who links it.</param>
    /// <param name="changeId">The change's id.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void LinkCausedByChange(Actor actor, string changeId)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(changeId, FieldLimits.Id);
        Execute(actor, IncidentCommand.LinkCausedByChange, _ => CausedByChange = changeId, new IncidentLinkedToCausingChange(changeId));
    }

    /// <summary>Links the related problem.</summary>
    /// <param name="actor">Who links it.</param>
    /// <param name="problemId">The problem's id.</param>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void LinkProblem(Actor actor, string problemId)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(problemId, FieldLimits.Id);
        Execute(actor, IncidentCommand.LinkProblem, _ => RelatedProblem = problemId, new IncidentLinkedToProblem(problemId));
    }

    /// <summary>The incident's id, state and priority.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"Incident {Id} ({State}, P{Priority.Value})";

    private static DomainRuleViolationException Rule(string code, string message) => new(code, message);

    private static string NumberText(int value) => AuditData.Number(value);

    private protected override string LifecycleVariant => _variant;

    private protected override void ConfigureLifecycle(StateMachine<IncidentState, IncidentCommand> machine, Func<Aggregate<IncidentId, IncidentState, IncidentCommand>> current) =>
        IncidentLifecycle.Configure(machine, Options, () => ((Incident)current()).OnHoldReason, () => ((Incident)current())._assignmentNamesAgent);
}
