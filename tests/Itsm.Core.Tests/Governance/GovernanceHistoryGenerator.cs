using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Governance;
using Itsm.Incidents;
using Itsm.Requests;
using NodaTime;

namespace Itsm.Core.Tests.Governance;

/// <summary>
/// Random histories over 30 days for the control properties: changes of every type that are assessed,
/// approved (now and then by their requester, or with roles the authority does not accept), voided,
/// implemented (inside and outside blackouts), reviewed late or never; incidents promoted, demoted, resolved,
/// reopened and reviewed; service requests approved by their submitter or not, with intermediate chain approvals
/// (<c>RecordApproval</c>); plus entries of another tenant, orphans, and entries after the period. Change approvals name
/// chain levels (known and unknown) and are given by delegates on behalf of one or more delegators, whose roles differ
/// from the delegate's; the change authority policy is the default (one-level quorums) or one with a multi-level chain.
/// The controls are random too. Reproducible from the seed.
/// </summary>
internal static class GovernanceHistoryGenerator
{
    public static readonly Instant Origin = Instant.FromUtc(2026, 10, 20, 0, 0);
    public static readonly Instant Start = Origin + Duration.FromDays(10);
    public static readonly Instant End = Origin + Duration.FromDays(20);
    private static readonly string[] Services = ["Email", "Web", "Payments"];
    private static readonly string[] People = ["alice", "bob", "carol", "dave"];
    private static readonly string[] Roles = ["peer", "group_manager", "change_manager", "cab", "ecab", "itil"];

    public static List<AuditEntry> Generate(int seed, int records)
    {
        var random = new Random(seed);
        var history = new GovernanceHistory();
        for (int r = 0; r < records; r++)
        {
            var at = Origin + Duration.FromMinutes(random.Next(0, 28 * 24 * 60));
            switch (random.Next(10))
            {
                case < 5:
                    GenerateChange(random, history, $"C{r}", at);
                    break;
                case < 8:
                    GenerateIncident(random, history, $"I{r}", at);
                    break;
                default:
                    GenerateRequest(random, history, $"R{r}", at);
                    break;
            }
        }

        // Noise the evaluation must skip: another tenant's change, orphans, a record type no control reads.
        history.Change("X1", Start + Duration.FromHours(1), Person(random), GovernanceHistory.Opened(ChangeType.Normal, "Web"), "New", GovernanceHistory.OtherTenant);
        history.Change("X1", Start + Duration.FromHours(2), Person(random), new ChangeImplementationStarted("dave"), "Implement", GovernanceHistory.OtherTenant);
        history.Add(Change.RecordType, "orphan", Start + Duration.FromHours(3), Person(random), GovernanceHistory.Approved(Person(random)), "Authorize");
        history.Add(Itsm.Problems.Problem.RecordType, "P1", Start + Duration.FromHours(4), Person(random), GovernanceHistory.IncidentOpened(), "New");

        // Records interleave as a store returns them: by time, each record's entries in order.
        return history.Entries.OrderBy(e => e.At).ThenBy(e => e.RecordId, StringComparer.Ordinal).ThenBy(e => e.Version).ToList();
    }

    /// <summary>A two-level authority for normal changes of high risk: a peer, then two of the CAB; the others as by default.</summary>
    public static readonly ChangeAuthorityPolicy MultiLevel = new(
        ChangeAuthority.None,
        new ChangeAuthority("Peer or group manager", 1, "peer", "group_manager"),
        new ChangeAuthority("Change manager", 1, "change_manager"),
        new ChangeAuthority("Peer then CAB", new Itsm.Approvals.ApprovalChain("Peer then CAB",
        [
            new Itsm.Approvals.ApprovalLevel("Peer", Itsm.Approvals.ApprovalRule.Any, [Itsm.Approvals.Approver.Role("peer")]),
            new Itsm.Approvals.ApprovalLevel("CAB", Itsm.Approvals.ApprovalRule.Quorum(2), [Itsm.Approvals.Approver.Role("cab")]),
        ])),
        new ChangeAuthority("ECAB", 2, "ecab"));

