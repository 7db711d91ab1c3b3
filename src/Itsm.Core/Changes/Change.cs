using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Services;
using NodaTime;
using Stateless;

namespace Itsm.Changes;

/// <summary>
/// A change: an addition, modification or removal of something that could affect services,
/// assessed for risk, authorised by its change authority, scheduled on the change calendar,
/// implemented and reviewed. An aggregate whose lifecycle is a Stateless state machine over the
/// state it holds, configured per <see cref="ChangeType"/> (see docs/lifecycles/change-normal.md,
/// change-standard.md and change-emergency.md for the diagrams generated from it).
/// </summary>
/// <remarks>
/// <para>Paths: normal New → Assess → Authorize → Scheduled → Implement → Review → Closed; standard
/// (pre-authorised) New → Scheduled → Implement → Review → Closed; emergency New → Authorize →
/// Scheduled → Implement → Review → Closed. Cancel is permitted up to Implement.</para>
/// <para>Commands follow the same contract as the other lifecycles: arguments first
/// (<see cref="ArgumentException"/>), then the state (<see cref="InvalidTransitionException"/>), then
/// the rules (<see cref="DomainRuleViolationException"/> with a stable <c>ITSM-CHG-…</c> code). An
/// accepted command changes the change, raises <see cref="Aggregate{TId, TState, TCommand}.Version"/> by one and appends exactly one
/// <see cref="AuditEntry"/>; a refused one changes nothing. <see cref="ChangeState.Closed"/> and
/// <see cref="ChangeState.Canceled"/> are terminal.</para>
/// <para>Segregation of duties: the requester and the implementer never approve (or reject) their
/// own change (<c>ITSM-CHG-SOD-001</c>), and an approver does not implement it
/// (<c>ITSM-CHG-SOD-002</c>). Editing the plan or the window voids every approval.</para>
/// <para>Scope: the service, offering, configuration items and supplier (see Change.ServiceModel.cs) are
/// edited before authorisation is asked for (New, and Assess for a normal change) and refused after
/// (<c>ITSM-CHG-SCOPE-001</c>): what was authorised is what gets implemented.</para>
/// <para>Time comes from the injected <see cref="IClock"/>. A change is not thread-safe.</para>
/// </remarks>
public sealed partial class Change : Aggregate<ChangeId, ChangeState, ChangeCommand>
{
    /// <summary>The record type used in audit entries and errors.</summary>
    public const string RecordType = "Change";

    private readonly List<ChangeApproval> _approvals = [];

    private Change(TenantId tenant, ChangeId id, ChangeType type, IClock clock, RejectionPolicy rejection, ChangeAuthorityPolicy authority)
        : base(RecordType, tenant, id, clock)
    {
        Type = type;
        RejectionPolicy = rejection;
        AuthorityPolicy = authority;
        Approvals = _approvals.AsReadOnly();
    }

    /// <summary>The change's type; it decides the path.</summary>
    public ChangeType Type { get; }

    /// <summary>Where a rejection leads.</summary>
    public RejectionPolicy RejectionPolicy { get; }

    /// <summary>Who must approve, by type and risk.</summary>
    public ChangeAuthorityPolicy AuthorityPolicy { get; }

    /// <summary>A short description.</summary>
    public string ShortDescription { get; private set; } = "";

    /// <summary>The id of who requested the change.</summary>
    public string RequesterId { get; private set; } = "";

    /// <summary>The id of who implements it: the planned implementer given at opening, replaced by whoever starts the implementation; <see langword="null"/> when unknown.</summary>
    public string? ImplementerId { get; private set; }

    /// <summary>The implementation plan (the latest <see cref="EditPlan"/>).</summary>
    public string Plan { get; private set; } = "";

    /// <summary>The planned window, once given (by <see cref="EditWindow"/> or <see cref="Schedule"/>).</summary>
    public Interval? Window { get; private set; }

    /// <summary>The latest risk assessment, or <see langword="null"/>.</summary>
    public RiskAssessment? RiskAssessment { get; private set; }

    /// <summary>The assessed risk, or <see langword="null"/> before an assessment.</summary>
    public ChangeRisk? Risk => RiskAssessment?.Risk;

