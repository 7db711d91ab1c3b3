using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Requests;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Governance;

/// <summary>
/// The single pass behind <see cref="ControlEvaluator.Evaluate"/>: a few fields per open record, folded entry by
/// entry; each control hears of a record when what it checks is decided (an approval, an implementation's start
/// or end, a review or its deadline).
/// </summary>
internal sealed partial class ControlPass(TenantId tenant, Interval period, ControlDefinition[] controls, ControlEvaluationOptions options)
{
    private static readonly Duration Tick = Duration.FromNanoseconds(1);

    private readonly Dictionary<string, ChangeTrack> _changes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IncidentTrack> _incidents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RequestTrack> _requests = new(StringComparer.Ordinal);
    private readonly HashSet<(string, string)>[] _population = controls.Select(_ => new HashSet<(string, string)>()).ToArray();
    private readonly List<(string Type, string Id, Instant At, string Description)>[] _deviations = controls.Select(_ => new List<(string, string, Instant, string)>()).ToArray();
    private long _orphans;
    private string? _orphanExample;
    private long _unreadable;
    private string? _unreadableExample;

    private Instant Start => period.Start;

    private Instant End => period.End;

    public void Read(AuditEntry entry)
    {
        if (entry is null)
        {
            throw new ArgumentException("An audit entry is null.", "entries");
        }

        if (entry.At >= End || entry.Tenant != tenant
            || entry.RecordType is not (Change.RecordType or Incident.RecordType or ServiceRequest.RecordType))
        {
            return;
        }

        var @event = entry.Event;
        if (@event is UnrecognizedEvent)
        {
            _unreadable++;
            _unreadableExample ??= entry.RecordType + " " + entry.RecordId;
            return;
        }

        switch (entry.RecordType)
        {
            case Change.RecordType:
                ReadChange(entry, @event);
                break;
            case Incident.RecordType:
                ReadIncident(entry, @event);
                break;
            default:
                ReadRequest(entry, @event);
                break;
        }
    }

    public ControlReport Finish()
    {
        foreach (var (id, change) in _changes)
        {
            EndImplementation(id, change, null);
            CheckEmergencyReview(id, change);
        }

        foreach (var (id, incident) in _incidents)
        {
            CheckMajorIncidentReview(id, incident);
        }

        var results = new ControlResult[controls.Length];
        for (int c = 0; c < controls.Length; c++)
        {
            var population = _population[c]
                .OrderBy(p => p.Item1, StringComparer.Ordinal)
                .ThenBy(p => p.Item2, StringComparer.Ordinal)
                .Select(p => new ControlSubject(p.Item1, p.Item2, Number(p.Item1, p.Item2)))
                .ToArray();
            var deviations = _deviations[c]
                .OrderBy(d => d.At)
                .ThenBy(d => d.Type, StringComparer.Ordinal)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ThenBy(d => d.Description, StringComparer.Ordinal)
                .Select(d => new ControlDeviation(d.Type, d.Id, Number(d.Type, d.Id), d.At, d.Description))
                .ToArray();
            results[c] = new ControlResult(controls[c], Array.AsReadOnly(population), Array.AsReadOnly(deviations));
        }

        var warnings = new List<ControlWarning>();
        if (_orphans > 0)
        {
            warnings.Add(new ControlWarning("ITSM-GOV-DATA-001", _orphans, _orphanExample!,
                $"{_orphans} audit entries of records whose opening entry was not among the entries (or that were already closed) were skipped: pass the history from each record's opening."));
        }

        if (_unreadable > 0)
        {
            warnings.Add(new ControlWarning("ITSM-GOV-DATA-002", _unreadable, _unreadableExample!,
                $"{_unreadable} audit entries whose event this version cannot read were skipped."));
        }

        return new ControlReport(tenant, period, Array.AsReadOnly(results), warnings.AsReadOnly());
    }

    private string? Number(string recordType, string recordId) => options.TicketNumbers?.Invoke(recordType, recordId);

    private bool InPeriod(Instant at) => at >= Start;

    private void Orphan(AuditEntry entry)
    {
        _orphans++;
        _orphanExample ??= entry.RecordType + " " + entry.RecordId;
    }

    private static void CheckOrder(AuditEntry entry, ref Instant lastAt) => AuditLogPass.CheckOrder(entry, ref lastAt);

    private void Deviation(int control, string type, string id, Instant at, string description)
    {
        _population[control].Add((type, id));
        _deviations[control].Add((type, id, at, description));
    }

    private static string Text(Instant at) => InstantPattern.ExtendedIso.Format(at);

