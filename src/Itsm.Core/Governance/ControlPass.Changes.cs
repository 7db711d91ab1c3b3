using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Changes;
using Itsm.Common;
using NodaTime;

namespace Itsm.Governance;

/// <summary>The change half of the pass: approvals, risk, the implementation's span and the review.</summary>
internal sealed partial class ControlPass
{
    private void ReadChange(AuditEntry entry, DomainEvent @event)
    {
        if (!_changes.TryGetValue(entry.RecordId, out var change))
        {
            if (@event is not ChangeOpened opened)
            {
                Orphan(entry);
                return;
            }

            change = new ChangeTrack
            {
                LastAt = entry.At,
                Type = opened.Type,
                Requester = entry.Actor.Id,
                Services = opened.Service is { } service ? [service.Value] : [],
            };
            _changes.Add(entry.RecordId, change);
        }

        CheckOrder(entry, ref change.LastAt);
        var approval = ApprovalReading.Of(@event, entry.Actor);
        switch (approval.Step)
        {
            case ApprovalStep.Approved:
                // Approvals are bounded by the change's own limit (FieldLimits.Items); one person counts once.
                CountApproval(change, approval, entry.At);
                CheckSelfApproval(Change.RecordType, entry, approval.ApproverId!, change.Requester);
                break;
            case ApprovalStep.Voided:
                change.Approvals.Clear();
                change.Delegators.Clear();
                break;
        }

        if (@event is ChangeApprovalDelegated delegated)
        {
            // The delegator's roles are the ones the delegate's decision counts with (docs/approvals.md).
            change.Delegators[entry.Actor.Id] = entry.Actor.Roles;
        }

        switch (@event)
        {
            case ChangeRiskAssessed assessed:
                change.Risk = assessed.Risk;
                break;
            case ChangeImplementationStarted:
                change.ImplementationStarted ??= entry.At;
                CheckAuthorized(entry, change);
                break;
            case ChangeImplementationCompleted:
                change.ImplementationCompleted ??= entry.At;
                EndImplementation(entry.RecordId, change, entry.At);
                break;
            case ChangeClosed:
                change.Reviewed ??= entry.At;
                break;
            case TicketServiceChanged serviceChanged:
                // Scope edits end at authorisation, so the service at implementation is the change's last.
                change.Services = serviceChanged.Service is { } service ? [service.Value] : [];
                break;
        }

        if (entry.ToState is nameof(ChangeState.Closed) or nameof(ChangeState.Canceled))
        {
            EndImplementation(entry.RecordId, change, entry.At);
            CheckEmergencyReview(entry.RecordId, change);
            _changes.Remove(entry.RecordId);
        }
    }

    // An approval counts as the engine counted it, at the level it names (resolved against the authority when
    // implementation starts): for the approver with their own roles (the authority ignores them when the level does not
    // accept them), and for each person a delegate stood in for (onBehalfOf lists them, comma and space between) with the
    // roles that person held when delegating.
    private static void CountApproval(ChangeTrack change, ApprovalReading approval, Instant at)
    {
        change.Approvals.Add(new PendingApproval(new ChangeApproval(approval.ApproverId!, approval.Roles, at), approval.Level));
        if (approval.OnBehalfOf is not { } principals)
        {
            return;
        }

        foreach (var principal in principals.Split(", ", StringSplitOptions.RemoveEmptyEntries))
        {
            var roles = change.Delegators.TryGetValue(principal, out var held) ? held : approval.Roles;
            change.Approvals.Add(new PendingApproval(new ChangeApproval(principal, roles, at) { DelegateId = approval.ApproverId }, approval.Level));
        }
    }

