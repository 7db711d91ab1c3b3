using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;
using Itsm.Problems;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

// Changes: raised for a problem's fix, scheduled in the change calendar, and implemented.
public sealed partial class ServiceDeskSimulation
{
    private async Task RaiseChangeAsync(Problem problem)
    {
        var requester = GroupOf("Network").Members.First(m => m.HasRole("change_requester"));
        var implementer = GroupOf("Network").Members.First(m => m.HasRole("implementer"));
        var id = new ChangeId(NewGuid(5));
        await _engine.Changes.CreateAsync(_tenant, id, requester, new OpenChange(ChangeType.Normal,
            "Upgrade VPN concentrator firmware to 9.2", "Back up config; upgrade; fail over; verify tunnels for 1 h; roll back to 9.1 if drops persist.",
            [ServiceDeskModel.RecurringService], ["vpn-concentrator-01"], implementer.Id, RejectionPolicy.ReturnToNew), null, _ct).ConfigureAwait(false);
        _commands++;
        _changes++;
        var manager = ServiceDeskModel.ProblemManager;
        await ProblemCommandAsync(problem.Id, manager, new RaiseProblemChange(id.ToString())).ConfigureAwait(false);
        _changeProblem[id] = problem.Id;
        Schedule(AfterBusiness(1), () => ChangeStepAsync(id));
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

        return new ChangeCalendar(scheduled, blackouts, new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal) { [ServiceDeskModel.RecurringService] = ServiceDeskModel.VpnMaintenance });
    }

    private async Task ChangeStepAsync(ChangeId id)
    {
        var change = await _engine.Changes.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
        var requester = GroupOf("Network").Members.First(m => m.HasRole("change_requester"));
        var implementer = GroupOf("Network").Members.First(m => m.HasRole("implementer"));
        switch (change.State)
        {
            case ChangeState.New:
                await ChangeCommandAsync(id, requester, new SubmitChange()).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ChangeStepAsync(id));
                break;
            case ChangeState.Assess when change.RiskAssessment is null:
                await ChangeCommandAsync(id, requester, new AssessChangeRisk(ServiceDeskModel.RiskPolicy,
                    new Dictionary<string, string> { ["users"] = "everyone", ["tested"] = "yes" }, CausesOutage: true)).ConfigureAwait(false);
                Schedule(AfterBusiness(1), () => ChangeStepAsync(id));
                break;
            case ChangeState.Assess:
                await ChangeCommandAsync(id, requester, new RequestChangeAuthorization()).ConfigureAwait(false);
                Schedule(AfterBusiness(2 + Exponential(3)), () => ChangeStepAsync(id));
                break;
            case ChangeState.Authorize when !change.HasRequiredApprovals:
            {
                var approver = ServiceDeskModel.ChangeAdvisoryBoard.First(m => change.Approvals.All(a => a.ApproverId != m.Id));
                await ChangeCommandAsync(id, approver, new ApproveChange()).ConfigureAwait(false);
                Schedule(AfterBusiness(1 + Exponential(3)), () => ChangeStepAsync(id));
                break;
            }

            case ChangeState.Authorize:
            {
                var calendar = await ChangeCalendarAsync().ConfigureAwait(false);
                var candidate = new ScheduledChange(id, change.Type, new Interval(Now, Now + Duration.FromHours(2)), change.Services, change.ConfigurationItems);
                var slot = calendar.FindNextFreeSlot(candidate, Now + Duration.FromDays(1), Now + Duration.FromDays(45))
                    ?? throw new InvalidOperationException($"No free slot for change {id} within 45 days.");
                await ChangeCommandAsync(id, requester, new ScheduleChange(slot, calendar)).ConfigureAwait(false);
                Schedule(slot.Start, () => ChangeStepAsync(id));
                break;
            }

            case ChangeState.Scheduled:
                await ChangeCommandAsync(id, implementer, new StartChangeImplementation()).ConfigureAwait(false);
                Schedule(change.Window!.Value.End, () => ChangeStepAsync(id));
                break;
            case ChangeState.Implement:
                await ChangeCommandAsync(id, implementer, new CompleteChangeImplementation()).ConfigureAwait(false);
                Schedule(AfterBusiness(2), () => ChangeStepAsync(id));
                break;
            case ChangeState.Review:
            {
                var manager = ServiceDeskModel.ChangeManager;
                await ChangeCommandAsync(id, manager, new CloseChange(ChangeReviewOutcome.Successful, "No VPN drops in 24 h after the upgrade.")).ConfigureAwait(false);
                if (_changeProblem.TryGetValue(id, out var problem))
                {
                    Schedule(AfterBusiness(1), () => ProblemStepAsync(problem));
                }

                break;
            }
        }
    }
}