    /// <summary>The authority that must approve the change now (by type and current risk).</summary>
    public ChangeAuthority RequiredAuthority => AuthorityPolicy.For(Type, Risk);

    /// <summary>The accepted approvals since the last edit or rejection, one per approver, in order.</summary>
    public IReadOnlyList<ChangeApproval> Approvals { get; }

    /// <summary>Whether the approvals satisfy <see cref="RequiredAuthority"/>.</summary>
    public bool HasRequiredApprovals => RequiredAuthority.IsSatisfiedBy(_approvals);

    /// <summary>The review's outcome, once closed.</summary>
    public ChangeReviewOutcome? Outcome { get; private set; }

    /// <summary>When the change was opened.</summary>
    public Instant OpenedAt { get; private set; }

    /// <summary>Opens (logs) a new change in state <see cref="ChangeState.New"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The new change's id.</param>
    /// <param name="type">Its type (a standard change comes from a pre-authorised template).</param>
    /// <param name="requester">Who requests it; they may not approve it.</param>
    /// <param name="shortDescription">A short description.</param>
    /// <param name="plan">The implementation plan.</param>
    /// <param name="service">The service it touches, or <see langword="null"/>.</param>
    /// <param name="configurationItems">The configuration items it touches (at most <see cref="FieldLimits.Items"/>, no duplicates; together with the service, at least one).</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <param name="implementerId">The planned implementer's id, if known; they may not approve it.</param>
    /// <param name="rejection">Where a rejection leads (default: back to New).</param>
    /// <param name="authority">Who must approve (default: <see cref="ChangeAuthorityPolicy.Default"/>).</param>
    /// <param name="offering">The service offering it touches, or <see langword="null"/>.</param>
    /// <param name="assignmentGroup">The support group that owns it, or <see langword="null"/>.</param>
    /// <returns>The change, at version 1 with one audit entry (command <c>Open</c>).</returns>
    /// <exception cref="ArgumentException">An argument is null, blank, empty or undefined, an id is <c>default</c>, a configuration item is named twice, or the change touches nothing.</exception>
    /// <exception cref="FieldLimitException">More than <see cref="FieldLimits.Items"/> configuration items.</exception>
    public static Change Open(
        TenantId tenant,
        ChangeId id,
        ChangeType type,
        Actor requester,
        string shortDescription,
        string plan,
        ServiceId? service,
        IReadOnlyList<ConfigurationItemId>? configurationItems,
        IClock clock,
        string? implementerId = null,
        RejectionPolicy rejection = RejectionPolicy.ReturnToNew,
        ChangeAuthorityPolicy? authority = null,
        ServiceOfferingId? offering = null,
        SupportGroupId? assignmentGroup = null) =>
        OpenUnderWorkflow(tenant, id, type, requester, shortDescription, plan, service, configurationItems, clock, implementerId, rejection, authority, offering, assignmentGroup, workflow: null);

