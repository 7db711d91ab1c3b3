using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

// The report: SLA compliance, breaches, KPIs and the run's activity.
public sealed partial class ServiceDeskSimulation
{
    private async Task<SimulationReport> BuildReportAsync(bool continued, int entriesBefore, Stopwatch stopwatch)
    {
        var period = new Interval(_runStart, _runEnd);
        var entries = await _engine.ReadAuditAsync(_tenant, Dispatcher, new Interval(Origin, _runEnd), _ct).ConfigureAwait(false);
        var all = await _engine.ReadAuditAsync(_tenant, Dispatcher, new Interval(Origin, BusinessCalendar.MaxSupportedInstant), _ct).ConfigureAwait(false);
        // Every record of every type: the host's own report reads the store itself (unguarded).
        var records = await _store.QueryAsync(_tenant, new RecordQuery(), _ct).ConfigureAwait(false);

        var outcomes = new List<(string AgreementId, SlaStatus Status)>();
        var compliance = new Dictionary<(string, string), (int Achieved, int Breached)>();
        var breaches = new List<SlaBreach>();
        var weekly = new SortedDictionary<LocalDate, (int Achieved, int Breached)>();
        var incidents = new List<Incident>();
        foreach (var summary in records)
        {
            IReadOnlyList<TicketChange> history;
            string title;
            var guid = Guid.Parse(summary.RecordId);
            if (summary.RecordType == Incident.RecordType)
            {
                var incident = await _engine.Incidents.GetAsync(_tenant, new IncidentId(guid), Dispatcher, _ct).ConfigureAwait(false);
                (history, title) = (await IncidentHistoryAsync(incident.Id).ConfigureAwait(false), incident.ShortDescription);
                incidents.Add(incident);
            }
            else if (summary.RecordType == ServiceRequest.RecordType)
            {
                var request = await _engine.ServiceRequests.GetAsync(_tenant, new ServiceRequestId(guid), Dispatcher, _ct).ConfigureAwait(false);
                (history, title) = (await RequestHistoryAsync(request.Id).ConfigureAwait(false), "Request: " + request.Item.Id);
            }
            else
            {
                continue;
            }

            // The engine's clock stands at the run's end (RunLoopAsync moved it there).
            foreach (var (clock, status) in _engine.EvaluateSla(history))
            {
                outcomes.Add((clock.Agreement.Id, status));
                if (!status.IsActive && status.EndedAt is { } ended && ended >= _runStart && ended < _runEnd && status.Stage is SlaStage.Achieved or SlaStage.Breached)
                {
                    var k = (clock.Agreement.Id, clock.Target.Metric.Name);
                    compliance.TryGetValue(k, out var c);
                    compliance[k] = status.Stage == SlaStage.Achieved ? (c.Achieved + 1, c.Breached) : (c.Achieved, c.Breached + 1);
                    var week = ended.InZone(_calendar.Zone).Date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
                    weekly.TryGetValue(week, out var w);
                    weekly[week] = status.Stage == SlaStage.Achieved ? (w.Achieved + 1, w.Breached) : (w.Achieved, w.Breached + 1);
                }

                bool inPeriod = status.EndedAt is not { } end || end >= _runStart;
                if (inPeriod && status.Stage == SlaStage.Breached && status.BusinessElapsed > status.Target)
                {
                    breaches.Add(new SlaBreach(summary.RecordType, summary.RecordId, title, clock.Priority, clock.Agreement.Id, clock.Target.Metric.Name,
                        status.Target, status.BusinessElapsed - status.Target, status.IsActive)
                    {
                        Number = summary.Number > 0 ? _engine.Options.TicketNumbers.Format(summary.RecordType, summary.Number) : null,
                    });
                }
            }
        }

        var kpis = KpiCalculator.Compute(entries, _tenant, period, outcomes, _calendar);
        var practices = await BuildPracticesAsync(all, incidents).ConfigureAwait(false);
        return new SimulationReport
        {
            Settings = _settings,
            DatabasePath = Path.GetFullPath(_settings.DatabasePath),
            Tenant = _tenant,
            Period = period,
            FirstDay = _firstDay,
            LastDay = _firstDay.PlusDays(_settings.Days - 1),
            Continued = continued,
            Kpis = kpis,
            Compliance = compliance.OrderBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2, StringComparer.Ordinal)
                .Select(p => new TargetCompliance(p.Key.Item1, p.Key.Item2, p.Value.Achieved, p.Value.Breached)).ToArray(),
            Backlog = _backlog.ToArray(),
            WeeklyCompliance = weekly.Select(p => new WeeklyCompliance(p.Key, p.Value.Achieved, p.Value.Breached)).ToArray(),
            Practices = practices,
            Routing = BuildRoutingReport(),
            Workflows = WorkflowReport.From(all, _engine.Options.Workflows, _tenant, period, _calendar),
            TopBreaches = breaches.OrderByDescending(b => b.Late).ThenBy(b => b.RecordId, StringComparer.Ordinal).Take(10).ToArray(),
            Activity = new RunActivity
            {
                Interactions = _interactions,
                Incidents = _incidents,
                ServiceRequests = _requests,
                Answered = _answered,
                ResolvedOnFirstContact = _fcr,
                Alerts = _alerts,
                MajorIncidents = _majors,
                Problems = _problems,
                Changes = _changes,
                Reopens = _reopens,
                SlaWarnings = _warnings,
                SlaBreaches = _breaches,
                PickedUp = _pickedUp,
                Commands = _commands,
                Improvements = _improvements,
                FailedChanges = _failedChanges,
                IncidentsCausedByChanges = _causedIncidents,
                ResolvedByWorkaround = _workarounds,
                WorkNotes = _workNotes,
                Comments = _comments,
                TimeWorked = _timeWorked,
            },
            RecordCounts = records.GroupBy(r => r.RecordType, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            AuditEntries = all.Count,
            AuditEntriesThisRun = all.Count - entriesBefore,
            Elapsed = stopwatch.Elapsed,
        };
    }
}
