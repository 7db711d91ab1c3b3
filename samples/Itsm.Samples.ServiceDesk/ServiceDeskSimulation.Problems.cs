using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Sla;

namespace Itsm.Samples.ServiceDesk;

// Problems: opening one for recurring incidents, linking them, and resolving it.
public sealed partial class ServiceDeskSimulation
{
    private async Task OpenProblemAsync()
    {
        var manager = ServiceDeskModel.ProblemManager;
        var id = new ProblemId(NewGuid(4));
        await _engine.Problems.CreateAsync(_tenant, id, manager,
            new OpenProblem(ServiceDeskModel.RecurringSymptom, ServiceDeskModel.RecurringService), null, _ct).ConfigureAwait(false);
        _commands++;
        _problems++;
        _openProblem = id;
        foreach (var incidentId in _recurring.ToArray())
        {
            await LinkToProblemAsync(incidentId, id).ConfigureAwait(false);
        }

        Schedule(AfterBusiness(2), () => ProblemStepAsync(id));
    }

    private async Task LinkToProblemAsync(IncidentId incidentId, ProblemId problemId)
    {
        var manager = ServiceDeskModel.ProblemManager;
        var problem = await _engine.Problems.GetAsync(_tenant, problemId, Dispatcher, _ct).ConfigureAwait(false);
        if (!problem.LinkedIncidents.Contains(incidentId) && problem.Permits(ProblemCommand.LinkIncident))
        {
            await ProblemCommandAsync(problemId, manager, new LinkProblemIncident(incidentId)).ConfigureAwait(false);
        }

        var incident = await _engine.Incidents.GetAsync(_tenant, incidentId, Dispatcher, _ct).ConfigureAwait(false);
        if (incident.State is IncidentState.Closed or IncidentState.Canceled)
        {
            return;
        }

        await IncidentCommandAsync(incidentId, manager, new LinkIncidentToProblem(problemId.ToString())).ConfigureAwait(false);
        if (incident.State is IncidentState.New or IncidentState.InProgress)
        {
            var resolver = Pick(GroupOf(incident.AssignmentGroup ?? GroupFor(incident.Service)).Members);
            await IncidentCommandAsync(incidentId, resolver, new PutIncidentOnHold(OnHoldReason.AwaitingProblem, "Known problem; waiting for the fix.")).ConfigureAwait(false);
        }
    }

    private async Task ProblemStepAsync(ProblemId id)
    {
        var manager = ServiceDeskModel.ProblemManager;
        var problem = await _engine.Problems.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
        switch (problem.State)
        {
            case ProblemState.New:
                await ProblemCommandAsync(id, manager, new AssessProblem()).ConfigureAwait(false);
                Schedule(AfterBusiness(2), () => ProblemStepAsync(id));
                break;
            case ProblemState.Assess:
                await ProblemCommandAsync(id, manager, new StartProblemRootCauseAnalysis()).ConfigureAwait(false);
                Schedule(AfterBusiness(4 + Exponential(4)), () => ProblemStepAsync(id));
                break;
            case ProblemState.RootCauseAnalysis when problem.RootCause is null:
                await ProblemCommandAsync(id, manager, new RecordProblemRootCause("VPN concentrator firmware 9.1 drops idle IPsec tunnels after 300 s.")).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ProblemStepAsync(id));
                break;
            case ProblemState.RootCauseAnalysis when problem.Workaround is null:
                await ProblemCommandAsync(id, manager, new DocumentProblemWorkaround("Switch the VPN client to SSL mode.")).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ProblemStepAsync(id));
                break;
            case ProblemState.RootCauseAnalysis when problem.KnownError is null:
                await ProblemCommandAsync(id, manager, new MarkProblemAsKnownError(ServiceDeskModel.RecurringSymptom, ["vpn-concentrator-01"])).ConfigureAwait(false);
                Schedule(AfterBusiness(2), () => ProblemStepAsync(id));
                break;
            case ProblemState.RootCauseAnalysis:
                await ProblemCommandAsync(id, manager, new StartProblemFix()).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ProblemStepAsync(id));
                break;
            case ProblemState.FixInProgress when problem.Changes.Count == 0:
                await RaiseChangeAsync(problem).ConfigureAwait(false);
                break;
            case ProblemState.FixInProgress:
            {
                foreach (var changeText in problem.Changes)
                {
                    var change = await _engine.Changes.FindAsync(_tenant, new ChangeId(Guid.Parse(changeText)), Dispatcher, _ct).ConfigureAwait(false);
                    if (change is not null && change.State is not (ChangeState.Closed or ChangeState.Canceled))
                    {
                        _changeProblem[change.Id] = id;
                        return; // the change's close brings the problem back
                    }
                }

                await ResolveProblemAsync(id).ConfigureAwait(false);
                break;
            }

            case ProblemState.Resolved:
                await ProblemCommandAsync(id, manager, new CloseProblem()).ConfigureAwait(false);
                break;
        }
    }

    // Multi-record operation: the problem and the incidents waiting for it, resolved in one unit of work.
    private async Task ResolveProblemAsync(ProblemId id)
    {
        var manager = ServiceDeskModel.ProblemManager;
        var result = await _engine.ResolveProblemAsync(_tenant, id, manager, new ResolveProblem(ProblemResolutionCode.FixApplied, "Firmware 9.2 installed on the VPN concentrator."), null, _ct).ConfigureAwait(false);
        _commands += result.Records.Count;
        foreach (var record in result.Records.Skip(1))
        {
            var incident = new IncidentId(System.Guid.Parse(record.RecordId));
            await TrackIncidentAsync(incident).ConfigureAwait(false);
            await AfterResolvedAsync(incident).ConfigureAwait(false);
        }

        if (_openProblem == id)
        {
            _openProblem = null;
            _recurringFixed = true;
        }

        Schedule(AfterBusiness(8), () => ProblemStepAsync(id));
    }
}
