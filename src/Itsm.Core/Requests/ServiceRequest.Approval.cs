using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Approvals;
using Itsm.BusinessTime;
using Itsm.Common;
using NodaTime;

namespace Itsm.Requests;

// The request's approval chain: which chain it waits on, the approvals and delegations given since the
// chain started, and the rules for deciding and delegating (docs/approvals.md). Only the current run of
// the chain is state; the audit log holds every decision ever given. Editing the request's service, offering,
// configuration items or supplier while it awaits approval starts a new run (ServiceRequest.ServiceModel.cs).
public sealed partial class ServiceRequest
{
    private readonly List<ApprovalEntry> _approvals = [];
    private readonly List<ApprovalDelegation> _delegations = [];

    /// <summary>The approval chain the request waits on, once approval was requested; <see langword="null"/> before.</summary>
    public ApprovalChain? ApprovalChain { get; private set; }

    /// <summary>When the chain started (approval was requested, or an edit while awaiting approval restarted it); <see langword="null"/> before.</summary>
    public Instant? ApprovalStartedAt { get; private set; }

    /// <summary>The approvals the current run of the chain has recorded, in order, each counting for one approver at one level (an edit while awaiting approval voids them).</summary>
    public IReadOnlyList<ApprovalEntry> Approvals => _approvals;

    /// <summary>The delegations in force: each approver's latest, until the chain ends or restarts (an edit while awaiting approval).</summary>
    public IReadOnlyList<ApprovalDelegation> ApprovalDelegations => _delegations;

    /// <summary>
    /// The level (its index) and due instant whose overdue this run of the chain recorded last
    /// (<see cref="RecordApprovalOverdue"/>), or <see langword="null"/> when none was.
    /// </summary>
    internal (int Level, Instant DueAt)? ApprovalOverdueRecorded { get; private set; }

    /// <summary>
    /// The calendar the levels' due times count in (the engine's <c>ApprovalCalendarId</c>, given by the codec at load
    /// and create); <see langword="null"/> for elapsed time.
    /// </summary>
    internal BusinessCalendar? ApprovalCalendar { get; set; }

    /// <summary>
    /// Where the chain stands: pending at a level, approved, or rejected; <see langword="null"/> before
    /// approval was requested. A rejected request reports <see cref="ApprovalOutcome.Rejected"/>.
    /// </summary>
    public ApprovalStatus? ApprovalStatus => ApprovalChain is null
        ? null
        : State == ServiceRequestState.Rejected
            ? new ApprovalStatus(ApprovalOutcome.Rejected, ApprovalEvaluator.Evaluate(ApprovalChain, Decisions()).Level, 0)
            : ApprovalEvaluator.Evaluate(ApprovalChain, Decisions());

    /// <summary>Asks for approval by <paramref name="chain"/>: its first level waits for decisions.</summary>
    /// <param name="actor">Who asks.</param>
    /// <param name="chain">The approval chain, for example a manager and then, for expensive items, a finance quorum.</param>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-APPROVAL-002</c>: the catalog item needs no approval.</exception>
    public void RequestApproval(Actor actor, ApprovalChain chain)
    {
        Guard.Against.Null(actor);
        Guard.Against.Null(chain);
        StartApprovalChain(actor, chain);
    }

    /// <summary>
    /// Hands <paramref name="approver"/>'s decision on the current level to <paramref name="delegateId"/>: from
    /// now until the chain ends, what the delegate decides counts for the approver too (the approver may still
    /// decide themselves). Delegations chain (A to B, B to C: C decides for A and B) but never loop; a new
    /// delegation replaces the approver's earlier one. The state does not change; the audit log records it.
    /// </summary>
    /// <param name="approver">An approver of the current level who has yet to decide it.</param>
    /// <param name="delegateId">The delegate's actor id; not the requester.</param>
    /// <exception cref="ArgumentException">An argument is null or blank.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (only AwaitingApproval).</exception>
    /// <exception cref="DomainRuleViolationException">
    /// <c>ITSM-REQ-APPROVAL-003</c>: the approver or the delegate is the requester;
    /// <c>ITSM-APPROVAL-002</c>: the approver may not decide the current level, or already did;
    /// <c>ITSM-APPROVAL-001</c>: the delegation would make a loop;
    /// <c>ITSM-LIMIT-003</c>: the request holds <see cref="FieldLimits.Items"/> delegations already.
    /// </exception>
    public void DelegateApproval(Actor approver, string delegateId)
    {
        Guard.Against.Null(approver);
        FieldCheck.Required(delegateId, FieldLimits.Id);
        var level = CurrentLevel();
        string? replaced = _delegations.Find(d => d.From == approver.Id)?.To;
        Execute(approver, ServiceRequestCommand.DelegateApproval, at => ApprovalTrack.Put(_delegations, new ApprovalDelegation(approver.Id, approver.Roles, delegateId, at)),
            new ServiceRequestApprovalDelegated(delegateId, level?.Level.Name ?? "", replaced), () =>
            {
                RequireIndependentApprover(approver);
                if (string.Equals(delegateId, RequesterId, StringComparison.Ordinal))
                {
                    throw new DomainRuleViolationException("ITSM-REQ-APPROVAL-003", $"{delegateId} requested this; a requester cannot decide their own request, not even as a delegate.");
                }

                FieldCheck.Room(replaced is null ? _delegations.Count : 0, FieldLimits.Items, "request", "approval delegations");
                var (current, index) = level!.Value;
                ApprovalTrack.CheckDelegation(current, approver, delegateId, _delegations, p => HasApproved(index, p));
            });
    }

