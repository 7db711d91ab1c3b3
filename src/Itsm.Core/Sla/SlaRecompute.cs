using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Itsm.BusinessTime;

namespace Itsm.Sla;

/// <summary>
/// Rebuilds tickets' SLA ledgers from their histories (derived from the audit log) with the agreements
/// and calendars given: what a recompute stores after a calendar or agreement edit. Pure: each ticket's
/// ledger depends on its history, the agreements, the calendars and its last recorded threshold only, so
/// many tickets are rebuilt in parallel.
/// </summary>
internal static class SlaRecompute
{
    // Below this many tickets the work is not worth spreading over threads.
    private const int ParallelFrom = 256;

    /// <summary>The ledger of each ticket, as folding its whole history command by command would give with today's agreements and calendars.</summary>
    /// <param name="tracker">The agreements; null for none.</param>
    /// <param name="calendars">The calendars by id.</param>
    /// <param name="histories">Each ticket's history, in time order.</param>
    /// <param name="recorded">Each ticket's last recorded threshold (crossings at or before it are not due again), or null.</param>
    internal static SlaLedger[] Ledgers(SlaTracker? tracker, IReadOnlyDictionary<string, BusinessCalendar> calendars, IReadOnlyList<IReadOnlyList<TicketChange>> histories, IReadOnlyList<SlaThresholdReached?>? recorded = null)
    {
        var ledgers = new SlaLedger[histories.Count];
        if (histories.Count < ParallelFrom)
        {
            for (int i = 0; i < ledgers.Length; i++)
            {
                ledgers[i] = Ledger(tracker, calendars, histories[i], recorded?[i]);
            }
        }
        else
        {
            Parallel.For(0, ledgers.Length, i => ledgers[i] = Ledger(tracker, calendars, histories[i], recorded?[i]));
        }

        return ledgers;
    }

    /// <summary>One ticket's ledger rebuilt from its history.</summary>
    internal static SlaLedger Ledger(SlaTracker? tracker, IReadOnlyDictionary<string, BusinessCalendar> calendars, IReadOnlyList<TicketChange> history, SlaThresholdReached? recorded) =>
        SlaLedger.Empty.Advance(tracker, calendars, history, recorded);

    /// <summary>The status at <paramref name="at"/> of each target's current clock in <paramref name="ledger"/>, in <see cref="SlaTracker.Targets"/> order; null where the target has no clock.</summary>
    internal static SlaStatus?[] Statuses(SlaTracker tracker, IReadOnlyDictionary<string, BusinessCalendar> calendars, SlaLedger ledger, NodaTime.Instant at)
    {
        var targets = tracker.Targets;
        var statuses = new SlaStatus?[targets.Length];
        for (int j = 0; j < targets.Length; j++)
        {
            var (agreement, target) = targets[j];
            foreach (var track in ledger.Tracks)
            {
                if (track.Metric == target.Metric && string.Equals(track.AgreementId, agreement.Id, StringComparison.Ordinal) && track.Clock.HasStarted)
                {
                    var when = at < track.Clock.LastEventAt ? track.Clock.LastEventAt : at;
                    statuses[j] = track.Clock.Status(when, SlaLedger.CalendarOf(agreement, target, track.Calendar, calendars), target.SortedThresholds, target.Profile);
                    break;
                }
            }
        }

        return statuses;
    }
}