    /// <summary>
    /// Opens a new change as <see cref="Open"/> does, under <paramref name="workflow"/>: it starts in the workflow's
    /// initial state and its creating audit entry carries it. The engine's <c>OpenChange</c> takes this path with the
    /// workflow its <c>ItsmEngineOptions.Workflows</c> holds for the tenant; a host building records outside the engine
    /// (a history import) passes that same workflow, since a stored record whose workflow the catalog does not hold cannot be loaded.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The new change's id.</param>
    /// <param name="type">Its type (a standard change comes from a pre-authorised template).</param>
    /// <param name="requester">Who requests it; they may not approve it.</param>
    /// <param name="shortDescription">A short description.</param>
    /// <param name="plan">The implementation plan.</param>
    /// <param name="service">The service it touches, or <see langword="null"/>.</param>
    /// <param name="configurationItems">The configuration items it touches (at most <see cref="FieldLimits.Items"/>, no duplicates; together with the service, at least one).</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <param name="implementerId">The planned implementer's id, if known; they may not approve it.</param>
    /// <param name="rejection">Where a rejection leads (default: back to New).</param>
    /// <param name="authority">Who must approve (default: <see cref="ChangeAuthorityPolicy.Default"/>).</param>
    /// <param name="offering">The service offering it touches, or <see langword="null"/>.</param>
    /// <param name="assignmentGroup">The support group that owns it, or <see langword="null"/>.</param>
    /// <param name="workflow">The workflow the change runs; <see langword="null"/> for the library lifecycle alone.</param>
    /// <returns>The change, at version 1 with one audit entry (command <c>Open</c>).</returns>
    /// <exception cref="ArgumentException">An argument is null, blank, empty or undefined, an id is <c>default</c>, a configuration item is named twice, or the change touches nothing.</exception>
    /// <exception cref="FieldLimitException">More than <see cref="FieldLimits.Items"/> configuration items.</exception>
    public static Change OpenUnderWorkflow(
        TenantId tenant,
        ChangeId id,
        ChangeType type,
        Actor requester,
        string shortDescription,
        string plan,
        ServiceId? service,
        IReadOnlyList<ConfigurationItemId>? configurationItems,
        IClock clock,
        string? implementerId = null,
        RejectionPolicy rejection = RejectionPolicy.ReturnToNew,
        ChangeAuthorityPolicy? authority = null,
        ServiceOfferingId? offering = null,
        SupportGroupId? assignmentGroup = null,
        Itsm.Workflows.Workflow<ChangeState, ChangeCommand>? workflow = null)
    {
        Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));
        if (id.Value == Guid.Empty)
        {
            throw new ArgumentException("The change id must not be empty.", nameof(id));
        }

        Guard.Against.OutOfRange((int)type, nameof(type), 0, 2);
        Guard.Against.Null(requester);
        FieldCheck.Required(shortDescription, FieldLimits.Title);
        FieldCheck.Required(plan, FieldLimits.Text);
        TicketServiceFields.Check(assignmentGroup, nameof(assignmentGroup));
        if (service is null && (configurationItems is null || configurationItems.Count == 0))
        {
            throw new ArgumentException("A change must touch at least one service or configuration item.", nameof(service));
        }

        Guard.Against.Null(clock);
        if (implementerId is not null)
        {
            FieldCheck.Required(implementerId, FieldLimits.Id);
        }

        Guard.Against.OutOfRange((int)rejection, nameof(rejection), 0, 1);
        var change = new Change(tenant, id, type, clock, rejection, authority ?? ChangeAuthorityPolicy.Default)
        {
            State = ChangeState.New,
            ShortDescription = shortDescription,
            Plan = plan,
            RequesterId = requester.Id,
            ImplementerId = implementerId,
            AssignmentGroup = assignmentGroup,
            OpenedAt = clock.GetCurrentInstant(),
        };
        change._serviceModel.Set(service, offering, configurationItems);
        change.StartWorkflow(workflow);
        change.RecordCreation(requester, change.OpenedAt, new ChangeOpened(type, shortDescription, plan, service, implementerId, rejection)
        {
            Offering = offering,
            ConfigurationItems = change.ConfigurationItems,
            AssignmentGroup = assignmentGroup,
        });
        return change;
    }

    /// <summary>
    /// Rebuilds a stored change at <paramref name="version"/>: no guards, nothing recorded (the codec
    /// validates the state). The authority policy is configuration, given at load.
    /// </summary>
    internal static Change Restore(
        TenantId tenant,
        ChangeId id,
        long version,
        IClock clock,
        ChangeAuthorityPolicy authority,
        ChangeType type,
        RejectionPolicy rejection,
        ChangeState state,
        string shortDescription,
        string requesterId,
        string? implementerId,
        ServiceId? service,
        ServiceOfferingId? offering,
        IReadOnlyList<ConfigurationItemId> configurationItems,
        SupplierId? supplier,
        SupportGroupId? assignmentGroup,
        string plan,
        Interval? window,
        RiskAssessment? riskAssessment,
        IEnumerable<ChangeApproval> approvals,
        ChangeReviewOutcome? outcome,
        Instant openedAt)
    {
        var change = new Change(tenant, id, type, clock, rejection, authority)
        {
            State = state,
            ShortDescription = shortDescription,
            RequesterId = requesterId,
            ImplementerId = implementerId,
            AssignmentGroup = assignmentGroup,
            Plan = plan,
            Window = window,
            RiskAssessment = riskAssessment,
            Outcome = outcome,
            OpenedAt = openedAt,
        };
        change._approvals.AddRange(approvals);
        change._serviceModel.Set(service, offering, configurationItems, supplier);
        change.Restore(version);
        return change;
    }

    /// <summary>Submits a normal change for assessment (<see cref="ChangeState.Assess"/>).</summary>
    /// <param name="actor">Who submits it.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state or for the type.</exception>
    public void Submit(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, ChangeCommand.Submit, static _ => { }, new ChangeSubmitted());
    }

    /// <summary>Assesses the change's risk with <paramref name="policy"/>, replacing an earlier assessment.</summary>
    /// <param name="actor">Who assesses it.</param>
    /// <param name="policy">The risk policy (questionnaire and conditions).</param>
    /// <param name="answers">The answers to the policy's questionnaire, keyed by question id.</param>
    /// <param name="causesOutage">Whether the change causes an outage.</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ArgumentException">An argument is null, or the answers do not fit the questionnaire.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state or for the type.</exception>
    public RiskAssessment AssessRisk(Actor actor, RiskPolicy policy, IReadOnlyDictionary<string, string> answers, bool causesOutage)
    {
        Guard.Against.Null(actor);
        Guard.Against.Null(policy);
        var assessment = policy.Assess(answers, causesOutage, ServiceTexts, _serviceModel.ConfigurationItemTexts);
        Execute(actor, ChangeCommand.AssessRisk, _ => RiskAssessment = assessment, new ChangeRiskAssessed(
            assessment.Risk,
            assessment.Score,
            assessment.QuestionnaireRisk,
            assessment.ConditionRisk,
            causesOutage));
        return assessment;
    }

    /// <summary>Asks the change authority for approval (<see cref="ChangeState.Authorize"/>).</summary>
    /// <param name="actor">Who asks.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state or for the type.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-CHG-AUTH-001</c>: a normal change without a risk assessment.</exception>
    public void RequestAuthorization(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, ChangeCommand.RequestAuthorization, at => RestartApprovals(at), new ChangeAuthorizationRequested(), () =>
        {
            if (Type == ChangeType.Normal && RiskAssessment is null)
            {
                throw Rule("ITSM-CHG-AUTH-001", "A normal change needs a risk assessment before authorisation; assess its risk first.");
            }
        });
    }

    /// <summary>
    /// Approves the level of the required authority's <see cref="ChangeAuthority.Chain"/> now waiting, for the
    /// approver and for every approver of the level who delegated to them. Each approver counts once per level;
    /// when the last level is met the change may be scheduled. Once every level is met, a further approver of
    /// the last level may still add their approval.
    /// </summary>
    /// <param name="approver">Who approves, with their roles.</param>
    /// <exception cref="ArgumentException"><paramref name="approver"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state or for the type.</exception>
    /// <exception cref="DomainRuleViolationException">
    /// <c>ITSM-CHG-SOD-001</c>: the approver is the requester or the implementer;
    /// <c>ITSM-CHG-APPROVE-001</c>: the approver already approved this level; <c>ITSM-CHG-APPROVE-002</c>: the
    /// approver is not an approver of the level (holds none of its roles) nor the delegate of one (checked in that order).
    /// </exception>
    public void Approve(Actor approver)
    {
        Guard.Against.Null(approver);
        ApproveInChain(approver);
    }

    /// <summary>Rejects the change: back to <see cref="ChangeState.New"/> with its approvals voided, or canceled, by <see cref="RejectionPolicy"/>.</summary>
    /// <param name="approver">Who rejects it.</param>
    /// <param name="reason">Why.</param>
    /// <exception cref="ArgumentException"><paramref name="approver"/> is null or <paramref name="reason"/> is blank.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state or for the type.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-CHG-SOD-001</c>: the approver is the requester or the implementer; <c>ITSM-CHG-APPROVE-002</c>: the approver is not an approver of the level now waiting (holds none of its roles) nor the delegate of one.</exception>
    public void Reject(Actor approver, string reason)
    {
        Guard.Against.Null(approver);
        FieldCheck.Required(reason, FieldLimits.Text);
        int voided = _approvals.Count;
        Execute(approver, ChangeCommand.Reject, at => RestartApprovals(at), new ChangeRejected(approver.Id, reason, RejectionPolicy, voided) { Timing = WaitingTiming() }, () =>
            {
                CheckSegregation(approver, "reject");
                CheckMayReject(approver);
            });
    }

    /// <summary>
    /// Schedules the change for <paramref name="window"/> after checking it against
    /// <paramref name="calendar"/>. An emergency change may pass a blackout (and a service's maintenance
    /// windows); what it passes is recorded in the audit entry (<c>passedBlackouts</c>, <c>outsideMaintenance</c>).
    /// </summary>
    /// <param name="actor">Who schedules it.</param>
    /// <param name="window">The planned window, <c>[Start, End)</c>, with a start and an end, not empty.</param>
    /// <param name="calendar">The change calendar (this change's own entry in it is ignored).</param>
    /// <returns>The non-blocking conflicts an emergency change passed, empty when there are none.</returns>
    /// <exception cref="ArgumentException"><paramref name="actor"/> or <paramref name="calendar"/> is null, or the window is unbounded or empty.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state or for the type.</exception>
    /// <exception cref="DomainRuleViolationException">
    /// <c>ITSM-CHG-SCHEDULE-001</c>: the approvals the required authority needs are missing;
    /// <c>ITSM-CHG-SCHEDULE-002</c>: the window has blocking conflicts (the message lists every one).
    /// </exception>
    public IReadOnlyList<ScheduleConflict> Schedule(Actor actor, Interval window, ChangeCalendar calendar)
    {
        Guard.Against.Null(actor);
        Guard.Against.Null(calendar);
        var candidate = new ScheduledChange(Id, Type, window, ServiceTexts, _serviceModel.ConfigurationItemTexts);
        IReadOnlyList<ScheduleConflict> passed = [];
        IReadOnlyList<ScheduleConflict> blocking = [];
        if (Permits(ChangeCommand.Schedule))
        {
            var conflicts = calendar.CheckConflicts(candidate);
            blocking = conflicts.Where(c => c.IsBlocking).ToArray();
            passed = conflicts.Where(c => !c.IsBlocking).ToArray();
        }

        Execute(actor, ChangeCommand.Schedule, _ => Window = window, new ChangeScheduled(
            window,
            _approvals.Count,
            Subjects(passed, ScheduleConflictKind.Blackout),
            Subjects(passed, ScheduleConflictKind.OutsideMaintenanceWindow)), () =>
            {
                var authority = RequiredAuthority;
                if (!authority.IsSatisfiedBy(_approvals))
                {
                    throw Rule("ITSM-CHG-SCHEDULE-001", $"Change {Id} needs the approval of {authority} before it is scheduled; it has {_approvals.Count} approval(s).");
                }

                if (blocking.Count > 0)
                {
                    throw Rule("ITSM-CHG-SCHEDULE-002", $"The window {window} conflicts with the change calendar: {string.Join(" ", blocking.Select(c => c.Description))}");
                }
            });
        return passed;
    }

    /// <summary>Replaces the implementation plan and voids every approval; a scheduled change goes back to Authorize (a standard change to New).</summary>
    /// <param name="actor">Who edits it.</param>
    /// <param name="plan">The new plan.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="plan"/> is blank.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (from Implement on).</exception>
    public void EditPlan(Actor actor, string plan)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(plan, FieldLimits.Text);
        int voided = _approvals.Count;
        Execute(actor, ChangeCommand.EditPlan, at =>
        {
            Plan = plan;
            RestartApprovals(at);
        }, new ChangePlanEdited(plan, voided));
    }

    /// <summary>Replaces the planned window and voids every approval; a scheduled change goes back to Authorize (a standard change to New) to be scheduled again.</summary>
    /// <param name="actor">Who edits it.</param>
    /// <param name="window">The new window, with a start and an end, not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or the window is unbounded or empty.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (from Implement on).</exception>
    public void EditWindow(Actor actor, Interval window)
    {
        Guard.Against.Null(actor);
        RequireWindow(window);
        int voided = _approvals.Count;
        Execute(actor, ChangeCommand.EditWindow, at =>
        {
            Window = window;
            RestartApprovals(at);
        }, new ChangeWindowEdited(window, voided));
    }

    /// <summary>Starts implementing (<see cref="ChangeState.Implement"/>) and records the implementer.</summary>
    /// <param name="implementer">Who implements it.</param>
    /// <exception cref="ArgumentException"><paramref name="implementer"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-CHG-SOD-002</c>: the implementer approved the change.</exception>
    public void StartImplementation(Actor implementer)
    {
        Guard.Against.Null(implementer);
        Execute(implementer, ChangeCommand.StartImplementation, _ => ImplementerId = implementer.Id, new ChangeImplementationStarted(implementer.Id), () =>
        {
            if (_approvals.Exists(a => a.ApproverId == implementer.Id || a.DelegateId == implementer.Id))
            {
                throw Rule("ITSM-CHG-SOD-002", $"{implementer.Id} approved change {Id} and may not implement it.");
            }
        });
    }

    /// <summary>Finishes implementing (<see cref="ChangeState.Review"/>).</summary>
    /// <param name="actor">Who finishes it.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void CompleteImplementation(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, ChangeCommand.CompleteImplementation, static _ => { }, new ChangeImplementationCompleted());
    }

    /// <summary>Closes the reviewed change with its outcome (it feeds the change success rate).</summary>
    /// <param name="actor">Who closes it.</param>
    /// <param name="outcome">The review's outcome.</param>
    /// <param name="notes">Review notes, if any.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="outcome"/> is undefined.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Close(Actor actor, ChangeReviewOutcome outcome, string? notes = null)
    {
        Guard.Against.Null(actor);
        Guard.Against.OutOfRange((int)outcome, nameof(outcome), 1, 4);
        FieldCheck.Length(notes, FieldLimits.Text);
        Execute(actor, ChangeCommand.Close, _ => Outcome = outcome, new ChangeClosed(outcome, notes));
    }

    /// <summary>Cancels the change (permitted up to Implement, not in Review).</summary>
    /// <param name="actor">Who cancels it.</param>
    /// <param name="reason">Why.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="reason"/> is blank.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Cancel(Actor actor, string reason)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(reason, FieldLimits.Text);
        Execute(actor, ChangeCommand.Cancel, static _ => { }, new ChangeCanceled(reason));
    }

    /// <summary>The change as the change calendar holds it: its window, services and configuration items.</summary>
    /// <returns>The scheduled change, or <see langword="null"/> while it has no window.</returns>
    public ScheduledChange? ToScheduledChange() =>
        Window is { } window ? new ScheduledChange(Id, Type, window, ServiceTexts, _serviceModel.ConfigurationItemTexts) : null;

    /// <summary>The change's type, id and state.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"Change {Id} ({Type}, {State})";

    private static DomainRuleViolationException Rule(string code, string message) => new(code, message);

    private static string? Subjects(IReadOnlyList<ScheduleConflict> conflicts, ScheduleConflictKind kind)
    {
        var subjects = conflicts.Where(c => c.Kind == kind).Select(c => c.Subject).ToArray();
        return subjects.Length == 0 ? null : string.Join(", ", subjects);
    }


    private static void RequireWindow(Interval window)
    {
        if (!window.HasStart || !window.HasEnd || window.Duration <= Duration.Zero)
        {
            throw new ArgumentException("The window must have a start and an end, and the end must be after the start.", nameof(window));
        }
    }

    private void CheckSegregation(Actor approver, string what)
    {
        if (approver.Id == RequesterId || approver.Id == ImplementerId)
        {
            string who = approver.Id == RequesterId ? "requester" : "implementer";
            throw Rule("ITSM-CHG-SOD-001", $"{approver.Id} is the {who} of change {Id} and may not {what} it.");
        }
    }

    private protected override void ConfigureLifecycle(StateMachine<ChangeState, ChangeCommand> machine, Func<Aggregate<ChangeId, ChangeState, ChangeCommand>> current) =>
        ChangeLifecycle.Configure(machine, Type, RejectionPolicy);

    // The permitted commands depend on the type alone (the rejection policy changes only where
    // Reject leads), so one table per type; the machine, which knows where Reject leads, is shared
    // per type and rejection policy.
    private protected override string LifecycleVariant => RecordType + "/" + Type;

    private protected override string MachineVariant => RecordType + "/" + Type + "/" + RejectionPolicy;
}
