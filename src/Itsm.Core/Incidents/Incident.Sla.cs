using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Incidents;

// The incident as the SLA engine sees it: the snapshot each command hands to the SLA ledger, and the
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
    /// A snapshot with the state name, priority, caller (<see cref="CallerId"/>), on-hold reason, service, offering, configuration items,
    /// assignment group and supplier (<see cref="OnHoldSupplier"/> while on hold for one, else
    /// <see cref="Supplier"/>), the attributes <c>major</c> (<c>"true"</c>/<c>"false"</c>) and <c>escalationLevel</c>,
    /// and the instants retroactive starts go back to: <see cref="TicketSnapshot.OpenedAt"/> (<see cref="OpenedAt"/>) and
    /// <see cref="TicketSnapshot.CreatedAt"/> (<see cref="CreatedAt"/>).
    /// </returns>
    public TicketSnapshot ToTicketSnapshot() => new()
    {
        State = State.ToString(),
        WorkflowState = WorkflowState,
        Priority = Priority,
        Caller = CallerId,
        OnHoldReason = OnHoldReason?.ToString(),
        Service = Service?.Value,
        Offering = Offering?.Value,
        ConfigurationItems = _serviceModel.ConfigurationItemTexts,
        AssignmentGroup = AssignmentGroup?.Value,
        Supplier = (OnHoldSupplier ?? Supplier)?.Value,
        Attributes = SnapshotAttributes(IsMajor, EscalationLevel),
        OpenedAt = OpenedAt,
        CreatedAt = CreatedAt,
    };

    // Every accepted command takes a snapshot for the SLA ledger: the attribute dictionaries of the
    // usual escalation levels are built once and shared (they are read-only).
    private static readonly IReadOnlyDictionary<string, string>[] CommonSnapshotAttributes =
        Enumerable.Range(0, 20).Select(n => NewSnapshotAttributes(n >= 10, n % 10)).ToArray();

    internal static IReadOnlyDictionary<string, string> SnapshotAttributes(bool isMajor, int escalationLevel) =>
        escalationLevel is >= 0 and < 10
            ? CommonSnapshotAttributes[(isMajor ? 10 : 0) + escalationLevel]
            : NewSnapshotAttributes(isMajor, escalationLevel);

    private static IReadOnlyDictionary<string, string> NewSnapshotAttributes(bool isMajor, int escalationLevel) =>
        new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new Dictionary<string, string>
        {
            [MajorAttribute] = isMajor ? "true" : "false",
            [EscalationLevelAttribute] = NumberText(escalationLevel),
        });

    /// <summary>
    /// The SLA view of an incident's history, rebuilt from its audit log: after every entry, the
    /// entry's instant and the snapshot <see cref="ToTicketSnapshot"/> gave at that point: one change
    /// per entry, as the engine's SLA state folds one snapshot per command. An entry earlier than the one before (a clock set back)
    /// counts at the earlier entry's instant, as the engine's SLA state counted it. Pass it to <see cref="SlaTracker.Track"/> or
    /// <c>ItsmEngine.EvaluateSla</c> to replay the incident's clocks (with today's agreements and
    /// calendars); <c>ItsmEngine.ReadIncidentTicketHistoryAsync</c> reads and replays in one call.
    /// </summary>
    /// <param name="auditEntries">The incident's whole audit log in version order, from version 1 (as <c>ReadHistoryAsync</c> returns it).</param>
    /// <returns>The changes, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="auditEntries"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is null, not an incident's, of another incident, or out of version order.</exception>
    public static IReadOnlyList<TicketChange> ReplayTicketHistory(IEnumerable<AuditEntry> auditEntries) =>
        IncidentSlaProjection.Instance.Replay(auditEntries, nameof(auditEntries));

    /// <summary>
    /// Replaces the SLA ledger with one the engine recomputed from the audit log (<c>ItsmEngine.RecomputeSlaAsync</c>).
    /// It rides the SLA bookkeeping trigger: permitted wherever a threshold may be recorded (the ticket is open).
    /// </summary>
    internal void RecomputeSla(Actor actor, string reason, SlaLedger ledger) =>
        RecordSlaRecompute(actor, reason, IncidentCommand.SlaThreshold, () => _sla.Replace(ledger));

    private protected override void OnCommandApplied(Instant at) => _sla.Append(at, ToTicketSnapshot());

    private protected override void OnAccepted() => _sla.Accept();
}
