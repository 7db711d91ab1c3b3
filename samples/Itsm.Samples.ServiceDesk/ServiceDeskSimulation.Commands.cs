using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.Sla;
using Itsm.Services;

namespace Itsm.Samples.ServiceDesk;

// Running commands through the engine, then tracking the ticket's SLA due instant.
public sealed partial class ServiceDeskSimulation
{
    private async Task<Incident> IncidentCommandAsync(IncidentId id, Actor actor, RecordCommand<Incident> command)
    {
        var result = await _engine.Incidents.ExecuteAsync(_tenant, id, actor, command, null, _ct).ConfigureAwait(false);
        _commands++;
        Track(Incident.RecordType, id.ToString(), await IncidentHistoryAsync(id).ConfigureAwait(false));
        return result.Record;
    }

    private async Task<ServiceRequest> RequestCommandAsync(ServiceRequestId id, Actor actor, RecordCommand<ServiceRequest> command)
    {
        var result = await _engine.ServiceRequests.ExecuteAsync(_tenant, id, actor, command, null, _ct).ConfigureAwait(false);
        _commands++;
        Track(ServiceRequest.RecordType, id.ToString(), await RequestHistoryAsync(id).ConfigureAwait(false));
        return result.Record;
    }

    private async Task<Problem> ProblemCommandAsync(ProblemId id, Actor actor, RecordCommand<Problem> command)
    {
        var result = await _engine.Problems.ExecuteAsync(_tenant, id, actor, command, null, _ct).ConfigureAwait(false);
        _commands++;
        return result.Record;
    }

    private async Task<Change> ChangeCommandAsync(ChangeId id, Actor actor, RecordCommand<Change> command)
    {
        var result = await _engine.Changes.ExecuteAsync(_tenant, id, actor, command, null, _ct).ConfigureAwait(false);
        _commands++;
        return result.Record;
    }

    // The intake as one unit of work: two commands (the incident opened, the interaction classified).
    private async Task RaiseAsync(InteractionId interactionId, IncidentId id, Actor agent, Impact impact, Urgency urgency, string service, bool resolvedOnFirstContact = false)
    {
        await _engine.RaiseIncidentAsync(_tenant, interactionId, id, agent, impact, urgency, new ServiceId(service), resolvedOnFirstContact, options: null, cancellationToken: _ct).ConfigureAwait(false);
        _commands += 2;
        await TrackIncidentAsync(id).ConfigureAwait(false);
    }

    // After an operation over several records: the SLA due list follows each incident it wrote.
    private async Task TrackIncidentAsync(IncidentId id)
    {
        Track(Incident.RecordType, id.ToString(), await IncidentHistoryAsync(id).ConfigureAwait(false));
    }

    // A ticket's SLA history, replayed from its audit log (the record keeps only its clocks' state).
    private Task<IReadOnlyList<TicketChange>> IncidentHistoryAsync(IncidentId id) =>
        _engine.ReadIncidentTicketHistoryAsync(_tenant, id, Dispatcher, _ct);

    private Task<IReadOnlyList<TicketChange>> RequestHistoryAsync(ServiceRequestId id) =>
        _engine.ReadServiceRequestTicketHistoryAsync(_tenant, id, Dispatcher, _ct);
}
