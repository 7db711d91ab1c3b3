using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Itsm.BusinessTime;
using Itsm.Common;
using NodaTime;

namespace Itsm.Approvals;

/// <summary>
/// One step of an <see cref="ApprovalChain"/>: parallel approvers and the rule that decides the level
/// (<see cref="ApprovalRule"/>), with an optional time the level is due in. Immutable.
/// </summary>
/// <remarks>
/// A level with no approvers is open: anyone the host authorises to approve may decide it (the
/// engine's authorization decides who that is), which is what a catalog item's single approval is.
/// </remarks>
public sealed record ApprovalLevel
{
    /// <summary>Creates a level.</summary>
    /// <param name="name">The level's name, for example <c>"Manager"</c> or <c>"Finance"</c>.</param>
    /// <param name="rule">How the approvers decide it.</param>
    /// <param name="approvers">Who may decide it (people and roles, no duplicates, at most <see cref="FieldLimits.Items"/>); empty for anyone.</param>
    /// <param name="due">How long the level may wait for its decision (in business time when a calendar is given to <see cref="DueAt"/>); <see langword="null"/> for no approval SLA.</param>
    /// <exception cref="ArgumentException">
    /// The name is blank; an approver is null or named twice; <see cref="ApprovalRule.All"/> with no approver or with a role
    /// (all of a role cannot be counted); a quorum larger than the people a level of people only names; a due time that is not positive.
    /// </exception>
    public ApprovalLevel(string name, ApprovalRule rule, IEnumerable<Approver> approvers, Duration? due = null)
    {
        Name = FieldCheck.Required(name, FieldLimits.Title);
        ArgumentNullException.ThrowIfNull(approvers);
        var list = new List<Approver>();
        bool roles = false;
        foreach (var approver in approvers)
        {
            if (approver is null)
            {
                throw new ArgumentException("An approver is null.", nameof(approvers));
            }

            if (list.Contains(approver))
            {
                throw new ArgumentException($"The approver {Itsm.Text.QuotedText.Of(approver)} is named twice.", nameof(approvers));
            }

            roles |= approver.Kind == ApproverKind.Role;
            list.Add(approver);
        }

        FieldCheck.Count(list, FieldLimits.Items, nameof(approvers));
        if (rule.Kind == ApprovalRuleKind.All && (list.Count == 0 || roles))
        {
            throw new ArgumentException("A level decided by All names the people who must all approve, and no role.", nameof(approvers));
        }

        if (rule.Kind == ApprovalRuleKind.Quorum && !roles && list.Count > 0 && rule.Count > list.Count)
        {
            throw new ArgumentException($"A quorum of {rule.Count} cannot be met by the {list.Count} people named.", nameof(rule));
        }

        if (due is { } d && d <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(due), d, "The due time must be positive.");
        }

        Rule = rule;
        Approvers = new ReadOnlyCollection<Approver>(list);
        Due = due;
    }

    /// <summary>The level's name.</summary>
    public string Name { get; }

    /// <summary>How the approvers decide it.</summary>
    public ApprovalRule Rule { get; }

    /// <summary>Who may decide it; empty for anyone.</summary>
    public IReadOnlyList<Approver> Approvers { get; }

    /// <summary>How long the level may wait, or <see langword="null"/>.</summary>
    public Duration? Due { get; }

    /// <summary>Whether anyone may decide the level (it names no approver).</summary>
    public bool IsOpen => Approvers.Count == 0;

    /// <summary>Whether the person <paramref name="personId"/> holding <paramref name="roles"/> may decide this level.</summary>
    /// <param name="personId">The person's actor id.</param>
    /// <param name="roles">Their roles.</param>
    /// <returns><see langword="true"/> when the level is open or one of its approvers matches.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public bool Accepts(string personId, IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(personId);
        ArgumentNullException.ThrowIfNull(roles);
        if (IsOpen)
        {
            return true;
        }

        foreach (var approver in Approvers)
        {
            if (approver.Matches(personId, roles))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// When a level that started waiting at <paramref name="startedAt"/> is due: <see cref="Due"/> later, in
    /// working time of <paramref name="calendar"/> when one is given (so a level due in 8 hours that starts on
    /// Friday at 16:00 on a 09:00–17:00 calendar is due on Monday at 16:00), else in elapsed time.
    /// </summary>
    /// <param name="startedAt">When the level started waiting.</param>
    /// <param name="calendar">The business calendar, or <see langword="null"/> for elapsed time.</param>
    /// <returns>The due instant, or <see langword="null"/> when the level has no <see cref="Due"/>.</returns>
    public Instant? DueAt(Instant startedAt, BusinessCalendar? calendar = null) => Due switch
    {
        null => null,
        { } due when calendar is not null => calendar.Add(startedAt, due),
        { } due => startedAt + due,
    };

    /// <summary>Value equality: the same name, rule, approvers (in order) and due time.</summary>
    /// <param name="other">The other level.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(ApprovalLevel? other) =>
        other is not null && Name == other.Name && Rule == other.Rule && Due == other.Due && System.Linq.Enumerable.SequenceEqual(Approvers, other.Approvers);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Rule, Due, Approvers.Count);

    /// <summary>The level as text: its name, rule and approvers.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {Rule} of {(IsOpen ? "anyone" : string.Join(", ", Approvers))}";
}
