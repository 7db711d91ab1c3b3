using System;
using System.Collections.Generic;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Problems;
using Itsm.Requests;
using Itsm.ServiceDesk;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Improvement;

/// <summary>
/// Computes the KPIs of a tenant over a period from the audit entries of its incidents, service requests,
/// problems, changes and interactions, in a single pass over the entries (see docs/kpis.md for every
/// definition).
/// </summary>
public static partial class KpiCalculator
{
    /// <summary>Computes every KPI of <paramref name="tenant"/> over <paramref name="period"/>.</summary>
    /// <param name="entries">Audit entries, in time order per record (records may interleave). Entries of other
    /// tenants or other record types are skipped; so are the entries of an incident, service request, problem or change whose
    /// opening entry (<c>Open</c>, a request's <c>Submit</c>) is not among them. Entries at or after the period's end are not read for anything.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="period">The period <c>[Start, End)</c>; both ends must be set.</param>
    /// <param name="slaOutcomes">The SLA clocks to judge compliance by, each with its agreement id and its status
    /// (for example <see cref="TrackedClock.Evaluate(BusinessCalendar, Instant)"/> at the period's end), or
    /// <see langword="null"/> for none. A clock counts when it has ended (not active) in the period as
    /// <see cref="SlaStage.Achieved"/> or <see cref="SlaStage.Breached"/>.</param>
    /// <param name="calendar">The business calendar for the business-time KPIs, or <see langword="null"/> to leave them without value.</param>
    /// <returns>The report: every KPI overall and per service, group and priority, with the median, 90th and
    /// 95th percentiles of each duration KPI (<see cref="KpiSet.Distribution"/>).</returns>
    /// <remarks>Exact percentiles keep each measured duration until the pass ends: memory is O(durations) while
    /// this runs, released before it returns (docs/kpis.md, "Medians and percentiles").</remarks>
    /// <exception cref="ArgumentException"><paramref name="entries"/> is null, holds a null entry or an entry earlier than the
    /// previous one of the same record; <paramref name="tenant"/> is default; <paramref name="period"/> is unbounded;
    /// an SLA outcome has a blank agreement id.</exception>
    public static KpiReport Compute(
        IEnumerable<AuditEntry> entries,
        TenantId tenant,
        Interval period,
        IEnumerable<(string AgreementId, SlaStatus Status)>? slaOutcomes = null,
        BusinessCalendar? calendar = null)
    {
        AuditLogPass.CheckArguments(entries, tenant, period);
        var pass = new Pass(tenant, period.Start, period.End);
        foreach (var entry in entries)
        {
            pass.Read(entry);
        }

        return pass.Finish(period, slaOutcomes, calendar);
    }

    private sealed class IncidentTrack
    {
        public Instant OpenedAt;
        public Instant LastAt;
        public bool OpenedInPeriod;
        public string? Service;
        public int Priority;
        public string? Group;
        public string State = nameof(IncidentState.New);
        public Instant? AcknowledgedInPeriod;
        public bool Acknowledged;

        // Where the acknowledgement and the last resolution in the period count: the group and priority
        // the incident had right after that entry (see docs/kpis.md, "Slices").
        public string? AcknowledgedGroup;
        public int AcknowledgedPriority;
        public Instant? LastResolveInPeriod;
        public string? ResolvedGroup;
        public int ResolvedPriority;
        public bool ReopenedInPeriod;
        public bool PromotedInPeriod;
        public List<string>? CausedBy;
        public List<Itsm.Knowledge.KnowledgeArticleId>? Articles;
        public List<SurveyTally>? Surveys;
    }

    private sealed class ChangeTrack
    {
        public Instant LastAt;
        public bool Emergency;
        public string[] Services = [];
        public bool OpenedInPeriod;
        public bool ClosedInPeriod;
        public bool Succeeded;
        public List<ApprovalTally>? Approvals;
    }

    private sealed class ProblemTrack
    {
        public Instant LastAt;
        public string? Service;
        public bool KnownErrorInPeriod;
    }

    private sealed partial class Pass(TenantId tenant, Instant start, Instant end)
    {
        private readonly Dictionary<string, IncidentTrack> _incidents = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ChangeTrack> _changes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ProblemTrack> _problems = new(StringComparer.Ordinal);
        private readonly HashSet<string> _causingChanges = new(StringComparer.Ordinal);
        private long _classified;
        private long _firstContact;
        private long _orphans;
        private string? _orphanExample;
        private long _unreadable;
        private string? _unreadableExample;

        public void Read(AuditEntry entry)
        {
            if (entry is null)
            {
                throw new ArgumentException("An audit entry is null.", "entries");
            }

            if (entry.At >= end || entry.Tenant != tenant)
            {
                return;
            }

            var inPeriod = entry.At >= start;
            if (entry.Event is UnrecognizedEvent && entry.RecordType is Incident.RecordType or Change.RecordType or Problem.RecordType or Interaction.RecordType or ServiceRequest.RecordType)
            {
                _unreadable++;
                _unreadableExample ??= entry.RecordType + " " + entry.RecordId;
                return;
            }

            switch (entry.RecordType)
            {
                case Incident.RecordType:
                    ReadIncident(entry, inPeriod);
                    break;
                case Change.RecordType:
                    ReadChange(entry, inPeriod);
                    break;
                case Problem.RecordType:
                    ReadProblem(entry, inPeriod);
                    break;
                case ServiceRequest.RecordType:
                    ReadRequest(entry, inPeriod);
                    break;
                case Interaction.RecordType:
                    NoteFirstContact(entry);
                    if (inPeriod)
                    {
                        ReadInteraction(entry);
                    }

                    break;
            }
        }

