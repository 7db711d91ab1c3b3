using System.Collections.Generic;
using Itsm.BusinessTime;
using Itsm.Persistence;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Engine;

/// <summary>Finds a ticket's next SLA due instant (its running clocks' earliest next threshold), for the store's index.</summary>
internal sealed class SlaDueCalculator
{
    private readonly SlaTracker? _tracker;
    private readonly IReadOnlyDictionary<string, BusinessCalendar> _calendars;

    internal SlaDueCalculator(IReadOnlyList<Agreement> agreements, IReadOnlyDictionary<string, BusinessCalendar> calendars)
    {
        _tracker = agreements.Count == 0 ? null : new SlaTracker(agreements);
        _calendars = calendars;
    }

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

    internal Instant? NextDue(IReadOnlyList<TicketChange> history, Instant now)
    {
        if (_tracker is null || history.Count == 0)
        {
            return null;
        }

        // A record saved with a clock set in the past (or a history ending in the future) is
        // evaluated no earlier than its last change, where every clock has started.
        var at = history[^1].At > now ? history[^1].At : now;
        Instant? earliest = null;
        foreach (var clock in _tracker.Track(history))
        {
            var status = clock.Evaluate(_calendars, at);
            if (status.NextThresholdInstant is { } next && (earliest is null || next < earliest))
            {
                earliest = next;
            }
        }

        return earliest;
    }
}
