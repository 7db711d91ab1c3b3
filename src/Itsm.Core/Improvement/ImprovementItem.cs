using System;
using System.Globalization;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Governance;
using NodaTime;
using Stateless;

namespace Itsm.Improvement;

/// <summary>
/// An improvement item of the continual improvement register: a proposal to move one KPI from a
/// baseline to a target, approved, implemented, and completed with the KPI's measured value. An
/// aggregate whose lifecycle is a Stateless state machine over the state it holds (see
/// docs/lifecycles/improvement-item.md for the diagram generated from it).
/// </summary>
/// <remarks>
/// <para>Commands follow the contract of every lifecycle: arguments are checked first
/// (<see cref="ArgumentException"/> naming the parameter), then the state
/// (<see cref="InvalidTransitionException"/> naming the state, the command and the permitted
/// commands), then the command's rules (<see cref="DomainRuleViolationException"/> with a stable
/// <c>ITSM-IMP-…</c> code). An accepted command changes the item, raises <see cref="Aggregate{TId, TState, TCommand}.Version"/> by one
/// and appends exactly one <see cref="AuditEntry"/>; a refused one changes nothing.
/// <see cref="ImprovementItemState.Done"/> and <see cref="ImprovementItemState.Rejected"/> are terminal.</para>
/// <para>Rules: the target improves on the baseline in the KPI's <see cref="Direction"/>
/// (<c>ITSM-IMP-TARGET-001</c>, at <c>Propose</c> and <c>Update</c>); an update changes
/// something (<c>ITSM-IMP-UPDATE-001</c>); the proposer neither approves nor rejects their own
/// proposal (<c>ITSM-IMP-APPROVE-001</c>, compared by actor id).</para>
/// <para>Time comes from the injected <see cref="IClock"/>. An item is not thread-safe.</para>
/// </remarks>
public sealed class ImprovementItem : Aggregate<ImprovementItemId, ImprovementItemState, ImprovementItemCommand>
{
    /// <summary>The record type used in audit entries and errors.</summary>
    public const string RecordType = "ImprovementItem";


    private ImprovementItem(TenantId tenant, ImprovementItemId id, IClock clock, Actor proposedBy, string title, string kpi, KpiDirection direction, decimal baseline, decimal target)
        : base(RecordType, tenant, id, clock)
    {
        ProposedBy = proposedBy;
        Title = title;
        Kpi = kpi;
        Direction = direction;
        Baseline = baseline;
        Target = target;
    }

    /// <summary>Who proposed it.</summary>
    public Actor ProposedBy { get; }

    /// <summary>What is to be improved, in a few words (the latest <c>Update</c>).</summary>
    public string Title { get; private set; }

    /// <summary>The name of the KPI the item aims to move (for example <c>"mean time to resolve"</c>).</summary>
    public string Kpi { get; }

    /// <summary>Which way the KPI gets better.</summary>
    public KpiDirection Direction { get; }

    /// <summary>The KPI's value before the improvement.</summary>
    public decimal Baseline { get; private set; }

    /// <summary>The KPI's value the improvement aims for; better than <see cref="Baseline"/> in the <see cref="Direction"/>.</summary>
    public decimal Target { get; private set; }

    /// <summary>When the item was proposed.</summary>
    public Instant ProposedAt { get; private set; }

    /// <summary>Who approved or rejected it, or <see langword="null"/> before a decision.</summary>
    public Actor? DecidedBy { get; private set; }

    /// <summary>Why it was rejected, or <see langword="null"/>.</summary>
    public string? RejectionReason { get; private set; }

    /// <summary>The KPI's measured value after completion, or <see langword="null"/> before <see cref="ImprovementItemState.Done"/>.</summary>
    public decimal? MeasuredEffect { get; private set; }

    /// <summary>
    /// Whether the measured value reached the target (at least the target when higher is better, at
    /// most when lower is better), or <see langword="null"/> before completion.
    /// </summary>
    public bool? TargetReached { get; private set; }

    /// <summary>When it was completed, or <see langword="null"/>.</summary>
    public Instant? CompletedAt { get; private set; }

    /// <summary>
    /// The ITIL 4 guiding principles the item cites (why it is worth doing, how it will be done): each once, in
    /// ITIL's order (<see cref="GuidingPrinciples.All"/>); empty when it cites none. Set by <c>Propose</c> and
    /// <c>Update</c>.
    /// </summary>
    public IReadOnlyList<GuidingPrinciple> Principles { get; private set; } = [];