        private void Orphan(AuditEntry entry)
        {
            _orphans++;
            _orphanExample ??= entry.RecordType + " " + entry.RecordId;
        }

        private static void CheckOrder(AuditEntry entry, ref Instant lastAt) => AuditLogPass.CheckOrder(entry, ref lastAt);

        private void ReadIncident(AuditEntry entry, bool inPeriod)
        {
            var @event = entry.Event;
            if (!_incidents.TryGetValue(entry.RecordId, out var incident))
            {
                if (@event is not IncidentOpened opened)
                {
                    Orphan(entry);
                    return;
                }

                incident = new IncidentTrack { OpenedAt = entry.At, LastAt = entry.At, OpenedInPeriod = inPeriod };
                _incidents.Add(entry.RecordId, incident);
                incident.Service = opened.Service?.Value;
                incident.Priority = opened.Priority.Value;
                incident.State = entry.ToState;
                return;
            }

            CheckOrder(entry, ref incident.LastAt);
            incident.State = entry.ToState;

            switch (@event)
            {
                case IncidentAssigned assigned:
                    incident.Group = assigned.Group?.Value;
                    break;
                case IncidentUnassigned:
                    incident.Group = null;
                    break;
                case IncidentEscalatedFunctionally escalated:
                    incident.Group = escalated.ToGroup.Value;
                    break;
                case TicketServiceChanged serviceChanged:
                    incident.Service = serviceChanged.Service?.Value;
                    break;
                case IncidentPriorityChanged changed:
                    incident.Priority = changed.Priority.Value;
                    break;
                case IncidentResolved:
                    if (inPeriod)
                    {
                        incident.LastResolveInPeriod = entry.At;
                        incident.ResolvedGroup = incident.Group;
                        incident.ResolvedPriority = incident.Priority;
                    }

                    break;
                case IncidentReopened:
                    incident.ReopenedInPeriod |= inPeriod;
                    break;
                case IncidentPromotedToMajor:
                    incident.PromotedInPeriod |= inPeriod;
                    break;
                case TicketKnowledgeArticleLinked cited:
                    // An article cited twice (a log not written by the engine) counts once.
                    if (!(incident.Articles ??= []).Contains(cited.Article))
                    {
                        incident.Articles.Add(cited.Article);
                    }

                    break;
                case TicketSatisfactionRecorded survey when inPeriod:
                    (incident.Surveys ??= []).Add(Tally(survey, incident.Group, incident.Priority));
                    break;
                case IncidentLinkedToCausingChange linked:
                    _causingChanges.Add(linked.Change);
                    if (inPeriod)
                    {
                        (incident.CausedBy ??= []).Add(linked.Change);
                    }

                    break;
            }

            // Acknowledged: the first move from New to InProgress, by StartWork or by an Assign under the
            // work-start policy; later ones (after a reopen) are not a first acknowledgement. Read after the
            // event, so an Assign that starts work counts for the group it assigns.
            if (!incident.Acknowledged && entry.FromState == nameof(IncidentState.New) && entry.ToState == nameof(IncidentState.InProgress))
            {
                incident.Acknowledged = true;
                if (inPeriod)
                {
                    incident.AcknowledgedInPeriod = entry.At;
                    incident.AcknowledgedGroup = incident.Group;
                    incident.AcknowledgedPriority = incident.Priority;
                }
            }
        }

        private void ReadChange(AuditEntry entry, bool inPeriod)
        {
            var @event = entry.Event;
            if (!_changes.TryGetValue(entry.RecordId, out var change))
            {
                if (@event is not ChangeOpened opened)
                {
                    Orphan(entry);
                    return;
                }

                change = new ChangeTrack
                {
                    LastAt = entry.At,
                    OpenedInPeriod = inPeriod,
                    Emergency = opened.Type == ChangeType.Emergency,
                    Services = opened.Service is { } service ? [service.Value] : [],
                };
                _changes.Add(entry.RecordId, change);
                return;
            }

            CheckOrder(entry, ref change.LastAt);
            if (@event is TicketServiceChanged serviceChanged)
            {
                change.Services = serviceChanged.Service is { } service ? [service.Value] : [];
            }

            if (inPeriod && ApprovalOf(entry, null, 0) is { } approval)
            {
                (change.Approvals ??= []).Add(approval);
            }

            if (inPeriod && @event is ChangeClosed closed)
            {
                change.ClosedInPeriod = true;
                change.Succeeded = closed.Outcome is ChangeReviewOutcome.Successful or ChangeReviewOutcome.SuccessfulWithIssues;
            }
        }

        private void ReadProblem(AuditEntry entry, bool inPeriod)
        {
            var @event = entry.Event;
            if (!_problems.TryGetValue(entry.RecordId, out var problem))
            {
                if (@event is ProblemOpened opened)
                {
                    _problems.Add(entry.RecordId, new ProblemTrack { LastAt = entry.At, Service = opened.Service?.Value });
                }
                else
                {
                    Orphan(entry);
                }

                return;
            }

            CheckOrder(entry, ref problem.LastAt);
            if (inPeriod && @event is ProblemMarkedAsKnownError)
            {
                problem.KnownErrorInPeriod = true;
            }
            else if (@event is TicketServiceChanged serviceChanged)
            {
                problem.Service = serviceChanged.Service?.Value;
            }
        }

        private void ReadInteraction(AuditEntry entry)
        {
            switch (entry.Event)
            {
                case InteractionAnswered:
                    _classified++;
                    _firstContact++;
                    break;
                case InteractionClassifiedAsIncident classified:
                    _classified++;
                    if (classified.ResolvedOnFirstContact)
                    {
                        _firstContact++;
                    }

                    break;
                case InteractionClassifiedAsServiceRequest:
                    _classified++;
                    break;
            }
        }
    }
}
