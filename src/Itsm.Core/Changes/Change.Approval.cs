using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Approvals;
using Itsm.BusinessTime;
using Itsm.Common;
using NodaTime;

namespace Itsm.Changes;

// The change's approval chain: the required authority's chain (configuration, never stored), the approvals
// given since it last started (stored: segregation of duties reads them all), the delegations in force and
// when the chain started. Editing the plan or the window, a rejection, or a new request for authorisation
// restarts it; the audit log keeps every decision (docs/approvals.md).
public sealed partial class Change
{
    private readonly List<ApprovalDelegation> _delegations = [];

    /// <summary>When the approval chain started (authorisation was requested, or the chain restarted after an edit); <see langword="null"/> outside Authorize.</summary>
    public Instant? ApprovalStartedAt { get; private set; }

    /// <summary>The delegations in force: each approver's latest, until the chain restarts.</summary>
    public IReadOnlyList<ApprovalDelegation> ApprovalDelegations => _delegations;

    /// <summary>The level (its index) and due instant whose overdue this run of the chain recorded last, or <see langword="null"/>.</summary>
    internal (int Level, Instant DueAt)? ApprovalOverdueRecorded { get; private set; }

    /// <summary>The calendar the levels' due times count in (the engine's <c>ApprovalCalendarId</c>, given by the codec); <see langword="null"/> for elapsed time.</summary>
    internal BusinessCalendar? ApprovalCalendar { get; set; }

    /// <summary>
    /// Records that the approval level now waiting passed its due instant undecided: a system command the SLA worker
    /// issues (docs/approvals.md, "Approval SLA"), once per level and run of the chain (an edit or a new request for
    /// authorisation starts a new run). The state does not change. The due instant counts in the engine's approval
    /// calendar (<c>ItsmEngineOptions.ApprovalCalendarId</c>).
    /// </summary>
    /// <param name="actor">Who records it (the worker's system actor).</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (only Authorize).</exception>
    /// <exception cref="DomainRuleViolationException">
    /// <c>ITSM-APPROVAL-003</c>: no level with a due time waits (or every level is met), or it is not due yet;
    /// <c>ITSM-APPROVAL-004</c>: its overdue was already recorded.
    /// </exception>
    public void RecordApprovalOverdue(Actor actor)
    {
        Guard.Against.Null(actor);
        var waiting = WaitingLevel();
        var overdue = ApprovalTrack.Overdue(waiting, ApprovalDueAt(ApprovalCalendar), p => HasApproved(waiting!.Value.Index, p));
        Execute(actor, ChangeCommand.ApprovalOverdue, _ => ApprovalOverdueRecorded = (overdue!.LevelIndex, overdue.DueAt),
            overdue ?? new ApprovalLevelOverdue("", 0, default, []),
            () => ApprovalTrack.CheckOverdue(overdue, Clock.GetCurrentInstant(), ApprovalOverdueRecorded, $"change {Id}"));
    }

    /// <summary>The due instant of the waiting level when its overdue is still to be recorded (for the due index and the worker).</summary>
    internal Instant? UnrecordedApprovalDueAt() =>
        ApprovalTrack.UnrecordedDue(WaitingLevel(), ApprovalDueAt(ApprovalCalendar), ApprovalOverdueRecorded);

    /// <summary>The timing of the level a decision now decides, when one waits and the chain has started.</summary>
    private ApprovalLevelTiming? WaitingTiming() =>
        WaitingLevel() is var (level, index) && ApprovalStartedAt is { } started
            ? ApprovalTrack.Timing(level, index, started, _approvals.Select(static a => (a.Level, a.At)), ApprovalCalendar)
            : null;

    /// <summary>
    /// Where the required authority's chain stands with the approvals given: pending at a level or approved;
    /// <see langword="null"/> when the authority needs no approval. (A rejection restarts the chain, so it is never reported here.)
    /// </summary>
    public ApprovalStatus? ApprovalStatus => RequiredAuthority.Chain is { } chain ? ApprovalEvaluator.Evaluate(chain, CountedDecisions(chain)) : null;

