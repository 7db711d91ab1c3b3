using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Services;
using Itsm.Engine;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.ServiceDesk;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

// Changes: raised for a problem's fix or as routine work, authorised by their type and risk, scheduled
// in the change calendar and implemented; a few fail, cause incidents and are backed out.
public sealed partial class ServiceDeskSimulation
{
    private readonly HashSet<ChangeId> _failing = [];
    private readonly Dictionary<ChangeId, ChangeTemplate> _changeTemplates = [];

    private async Task<ChangeId> RaiseChangeAsync(ChangeTemplate template, int attempt = 1)
    {
        var id = new ChangeId(NewGuid(5));
        string title = attempt > 1 ? $"{template.Title} (attempt {attempt})" : template.Title;
        await _engine.Changes.CreateAsync(_tenant, id, ServiceDeskModel.ChangeRequester, new OpenChange(template.Type,
            title, template.Plan, new ServiceId(template.Service), [new ConfigurationItemId(template.ConfigurationItem)], ServiceDeskModel.Implementer.Id, RejectionPolicy.ReturnToNew), null, _ct).ConfigureAwait(false);
        _commands++;
        _changes++;
        _changeTemplates[id] = template;
        Schedule(template.Type == ChangeType.Emergency ? AfterWall(20) : AfterBusiness(1), () => ChangeStepAsync(id));
        return id;
    }

    private void ScheduleRoutineChanges(LocalDate date, int dayOfRun)
    {
        foreach (var routine in ServiceDeskModel.RoutineChanges)
        {
            if (dayOfRun >= routine.FirstAfterDays && (dayOfRun - routine.FirstAfterDays) % routine.EveryDays == 0)
            {
                var at = _calendar.NextWorkingInstant(_calendar.Zone.AtStartOfDay(date).ToInstant()) + Duration.FromMinutes(30 + _random.Next(120));
                Schedule(at, () => RaiseChangeAsync(routine.Template));
            }
        }
    }

