using System.Collections.Generic;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Requests;
using NodaTime;

namespace Itsm.Improvement;

public static partial class KpiCalculator
{
    private sealed class RequestTrack
    {
        public Instant SubmittedAt;
        public Instant LastAt;
        public bool SubmittedInPeriod;
        public int Priority;
        public string? Group;
        public string? Service;
        public List<SurveyTally>? Surveys;
        public List<ApprovalTally>? Approvals;
        public Instant? ApprovalRequestedAt;

        // Each time counts under the group the request had right after the entry that ended it, as the
        // incidents' times do (docs/kpis.md, "Slices").
        public Instant? FulfilledInPeriod;
        public string? FulfilledGroup;
        public Duration? ApprovalTimeInPeriod;
        public string? ApprovedGroup;
    }

    private sealed partial class Pass
    {
        private readonly Dictionary<string, RequestTrack> _requests = new(System.StringComparer.Ordinal);

        private void ReadRequest(AuditEntry entry, bool inPeriod)
        {
            var @event = entry.Event;
            if (!_requests.TryGetValue(entry.RecordId, out var request))
            {
                if (@event is not ServiceRequestSubmitted submitted)
                {
                    Orphan(entry);
                    return;
                }

                _requests.Add(entry.RecordId, new RequestTrack
                {
                    SubmittedAt = entry.At,
                    LastAt = entry.At,
                    SubmittedInPeriod = inPeriod,
                    Priority = submitted.Priority.Value,
                    Service = submitted.Service?.Value,
                });
                return;
            }

            CheckOrder(entry, ref request.LastAt);
            switch (@event)
            {
                case ServiceRequestAssigned assigned:
                    request.Group = assigned.Group?.Value;
                    break;
                case ServiceRequestUnassigned:
                    request.Group = null;
                    break;
                case TicketServiceChanged serviceChanged:
                    request.Service = serviceChanged.Service?.Value;
                    break;
                case ServiceRequestApprovalRequested:
                    request.ApprovalRequestedAt = entry.At;
                    break;
                case ServiceRequestApproved or ServiceRequestRejected:
                    if (inPeriod && request.ApprovalRequestedAt is { } asked)
                    {
                        request.ApprovalTimeInPeriod = entry.At - asked;
                        request.ApprovedGroup = request.Group;
                    }

                    break;
                case TicketSatisfactionRecorded survey when inPeriod:
                    (request.Surveys ??= []).Add(Tally(survey, request.Group, request.Priority));
                    break;
                case ServiceRequestFulfilled:
                    if (inPeriod)
                    {
                        request.FulfilledInPeriod = entry.At;
                        request.FulfilledGroup = request.Group;
                    }

                    break;
            }

            if (inPeriod && ApprovalOf(entry, request.Group, request.Priority) is { } approval)
            {
                (request.Approvals ??= []).Add(approval);
            }
        }

        /// <summary>
        /// Counts one request in the overall set and its slices: its submission under the group it has at the end,
        /// its time to fulfil under the group right after <c>Fulfil</c>, its approval time under the group at the
        /// decision; every figure under the service it has at the end; its priority never changes.
        /// </summary>
        private static void AddRequest(
            KpiSet overall,
            Dictionary<string, KpiSet> byService,
            Dictionary<string, KpiSet> byGroup,
            Dictionary<int, KpiSet> byPriority,
            RequestTrack request,
            BusinessCalendar? calendar)
        {
            // Looked up only by a figure that counts: a request falls only in the slices of what it measured.
            KpiSet? Service() => request.Service is { } name ? Slice(byService, name) : null;
            if (request.SubmittedInPeriod)
            {
                foreach (var set in SlicesAt(overall, Service(), byGroup, request.Group, byPriority, request.Priority))
                {
                    set.Add(KpiId.RequestsSubmitted, 1, 0);
                }
            }

            if (request.FulfilledInPeriod is { } fulfilled)
            {
                var time = new Elapsed(request.SubmittedAt, fulfilled, calendar);
                foreach (var set in SlicesAt(overall, Service(), byGroup, request.FulfilledGroup, byPriority, request.Priority))
                {
                    time.AddTo(set, KpiId.MeanTimeToFulfil, KpiId.MeanBusinessTimeToFulfil);
                }
            }

            foreach (var survey in request.Surveys ?? [])
            {
                foreach (var set in SlicesAt(overall, Service(), byGroup, survey.Group, byPriority, survey.Priority))
                {
                    set.Count(KpiId.CustomerSatisfaction, survey.Satisfied);
                }
            }

            foreach (var tally in request.Approvals ?? [])
            {
                foreach (var set in SlicesAt(overall, Service(), byGroup, tally.Group, byPriority, tally.Priority))
                {
                    AddApproval(set, tally);
                }
            }

            if (request.ApprovalTimeInPeriod is { } approval)
            {
                foreach (var set in SlicesAt(overall, Service(), byGroup, request.ApprovedGroup, byPriority, request.Priority))
                {
                    set.AddDuration(KpiId.MeanTimeToApprove, approval.TotalHours);
                }
            }
        }
    }
}
