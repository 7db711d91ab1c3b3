using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Improvement;
using Itsm.Persistence;
using Itsm.Problems;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

// The improvement register: each problem becomes an action "remove the root cause", with the service's
// incident rate as its KPI, measured before (baseline) and ten working days after the fix.
public sealed partial class ServiceDeskSimulation
{
    // How a service's incident rate is named in the register.
    internal static string RateKpi(string service) => "IncidentsPerWorkingDay:" + service;

    private async Task ProposeImprovementAsync(DefectState defect)
    {
        // The service's rate over the last two weeks of history, and at least over its last working day.
        var start = Now - Duration.FromDays(14) < _historyStart ? _historyStart : Now - Duration.FromDays(14);
        if (_calendar.Between(start, Now) < Duration.FromHours(10))
        {
            start = _calendar.Add(Now, Duration.FromHours(-10));
        }

        var window = new Interval(start, Now);
        var entries = await _engine.ReadAuditAsync(_tenant, Dispatcher, window, _ct).ConfigureAwait(false);
        if (IncidentRate(entries, _tenant, defect.Defect.Service, window, _calendar) is not { } rate || rate <= 0)
        {
            return;
        }

        decimal baseline = Math.Round((decimal)rate, 2);
        decimal target = Math.Round(baseline * 0.75m, 2);
        if (!ImprovementItem.Improves(KpiDirection.LowerIsBetter, baseline, target))
        {
            return;
        }

        var id = new ImprovementItemId(NewGuid(6));
        await _engine.ImprovementItems.CreateAsync(_tenant, id, ServiceDeskModel.ProblemManager, new ProposeImprovementItem(
            $"Remove the root cause of \"{defect.Defect.Symptom}\"", RateKpi(defect.Defect.Service), KpiDirection.LowerIsBetter, baseline, target), null, _ct).ConfigureAwait(false);
        _commands++;
        _improvements++;
        defect.Improvement = id;
        Schedule(AfterBusiness(4), async () =>
        {
            await _engine.ImprovementItems.ExecuteAsync(_tenant, id, ServiceDeskModel.ServiceOwner, new ApproveImprovementItem(), null, _ct).ConfigureAwait(false);
            _commands++;
        });
    }

    private async Task StartImprovementAsync(DefectState? defect)
    {
        if (defect?.Improvement is not { } id)
        {
            return;
        }

        var item = await _engine.ImprovementItems.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
        if (item.State == ImprovementItemState.Approved)
        {
            await _engine.ImprovementItems.ExecuteAsync(_tenant, id, ServiceDeskModel.ProblemManager, new StartImprovementItem(), null, _ct).ConfigureAwait(false);
            _commands++;
        }
    }

    private async Task CompleteImprovementAsync(DefectState defect, Instant fixedAt)
    {
        if (defect.Improvement is not { } id)
        {
            return;
        }

        var item = await _engine.ImprovementItems.GetAsync(_tenant, id, Dispatcher, _ct).ConfigureAwait(false);
        if (item.State == ImprovementItemState.Approved)
        {
            await StartImprovementAsync(defect).ConfigureAwait(false);
        }
        else if (item.State != ImprovementItemState.InProgress)
        {
            return;
        }

        var window = new Interval(fixedAt, Now);
        var entries = await _engine.ReadAuditAsync(_tenant, Dispatcher, window, _ct).ConfigureAwait(false);
        decimal measured = Math.Round((decimal)(IncidentRate(entries, _tenant, defect.Defect.Service, window, _calendar) ?? 0), 2);
        await _engine.ImprovementItems.ExecuteAsync(_tenant, id, ServiceDeskModel.ProblemManager, new CompleteImprovementItem(measured), null, _ct).ConfigureAwait(false);
        _commands++;
    }

    /// <summary>Incidents opened on <paramref name="service"/> per working day (ten business hours) of <paramref name="window"/>, by the KPI calculator.</summary>
    internal static double? IncidentRate(IReadOnlyList<AuditEntry> entries, TenantId tenant, string service, Interval window, BusinessCalendar calendar)
    {
        double workingDays = calendar.Between(window.Start, window.End).TotalHours / 10;
        if (workingDays < 1)
        {
            return null;
        }

        var kpis = KpiCalculator.Compute(entries, tenant, window);
        double opened = kpis.ByService.TryGetValue(service, out var set) ? set[KpiId.IncidentsOpened].Value ?? 0 : 0;
        return opened / workingDays;
    }

    // A continued run: which defects have a problem, a known error, a fix and an improvement item.
    private async Task PickUpDefectsAsync()
    {
        foreach (var summary in await _engine.Problems.QueryAsync(_tenant, Dispatcher, new RecordQuery(), _ct).ConfigureAwait(false))
        {
            var problem = await _engine.Problems.GetAsync(_tenant, new ProblemId(Guid.Parse(summary.RecordId)), Dispatcher, _ct).ConfigureAwait(false);
            if (DefectOf(problem) is not { } defect || problem.State == ProblemState.Canceled)
            {
                continue;
            }

            defect.Problem = problem.Id;
            defect.KnownError = problem.KnownError;
            defect.Fixed |= problem.ResolutionCode == ProblemResolutionCode.FixApplied;
        }

        foreach (var summary in await _engine.ImprovementItems.QueryAsync(_tenant, Dispatcher, new RecordQuery { OpenOnly = true }, _ct).ConfigureAwait(false))
        {
            var item = await _engine.ImprovementItems.GetAsync(_tenant, new ImprovementItemId(Guid.Parse(summary.RecordId)), Dispatcher, _ct).ConfigureAwait(false);
            if (_defects.FirstOrDefault(d => item.Kpi == RateKpi(d.Defect.Service) && item.Title.Contains(d.Defect.Symptom, StringComparison.Ordinal)) is not { } defect)
            {
                continue;
            }

            defect.Improvement = item.Id;
            if (item.State == ImprovementItemState.Proposed)
            {
                Schedule(_calendar.NextWorkingInstant(_runStart), async () =>
                {
                    await _engine.ImprovementItems.ExecuteAsync(_tenant, item.Id, ServiceDeskModel.ServiceOwner, new ApproveImprovementItem(), null, _ct).ConfigureAwait(false);
                    _commands++;
                });
            }
            else if (defect.Fixed)
            {
                // Fixed in an earlier run: measure over the days since this run started.
                Schedule(_calendar.Add(_runStart, Duration.FromHours(10 * 10)), () => CompleteImprovementAsync(defect, _runStart));
            }
        }
    }
}