    /// <summary>
    /// Hands <paramref name="approver"/>'s decision on the level now waiting to <paramref name="delegateId"/>: until the
    /// chain restarts, what the delegate decides counts for the approver too (the approver may still decide), and a
    /// level of roles accepts it by the roles the approver held when delegating. Delegations chain but never loop;
    /// a new one replaces the approver's earlier one. The state does not change; the audit log records it.
    /// </summary>
    /// <param name="approver">An approver of the level now waiting (once every level is met, of the last) who has yet to approve it.</param>
    /// <param name="delegateId">The delegate's actor id; not the requester or the implementer.</param>
    /// <exception cref="ArgumentException">An argument is null or blank.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (only Authorize).</exception>
    /// <exception cref="DomainRuleViolationException">
    /// <c>ITSM-CHG-SOD-001</c>: the approver or the delegate is the requester or the implementer;
    /// <c>ITSM-APPROVAL-002</c>: the approver may not decide the level now waiting (or the authority needs none), or already did;
    /// <c>ITSM-APPROVAL-001</c>: the delegation would make a loop;
    /// <c>ITSM-LIMIT-003</c>: the change holds <see cref="FieldLimits.Items"/> delegations already.
    /// </exception>
    public void DelegateApproval(Actor approver, string delegateId)
    {
        Guard.Against.Null(approver);
        FieldCheck.Required(delegateId, FieldLimits.Id);
        var level = State == ChangeState.Authorize ? DecidingLevel() : null;
        string? replaced = _delegations.Find(d => d.From == approver.Id)?.To;
        Execute(approver, ChangeCommand.DelegateApproval, at => ApprovalTrack.Put(_delegations, new ApprovalDelegation(approver.Id, approver.Roles, delegateId, at)),
            new ChangeApprovalDelegated(delegateId, level?.Level.Name ?? "", replaced), () =>
            {
                CheckSegregation(approver, "delegate the approval of");
                if (delegateId == RequesterId || delegateId == ImplementerId)
                {
                    string who = delegateId == RequesterId ? "requester" : "implementer";
                    throw Rule("ITSM-CHG-SOD-001", $"{delegateId} is the {who} of change {Id} and may not approve it, not even as a delegate.");
                }

                FieldCheck.Room(replaced is null ? _delegations.Count : 0, FieldLimits.Items, "change", "approval delegations");
                if (level is not var (current, index))
                {
                    throw Rule(ApprovalTrack.DelegatorCannotDecideCode, $"Change {Id} has no approval level waiting ({RequiredAuthority}), so {approver.Id} has no decision to delegate.");
                }

                ApprovalTrack.CheckDelegation(current, approver, delegateId, _delegations, p => HasApproved(index, p));
            });
    }

    /// <summary>
    /// When the approval level now waiting is due (its <see cref="ApprovalLevel.Due"/> after it started, in working time of
    /// <paramref name="calendar"/> when given): the approval SLA an SLA worker or a report asks about.
    /// </summary>
    /// <param name="calendar">The business calendar the due time counts in, or <see langword="null"/> for elapsed time.</param>
    /// <returns>The due instant, or <see langword="null"/> outside Authorize, once every level is approved, or when the level has no due time.</returns>
    public Instant? ApprovalDueAt(BusinessCalendar? calendar = null) =>
        ApprovalTrack.DueAt(WaitingLevel(), ApprovalStartedAt, _approvals.Select(static a => (a.Level, a.At)), calendar);

    /// <summary>Whether the approval level now waiting is overdue at <paramref name="now"/>: it has a due instant and <paramref name="now"/> is at or after it.</summary>
    /// <param name="now">The instant to ask at.</param>
    /// <param name="calendar">The business calendar the due time counts in, or <see langword="null"/> for elapsed time.</param>
    /// <returns><see langword="true"/> when overdue.</returns>
    public bool IsApprovalOverdue(Instant now, BusinessCalendar? calendar = null) => ApprovalDueAt(calendar) is { } due && now >= due;

    /// <summary>Rebuilds the stored chain state beside the approvals (the codec validates it first).</summary>
    internal void RestoreApproval(Instant? startedAt, IEnumerable<ApprovalDelegation> delegations, (int Level, Instant DueAt)? overdue = null)
    {
        ApprovalOverdueRecorded = overdue;
        ApprovalStartedAt = startedAt;
        _delegations.AddRange(delegations);
    }

