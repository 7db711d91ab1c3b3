using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Itsm.Common;
using NodaTime;

namespace Itsm.Core.Tests.Improvement;

/// <summary>
/// Random histories over eight days that follow the incident (and service request) lifecycles' transitions and exercise what
/// the slices depend on: incidents assigned, escalated to another group and re-prioritised (before and
/// after acknowledgement, and again once resolved), reopened, and linked to changes that exist (and now
/// and then to one that does not). Reproducible from the seed.
/// </summary>
internal static class KpiHistoryGenerator
{
    public static readonly Instant Origin = Instant.FromUtc(2026, 11, 1, 0, 0);
    private static readonly string?[] Services = ["Email", "Web", "VPN", null];
    private static readonly string[] Groups = ["Desk", "Network", "Apps", "Database"];
    private static readonly string[] Outcomes = ["Successful", "SuccessfulWithIssues", "Failed", "BackedOut"];
    private static readonly string[] ChangeTypes = ["Standard", "Normal", "Emergency"];
    private static readonly string[] Articles = ["00000000-0000-0000-0000-0000000000a1", "00000000-0000-0000-0000-0000000000a2", "00000000-0000-0000-0000-0000000000a3"];

    /// <summary>Incident <paramref name="r"/>'s id: a GUID, so that an interaction can name the incident it raised.</summary>
    public static string IncidentId(int r) => $"00000000-0000-0000-0000-{r:D12}";

    public static List<AuditEntry> Generate(int seed, int records)
    {
        var random = new Random(seed);
        var history = new KpiHistory();
        Instant Later(Instant at) => at + Duration.FromMinutes(random.Next(1, 2 * 24 * 60));
        Instant AnyTime() => Origin + Duration.FromMinutes(random.Next(0, 8 * 24 * 60));
        var kinds = Enumerable.Range(0, records).Select(_ => random.Next(12)).ToArray();
        var incidents = Enumerable.Range(0, records).Where(r => kinds[r] < 6).ToArray();

        // Changes first, so that incidents can name the ones that exist (ChangeSuccessRate matches on the id).
        var changes = new List<string>();
        for (var r = 0; r < records; r++)
        {
            if (kinds[r] is 6 or 7)
            {
                var id = $"C{r}";
                var at = AnyTime();
                changes.Add(id);
                history.OpenChange(id, at, ChangeTypes[random.Next(3)], Services[random.Next(Services.Length)]);
                if (random.Next(3) > 0)
                {
                    history.CloseChange(id, Later(at), Outcomes[random.Next(4)]);
                }
            }
        }

        for (var r = 0; r < records; r++)
        {
            var at = AnyTime();
            switch (kinds[r])
            {
                case < 6:
                    var change = changes.Count > 0 && random.Next(5) > 0 ? changes[random.Next(changes.Count)] : $"C-unknown-{random.Next(3)}";
                    GenerateIncident(random, history, IncidentId(r), at, Later, change);
                    break;
                case 6 or 7:
                    break;
                case 10 or 11:
                    GenerateRequest(random, history, $"R{r}", at, Later);
                    break;
                case 8:
                    var service = Services[random.Next(Services.Length)];
                    history.Add("Problem", $"P{r}", at, "Open", "New", ServiceData(service));
                    if (random.Next(3) == 0)
                    {
                        history.Add("Problem", $"P{r}", Later(at), "ChangeService", "New", ServiceData(Services[random.Next(Services.Length)]));
                    }
                    if (random.Next(2) == 0)
                    {
                        history.Add("Problem", $"P{r}", Later(at), "MarkAsKnownError", "RootCauseAnalysis", ("symptom", "s"));
                    }

                    break;
                default:
                    _ = random.Next(3) switch
                    {
                        0 => history.Add("Interaction", $"N{r}", at, "Answer", "Answered", ("answer", "a")),
                        1 => history.Add("Interaction", $"N{r}", at, "ClassifyAsIncident", "Incident",
                            ("incident", IncidentId(incidents.Length == 0 ? 0 : incidents[random.Next(incidents.Length)])), ("resolvedOnFirstContact", random.Next(2) == 0 ? "true" : "false")),
                        _ => history.Add("Interaction", $"N{r}", at, "ClassifyAsServiceRequest", "ServiceRequest"),
                    };
                    break;
            }
        }

        return history.Entries.OrderBy(e => e.At).ToList();
    }