    /// <summary>Proposes (registers) a new improvement item in state <see cref="ImprovementItemState.Proposed"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The new item's id.</param>
    /// <param name="proposedBy">Who proposes it.</param>
    /// <param name="title">What is to be improved.</param>
    /// <param name="kpi">The name of the KPI it aims to move.</param>
    /// <param name="direction">Which way the KPI gets better.</param>
    /// <param name="baseline">The KPI's value now.</param>
    /// <param name="target">The KPI's value aimed for.</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <param name="principles">The guiding principles it cites (duplicates count once; empty for none).</param>
    /// <returns>The item, at version 1 with one audit entry (command <c>Propose</c>).</returns>
    /// <exception cref="ArgumentException">An argument is null, blank, empty or undefined (a principle too).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-IMP-TARGET-001</c>: the target does not improve on the baseline.</exception>
    public static ImprovementItem Propose(
        TenantId tenant,
        ImprovementItemId id,
        Actor proposedBy,
        string title,
        string kpi,
        KpiDirection direction,
        decimal baseline,
        decimal target,
        IClock clock,
        IEnumerable<GuidingPrinciple> principles)
    {
        Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));
        if (id.Value == Guid.Empty)
        {
            throw new ArgumentException("The improvement item id must not be empty.", nameof(id));
        }

        Guard.Against.Null(proposedBy);
        FieldCheck.Required(title, FieldLimits.Title);
        FieldCheck.Required(kpi, FieldLimits.Id);
        RequireDirection(direction);
        Guard.Against.Null(clock);
        Guard.Against.Null(principles);
        var cited = GuidingPrinciples.Normalize(principles, nameof(principles));
        CheckTarget(direction, baseline, target);
        var item = new ImprovementItem(tenant, id, clock, proposedBy, title, kpi, direction, baseline, target)
        {
            State = ImprovementItemState.Proposed,
            Principles = cited,
        };
        item.ProposedAt = clock.GetCurrentInstant();
        item.RecordCreation(proposedBy, item.ProposedAt, new ImprovementItemProposed(title, kpi, direction, baseline, target) { Principles = cited });
        return item;
    }

    /// <summary>Proposes (registers) a new improvement item citing no guiding principle; see the overload that takes them.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The new item's id.</param>
    /// <param name="proposedBy">Who proposes it.</param>
    /// <param name="title">What is to be improved.</param>
    /// <param name="kpi">The name of the KPI it aims to move.</param>
    /// <param name="direction">Which way the KPI gets better.</param>
    /// <param name="baseline">The KPI's value now.</param>
    /// <param name="target">The KPI's value aimed for.</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <returns>The item, at version 1 with one audit entry (command <c>Propose</c>).</returns>
    /// <exception cref="ArgumentException">An argument is null, blank, empty or undefined.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-IMP-TARGET-001</c>: the target does not improve on the baseline.</exception>
    public static ImprovementItem Propose(TenantId tenant, ImprovementItemId id, Actor proposedBy, string title, string kpi, KpiDirection direction, decimal baseline, decimal target, IClock clock) =>
        Propose(tenant, id, proposedBy, title, kpi, direction, baseline, target, clock, []);

    /// <summary>Rebuilds a stored improvement item at <paramref name="version"/>: no guards, nothing recorded (the codec validates the state).</summary>
    internal static ImprovementItem Restore(
        TenantId tenant,
        ImprovementItemId id,
        long version,
        IClock clock,
        Actor proposedBy,
        string title,
        string kpi,
        KpiDirection direction,
        decimal baseline,
        decimal target,
        ImprovementItemState state,
        Instant proposedAt,
        Actor? decidedBy,
        string? rejectionReason,
        decimal? measuredEffect,
        bool? targetReached,
        Instant? completedAt,
        IReadOnlyList<GuidingPrinciple> principles)
    {
        var item = new ImprovementItem(tenant, id, clock, proposedBy, title, kpi, direction, baseline, target)
        {
            State = state,
            ProposedAt = proposedAt,
            DecidedBy = decidedBy,
            RejectionReason = rejectionReason,
            MeasuredEffect = measuredEffect,
            TargetReached = targetReached,
            CompletedAt = completedAt,
            Principles = principles,
        };
        item.Restore(version);
        return item;
    }

    /// <summary>
    /// Proposes an item that aims to move one of the built-in KPIs: its name is <paramref name="kpi"/>'s
    /// name and its direction <see cref="KpiDefinitions.DirectionOf"/>.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The new item's id.</param>
    /// <param name="proposedBy">Who proposes it.</param>
    /// <param name="title">What is to be improved.</param>
    /// <param name="kpi">The KPI it aims to move.</param>
    /// <param name="baseline">The KPI's value now.</param>
    /// <param name="target">The KPI's value aimed for.</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <param name="principles">The guiding principles it cites (duplicates count once; empty for none).</param>
    /// <returns>The item, at version 1 with one audit entry (command <c>Propose</c>).</returns>
    /// <exception cref="ArgumentException">An argument is null, blank, empty or undefined (a principle too).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-IMP-TARGET-001</c>: the target does not improve on the baseline.</exception>
    public static ImprovementItem Propose(TenantId tenant, ImprovementItemId id, Actor proposedBy, string title, KpiId kpi, decimal baseline, decimal target, IClock clock, IEnumerable<GuidingPrinciple> principles)
    {
        if (!Enum.IsDefined(kpi))
        {
            throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "The KPI is not defined.");
        }

        return Propose(tenant, id, proposedBy, title, kpi.ToString(), KpiDefinitions.DirectionOf(kpi), baseline, target, clock, principles);
    }

    /// <summary>Proposes an item that aims to move one of the built-in KPIs, citing no guiding principle; see the overload that takes them.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The new item's id.</param>
    /// <param name="proposedBy">Who proposes it.</param>
    /// <param name="title">What is to be improved.</param>
    /// <param name="kpi">The KPI it aims to move.</param>
    /// <param name="baseline">The KPI's value now.</param>
    /// <param name="target">The KPI's value aimed for.</param>
    /// <param name="clock">The clock commands take their time from.</param>
    /// <returns>The item, at version 1 with one audit entry (command <c>Propose</c>).</returns>
    /// <exception cref="ArgumentException">An argument is null, blank, empty or undefined.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-IMP-TARGET-001</c>: the target does not improve on the baseline.</exception>
    public static ImprovementItem Propose(TenantId tenant, ImprovementItemId id, Actor proposedBy, string title, KpiId kpi, decimal baseline, decimal target, IClock clock) =>
        Propose(tenant, id, proposedBy, title, kpi, baseline, target, clock, []);

    /// <summary>Whether <paramref name="target"/> improves on <paramref name="baseline"/> in <paramref name="direction"/> (strictly).</summary>
    /// <param name="direction">Which way the KPI gets better.</param>
    /// <param name="baseline">The value now.</param>
    /// <param name="target">The value aimed for.</param>
    /// <returns><see langword="true"/> when the target is better.</returns>
    public static bool Improves(KpiDirection direction, decimal baseline, decimal target) =>
        direction == KpiDirection.LowerIsBetter ? target < baseline : target > baseline;

    /// <summary>Whether <paramref name="measured"/> reaches <paramref name="target"/> in <paramref name="direction"/> (equal counts).</summary>
    /// <param name="direction">Which way the KPI gets better.</param>
    /// <param name="target">The value aimed for.</param>
    /// <param name="measured">The value measured.</param>
    /// <returns><see langword="true"/> when the target is reached.</returns>
    public static bool Reaches(KpiDirection direction, decimal target, decimal measured) =>
        direction == KpiDirection.LowerIsBetter ? measured <= target : measured >= target;

    /// <summary>Revises the title, baseline, target and (when given) the cited principles while the item is open (Proposed, Approved, InProgress).</summary>
    /// <param name="actor">Who revises it.</param>
    /// <param name="title">The title.</param>
    /// <param name="baseline">The baseline.</param>
    /// <param name="target">The target.</param>
    /// <param name="principles">The guiding principles it cites from now on, replacing the earlier ones (empty: none).</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null, <paramref name="title"/> is blank or a principle is undefined.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException">
    /// <c>ITSM-IMP-UPDATE-001</c>: nothing changes; <c>ITSM-IMP-TARGET-001</c>: the target does not
    /// improve on the baseline (checked in that order).
    /// </exception>
    public void Update(Actor actor, string title, decimal baseline, decimal target, IEnumerable<GuidingPrinciple> principles)
    {
        Guard.Against.Null(principles);
        UpdateCore(actor, title, baseline, target, principles);
    }

    /// <summary>Revises the title, baseline and target while the item is open, keeping the cited principles.</summary>
    /// <param name="actor">Who revises it.</param>
    /// <param name="title">The title.</param>
    /// <param name="baseline">The baseline.</param>
    /// <param name="target">The target.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null or <paramref name="title"/> is blank.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException">
    /// <c>ITSM-IMP-UPDATE-001</c>: nothing changes; <c>ITSM-IMP-TARGET-001</c>: the target does not
    /// improve on the baseline (checked in that order).
    /// </exception>
    public void Update(Actor actor, string title, decimal baseline, decimal target) => UpdateCore(actor, title, baseline, target, null);

    /// <summary>Runs an update; <paramref name="principles"/> null keeps the cited ones (what the engine command's null means).</summary>
    internal void UpdateCore(Actor actor, string title, decimal baseline, decimal target, IEnumerable<GuidingPrinciple>? principles)
    {
        Guard.Against.Null(actor);
        FieldCheck.Required(title, FieldLimits.Title);
        GuidingPrinciple[]? cited = principles is null ? null : GuidingPrinciples.Normalize(principles, nameof(principles));
        Execute(actor, ImprovementItemCommand.Update, _ =>
        {
            Title = title;
            Baseline = baseline;
            Target = target;
            Principles = cited ?? Principles;
        }, new ImprovementItemUpdated(title, baseline, target) { Principles = cited }, () =>
        {
            if (string.Equals(title, Title, StringComparison.Ordinal) && baseline == Baseline && target == Target
                && (cited is null || System.Linq.Enumerable.SequenceEqual(cited, Principles)))
            {
                throw Rule("ITSM-IMP-UPDATE-001", "The update changes neither the title, the baseline, the target nor the cited principles.");
            }

            CheckTarget(Direction, baseline, target);
        });
    }

    /// <summary>Approves the proposal (<see cref="ImprovementItemState.Approved"/>).</summary>
    /// <param name="approver">Who approves it; not the proposer.</param>
    /// <exception cref="ArgumentException"><paramref name="approver"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-IMP-APPROVE-001</c>: the approver is the proposer.</exception>
    public void Approve(Actor approver)
    {
        Guard.Against.Null(approver);
        Execute(approver, ImprovementItemCommand.Approve, _ => DecidedBy = approver, new ImprovementItemApproved(), () => CheckDecider(approver));
    }

    /// <summary>Rejects the proposal (<see cref="ImprovementItemState.Rejected"/>).</summary>
    /// <param name="approver">Who rejects it; not the proposer.</param>
    /// <param name="reason">Why.</param>
    /// <exception cref="ArgumentException"><paramref name="approver"/> is null or <paramref name="reason"/> is blank.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-IMP-APPROVE-001</c>: the approver is the proposer.</exception>
    public void Reject(Actor approver, string reason)
    {
        Guard.Against.Null(approver);
        FieldCheck.Required(reason, FieldLimits.Text);
        Execute(approver, ImprovementItemCommand.Reject, _ =>
        {
            DecidedBy = approver;
            RejectionReason = reason;
        }, new ImprovementItemRejected(reason), () => CheckDecider(approver));
    }

    /// <summary>Starts implementing the approved item (<see cref="ImprovementItemState.InProgress"/>).</summary>
    /// <param name="actor">Who starts it.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Start(Actor actor)
    {
        Guard.Against.Null(actor);
        Execute(actor, ImprovementItemCommand.Start, static _ => { }, new ImprovementItemStarted());
    }

    /// <summary>
    /// Completes the item (<see cref="ImprovementItemState.Done"/>), recording the KPI's value measured
    /// after completion and whether it reached the target.
    /// </summary>
    /// <param name="actor">Who completes it.</param>
    /// <param name="measuredEffect">The KPI's value measured after completion.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state.</exception>
    public void Complete(Actor actor, decimal measuredEffect)
    {
        Guard.Against.Null(actor);
        bool reached = Reaches(Direction, Target, measuredEffect);
        Execute(actor, ImprovementItemCommand.Complete, at =>
        {
            MeasuredEffect = measuredEffect;
            TargetReached = reached;
            CompletedAt = at;
        }, new ImprovementItemCompleted(measuredEffect, reached));
    }

    /// <summary>The item's id and state.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"ImprovementItem {Id} ({State})";

    private static DomainRuleViolationException Rule(string code, string message) => new(code, message);

    private static void RequireDirection(KpiDirection direction)
    {
        if (!Enum.IsDefined(direction))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "The KPI's direction is undefined.");
        }
    }

    private static void CheckTarget(KpiDirection direction, decimal baseline, decimal target)
    {
        if (!Improves(direction, baseline, target))
        {
            string better = direction == KpiDirection.LowerIsBetter ? "lower" : "higher";
            throw Rule("ITSM-IMP-TARGET-001", string.Create(CultureInfo.InvariantCulture, $"The target {target} must improve on the baseline {baseline}: {better} is better for this KPI."));
        }
    }

    private void CheckDecider(Actor approver)
    {
        if (string.Equals(approver.Id, ProposedBy.Id, StringComparison.Ordinal))
        {
            throw Rule("ITSM-IMP-APPROVE-001", $"{approver.Id} proposed improvement item {Id} and cannot decide on it.");
        }
    }

    private protected override void ConfigureLifecycle(StateMachine<ImprovementItemState, ImprovementItemCommand> machine, Func<Aggregate<ImprovementItemId, ImprovementItemState, ImprovementItemCommand>> current) =>
        ImprovementItemLifecycle.Configure(machine);
}
