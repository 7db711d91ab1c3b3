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
                    if (!Authorized(authority, before.Skip(lastVoid + 1).ToList()))
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

    // Recounts the approvals since the last voiding against every level of the authority's chain. An approval counts for
    // its approver with their own roles, and for each person it was given on behalf of with the roles that person held
    // when they last delegated; it counts at the level it names (none: the first; a name the chain lacks: nowhere).
    // A level is met by distinct accepted people: Any one, Quorum(n) n, All every named person.
    private static bool Authorized(ChangeAuthority authority, List<AuditEntry> run)
    {
        if (authority.Chain is not { } chain)
        {
            return true;
        }

        var delegatedWith = new Dictionary<string, string[]>();
        var counted = new List<(string Person, string[] Roles, int Level)>();
        foreach (var e in run)
        {
            if (e.Command == "DelegateApproval")
            {
                delegatedWith[e.Actor.Id] = e.Actor.Roles.ToArray();
            }
            else if (e.Command == "Approve")
            {
                string[] roles = e.Data["roles"].Length == 0 ? [] : e.Data["roles"].Split(", ");
                int level = !e.Data.TryGetValue("level", out var name) ? 0 : chain.Levels.Select(l => l.Name).ToList().IndexOf(name);
                counted.Add((e.Data["approver"], roles, level));
                if (e.Data.TryGetValue("onBehalfOf", out var principals))
                {
                    counted.AddRange(principals.Split(", ").Select(p => (p, delegatedWith.GetValueOrDefault(p, roles), level)));
                }
            }
        }

        for (int k = 0; k < chain.Levels.Count; k++)
        {
            var level = chain.Levels[k];
            var people = level.Approvers.Where(a => a.Kind == Itsm.Approvals.ApproverKind.Person).Select(a => a.Id).ToHashSet();
            var roles = level.Approvers.Where(a => a.Kind == Itsm.Approvals.ApproverKind.Role).Select(a => a.Id).ToHashSet();
            var accepted = counted
                .Where(c => c.Level == k && (level.Approvers.Count == 0 || people.Contains(c.Person) || c.Roles.Any(roles.Contains)))
                .Select(c => c.Person).ToHashSet();
            bool met = level.Rule.Kind switch
            {
                Itsm.Approvals.ApprovalRuleKind.Any => accepted.Count >= 1,
                Itsm.Approvals.ApprovalRuleKind.All => people.All(accepted.Contains),
                _ => accepted.Count >= level.Rule.Count,
            };
            if (!met)
            {
                return false;
            }
        }

        return true;
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