    /// <summary>The change authority policy of a history: the default or <see cref="MultiLevel"/>.</summary>
    public static ChangeAuthorityPolicy Policy(int seed) => (seed & 1) == 0 ? ChangeAuthorityPolicy.Default : MultiLevel;

    public static IReadOnlyList<ControlDefinition> Controls(int seed)
    {
        var random = new Random(seed ^ 0x5bd1e995);
        var blackouts = Enumerable.Range(0, random.Next(1, 4)).Select(b =>
        {
            var from = Origin + Duration.FromHours(random.Next(0, 28 * 24));
            var services = Services.Where(_ => random.Next(3) == 0).ToArray();
            return new BlackoutWindow($"freeze {b}", new Interval(from, from + Duration.FromHours(random.Next(1, 5 * 24))), services);
        }).ToArray();
        return
        [
            ControlDefinition.NormalChangeAuthorized("CHG-AUTH"),
            ControlDefinition.EmergencyChangeReviewed("CHG-EMERG", random.Next(0, 6), random.Next(2) == 0 ? DayCount.Calendar : DayCount.Business),
            ControlDefinition.NoSelfApproval("SOD", random.Next(3) switch { 0 => null, 1 => [Change.RecordType], _ => [ServiceRequest.RecordType] }),
            ControlDefinition.MajorIncidentReviewed("MI-PIR", random.Next(0, 6), random.Next(2) == 0 ? DayCount.Calendar : DayCount.Business),
            ControlDefinition.NoChangeInBlackout("FREEZE", blackouts),
        ];
    }

    private static Actor Person(Random random) =>
        new(People[random.Next(People.Length)], Roles.Where(_ => random.Next(3) == 0).DefaultIfEmpty("itil").ToArray());

    private static Instant Later(Random random, Instant at) => at + Duration.FromMinutes(random.Next(0, 3 * 24 * 60));

    private static void GenerateChange(Random random, GovernanceHistory history, string id, Instant at)
    {
        var type = (ChangeType)random.Next(3);
        var requester = Person(random);
        history.Change(id, at, requester, GovernanceHistory.Opened(type, random.Next(Services.Length + 1) is var pick && pick < Services.Length ? Services[pick] : null), "New");
        int steps = random.Next(0, 9);
        var delegators = new List<string>();
        for (int s = 0; s < steps; s++)
        {
            at = Later(random, at);
            var actor = random.Next(5) == 0 ? requester : Person(random);
            switch (random.Next(9))
            {
                case 2:
                    // The delegator's roles at this entry are the ones a delegate's decision counts with.
                    history.Change(id, at, actor, new ChangeApprovalDelegated(People[random.Next(People.Length)], "level", null), "Authorize");
                    delegators.Remove(actor.Id);
                    delegators.Add(actor.Id);
                    break;
                case 3 or 4 when delegators.Count > 0:
                    // A delegate decides for one or more delegators (and for themselves, when the level accepts them).
                    var principals = delegators.Where(_ => random.Next(2) == 0).DefaultIfEmpty(delegators[^1]).ToArray();
                    history.Change(id, at, actor, GovernanceHistory.Approved(actor) with { Level = Level(random), OnBehalfOf = string.Join(", ", principals) }, "Authorize");
                    break;
                case 0:
                    history.Change(id, at, actor, GovernanceHistory.Risk((ChangeRisk)random.Next(3)), "Assess");
                    break;
                case 1:
                    var voiding = random.Next(3);
                    history.Change(id, at, actor, voiding switch
                    {
                        0 => new ChangeRejected(actor.Id, "no", RejectionPolicy.ReturnToNew, 1),
                        1 => new ChangePlanEdited("another plan", 1),
                        _ => new ChangeWindowEdited(new Interval(at, at + Duration.FromHours(1)), 1),
                    }, voiding == 0 ? "New" : "Authorize");
                    delegators.Clear();
                    break;
                default:
                    // An approver holds one of the authorities' roles more often than not, so changes get authorised too.
                    var approver = random.Next(2) == 0 ? actor : new Actor(actor.Id, [.. actor.Roles, Roles[random.Next(4)]]);
                    history.Change(id, at, approver, GovernanceHistory.Approved(approver) with { Level = Level(random) }, "Authorize");
                    break;
            }
        }

        if (random.Next(6) == 0)
        {
            history.Change(id, Later(random, at), Person(random), new ChangeCanceled("not needed"), "Canceled");
            return;
        }

        if (random.Next(4) == 0)
        {
            return;
        }

        at = Later(random, at);
        history.Change(id, at, Person(random), new ChangeImplementationStarted("erin"), "Implement");
        switch (random.Next(5))
        {
            case 0:
                return;
            case 1:
                history.Change(id, Later(random, at), Person(random), new ChangeCanceled("backed out"), "Canceled");
                return;
        }

        at = at + Duration.FromMinutes(random.Next(0, 4) == 0 ? 0 : random.Next(1, 2 * 24 * 60));
        history.Change(id, at, Person(random), new ChangeImplementationCompleted(), "Review");
        if (random.Next(4) > 0)
        {
            history.Change(id, at + Duration.FromMinutes(random.Next(0, 9 * 24 * 60)), Person(random), new ChangeClosed(ChangeReviewOutcome.Successful, null), "Closed");
        }
    }

