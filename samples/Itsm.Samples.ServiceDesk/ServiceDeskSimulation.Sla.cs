using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Improvement;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;
using Itsm.Sla;
using NodaTime;
using Itsm.Services;

namespace Itsm.Samples.ServiceDesk;

// SLA warnings and breaches: the due list, and what happens when a ticket's threshold comes due.
public sealed partial class ServiceDeskSimulation
{
    private static string Key(string recordType, string id) => recordType + "/" + id;

    // After a command: schedule the ticket's next threshold (what the engine stored as SlaDueAt).
    private void Track(string recordType, string id, IReadOnlyList<TicketChange> history)
    {
        var key = Key(recordType, id);
        var next = NextThreshold(history);
        _due.Schedule(key, next);
        if (next is { } at)
        {
            _dueScheduled[key] = at;
        }

        _lastChecked[key] = Now;
    }

    // The ticket's clocks as the engine evaluates them now (its own SlaDueAt is their earliest next threshold).
    private Instant? NextThreshold(IReadOnlyList<TicketChange> history)
    {
        Instant? earliest = null;
        foreach (var clock in _engine.EvaluateSla(history))
        {
            if (clock.Status.NextThresholdInstant is { } next && (earliest is null || next < earliest))
            {
                earliest = next;
            }
        }

        return earliest;
    }

    private async Task OnSlaDueAsync(string key)
    {
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        string type = key[..slash];
        var guid = Guid.Parse(key[(slash + 1)..]);
        IReadOnlyList<TicketChange> history;
        Incident? incident = null;
        if (type == Incident.RecordType)
        {
            incident = await _engine.Incidents.FindAsync(_tenant, new IncidentId(guid), Dispatcher, _ct).ConfigureAwait(false);
            history = incident is null ? [] : await IncidentHistoryAsync(incident.Id).ConfigureAwait(false);
        }
        else
        {
            var request = await _engine.ServiceRequests.FindAsync(_tenant, new ServiceRequestId(guid), Dispatcher, _ct).ConfigureAwait(false);
            history = request is null ? [] : await RequestHistoryAsync(request.Id).ConfigureAwait(false);
        }

        if (history.Count == 0)
        {
            return;
        }

        // Since when were this ticket's thresholds already seen? Picked-up tickets: since their last
        // change for breaches (a handled breach was saved), since the run's start for warnings.
        var lastSeen = _lastChecked.TryGetValue(key, out var checkedAt) ? checkedAt : history[^1].At;
        var warnedFrom = lastSeen < _runStart ? _runStart : lastSeen;
        var reasons = new List<string>();
        foreach (var (clock, now) in _engine.EvaluateSla(history))
        {
            var then = clock.Evaluate(ServiceDeskModel.Calendars, lastSeen);
            if (now.Stage == SlaStage.Breached && then.Stage != SlaStage.Breached)
            {
                _breaches++;
                reasons.Add($"{clock.Agreement.Id} {clock.Target.Metric} target of {Hours(now.Target)} business hours breached");
                continue;
            }

            var from = warnedFrom == lastSeen ? then : clock.Evaluate(ServiceDeskModel.Calendars, warnedFrom);
            foreach (var threshold in clock.Target.WarningThresholds)
            {
                if (from.ElapsedPercent < threshold && now.ElapsedPercent >= threshold && now.Stage != SlaStage.Breached)
                {
                    _warnings++;
                }
            }
        }

        if (reasons.Count > 0 && incident is { State: IncidentState.New or IncidentState.InProgress or IncidentState.OnHold })
        {
            var manager = GroupOf(incident.AssignmentGroup?.Value).Manager;
            await IncidentCommandAsync(incident.Id, ServiceDeskModel.SlaEngine, new EscalateIncidentHierarchically(manager, string.Join("; ", reasons))).ConfigureAwait(false);
        }
        else
        {
            Track(type, guid.ToString(), history);
        }
    }

    private static string Hours(Duration d) => d.TotalHours.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
