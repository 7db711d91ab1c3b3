using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

// Continuing a stored history: picking up the tickets a previous run left open.
public sealed partial class ServiceDeskSimulation
{
    private async Task PickUpAsync()
    {
        // Every open ticket of every type in one list ordered by opening time: the host's start-up reads the
        // store itself (unguarded, ItsmEngine.Store), since the engine's queries are per record type.
        var open = await _store.QueryAsync(_tenant, new RecordQuery { OpenOnly = true }, _ct).ConfigureAwait(false);
        foreach (var summary in open)
        {
            var guid = Guid.Parse(summary.RecordId);
            var at = _runStart + Duration.FromMinutes(1 + _random.Next(600));
            switch (summary.RecordType)
            {
                case Incident.RecordType:
                {
                    var id = new IncidentId(guid);
                    var incident = await _engine.Incidents.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
                    if (incident.ParentId is { } parent && incident.State is IncidentState.New or IncidentState.InProgress or IncidentState.OnHold)
                    {
                        (_children.TryGetValue(parent, out var list) ? list : _children[parent] = []).Add(id);
                        continue;
                    }

                    if (incident.IsMajor)
                    {
                        _children.TryAdd(id, []);
                        Schedule(_calendar.NextWorkingInstant(at), incident.State == IncidentState.Resolved ? () => MajorReviewAsync(id) : () => ResolveMajorAsync(id));
                    }
                    else if (incident.State == IncidentState.OnHold && incident.OnHoldReason == OnHoldReason.AwaitingProblem)
                    {
                        // Its problem resolves it.
                    }
                    else
                    {
                        Schedule(_calendar.NextWorkingInstant(at), () => IncidentStepAsync(id));
                    }

                    _pickedUp++;
                    break;
                }

                case ServiceRequest.RecordType:
                {
                    var id = new ServiceRequestId(guid);
                    Schedule(_calendar.NextWorkingInstant(at), () => RequestStepAsync(id));
                    _pickedUp++;
                    break;
                }

                case Problem.RecordType:
                {
                    var id = new ProblemId(guid);
                    var problem = await _engine.Problems.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
                    Schedule(_calendar.NextWorkingInstant(at), () => ProblemStepAsync(id));
                    _pickedUp++;
                    break;
                }

                case Change.RecordType:
                {
                    var id = new ChangeId(guid);
                    var change = await _engine.Changes.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
                    var when = change.State == ChangeState.Scheduled && change.Window is { } w && w.Start > at ? w.Start : _calendar.NextWorkingInstant(at);
                    Schedule(when, () => ChangeStepAsync(id));
                    _pickedUp++;
                    break;
                }
            }
        }

        await PickUpDefectsAsync().ConfigureAwait(false);

        // Problems know their changes; changes learn their problem from them.
        foreach (var summary in open.Where(s => s.RecordType == Problem.RecordType))
        {
            var problem = await _engine.Problems.GetAsync(_tenant, new ProblemId(Guid.Parse(summary.RecordId)), Dispatcher, _ct).ConfigureAwait(false);
            foreach (var change in problem.Changes)
            {
                _changeProblem[new ChangeId(Guid.Parse(change))] = problem.Id;
            }
        }

        // The SLA due list, as a host loads it at startup: across record types, from the store itself.
        foreach (var summary in await _store.QueryAsync(_tenant, new RecordQuery { OpenOnly = true, WithSlaDueOnly = true }, _ct).ConfigureAwait(false))
        {
            var key = Key(summary.RecordType, summary.RecordId);
            _due.Schedule(key, summary.Index.SlaDueAt);
            _dueScheduled[key] = summary.Index.SlaDueAt!.Value;
        }
    }
}
