using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Incidents;

// The incident as the SLA engine sees it: the snapshot each command adds to TicketHistory, and the
// thresholds the SLA worker records.
public sealed partial class Incident
{
    /// <summary>
    /// Records that one of the incident's SLA clocks crossed a threshold (a warning, its target, or an
    /// escalation step after the breach): a system command the SLA worker issues (see docs/hosting.md).
    /// The state does not change, and neither does the SLA view of the history.
    /// </summary>
    /// <param name="actor">Who records it (the worker's system actor).</param>
    /// <param name="threshold">The threshold crossed, with the instant it was crossed; <c>ItsmEngine.PendingSlaThresholds</c> computes them.</param>
    /// <exception cref="ArgumentException">The threshold is missing, has no agreement or metric, or its percent and kind disagree.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (Closed, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-SLA-THRESHOLD-001</c>: the threshold is not after <see cref="LastSlaThreshold"/> (already recorded).</exception>
    public void RecordSlaThreshold(Actor actor, SlaThresholdReached threshold)
    {
        Guard.Against.Null(actor);
        Guard.Against.Null(threshold);
        threshold.Check(nameof(threshold));
        Execute(actor, IncidentCommand.SlaThreshold, _ => LastSlaThreshold = threshold, threshold, () => SlaThresholdRule.Check(LastSlaThreshold, threshold));
    }

    /// <summary>The incident as the SLA engine's conditions see it.</summary>
    /// <returns>
    /// A snapshot with the state name, priority, on-hold reason, service and assignment group, and
    /// the attributes <c>major</c> (<c>"true"</c>/<c>"false"</c>) and <c>escalationLevel</c>.
    /// </returns>
    public TicketSnapshot ToTicketSnapshot() => new()
    {
        State = State.ToString(),
        Priority = Priority,
        OnHoldReason = OnHoldReason?.ToString(),
        Service = Service,
        AssignmentGroup = AssignmentGroup,
        Attributes = SnapshotAttributes(IsMajor, EscalationLevel),
    };

    // Every accepted command takes a snapshot for TicketHistory: the attribute dictionaries of the
    // usual escalation levels are built once and shared (they are read-only).
    private static readonly IReadOnlyDictionary<string, string>[] CommonSnapshotAttributes =
        Enumerable.Range(0, 20).Select(n => NewSnapshotAttributes(n >= 10, n % 10)).ToArray();

    private static IReadOnlyDictionary<string, string> SnapshotAttributes(bool isMajor, int escalationLevel) =>
        escalationLevel is >= 0 and < 10
            ? CommonSnapshotAttributes[(isMajor ? 10 : 0) + escalationLevel]
            : NewSnapshotAttributes(isMajor, escalationLevel);

    private static IReadOnlyDictionary<string, string> NewSnapshotAttributes(bool isMajor, int escalationLevel) =>
        new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new Dictionary<string, string>
        {
            [MajorAttribute] = isMajor ? "true" : "false",
            [EscalationLevelAttribute] = Number(escalationLevel),
        });

    private protected override void OnCommandApplied(Instant at) => _history.Append(at, ToTicketSnapshot());
}
