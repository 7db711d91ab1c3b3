using System.Collections.Generic;
using Itsm.BusinessTime;
using Itsm.Persistence;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Engine;

/// <summary>Finds a ticket's SLA thresholds: those due and not yet recorded, and the first one not yet recorded (for the store's index).</summary>
internal sealed class SlaDueCalculator
{
    private readonly SlaTracker? _tracker;
    private readonly IReadOnlyDictionary<string, BusinessCalendar> _calendars;

    internal SlaDueCalculator(IReadOnlyList<Agreement> agreements, IReadOnlyDictionary<string, BusinessCalendar> calendars)
    {
        _tracker = agreements.Count == 0 ? null : new SlaTracker(agreements);
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
    /// The thresholds of the ticket's clocks not yet recorded (after <paramref name="last"/> in
    /// <see cref="SlaThresholdReached"/>'s order) and crossed at or before <paramref name="until"/>, in order.
    /// </summary>
    internal IReadOnlyList<SlaThresholdReached> Pending(IReadOnlyList<TicketChange> history, SlaThresholdReached? last, Instant until)
    {
        var result = new List<SlaThresholdReached>();
        foreach (var crossing in Crossings(history))
        {
            if (crossing.DueAt > until)
            {
                break;
            }

            if (last is null || SlaThresholdReached.Order(crossing, last) > 0)
            {
                result.Add(crossing);
            }
        }

        return result;
    }

    /// <summary>
    /// The ticket's due instant for the index: its first threshold not yet recorded (after
    /// <paramref name="last"/>), past or forecast; null when there is none.
    /// </summary>
    internal Instant? NextDue(IReadOnlyList<TicketChange> history, SlaThresholdReached? last)
    {
        foreach (var crossing in Crossings(history))
        {
            if (last is null || SlaThresholdReached.Order(crossing, last) > 0)
            {
                return crossing.DueAt;
            }
        }

        return null;
    }

    /// <summary>Every threshold crossing of every clock of the ticket, past and forecast, in order.</summary>
    private List<SlaThresholdReached> Crossings(IReadOnlyList<TicketChange> history)
    {
        var crossings = new List<SlaThresholdReached>();
        if (_tracker is null || history.Count == 0)
        {
            return crossings;
        }

        foreach (var clock in _tracker.Track(history))
        {
            var calendar = clock.Target.CalendarId is null
                ? BusinessCalendar.TwentyFourSeven
                : _calendars.TryGetValue(clock.Target.CalendarId, out var found)
                    ? found
                    : throw new KeyNotFoundException($"The calendar '{clock.Target.CalendarId}' of agreement {clock.Agreement.Id}, target {clock.Target.Metric}, is not among the calendars given.");
            SlaThresholdCrossings.Collect(clock, calendar, crossings);
        }

        crossings.Sort(SlaThresholdReached.Order);
        return crossings;
    }
}