    private void CheckAuthorized(AuditEntry entry, ChangeTrack change)
    {
        if (change.Type != ChangeType.Normal || !InPeriod(entry.At))
        {
            return;
        }

        var authority = options.ChangeAuthority.For(ChangeType.Normal, change.Risk);
        for (int c = 0; c < controls.Length; c++)
        {
            if (controls[c].Kind != ControlKind.NormalChangeAuthorized)
            {
                continue;
            }

            _population[c].Add((Change.RecordType, entry.RecordId));
            if (!authority.IsSatisfiedBy(change.Approvals.Select(a => a.At(authority))))
            {
                string approvers = change.Approvals.Count == 0 ? "no approval" : "approvals from " + string.Join(", ", change.Approvals.Select(a => a.Approval.ApproverId));
                Deviation(c, Change.RecordType, entry.RecordId, entry.At,
                    $"Implementation started without the authorisation of {authority} (risk {change.Risk?.ToString() ?? "not assessed"}): it had {approvers}.");
            }
        }
    }

    /// <summary>
    /// Checks the implementation's span against the blackout controls once it ends (<paramref name="endedAt"/>) or
    /// at the period's end (null). The span is <c>[start, end)</c>, at least the start instant itself.
    /// </summary>
    private void EndImplementation(string id, ChangeTrack change, Instant? endedAt)
    {
        if (change.ImplementationStarted is not { } started || change.BlackoutsChecked)
        {
            return;
        }

        change.BlackoutsChecked = true;
        var ended = endedAt ?? End;
        var from = Instant.Max(started, Start);
        var to = Instant.Min(Instant.Max(ended, started + Tick), End);
        if (from >= to)
        {
            return;
        }

        for (int c = 0; c < controls.Length; c++)
        {
            if (controls[c].Kind != ControlKind.NoChangeInBlackout)
            {
                continue;
            }

            _population[c].Add((Change.RecordType, id));
            if (change.Type == ChangeType.Emergency)
            {
                continue;
            }

            BlackoutWindow? hit = null;
            var hitAt = Instant.MaxValue;
            foreach (var blackout in controls[c].Blackouts)
            {
                var inside = Instant.Max(from, blackout.Window.Start);
                if (inside < Instant.Min(to, blackout.Window.End) && inside < hitAt && Covers(blackout, change.Services))
                {
                    hit = blackout;
                    hitAt = inside;
                }
            }

            if (hit is not null)
            {
                Deviation(c, Change.RecordType, id, hitAt,
                    $"The {change.Type.ToString().ToLowerInvariant()} change was being implemented at {Text(hitAt)}, inside the blackout '{hit.Name}' ({Text(hit.Window.Start)} to {Text(hit.Window.End)}).");
            }
        }
    }

    private static bool Covers(BlackoutWindow blackout, string[] services) =>
        blackout.Services.Count == 0 || Array.Exists(services, s => blackout.Services.Contains(s, StringComparer.Ordinal));

    private void CheckEmergencyReview(string id, ChangeTrack change)
    {
        if (change.Type == ChangeType.Emergency && change.ImplementationCompleted is { } completed)
        {
            CheckReview(ControlKind.EmergencyChangeReviewed, Change.RecordType, id, completed, change.Reviewed, "emergency change", "implemented", "review");
        }
    }

    private sealed class ChangeTrack
    {
        public Instant LastAt;
        public ChangeType Type;
        public string Requester = "";
        public string[] Services = [];
        public ChangeRisk? Risk;
        public List<PendingApproval> Approvals { get; } = [];

        /// <summary>Delegations since the last voiding: each delegator's roles (a later delegation replaces an earlier one).</summary>
        public Dictionary<string, IReadOnlyList<string>> Delegators { get; } = new(StringComparer.Ordinal);
        public Instant? ImplementationStarted;
        public Instant? ImplementationCompleted;
        public bool BlackoutsChecked;
        public Instant? Reviewed;
    }

    /// <summary>An approval and the name of the chain level it was given at (null for a one-level chain).</summary>
    private readonly record struct PendingApproval(ChangeApproval Approval, string? Level)
    {
        /// <summary>The approval at its level's index in the authority's chain; a level the chain lacks counts nowhere.</summary>
        public ChangeApproval At(ChangeAuthority authority)
        {
            if (Level is null || authority.Chain is not { } chain)
            {
                return Approval;
            }

            for (int i = 0; i < chain.Levels.Count; i++)
            {
                if (string.Equals(chain.Levels[i].Name, Level, StringComparison.Ordinal))
                {
                    return Approval with { Level = i };
                }
            }

            return Approval with { Level = -1 };
        }
    }
}
