using System;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Services;

namespace Itsm.Samples.ServiceDesk;

// Problems: opened for a recurring incident, root cause, workaround and known error, a fix by change,
// then resolved with the incidents still waiting for it.
public sealed partial class ServiceDeskSimulation
{
    private async Task OpenProblemAsync(DefectState defect)
    {
        var manager = ServiceDeskModel.ProblemManager;
        var id = new ProblemId(NewGuid(4));
        await _engine.Problems.CreateAsync(_tenant, id, manager, new OpenProblem(defect.Defect.Symptom, new ServiceId(defect.Defect.Service)), null, _ct).ConfigureAwait(false);
        _commands++;
        _problems++;
        defect.Problem = id;
        defect.ProblemPending = false;
        foreach (var incidentId in defect.Unlinked.ToArray())
        {
            await LinkToProblemAsync(incidentId, id, hold: true).ConfigureAwait(false);
        }

        defect.Unlinked.Clear();
        await ProposeImprovementAsync(defect).ConfigureAwait(false);
        Schedule(AfterBusiness(2), () => ProblemStepAsync(id));
    }

    private async Task LinkToProblemAsync(IncidentId incidentId, ProblemId problemId, bool hold)
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

        if (incident.RelatedProblem is null)
        {
            await IncidentCommandAsync(incidentId, manager, new LinkIncidentToProblem(problemId.ToString())).ConfigureAwait(false);
        }

        if (hold && incident.State is IncidentState.New or IncidentState.InProgress)
        {
            var resolver = Pick(GroupOf(incident.AssignmentGroup?.Value ?? GroupFor(incident.Service?.Value)).Members);
            await IncidentCommandAsync(incidentId, resolver, new PutIncidentOnHold(OnHoldReason.AwaitingProblem, "Known problem; waiting for its workaround or fix.")).ConfigureAwait(false);
        }
    }

    private async Task ProblemStepAsync(ProblemId id)
    {
        var manager = ServiceDeskModel.ProblemManager;
        var problem = await _engine.Problems.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
        var defect = DefectOf(problem);
        switch (problem.State)
        {
            case ProblemState.New:
                await ProblemCommandAsync(id, manager, new AssessProblem()).ConfigureAwait(false);
                Schedule(AfterBusiness(2), () => ProblemStepAsync(id));
                break;
            case ProblemState.Assess:
                await ProblemCommandAsync(id, manager, new StartProblemRootCauseAnalysis()).ConfigureAwait(false);
                Schedule(AfterBusiness(4 + Exponential(6)), () => ProblemStepAsync(id));
                break;
            case ProblemState.RootCauseAnalysis when problem.RootCause is null:
                await ProblemCommandAsync(id, manager, new RecordProblemRootCause(defect?.Defect.RootCause ?? "Not found.")).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ProblemStepAsync(id));
                break;
            case ProblemState.RootCauseAnalysis when problem.Workaround is null:
                await ProblemCommandAsync(id, manager, new DocumentProblemWorkaround(defect?.Defect.Workaround ?? "None.")).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ProblemStepAsync(id));
                break;
            case ProblemState.RootCauseAnalysis when problem.KnownError is null:
            {
                var marked = await ProblemCommandAsync(id, manager, new MarkProblemAsKnownError(problem.ShortDescription, defect is null ? [] : [defect.Defect.Service, defect.Defect.ConfigurationItem])).ConfigureAwait(false);
                if (defect is not null)
                {
                    defect.KnownError = marked.KnownError;
                }

                await OfferWorkaroundAsync(marked).ConfigureAwait(false);
                Schedule(AfterBusiness(2), () => ProblemStepAsync(id));
                break;
            }

            case ProblemState.RootCauseAnalysis:
                await ProblemCommandAsync(id, manager, new StartProblemFix()).ConfigureAwait(false);
                await StartImprovementAsync(defect).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ProblemStepAsync(id));
                break;
            case ProblemState.FixInProgress:
                await FixStepAsync(problem, defect).ConfigureAwait(false);
                break;
            case ProblemState.Resolved:
                await ProblemCommandAsync(id, manager, new CloseProblem()).ConfigureAwait(false);
                break;
        }
    }

    // A fix in progress: raise its change, wait for it, and after a failed change raise another.
    private async Task FixStepAsync(Problem problem, DefectState? defect)
    {
        bool succeeded = false;
        foreach (var changeText in problem.Changes)
        {
            var change = await _engine.Changes.FindAsync(_tenant, new ChangeId(Guid.Parse(changeText)), Dispatcher, _ct).ConfigureAwait(false);
            if (change is null)
            {
                continue;
            }

            if (change.State is not (ChangeState.Closed or ChangeState.Canceled))
            {
                _changeProblem[change.Id] = problem.Id;
                return; // the change's close brings the problem back
            }

            succeeded |= change.Outcome is ChangeReviewOutcome.Successful or ChangeReviewOutcome.SuccessfulWithIssues;
        }

        if (succeeded || defect is null || problem.Changes.Count >= 3)
        {
            await ResolveProblemAsync(problem.Id, succeeded).ConfigureAwait(false);
            return;
        }

        var changeId = await RaiseChangeAsync(defect.Defect.Fix, problem.Changes.Count + 1).ConfigureAwait(false);
        await ProblemCommandAsync(problem.Id, ServiceDeskModel.ProblemManager, new RaiseProblemChange(changeId.ToString())).ConfigureAwait(false);
        _changeProblem[changeId] = problem.Id;
    }

    // Multi-record operation: the problem and the incidents waiting for it, resolved in one unit of work.
    private async Task ResolveProblemAsync(ProblemId id, bool fixedByChange)
    {
        var manager = ServiceDeskModel.ProblemManager;
        var problem = await _engine.Problems.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
        var code = fixedByChange ? ProblemResolutionCode.FixApplied : ProblemResolutionCode.RiskAccepted;
        string notes = fixedByChange ? "Root cause removed by change." : "Three changes failed; the risk is accepted and the known error's workaround stays.";
        var result = await _engine.ResolveProblemAsync(_tenant, id, manager, new ResolveProblem(code, notes), null, _ct).ConfigureAwait(false);
        _commands += result.Records.Count;
        foreach (var record in result.Records.Skip(1))
        {
            var incident = new IncidentId(Guid.Parse(record.RecordId));
            await TrackIncidentAsync(incident).ConfigureAwait(false);
            await AfterResolvedAsync(incident).ConfigureAwait(false);
        }

        if (DefectOf(problem) is { } defect && fixedByChange)
        {
            defect.Fixed = true;
            var fixedAt = Now;
            // Ten working days later the service owner measures the effect.
            Schedule(AfterBusiness(10 * 10), () => CompleteImprovementAsync(defect, fixedAt));
        }

        Schedule(AfterBusiness(8), () => ProblemStepAsync(id));
    }
}