    /// <summary>
    /// When the level now waiting is due (its <see cref="ApprovalLevel.Due"/> after it started, in working time of
    /// <paramref name="calendar"/> when given): the approval SLA an SLA worker or a report asks about.
    /// </summary>
    /// <param name="calendar">The business calendar the due time counts in, or <see langword="null"/> for elapsed time.</param>
    /// <returns>The due instant, or <see langword="null"/> when the request is not awaiting approval or the level has no due time.</returns>
    public Instant? ApprovalDueAt(BusinessCalendar? calendar = null) =>
        ApprovalTrack.DueAt(CurrentLevel(), ApprovalStartedAt, _approvals.Select(static a => (a.Level, a.At)), calendar);

    /// <summary>Whether the level now waiting is overdue at <paramref name="now"/>: it has a due instant and <paramref name="now"/> is at or after it.</summary>
    /// <param name="now">The instant to ask at.</param>
    /// <param name="calendar">The business calendar the due time counts in, or <see langword="null"/> for elapsed time.</param>
    /// <returns><see langword="true"/> when overdue.</returns>
    public bool IsApprovalOverdue(Instant now, BusinessCalendar? calendar = null) => ApprovalDueAt(calendar) is { } due && now >= due;

    /// <summary>
    /// Records that the approval level now waiting passed its due instant undecided: a system command the SLA worker
    /// issues (docs/approvals.md, "Approval SLA"), once per level and run of the chain. The state does not change.
    /// The due instant counts in the engine's approval calendar (<c>ItsmEngineOptions.ApprovalCalendarId</c>).
    /// </summary>
    /// <param name="actor">Who records it (the worker's system actor).</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (only AwaitingApproval).</exception>
    /// <exception cref="DomainRuleViolationException">
    /// <c>ITSM-APPROVAL-003</c>: the waiting level has no due time, or it is not due yet;
    /// <c>ITSM-APPROVAL-004</c>: its overdue was already recorded.
    /// </exception>
    public void RecordApprovalOverdue(Actor actor)
    {
        Guard.Against.Null(actor);
        var waiting = CurrentLevel();
        var overdue = ApprovalTrack.Overdue(waiting, ApprovalDueAt(ApprovalCalendar), p => HasApproved(waiting!.Value.Index, p));
        Execute(actor, ServiceRequestCommand.ApprovalOverdue, _ => ApprovalOverdueRecorded = (overdue!.LevelIndex, overdue.DueAt),
            overdue ?? new ApprovalLevelOverdue("", 0, default, []),
            () => ApprovalTrack.CheckOverdue(overdue, Clock.GetCurrentInstant(), ApprovalOverdueRecorded, $"request {Id}"));
    }

    /// <summary>The due instant of the waiting level when its overdue is still to be recorded (for the due index and the worker).</summary>
    internal Instant? UnrecordedApprovalDueAt() =>
        ApprovalTrack.UnrecordedDue(CurrentLevel(), ApprovalDueAt(ApprovalCalendar), ApprovalOverdueRecorded);

    /// <summary>Rebuilds the stored chain state (the codec validates it first).</summary>
    internal void RestoreApproval(ApprovalChain? chain, Instant? startedAt, IEnumerable<ApprovalEntry> approvals, IEnumerable<ApprovalDelegation> delegations, (int Level, Instant DueAt)? overdue = null)
    {
        ApprovalOverdueRecorded = overdue;
        ApprovalChain = chain;
        ApprovalStartedAt = startedAt;
        _approvals.AddRange(approvals);
        _delegations.AddRange(delegations);
    }

