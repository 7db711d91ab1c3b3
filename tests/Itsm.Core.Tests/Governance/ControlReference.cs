using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Governance;
using Itsm.Incidents;
using Itsm.Requests;
using NodaTime;

namespace Itsm.Core.Tests.Governance;

/// <summary>
/// The control definitions of docs/governance.md evaluated by brute force: every record's whole history at once,
/// approvals recounted from scratch at each implementation, deadlines found by walking dates one by one, and the
/// first instant inside a blackout found by testing candidate instants. Slow and obviously right, to check
/// <see cref="ControlEvaluator"/> against.
/// </summary>
internal static class ControlReference
{
    public sealed record Result(HashSet<(string Type, string Id)> Population, List<(string Type, string Id, Instant At)> Deviations);

    public static Result[] Evaluate(IEnumerable<AuditEntry> entries, TenantId tenant, Instant start, Instant end, IReadOnlyList<ControlDefinition> controls, ChangeAuthorityPolicy policy, BusinessCalendar? calendar)
    {
        var results = controls.Select(_ => new Result([], [])).ToArray();
        var records = entries
            .Where(e => e.Tenant == tenant && e.At < end)
            .GroupBy(e => (e.RecordType, e.RecordId))
            .Select(g => g.ToList())
            .Where(r => r[0].Event is ChangeOpened or IncidentOpened or ServiceRequestSubmitted);
        foreach (var record in records)
        {
            for (int c = 0; c < controls.Count; c++)
            {
                Check(controls[c], record, results[c], start, end, policy, calendar);
            }
        }

        return results;
    }

    private static void Check(ControlDefinition control, List<AuditEntry> record, Result result, Instant start, Instant end, ChangeAuthorityPolicy policy, BusinessCalendar? calendar)
    {
        var first = record[0];
        var key = (first.RecordType, first.RecordId);
        bool InPeriod(Instant t) => t >= start && t < end;
        void Deviation(Instant at)
        {
            result.Population.Add(key);
            result.Deviations.Add((key.RecordType, key.RecordId, at));
        }

        switch (control.Kind)
        {
            case ControlKind.NoSelfApproval when control.RecordTypes.Contains(first.RecordType):
                foreach (var approval in record.Where(e => e.Command is "Approve" or "RecordApproval" && InPeriod(e.At)))
                {
                    result.Population.Add(key);
                    string approver = approval.Data.TryGetValue("approver", out var a) ? a : approval.Actor.Id;
                    if (approver == first.Actor.Id)
                    {
                        Deviation(approval.At);
                    }
                }

                break;
            case ControlKind.NormalChangeAuthorized when first.Event is ChangeOpened { Type: ChangeType.Normal }:
                for (int i = 0; i < record.Count; i++)
                {
                    if (record[i].Command != "StartImplementation" || !InPeriod(record[i].At))
                    {
                        continue;
                    }

                    result.Population.Add(key);
                    var before = record.Take(i).ToList();
                    int lastVoid = before.FindLastIndex(e => e.Command is "Reject" or "EditPlan" or "EditWindow");
                    var risk = before.LastOrDefault(e => e.Command == "AssessRisk")?.Data["risk"];
                    var authority = policy.For(ChangeType.Normal, risk is null ? null : Enum.Parse<ChangeRisk>(risk));
                    int distinct = before.Skip(lastVoid + 1)
                        .Where(e => e.Command == "Approve" && e.Data["roles"].Split(", ").Intersect(authority.Roles).Any())
                        .Select(e => e.Data["approver"]).Distinct().Count();
                    if (distinct < authority.Quorum)
                    {
                        Deviation(record[i].At);
                    }
                }

                break;
            case ControlKind.EmergencyChangeReviewed when first.Event is ChangeOpened { Type: ChangeType.Emergency }:
                var completed = record.FirstOrDefault(e => e.Command == "CompleteImplementation");
                if (completed is not null)
                {
                    Review(control, completed.At, record.FirstOrDefault(e => e.Command == "Close")?.At, start, end, calendar, result, key);
                }

                break;
            case ControlKind.MajorIncidentReviewed when first.RecordType == Incident.RecordType:
                bool major = false;
                Instant? resolved = null;
                foreach (var e in record)
                {
                    major = e.Command switch { "PromoteToMajor" => true, "DemoteFromMajor" => false, _ => major };
                    if (e.Command == "Resolve" && major && resolved is null)
                    {
                        resolved = e.At;
                    }
                }

                if (resolved is { } r)
                {
                    Review(control, r, record.FirstOrDefault(e => e.Command == "RecordPostIncidentReview")?.At, start, end, calendar, result, key);
                }

                break;
            case ControlKind.NoChangeInBlackout when first.RecordType == Change.RecordType:
                int s = record.FindIndex(e => e.Command == "StartImplementation");
                if (s < 0)
                {
                    break;
                }

                var started = record[s].At;
                var ended = record.Skip(s + 1).FirstOrDefault(e => e.Command == "CompleteImplementation" || e.ToState is "Closed" or "Canceled")?.At;
                bool Implemented(Instant t) => t == started || (t >= started && (ended is null || t < ended));
                var candidates = new[] { started, start }.Concat(control.Blackouts.Select(b => b.Window.Start)).Distinct().Order().ToArray();
                if (!candidates.Any(t => Implemented(t) && InPeriod(t)))
                {
                    break;
                }

                result.Population.Add(key);
                var services = record.Select(e => e.Event).OfType<TicketServiceChanged>().LastOrDefault()?.Service?.Value is { } changed ? [changed]
                    : ((ChangeOpened)first.Event).Service is { } opened ? new[] { opened.Value } : [];
                if (((ChangeOpened)first.Event).Type == ChangeType.Emergency)
                {
                    break;
                }

                foreach (var t in candidates)
                {
                    if (Implemented(t) && InPeriod(t) && control.Blackouts.Any(b => b.Window.Contains(t) && (b.Services.Count == 0 || b.Services.Intersect(services).Any())))
                    {
                        Deviation(t);
                        break;
                    }
                }

                break;
        }
    }

    private static void Review(ControlDefinition control, Instant done, Instant? reviewed, Instant start, Instant end, BusinessCalendar? calendar, Result result, (string, string) key)
    {
        var zone = calendar?.Zone ?? DateTimeZone.Utc;
        var date = done.InZone(zone).Date;
        for (int left = control.Days!.Value; left > 0;)
        {
            date = date.PlusDays(1);
            if (control.DayCount == DayCount.Calendar || calendar!.IsWorkingDay(date))
            {
                left--;
            }
        }

        var due = date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        if (due > start && due <= end)
        {
            result.Population.Add(key);
            if (reviewed is null || reviewed >= due)
            {
                result.Deviations.Add((key.Item1, key.Item2, due));
            }
        }
    }
}