    private async Task<ChangeCalendar> ChangeCalendarAsync()
    {
        var scheduled = new List<ScheduledChange>();
        foreach (var summary in await _engine.Changes.QueryAsync(_tenant, Dispatcher, new RecordQuery { OpenOnly = true }, _ct).ConfigureAwait(false))
        {
            if ((await _engine.Changes.GetAsync(_tenant, new ChangeId(Guid.Parse(summary.RecordId)), Dispatcher, _ct).ConfigureAwait(false)).ToScheduledChange() is { } s)
            {
                scheduled.Add(s);
            }
        }

        // Payroll freeze over the last three days of each month of the run.
        var blackouts = new List<BlackoutWindow>();
        for (var month = _firstDay.With(DateAdjusters.StartOfMonth); _calendar.Zone.AtStartOfDay(month).ToInstant() < _runEnd + Duration.FromDays(62); month = month.PlusMonths(1))
        {
            var end = month.PlusMonths(1);
            blackouts.Add(new BlackoutWindow("Payroll month-end freeze",
                new Interval(_calendar.Zone.AtStartOfDay(end.PlusDays(-3)).ToInstant(), _calendar.Zone.AtStartOfDay(end).ToInstant()), ["Payroll"]));
        }

        return new ChangeCalendar(scheduled, blackouts, new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal) { ["VPN"] = ServiceDeskModel.VpnMaintenance });
    }

    private ChangeTemplate TemplateOf(Change change) =>
        _changeTemplates.TryGetValue(change.Id, out var template)
            ? template
            : new ChangeTemplate(change.Type, change.ShortDescription, change.Plan, change.Service?.Value ?? "", change.ConfigurationItems.Count > 0 ? change.ConfigurationItems[0].Value : "", new Dictionary<string, string>(StringComparer.Ordinal) { ["users"] = "department", ["tested"] = "yes" });

    private async Task ChangeStepAsync(ChangeId id)
    {
        var change = await _engine.Changes.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
        var requester = ServiceDeskModel.ChangeRequester;
        var implementer = ServiceDeskModel.Implementer;
        var template = TemplateOf(change);
        bool emergency = change.Type == ChangeType.Emergency;
        switch (change.State)
        {
            case ChangeState.New when change.Type == ChangeType.Standard:
                await ScheduleChangeAsync(change, Now + Duration.FromDays(1)).ConfigureAwait(false);
                break;
            case ChangeState.New when change.Type == ChangeType.Normal:
                await ChangeCommandAsync(id, requester, new SubmitChange()).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ChangeStepAsync(id));
                break;
            case ChangeState.New or ChangeState.Assess when change.RiskAssessment is null:
                await ChangeCommandAsync(id, requester, new AssessChangeRisk(ServiceDeskModel.RiskPolicy, template.RiskAnswers, template.CausesOutage)).ConfigureAwait(false);
                Schedule(emergency ? AfterWall(10) : AfterBusiness(1), () => ChangeStepAsync(id));
                break;
            case ChangeState.Assess when change.WorkflowState == ServiceDeskWorkflows.PeerReview:
            {
                // The workflow blocks the request for authorization until someone other than the requester reviews it.
                var reviewer = ServiceDeskModel.Groups.SelectMany(g => g.Members).First(m => m.HasRole(ServiceDeskWorkflows.PeerReviewerRole) && m.Id != change.RequesterId);
                await ChangeCommandAsync(id, reviewer, new TransitionChangeWorkflow(ServiceDeskWorkflows.PeerReviewTransition)).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ChangeStepAsync(id));
                break;
            }

            case ChangeState.New or ChangeState.Assess:
                await ChangeCommandAsync(id, requester, new RequestChangeAuthorization()).ConfigureAwait(false);
                Schedule(emergency ? AfterWall(30) : AfterBusiness(2 + Exponential(3)), () => ChangeStepAsync(id));
                break;
            case ChangeState.Authorize when !change.HasRequiredApprovals:
            {
                var approver = Approvers(change.RequiredAuthority).First(m => change.Approvals.All(a => a.ApproverId != m.Id));
                await ChangeCommandAsync(id, approver, new ApproveChange()).ConfigureAwait(false);
                Schedule(emergency ? AfterWall(15) : AfterBusiness(1 + Exponential(3)), () => ChangeStepAsync(id));
                break;
            }

            case ChangeState.Authorize:
                await ScheduleChangeAsync(change, emergency ? Now + Duration.FromHours(1) : Now + Duration.FromDays(1)).ConfigureAwait(false);
                break;
            case ChangeState.Scheduled:
                await ChangeCommandAsync(id, implementer, new StartChangeImplementation()).ConfigureAwait(false);
                Schedule(change.Window!.Value.End, () => ChangeStepAsync(id));
                break;
            case ChangeState.Implement:
                await ChangeCommandAsync(id, implementer, new CompleteChangeImplementation()).ConfigureAwait(false);
                if (Chance(ServiceDeskModel.FailureRate(change.Type)))
                {
                    // The change went wrong: users and monitoring notice within the hour, and it is backed out.
                    _failing.Add(id);
                    int caused = 1 + _random.Next(3);
                    for (int i = 0; i < caused; i++)
                    {
                        Schedule(AfterWall(5 + _random.Next(55)), () => IncidentCausedByChangeAsync(id, template.Service));
                    }
                }
                else if (_changeProblem.TryGetValue(id, out var fixedProblem) && _defects.FirstOrDefault(d => d.Problem == fixedProblem) is { } defect)
                {
                    defect.Fixed = true; // the root cause is gone from here on
                }

                Schedule(AfterBusiness(2), () => ChangeStepAsync(id));
                break;
            case ChangeState.Review:
            {
                var manager = ServiceDeskModel.ChangeManager;
                bool failed = _failing.Remove(id);
                var outcome = !failed ? ChangeReviewOutcome.Successful : Chance(0.5) ? ChangeReviewOutcome.BackedOut : ChangeReviewOutcome.Failed;
                await ChangeCommandAsync(id, manager, new CloseChange(outcome, failed ? "Caused incidents after implementation; backed out to the previous version." : "Verified in production; no incidents after it.")).ConfigureAwait(false);
                if (failed)
                {
                    _failedChanges++;
                }

                if (_changeProblem.TryGetValue(id, out var problem))
                {
                    Schedule(AfterBusiness(1), () => ProblemStepAsync(problem));
                }

                break;
            }
        }
    }

    private async Task ScheduleChangeAsync(Change change, Instant notBefore)
    {
        var calendar = await ChangeCalendarAsync().ConfigureAwait(false);
        var candidate = new ScheduledChange(change.Id, change.Type, new Interval(Now, Now + Duration.FromHours(2)),
            change.Service is { } service ? [service.Value] : [], change.ConfigurationItems.Select(i => i.Value));
        var slot = calendar.FindNextFreeSlot(candidate, notBefore, Now + Duration.FromDays(45))
            ?? throw new InvalidOperationException($"No free slot for change {change.Id} within 45 days.");
        await ChangeCommandAsync(change.Id, ServiceDeskModel.ChangeRequester, new ScheduleChange(slot, calendar)).ConfigureAwait(false);
        Schedule(slot.Start, () => ChangeStepAsync(change.Id));
    }

    private static IEnumerable<Actor> Approvers(ChangeAuthority authority) =>
        authority.Roles.Contains("ecab") ? ServiceDeskModel.EmergencyBoard
        : authority.Roles.Contains("cab") ? ServiceDeskModel.ChangeAdvisoryBoard
        : authority.Roles.Contains("change_manager") ? [ServiceDeskModel.ChangeManager]
        : ServiceDeskModel.Groups.SelectMany(g => g.Members).Where(m => m.HasRole("peer"));

    // An incident the failed change caused: raised from a monitoring alert, then linked to the change.
    private async Task IncidentCausedByChangeAsync(ChangeId changeId, string serviceName)
    {
        var service = ServiceDeskModel.Services.FirstOrDefault(s => s.Name == serviceName) ?? ServiceDeskModel.Services[0];
        var monitoring = ServiceDeskModel.Monitoring;
        var interactionId = new InteractionId(NewGuid(1));
        await _engine.Interactions.CreateAsync(_tenant, interactionId, monitoring,
            new LogInteraction(Channel.Monitoring, "monitoring", "Alert: " + service.Name + " errors after a change"), null, _ct).ConfigureAwait(false);
        _commands++;
        _interactions++;
        _alerts++;
        var id = await RaiseIncidentAsync(interactionId, monitoring, service, mayResolveOnFirstContact: false, defect: null, parent: null, (Impact.Medium, Urgency.High)).ConfigureAwait(false);
        await IncidentCommandAsync(id, ServiceDeskModel.ChangeManager, new LinkIncidentToCausingChange(changeId.ToString())).ConfigureAwait(false);
        _causedIncidents++;
    }
}