    private void ReadRequest(AuditEntry entry, DomainEvent @event)
    {
        if (!_requests.TryGetValue(entry.RecordId, out var request))
        {
            if (@event is not ServiceRequestSubmitted)
            {
                Orphan(entry);
                return;
            }

            request = new RequestTrack { LastAt = entry.At, Requester = entry.Actor.Id };
            _requests.Add(entry.RecordId, request);
        }

        CheckOrder(entry, ref request.LastAt);
        var approval = ApprovalReading.Of(@event, entry.Actor);
        if (approval.Step == ApprovalStep.Approved)
        {
            CheckSelfApproval(ServiceRequest.RecordType, entry, approval.ApproverId!, request.Requester);
        }

        if (entry.ToState is nameof(ServiceRequestState.Closed) or nameof(ServiceRequestState.Rejected) or nameof(ServiceRequestState.Canceled))
        {
            _requests.Remove(entry.RecordId);
        }
    }

    private void CheckSelfApproval(string recordType, AuditEntry entry, string approver, string requester)
    {
        if (!InPeriod(entry.At))
        {
            return;
        }

        for (int c = 0; c < controls.Length; c++)
        {
            if (controls[c].Kind != ControlKind.NoSelfApproval || !controls[c].RecordTypes.Contains(recordType, StringComparer.Ordinal))
            {
                continue;
            }

            _population[c].Add((recordType, entry.RecordId));
            if (string.Equals(approver, requester, StringComparison.Ordinal))
            {
                Deviation(c, recordType, entry.RecordId, entry.At, $"{approver} approved the {Noun(recordType)} they requested.");
            }
        }
    }

    private static string Noun(string recordType) => recordType == Change.RecordType ? "change" : "service request";

    private void ReadIncident(AuditEntry entry, DomainEvent @event)
    {
        if (!_incidents.TryGetValue(entry.RecordId, out var incident))
        {
            if (@event is not IncidentOpened)
            {
                Orphan(entry);
                return;
            }

            incident = new IncidentTrack { LastAt = entry.At };
            _incidents.Add(entry.RecordId, incident);
        }

        CheckOrder(entry, ref incident.LastAt);
        switch (@event)
        {
            case IncidentPromotedToMajor:
                incident.Major = true;
                break;
            case IncidentDemotedFromMajor:
                incident.Major = false;
                break;
            case IncidentResolved when incident.Major:
                incident.ResolvedAsMajor ??= entry.At;
                break;
            case PostIncidentReviewRecorded:
                incident.Reviewed ??= entry.At;
                break;
        }

        if (entry.ToState is nameof(IncidentState.Closed) or nameof(IncidentState.Canceled))
        {
            CheckMajorIncidentReview(entry.RecordId, incident);
            _incidents.Remove(entry.RecordId);
        }
    }

    private void CheckMajorIncidentReview(string id, IncidentTrack incident)
    {
        if (incident.ResolvedAsMajor is { } resolved)
        {
            CheckReview(ControlKind.MajorIncidentReviewed, Incident.RecordType, id, resolved, incident.Reviewed, "major incident", "resolved", "post-incident review");
        }
    }

    /// <summary>A review control: in the population when its deadline falls in the period, a deviation when no review came before it.</summary>
    private void CheckReview(ControlKind kind, string type, string id, Instant done, Instant? reviewed, string what, string doneVerb, string review)
    {
        for (int c = 0; c < controls.Length; c++)
        {
            var control = controls[c];
            if (control.Kind != kind)
            {
                continue;
            }

            var due = ControlDeadline.Due(done, control.Days!.Value, control.DayCount!.Value, options.Calendar);
            if (due <= Start || due > End)
            {
                continue;
            }

            _population[c].Add((type, id));
            if (reviewed is not { } at || at >= due)
            {
                string days = string.Create(CultureInfo.InvariantCulture, $"{control.Days} {(control.DayCount == DayCount.Business ? "business" : "calendar")} day(s)");
                Deviation(c, type, id, due, reviewed is { } late
                    ? $"The {what} {doneVerb} at {Text(done)} had its {review} at {Text(late)}, after the {days} allowed (due before {Text(due)})."
                    : $"The {what} {doneVerb} at {Text(done)} had no {review} within the {days} allowed (due before {Text(due)}).");
            }
        }
    }

    private sealed class RequestTrack
    {
        public Instant LastAt;
        public string Requester = "";
    }

    private sealed class IncidentTrack
    {
        public Instant LastAt;
        public bool Major;
        public Instant? ResolvedAsMajor;
        public Instant? Reviewed;
    }
}