    /// <summary>A service request: submitted, assigned and reassigned, through approval (approved or rejected) or straight to fulfilment, fulfilled, closed or canceled.</summary>
    private static void GenerateRequest(Random random, KpiHistory history, string id, Instant at, Func<Instant, Instant> later)
    {
        var tenant = random.Next(10) == 0 ? KpiHistory.OtherTenant : KpiHistory.Tenant;
        var state = "Submitted";
        var surveyed = false;
        string? group = null;
        var service = Services[random.Next(Services.Length)];
        (string, string)[] submit = [("item", "laptop"), ("priority", random.Next(1, 6).ToString(CultureInfo.InvariantCulture))];
        history.Add(tenant, "ServiceRequest", id, at, "Submit", state, service is null ? submit : [.. submit, ("service", service)]);
        for (var step = random.Next(0, 8); step > 0 && state is not ("Closed" or "Rejected" or "Canceled"); step--)
        {
            at = later(at);
            (string Command, string To, (string, string)[] Data) next = (state, random.Next(9)) switch
            {
                (_, 0 or 1) => ("Assign", state, [("group", Groups[random.Next(Groups.Length)])]),
                (_, 8) => ("ChangeService", state, ServiceData(Services[random.Next(Services.Length)])),
                (_, 2) when group is not null => ("Unassign", state, [("fromGroup", group)]),
                (_, 3) when state != "Fulfilled" => ("Cancel", "Canceled", [("reason", "r")]),
                ("Submitted", < 6) => ("RequestApproval", "AwaitingApproval", []),
                ("Submitted", _) => ("StartFulfilment", "Fulfilling", []),
                ("AwaitingApproval", < 6) => ("Approve", "Fulfilling", []),
                ("AwaitingApproval", _) => ("Reject", "Rejected", [("reason", "no budget")]),
                ("Fulfilling", _) => ("Fulfil", "Fulfilled", [("notes", "done")]),
                _ => ("Close", "Closed", []),
            };
            history.Add(tenant, "ServiceRequest", id, at, next.Command, next.To, next.Data);
            state = next.To;
            group = next.Command switch { "Assign" => next.Data[0].Item2, "Unassign" => null, _ => group };
            if (state is "Fulfilled" or "Closed" && !surveyed && random.Next(2) == 0)
            {
                surveyed = true;
                at = later(at);
                history.Add(tenant, "ServiceRequest", id, at, "RecordSatisfaction", state, ("score", random.Next(1, 6).ToString(CultureInfo.InvariantCulture)), ("respondent", "rita"));
            }
        }
    }

    /// <summary>The audit data naming a service, or none (a null value is left out, as the audit writes it).</summary>
    private static (string, string)[] ServiceData(string? service) => service is null ? [] : [("service", service)];

    private static void GenerateIncident(Random random, KpiHistory history, string id, Instant at, Func<Instant, Instant> later, string change)
    {
        var tenant = random.Next(10) == 0 ? KpiHistory.OtherTenant : KpiHistory.Tenant;
        var state = "New";
        var priority = random.Next(1, 6);
        string Group() => Groups[random.Next(Groups.Length)];
        (string, string)[] Reprioritise()
        {
            var previous = priority;
            priority = random.Next(1, 6);
            return [("previousPriority", previous.ToString(CultureInfo.InvariantCulture)), ("priority", priority.ToString(CultureInfo.InvariantCulture))];
        }

        history.OpenIncident(id, at, Services[random.Next(Services.Length)], priority, tenant);
        for (var step = random.Next(0, 12); step > 0 && state is not ("Closed" or "Canceled"); step--)
        {
            at = later(at);
            var open = state is "New" or "InProgress" or "OnHold";
            (string Command, string To, (string, string)[] Data) next = (state, random.Next(12)) switch
            {
                ("New", 0) => ("Assign", "InProgress", [("group", Group())]),
                // Work started explicitly, or a group assigned under the Explicit work-start policy (stays New).
                ("New", 1) => random.Next(2) == 0 ? ("StartWork", "InProgress", []) : ("Assign", "New", [("group", Group())]),
                ("InProgress" or "OnHold" or "Resolved", 0 or 1) => ("Assign", state, [("group", Group())]),
                ("Resolved", 2) or ("InProgress", 10) => ("Unassign", state, []),
                (_, 11) when open || state == "Resolved" => ("ChangeService", state, ServiceData(Services[random.Next(Services.Length)])),
                ("New" or "InProgress", 2) => ("PutOnHold", "OnHold", [("onHoldReason", "AwaitingVendor")]),
                (_, 3) when open => ("PromoteToMajor", state, [("reason", "r")]),
                (_, 4) when open || state == "Resolved" => ("LinkCausedByChange", state, [("change", change)]),
                (_, 5) when open => ("EscalateFunctionally", state, [("toGroup", Group()), ("reason", "skills")]),
                (_, 6) when open || state == "Resolved" => ("ChangeImpactOrUrgency", state, Reprioritise()),
                (_, 7 or 8) when open => ("Resolve", "Resolved", [("resolutionCode", "SolvedPermanently")]),
                (_, 9) when open => ("Cancel", "Canceled", [("reason", "r")]),
                ("OnHold", _) => ("Resume", "InProgress", []),
                ("Resolved", < 9) => ("Reopen", "InProgress", [("reason", "r")]),
                ("Resolved", _) => ("Close", "Closed", []),
                _ => ("Resolve", "Resolved", [("resolutionCode", "SolvedPermanently")]),
            };
            history.Add(tenant, "Incident", id, at, next.Command, next.To, next.Data);
            state = next.To;
            if (state is "New" or "InProgress" or "OnHold" or "Resolved" && random.Next(3) == 0)
            {
                at = later(at);
                history.Add(tenant, "Incident", id, at, "LinkKnowledgeArticle", state, ("article", Articles[random.Next(Articles.Length)]));
            }

            // A result per resolution, the generator does not check: the KPI counts whatever the log holds.
            if (state is "Resolved" or "Closed" && random.Next(3) == 0)
            {
                at = later(at);
                history.Add(tenant, "Incident", id, at, "RecordSatisfaction", state, ("score", random.Next(1, 6).ToString(CultureInfo.InvariantCulture)), ("respondent", "rita"), ("comment", "ok"));
            }
        }
    }
}
