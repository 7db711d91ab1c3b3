using System;
using System.Collections.Generic;
using Itsm.BusinessTime;
using Itsm.Incidents;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Improvement;

public static partial class KpiCalculator
{
    /// <summary>The second half of the pass: the tracked records counted into the overall set and the slices.</summary>
    private sealed partial class Pass
    {
        public KpiReport Finish(Interval period, IEnumerable<(string AgreementId, SlaStatus Status)>? slaOutcomes, BusinessCalendar? calendar)
        {
            var overall = new KpiSet();
            var byService = new Dictionary<string, KpiSet>(StringComparer.Ordinal);
            var byGroup = new Dictionary<string, KpiSet>(StringComparer.Ordinal);
            var byPriority = new Dictionary<int, KpiSet>();
            foreach (var incident in _incidents.Values)
            {
                AddIncident(overall, byService, byGroup, byPriority, incident, calendar);
            }

            foreach (var request in _requests.Values)
            {
                AddRequest(overall, byService, byGroup, byPriority, request, calendar);
            }

            foreach (var (id, change) in _changes)
            {
                var succeeded = change.Succeeded && !_causingChanges.Contains(id);
                AddChange(overall, change, succeeded);
                foreach (var service in change.Services)
                {
                    AddChange(Slice(byService, service), change, succeeded);
                }
            }

            foreach (var problem in _problems.Values)
            {
                if (problem.KnownErrorInPeriod)
                {
                    overall.Add(KpiId.ProblemsWithKnownErrors, 1, 0);
                    if (problem.Service is { } service)
                    {
                        Slice(byService, service).Add(KpiId.ProblemsWithKnownErrors, 1, 0);
                    }
                }
            }

            overall.Add(KpiId.FirstContactResolutionRate, _firstContact, _classified);

            var compliance = new Dictionary<string, KpiMeasure>(StringComparer.Ordinal);
            if (slaOutcomes is not null)
            {
                foreach (var (agreementId, status) in slaOutcomes)
                {
                    if (string.IsNullOrWhiteSpace(agreementId))
                    {
                        throw new ArgumentException("An SLA outcome has a blank agreement id.", nameof(slaOutcomes));
                    }

                    if (status.IsActive || status.EndedAt is not { } ended || ended < start || ended >= end
                        || status.Stage is not (SlaStage.Achieved or SlaStage.Breached))
                    {
                        continue;
                    }

                    var achieved = status.Stage == SlaStage.Achieved ? 1 : 0;
                    compliance.TryGetValue(agreementId, out var measure);
                    compliance[agreementId] = new KpiMeasure(measure.Numerator + achieved, measure.Denominator + 1);
                    overall.Add(KpiId.SlaCompliance, achieved, 1);
                }
            }

            var byArticle = AddPractices(overall, byService, byGroup, byPriority);
            overall.Complete();
            foreach (var set in byService.Values)
            {
                set.Complete();
            }

            foreach (var set in byGroup.Values)
            {
                set.Complete();
            }

            foreach (var set in byPriority.Values)
            {
                set.Complete();
            }

            var warnings = new List<KpiWarning>();
            if (_orphans > 0)
            {
                warnings.Add(new KpiWarning(
                    "ITSM-KPI-DATA-001", _orphans, _orphanExample!,
                    $"{_orphans} audit entries belong to records whose opening entry is not among the entries; they were skipped, so the figures cover only records opened within the entries given."));
            }

            if (_unreadable > 0)
            {
                warnings.Add(new KpiWarning(
                    "ITSM-KPI-DATA-002", _unreadable, _unreadableExample!,
                    $"{_unreadable} audit entries hold events this version cannot read; they were skipped, so the figures leave out what they recorded."));
            }

            return new KpiReport(tenant, period, overall, byService, byGroup, byPriority, compliance, warnings.AsReadOnly())
            {
                FirstContactResolutionByArticle = byArticle,
            };
        }

        private static KpiSet Slice<TKey>(Dictionary<TKey, KpiSet> slices, TKey key)
            where TKey : notnull
        {
            if (!slices.TryGetValue(key, out var set))
            {
                set = new KpiSet();
                slices.Add(key, set);
            }

            return set;
        }