    private void ApproveInChain(Actor approver)
    {
        if (!Permits(ChangeCommand.Approve))
        {
            throw Refuse(ChangeCommand.Approve);
        }

        FieldCheck.Room(_approvals.Count, FieldLimits.Items, "change", "approvals");
        CheckSegregation(approver, "approve");
        var chain = RequiredAuthority.Chain;
        var (level, index) = DecidingLevel() ?? (null!, -1);
        var decidesFor = level is null ? [] : ApprovalTrack.DecidesFor(level, approver, _delegations, p => HasApproved(index, p));
        if (decidesFor.Count == 0)
        {
            if (HasApproved(index, approver.Id))
            {
                throw Rule("ITSM-CHG-APPROVE-001", $"{approver.Id} already approved change {Id}; one person's approval counts once.");
            }

            throw Rule("ITSM-CHG-APPROVE-002", $"{approver.Id} holds none of the roles {RequiredAuthority} accepts ({string.Join(", ", RequiredAuthority.Roles)}), and decides for no approver who delegated to them.");
        }

        FieldCheck.Room(_approvals.Count + decidesFor.Count - 1, FieldLimits.Items, "change", "approvals");
        string? onBehalfOf = decidesFor.Exists(p => p != approver.Id) ? string.Join(", ", decidesFor.Where(p => p != approver.Id)) : null;

        // Timed only when the approval meets the level waiting: a further approval of a met level decides nothing.
        var timing = WaitingLevel() is var (_, waitingIndex) && waitingIndex == index
            && ApprovalEvaluator.Evaluate(chain!, CountedDecisions(chain!).Concat(decidesFor.Select(p => new ApprovalDecision(index, p, ApprovalVerdict.Approve)))).Level > index
            ? WaitingTiming()
            : null;
        Execute(approver, ChangeCommand.Approve, at =>
        {
            foreach (var person in decidesFor)
            {
                bool self = person == approver.Id;
                var roles = self ? approver.Roles : _delegations.Find(d => d.From == person)!.FromRoles;
                _approvals.Add(new ChangeApproval(person, roles, at) { Level = index, DelegateId = self ? null : approver.Id });
            }
        }, new ChangeApproved(approver.Id, string.Join(", ", approver.Roles)) { Level = chain!.Levels.Count > 1 ? level!.Name : null, OnBehalfOf = onBehalfOf, Timing = timing });
    }

    private void CheckMayReject(Actor approver)
    {
        if (DecidingLevel() is not var (level, _)
            || !(level.Accepts(approver.Id, approver.Roles) || ApprovalTrack.DecidesFor(level, approver, _delegations, static _ => false).Count > 0))
        {
            throw Rule("ITSM-CHG-APPROVE-002", $"{approver.Id} holds none of the roles {RequiredAuthority} accepts ({string.Join(", ", RequiredAuthority.Roles)}), and decides for no approver who delegated to them.");
        }
    }

    // Runs after the transition: the chain starts over at its first level, timed from now while the
    // change waits in Authorize.
    private void RestartApprovals(Instant at)
    {
        _approvals.Clear();
        _delegations.Clear();
        ApprovalOverdueRecorded = null;
        ApprovalStartedAt = State == ChangeState.Authorize ? at : null;
    }

    /// <summary>The level waiting for approvals, in Authorize with the chain not yet approved.</summary>
    private (ApprovalLevel Level, int Index)? WaitingLevel()
    {
        if (State != ChangeState.Authorize || RequiredAuthority.Chain is not { } chain)
        {
            return null;
        }

        var status = ApprovalEvaluator.Evaluate(chain, CountedDecisions(chain));
        return status.Outcome == ApprovalOutcome.Pending ? (chain.Levels[status.Level], status.Level) : null;
    }

    /// <summary>The level a decision goes to: the one waiting, or once every level is met the last (a further approver may still approve, or reject).</summary>
    private (ApprovalLevel Level, int Index)? DecidingLevel()
    {
        if (RequiredAuthority.Chain is not { } chain)
        {
            return null;
        }

        var status = ApprovalEvaluator.Evaluate(chain, CountedDecisions(chain));
        int index = Math.Min(status.Level, chain.Levels.Count - 1);
        return (chain.Levels[index], index);
    }

    private bool HasApproved(int level, string person) => _approvals.Exists(a => a.Level == level && a.ApproverId == person);

    private IEnumerable<ApprovalDecision> CountedDecisions(ApprovalChain chain) => _approvals
        .Where(a => a.Level < chain.Levels.Count && chain.Levels[a.Level].Accepts(a.ApproverId, a.Roles))
        .Select(static a => new ApprovalDecision(a.Level, a.ApproverId, ApprovalVerdict.Approve));
}