    // The level an approval names: none (a one-level chain), the multi-level authority's two, or one no chain has.
    private static string? Level(Random random) => random.Next(16) switch { < 11 => null, < 14 => "CAB", 14 => "Peer", _ => "Ghost" };

    private static void GenerateIncident(Random random, GovernanceHistory history, string id, Instant at)
    {
        history.Incident(id, at, Person(random), GovernanceHistory.IncidentOpened(), "New");
        bool resolved = false;
        int steps = random.Next(0, 7);
        for (int s = 0; s < steps; s++)
        {
            at = Later(random, at);
            var actor = Person(random);
            switch (random.Next(6))
            {
                case 0 or 1:
                    history.Incident(id, at, actor, new IncidentPromotedToMajor("outage"), resolved ? "Resolved" : "InProgress");
                    break;
                case 2:
                    history.Incident(id, at, actor, new IncidentDemotedFromMajor("contained"), resolved ? "Resolved" : "InProgress");
                    break;
                case 3:
                    history.Incident(id, at, actor, resolved ? new IncidentReopened("again") : new IncidentResolved(IncidentResolutionCode.SolvedPermanently, "fixed"), resolved ? "InProgress" : "Resolved");
                    resolved = !resolved;
                    break;
                default:
                    history.Incident(id, at, actor, new PostIncidentReviewRecorded("lessons"), resolved ? "Resolved" : "InProgress");
                    break;
            }
        }

        if (random.Next(3) == 0)
        {
            history.Incident(id, Later(random, at), Person(random), resolved ? new IncidentClosed() : new IncidentCanceled("duplicate"), resolved ? "Closed" : "Canceled");
        }
    }

    private static void GenerateRequest(Random random, GovernanceHistory history, string id, Instant at)
    {
        var requester = Person(random);
        history.Request(id, at, requester, GovernanceHistory.Submitted(), "Submitted");
        at = Later(random, at);
        // Intermediate approvals of a chain (RecordApproval), now and then by the requester.
        for (int levels = random.Next(0, 3), l = 0; l < levels; l++)
        {
            var intermediate = random.Next(4) == 0 ? requester : Person(random);
            history.Request(id, at, intermediate, new ServiceRequestApprovalRecorded($"L{l}", random.Next(2) == 0, null, null), "AwaitingApproval");
            at = Later(random, at);
        }

        var approver = random.Next(4) == 0 ? requester : Person(random);
        switch (random.Next(4))
        {
            case 0:
                history.Request(id, at, approver, new ServiceRequestRejected("no budget"), "Rejected");
                break;
            case 1:
                break;
            default:
                history.Request(id, at, approver, new ServiceRequestApproved(null), "Fulfilling");
                if (random.Next(2) == 0)
                {
                    history.Request(id, Later(random, at), Person(random), new ServiceRequestClosed(), "Closed");
                }

                break;
        }
    }
}