        /// <summary>
        /// Counts one incident in the overall set and its slices. Each figure counts where the incident stood
        /// when that figure was measured: an acknowledgement under the group and priority right after it, a
        /// resolution (and its reopen) under those at the last resolution in the period, and what it is at the
        /// end (backlog, opened, major, causing changes) under those at the end; every figure under the service it has
        /// at the end.
        /// </summary>
        private void AddIncident(
            KpiSet overall,
            Dictionary<string, KpiSet> byService,
            Dictionary<string, KpiSet> byGroup,
            Dictionary<int, KpiSet> byPriority,
            IncidentTrack incident,
            BusinessCalendar? calendar)
        {
            var service = incident.Service is { } name ? Slice(byService, name) : null;
            AddStanding(overall, incident);
            if (service is not null)
            {
                AddStanding(service, incident);
            }

            if (incident.Group is { } group)
            {
                AddStanding(Slice(byGroup, group), incident);
            }

            if (incident.Priority != 0)
            {
                AddStanding(Slice(byPriority, incident.Priority), incident);
            }

            if (incident.AcknowledgedInPeriod is { } acknowledged)
            {
                var time = new Elapsed(incident.OpenedAt, acknowledged, calendar);
                foreach (var set in SlicesAt(overall, service, byGroup, incident.AcknowledgedGroup, byPriority, incident.AcknowledgedPriority))
                {
                    time.AddTo(set, KpiId.MeanTimeToAcknowledge, KpiId.MeanBusinessTimeToAcknowledge);
                }
            }

            if (incident.LastResolveInPeriod is { } resolved)
            {
                var time = new Elapsed(incident.OpenedAt, resolved, calendar);
                foreach (var set in SlicesAt(overall, service, byGroup, incident.ResolvedGroup, byPriority, incident.ResolvedPriority))
                {
                    time.AddTo(set, KpiId.MeanTimeToResolve, KpiId.MeanBusinessTimeToResolve);
                    set.Count(KpiId.ReopenRate, incident.ReopenedInPeriod);
                }
            }
        }

        private static IEnumerable<KpiSet> SlicesAt(
            KpiSet overall, KpiSet? service, Dictionary<string, KpiSet> byGroup, string? group, Dictionary<int, KpiSet> byPriority, int priority)
        {
            yield return overall;
            if (service is not null)
            {
                yield return service;
            }

            if (group is not null)
            {
                yield return Slice(byGroup, group);
            }

            if (priority != 0)
            {
                yield return Slice(byPriority, priority);
            }
        }

        private void AddStanding(KpiSet set, IncidentTrack incident)
        {
            if (incident.State is nameof(IncidentState.New) or nameof(IncidentState.InProgress) or nameof(IncidentState.OnHold))
            {
                set.Add(KpiId.Backlog, 1, 0);
                set.AddDuration(KpiId.BacklogMeanAge, (end - incident.OpenedAt).TotalHours);
            }

            if (incident.OpenedInPeriod)
            {
                set.Add(KpiId.IncidentsOpened, 1, 0);
            }

            if (incident.PromotedInPeriod)
            {
                set.Add(KpiId.MajorIncidents, 1, 0);
            }

            if (incident.CausedBy is { } causedBy)
            {
                foreach (var change in causedBy)
                {
                    set.AddCausingChange(change);
                }
            }
        }

        /// <summary>A time from opening, in wall-clock hours and (with a calendar) business hours, computed once for every slice.</summary>
        private readonly struct Elapsed(Instant from, Instant to, BusinessCalendar? calendar)
        {
            private readonly double _hours = (to - from).TotalHours;
            private readonly double? _businessHours = calendar?.Between(from, to).TotalHours;

            public void AddTo(KpiSet set, KpiId wallClock, KpiId business)
            {
                set.AddDuration(wallClock, _hours);
                if (_businessHours is { } businessHours)
                {
                    set.AddDuration(business, businessHours);
                }
            }
        }

        private static void AddChange(KpiSet set, ChangeTrack change, bool succeeded)
        {
            if (change.OpenedInPeriod)
            {
                set.Count(KpiId.EmergencyChangeRatio, change.Emergency);
            }

            if (change.ClosedInPeriod)
            {
                set.Count(KpiId.ChangeSuccessRate, succeeded);
            }

            foreach (var approval in change.Approvals ?? [])
            {
                AddApproval(set, approval);
            }
        }
    }
}
