using System;
using System.Collections.Generic;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Engine;

/// <summary>Finds a ticket's SLA thresholds: those due and not yet recorded, and the first one not yet recorded (for the store's index).</summary>
internal sealed class SlaDueCalculator
{
    private readonly SlaTracker? _tracker;
    private readonly IReadOnlyDictionary<string, BusinessCalendar> _calendars;

    internal SlaDueCalculator(IReadOnlyList<Agreement> agreements, IReadOnlyDictionary<string, BusinessCalendar> calendars, SlaCalendarResolver? calendarResolver = null)
    {
        _tracker = agreements.Count == 0 ? null : new SlaTracker(agreements, calendarResolver);
        _calendars = calendars;
    }

    internal IReadOnlyDictionary<string, BusinessCalendar> Calendars => _calendars;

    internal IReadOnlyList<SlaClockStatus> Evaluate(IReadOnlyList<TicketChange> history, Instant now)
    {
        if (_tracker is null || history.Count == 0)
        {
            return [];
        }

        var at = history[^1].At > now ? history[^1].At : now;
        var clocks = _tracker.Track(history);
        var result = new SlaClockStatus[clocks.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = new SlaClockStatus(clocks[i], clocks[i].Evaluate(_calendars, at));
        }

        return result;
    }

    /// <summary>
    /// The ticket's ledger after the snapshots of its commands since it was loaded (the record's
    /// <see cref="TicketSlaLog.Pending"/>): a cost that depends on the agreements, never on the history.
    /// </summary>
    internal SlaLedger Advance(TicketSlaLog log, SlaThresholdReached? last) =>
        (log.Committed ?? SlaLedger.Empty).Advance(_tracker, _calendars, log.Pending, last);

    /// <summary>Tickets' ledgers rebuilt from their histories with the agreements and calendars in force (<see cref="SlaRecompute"/>).</summary>
    internal SlaLedger[] Recompute(IReadOnlyList<IReadOnlyList<TicketChange>> histories, IReadOnlyList<SlaThresholdReached?> recorded) =>
        SlaRecompute.Ledgers(_tracker, _calendars, histories, recorded);

    /// <summary>
    /// The thresholds of the ticket's clocks not yet recorded (after <paramref name="last"/> in
    /// <see cref="SlaThresholdReached"/>'s order) and crossed at or before <paramref name="until"/>, in order.
    /// </summary>
    internal IReadOnlyList<SlaThresholdReached> Pending(TicketSlaLog log, SlaThresholdReached? last, Instant until) =>
        Advance(log, last).Due(_tracker, _calendars, last, until);

    /// <summary>
    /// The ticket's due instant for the index: its first threshold not yet recorded (after
    /// <paramref name="last"/>), past or forecast; null when there is none.
    /// </summary>
    internal Instant? NextDue(SlaLedger ledger, SlaThresholdReached? last)
    {
        // Every save asks: the list is the thread's, reused (taken while in use), so the answer allocates only the forecasts.
        var due = t_due ?? [];
        t_due = null;
        ledger.Due(_tracker, _calendars, last, null, due);
        Instant? first = due.Count > 0 ? due[0].DueAt : null;
        due.Clear();
        if (due.Capacity <= MaxRetainedDue)
        {
            t_due = due;
        }

        return first;
    }

    private const int MaxRetainedDue = 256;

    [ThreadStatic]
    private static List<SlaThresholdReached>? t_due;
}
