using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Problems;
using NodaTime;
using Itsm.Services;

namespace Itsm.Samples.ServiceDesk;

// Latent defects: the incidents they make recur, the problem that finds them, and the known error's
// workaround applied to every matching incident until a change removes the root cause.
public sealed partial class ServiceDeskSimulation
{
    private readonly DefectState[] _defects;

    private DefectState? DefectOf(Incident incident) =>
        _defects.FirstOrDefault(d => d.Defect.Symptom == incident.ShortDescription && d.Defect.Service == incident.Service?.Value);

    private DefectState? DefectOf(Problem problem) =>
        _defects.FirstOrDefault(d => d.Defect.Symptom == problem.ShortDescription && d.Defect.Service == problem.Service?.Value);

    // A defect incident's first step after assignment. Returns whether the defect story took it over.
    private bool TakeOverDefectIncident(IncidentId id, DefectState defect)
    {
        if (defect.Problem is not { } problem)
        {
            return false; // no problem yet: worked like any incident
        }

        if (defect.KnownError is { } knownError)
        {
            // The resolver finds the known error by its symptom and applies its workaround: minutes, not hours.
            Schedule(AfterBusiness(0.5), () => LinkToProblemAsync(id, problem, hold: false));
            Schedule(AfterBusiness(0.5 + Exponential(0.5)), () => ApplyWorkaroundAsync(id, knownError));
            return true;
        }

        Schedule(AfterBusiness(0.5), () => LinkToProblemAsync(id, problem, hold: true));
        return true;
    }

    private async Task ApplyWorkaroundAsync(IncidentId id, KnownError knownError)
    {
        var incident = await _engine.Incidents.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
        if (incident.State is not (IncidentState.New or IncidentState.InProgress or IncidentState.OnHold))
        {
            return;
        }

        var resolver = incident.AssignedTo is { } assignee
            ? GroupOf(incident.AssignmentGroup?.Value).Members.FirstOrDefault(m => m.Id == assignee) ?? Pick(GroupOf(incident.AssignmentGroup?.Value).Members)
            : Pick(GroupOf(GroupFor(incident.Service?.Value)).Members);
        await IncidentCommandAsync(id, resolver, new ResolveIncident(IncidentResolutionCode.SolvedWorkaround, "Known error workaround: " + knownError.Workaround)).ConfigureAwait(false);
        _workarounds++;
        await AfterResolvedAsync(id).ConfigureAwait(false);
    }

    // Once a known error is published, the incidents waiting for the problem get its workaround.
    private async Task OfferWorkaroundAsync(Problem problem)
    {
        foreach (var incidentId in problem.LinkedIncidents)
        {
            var incident = await _engine.Incidents.GetAsync(_tenant, incidentId, Dispatcher, _ct).ConfigureAwait(false);
            if (incident.State == IncidentState.OnHold && incident.OnHoldReason == OnHoldReason.AwaitingProblem)
            {
                Schedule(AfterBusiness(Exponential(1)), () => ApplyWorkaroundAsync(incidentId, problem.KnownError!));
            }
        }
    }

    private void ScheduleDefectContacts(LocalDate date, Instant hourStart)
    {
        for (int index = 0; index < _defects.Length; index++)
        {
            var defect = _defects[index];
            if (defect.Fixed || date < _firstDay.PlusDays(ServiceDeskModel.DefectOnsetDay(index, _settings.Days)))
            {
                continue;
            }

            int count = Poisson(defect.Defect.PerWorkingHour);
            for (int i = 0; i < count; i++)
            {
                Schedule(hourStart + Duration.FromSeconds(_random.Next(1, 3600)), () => ContactAsync(defect));
            }
        }
    }

    private void OnDefectIncident(DefectState defect, IncidentId id)
    {
        defect.Unlinked.Add(id);
        if (defect.Problem is null && !defect.Fixed && !defect.ProblemPending && defect.Unlinked.Count >= 3)
        {
            // The third occurrence is a trend: problem management opens a problem for it.
            defect.ProblemPending = true;
            Schedule(AfterBusiness(1), () => OpenProblemAsync(defect));
        }
    }

    /// <summary>What the simulation knows about one defect during a run (rebuilt from the store on a continued run).</summary>
    private sealed class DefectState(DeskDefect defect)
    {
        public DeskDefect Defect { get; } = defect;

        public ProblemId? Problem { get; set; }

        public bool ProblemPending { get; set; }

        public KnownError? KnownError { get; set; }

        public bool Fixed { get; set; }

        public List<IncidentId> Unlinked { get; } = [];

        public ImprovementItemId? Improvement { get; set; }
    }
}