    private void StartApprovalChain(Actor actor, ApprovalChain? chain)
    {
        var used = chain ?? ApprovalChain.SingleApprover;
        Execute(actor, ServiceRequestCommand.RequestApproval, at =>
        {
            ApprovalChain = used;
            RestartApprovals(at);
        }, new ServiceRequestApprovalRequested { Chain = chain?.Name, Levels = chain is null ? null : string.Join("; ", chain.Levels) }, () =>
        {
            if (!Item.RequiresApproval)
            {
                throw new DomainRuleViolationException("ITSM-REQ-APPROVAL-002", $"Catalog item {Item.Id} needs no approval; start fulfilment instead.");
            }
        });
    }

    // An edit of what the approvers decide on (service, offering, configuration items, supplier) voids the
    // current run: the chain starts over at its first level, timed from the edit.
    private void RestartApprovals(Instant at)
    {
        ApprovalStartedAt = at;
        ApprovalOverdueRecorded = null;
        _approvals.Clear();
        _delegations.Clear();
    }

    private void Decide(Actor approver, ApprovalVerdict verdict, string? text)
    {
        // The state comes first, as for every command: Approve and Reject are permitted only while awaiting approval.
        var command = verdict == ApprovalVerdict.Approve ? ServiceRequestCommand.Approve : ServiceRequestCommand.Reject;
        if (!Permits(command))
        {
            throw Refuse(command);
        }

        RequireIndependentApprover(approver);
        var chain = ApprovalChain!;
        var (level, index) = CurrentLevel()!.Value;
        var decidesFor = ApprovalTrack.DecidesFor(level, approver, _delegations, p => HasApproved(index, p));
        if (decidesFor.Count == 0)
        {
            throw level.Accepts(approver.Id, approver.Roles)
                ? new DomainRuleViolationException("ITSM-REQ-APPROVAL-005", $"{approver.Id} already approved level {level.Name} of request {Id}; one person's decision counts once.")
                : new DomainRuleViolationException("ITSM-REQ-APPROVAL-004", $"{approver.Id} is not an approver of level {level.Name} ({level}) of request {Id}, nor the delegate of one who has yet to decide.");
        }

        string? onBehalfOf = decidesFor.Exists(p => p != approver.Id) ? string.Join(", ", decidesFor.Where(p => p != approver.Id)) : null;
        string? levelName = chain.Levels.Count > 1 ? level.Name : null;
        // State stored before approval chains has no start: its decisions carry no timing.
        var timing = ApprovalStartedAt is { } started ? ApprovalTrack.Timing(level, index, started, _approvals.Select(static a => (a.Level, a.At)), ApprovalCalendar) : null;
        if (verdict == ApprovalVerdict.Reject)
        {
            Execute(approver, ServiceRequestCommand.Reject, _ => ApproverId = approver.Id, new ServiceRequestRejected(text!) { Level = levelName, OnBehalfOf = onBehalfOf, Timing = timing });
            return;
        }

        FieldCheck.Room(_approvals.Count + decidesFor.Count - 1, FieldLimits.Items, "request", "approvals");
        var after = ApprovalEvaluator.Evaluate(chain, Decisions().Concat(decidesFor.Select(p => new ApprovalDecision(index, p, ApprovalVerdict.Approve))));
        void Apply(Instant at)
        {
            ApproverId = approver.Id;
            foreach (var person in decidesFor)
            {
                _approvals.Add(new ApprovalEntry(index, person, person == approver.Id ? null : approver.Id, at));
            }
        }

        if (after.Outcome == ApprovalOutcome.Approved)
        {
            Execute(approver, ServiceRequestCommand.Approve, Apply, new ServiceRequestApproved(text) { Level = levelName, OnBehalfOf = onBehalfOf, Timing = timing });
        }
        else
        {
            Execute(approver, ServiceRequestCommand.RecordApproval, Apply, new ServiceRequestApprovalRecorded(level.Name, after.Level > index, onBehalfOf, text) { Timing = after.Level > index ? timing : null });
        }
    }

    private (ApprovalLevel Level, int Index)? CurrentLevel()
    {
        if (State != ServiceRequestState.AwaitingApproval || ApprovalChain is not { } chain)
        {
            return null;
        }

        var status = ApprovalEvaluator.Evaluate(chain, Decisions());
        return status.Outcome == ApprovalOutcome.Pending ? (chain.Levels[status.Level], status.Level) : null;
    }

    private bool HasApproved(int level, string person) => _approvals.Exists(a => a.Level == level && a.ApproverId == person);

    private IEnumerable<ApprovalDecision> Decisions() => _approvals.Select(static a => new ApprovalDecision(a.Level, a.ApproverId, ApprovalVerdict.Approve));
}
