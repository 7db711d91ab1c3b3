using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

// The event loop: the queue of timed actions, each day's midnight, and progress.
public sealed partial class ServiceDeskSimulation
{
    private void Schedule(Instant at, int order, Func<Task> action)
    {
        if (at < Now)
        {
            at = Now;
        }

        if (at >= _runEnd)
        {
            return; // left for the next run: the ticket stays open in the store and is picked up then
        }

        _queue.Enqueue(action, (at, order, _seq++));
    }

    private void Schedule(Instant at, Func<Task> action) => Schedule(at, OrderAction, action);

    private async Task RunLoopAsync()
    {
        var due = new List<string>();
        while (true)
        {
            _ct.ThrowIfCancellationRequested();
            bool hasEvent = _queue.TryPeek(out _, out var next);
            Instant? slaNext = _due.NextDue;
            if (slaNext is { } s && s < _runEnd && (!hasEvent || s <= next.At))
            {
                _clock.MoveTo(s > Now ? s : Now);
                due.Clear();
                _due.TakeDue(Now, due);
                foreach (var key in due)
                {
                    await OnSlaDueAsync(key).ConfigureAwait(false);
                }

                continue;
            }

            if (!hasEvent)
            {
                break;
            }

            var action = _queue.Dequeue();
            _clock.MoveTo(next.At);
            await action().ConfigureAwait(false);
        }

        _clock.MoveTo(_runEnd);
    }

    private async Task MidnightAsync(LocalDate date)
    {
        if (date > _firstDay)
        {
            int open = await CountBacklogAsync().ConfigureAwait(false);
            _backlog.Add(new DailyBacklog(date.PlusDays(-1), Now, open));
            ReportProgress(date.PlusDays(-1), open);
        }

        var dayStart = _calendar.Zone.AtStartOfDay(date).ToInstant();
        if (dayStart >= _runEnd)
        {
            return;
        }

        bool workday = _calendar.GetWorkingIntervals(date).Count > 0;
        for (int hour = 0; hour < 24; hour++)
        {
            var hourStart = dayStart + Duration.FromHours(hour);
            int contacts = Poisson(workday ? WorkdayProfile[hour] : hour is >= 8 and < 20 ? 0.06 : 0.02);
            for (int i = 0; i < contacts; i++)
            {
                var at = hourStart + Duration.FromSeconds(_random.Next(1, 3600));
                Schedule(at, () => ContactAsync(defect: null));
            }

            if (workday && hour is >= 8 and < 18)
            {
                ScheduleDefectContacts(date, hourStart);
            }

            int alerts = Poisson(0.04);
            for (int i = 0; i < alerts; i++)
            {
                Schedule(hourStart + Duration.FromSeconds(_random.Next(1, 3600)), AlertAsync);
            }
        }

        // Raised on their day, or the next working day when it falls on a weekend or holiday.
        ScheduleRoutineChanges(date, Period.Between(_firstDay, date, PeriodUnits.Days).Days);

        var nextDay = date.PlusDays(1);
        Schedule(_calendar.Zone.AtStartOfDay(nextDay).ToInstant(), OrderMidnight, () => MidnightAsync(nextDay));
    }

    // The backlog as the KPIs define it: incidents New, InProgress or OnHold (a resolved incident
    // is still open in the store's sense until it closes).
    private async Task<int> CountBacklogAsync()
    {
        var open = await _engine.Incidents.QueryAsync(_tenant, Dispatcher, new RecordQuery { OpenOnly = true }, _ct).ConfigureAwait(false);
        return open.Count(s => s.Index.State is nameof(IncidentState.New) or nameof(IncidentState.InProgress) or nameof(IncidentState.OnHold));
    }

    private void ReportProgress(LocalDate date, int open)
    {
        _day++;
        _progress?.Report(new SimulationProgress(_day, _settings.Days, date, open));
    }
}
